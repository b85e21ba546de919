/**
 * A map that forgets what was not used lately: the caches keyed by text (a paragraph, a sentence)
 * would otherwise grow with every keystroke of a long editing session. Two generations instead of
 * a strict LRU order: entries go into the young map; when it holds `limit` entries it becomes the
 * old one and the previous old one is dropped; a hit in the old map moves the entry back. Every
 * operation is O(1) — a Map kept in LRU order by delete-and-re-insert slowed to a crawl once
 * full, because finding its first live key skips every deleted slot before it.
 * Holds at most 2 × `limit` entries.
 */
export class LruCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.put(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): void {
    if (typeof key === 'string') key = own(key) as K;
    this.old.delete(key);
    this.put(key, value);
  }

  private put(key: K, value: V): void {
    if (this.young.size >= this.limit && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
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
