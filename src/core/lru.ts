/**
 * A Map that forgets its least recently used entries past `limit`: the caches keyed by text (a
 * paragraph, a sentence) would otherwise grow with every keystroke of a long editing session.
 * Map keeps insertion order, so re-inserting on a hit makes the first key the least recent.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (typeof key === 'string') key = own(key) as K;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}

/**
 * A copy of `s` that holds no reference to a larger string. V8 makes `slice` (and regex matches)
 * views into their parent, so a sentence cut from a note's text kept that whole text (200 KB for
 * the long bench note) alive for as long as a cache held the sentence: one text per edit.
 * Concatenating then slicing forces a flat copy.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** `value` with every string in it (in plain objects and arrays, recursively) replaced by `own`'s copy. */
export function ownStrings<T>(value: T): T {
  if (typeof value === 'string') return own(value) as T;
  if (Array.isArray(value)) return value.map(ownStrings) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = ownStrings(v);
    return out as T;
  }
  return value;
}
