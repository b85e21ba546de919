/** A map from a key to several values, each value owned by one file so a file's part can be dropped. */
export class FileMultiMap<V> {
  private readonly map = new Map<string, V[]>();
  private readonly byFile = new Map<string, Set<string>>();

  constructor(private readonly fileOf: (value: V) => string) {}

  add(key: string, value: V): void {
    let list = this.map.get(key);
    if (!list) this.map.set(key, (list = []));
    list.push(value);
    const file = this.fileOf(value);
    let keys = this.byFile.get(file);
    if (!keys) this.byFile.set(file, (keys = new Set()));
    keys.add(key);
  }

  get(key: string): readonly V[] {
    return this.map.get(key) ?? [];
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  entries(): IterableIterator<[string, V[]]> {
    return this.map.entries();
  }

  removeFile(file: string): void {
    const keys = this.byFile.get(file);
    if (!keys) return;
    for (const key of keys) {
      const kept = (this.map.get(key) ?? []).filter((v) => this.fileOf(v) !== file);
      if (kept.length) this.map.set(key, kept);
      else this.map.delete(key);
    }
    this.byFile.delete(file);
  }
}
