/** The known key closest to a mistyped one, when it is close enough to be a likely typo. */
export function closestKey(key: string, keys: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(key.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of keys) {
    if (Math.abs(candidate.length - key.length) > limit) continue;
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `max`) once it cannot be below `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin >= max) return max;
    prev = cur;
  }
  return prev[b.length];
}
