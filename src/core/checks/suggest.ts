import { editDistance } from '../edit-distance';
import { LruCache } from '../lru';

/**
 * Bigram postings of a key list, built once per list: with tens of thousands of keys an edit
 * distance to each, for every unresolved citation, took tens of milliseconds per note.
 */
interface KeyGrams {
  lower: string[];
  /** Bigram → [key position, occurrences in that key, …] flattened. */
  postings: Map<string, number[]>;
}

const gramCache = new WeakMap<readonly string[], KeyGrams>();

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function gramsOf(keys: readonly string[]): KeyGrams {
  let grams = gramCache.get(keys);
  if (grams) return grams;
  grams = { lower: keys.map((k) => k.toLowerCase()), postings: new Map() };
  grams.lower.forEach((key, at) => {
    for (const [g, count] of bigrams(key)) {
      const list = grams!.postings.get(g);
      if (list) list.push(at, count);
      else grams!.postings.set(g, [at, count]);
    }
  });
  gramCache.set(keys, grams);
  return grams;
}

/**
 * The known key closest to a mistyped one, when it is close enough to be a likely typo. Pass the
 * same array (index.knownKeys()) each time so its bigram postings are reused.
 */
export function closestKey(key: string, keys: Iterable<string>): string | undefined {
  const list = Array.isArray(keys) ? (keys as readonly string[]) : [...keys];
  // The answer depends on the key and the list alone; the list is a new array whenever the library
  // changes, which is what invalidates. Kept because every check of a note asked again for each of
  // its unknown keys (~60 in the long bench note, a few ms each).
  let answers = answerCache.get(list);
  if (!answers) answerCache.set(list, (answers = new LruCache(5000)));
  const cached = answers.get(key);
  if (cached !== undefined) return cached === NONE ? undefined : cached;
  const answer = computeClosestKey(key, list);
  answers.set(key, answer ?? NONE);
  return answer;
}

const NONE = '\u0000none';
const answerCache = new WeakMap<readonly string[], LruCache<string, string>>();

function computeClosestKey(key: string, list: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(key.length / 4));
  const lowerKey = key.toLowerCase();
  const grams = gramsOf(list);
  // q-gram lemma: each edit destroys at most two of the key's bigram occurrences, so a key within
  // `limit` edits shares at least this many; the others cannot be suggested and are skipped.
  const needed = lowerKey.length - 1 - 2 * limit;
  let shared: Int32Array | undefined;
  if (needed > 0) {
    shared = new Int32Array(list.length);
    for (const [g, count] of bigrams(lowerKey)) {
      const postings = grams.postings.get(g);
      if (!postings) continue;
      for (let i = 0; i < postings.length; i += 2) shared[postings[i]] += Math.min(count, postings[i + 1]);
    }
  }
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (let i = 0; i < list.length; i++) {
    if (shared && shared[i] < needed) continue;
    const candidate = grams.lower[i];
    if (Math.abs(list[i].length - key.length) > limit) continue;
    const d = editDistance(lowerKey, candidate, { max: bestDistance });
    if (d < bestDistance) {
      bestDistance = d;
      best = list[i];
    }
  }
  return best;
}
