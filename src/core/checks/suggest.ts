import { editDistance } from '../edit-distance';

/** The known key closest to a mistyped one, when it is close enough to be a likely typo. */
export function closestKey(key: string, keys: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(key.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of keys) {
    if (Math.abs(candidate.length - key.length) > limit) continue;
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase(), { max: bestDistance });
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}
