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
