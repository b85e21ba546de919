/** A map from a key to several values, each value owned by one file so a file's part can be dropped. */
export class FileMultiMap<V> {
  private readonly map = new Map<string, V[]>();
  /**
   * Keys each file added values under, repeats allowed: a library's entries arrive together, and
   * an array push per key (with the last file's list at hand) costs a fraction of a set's add.
   */
  private readonly byFile = new Map<string, string[]>();
  private lastFile: string | undefined;
  private lastKeys: string[] = [];

  constructor(private readonly fileOf: (value: V) => string) {}

  add(key: string, value: V): void {
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
    const file = this.fileOf(value);
    if (file !== this.lastFile) {
      let keys = this.byFile.get(file);
      if (!keys) this.byFile.set(file, (keys = []));
      this.lastFile = file;
      this.lastKeys = keys;
    }
    this.lastKeys.push(key);
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
      const list = this.map.get(key);
      if (!list) continue; // a repeated key, already emptied
      const kept = list.filter((v) => this.fileOf(v) !== file);
      if (kept.length === list.length) continue; // a repeated key, already filtered
      if (kept.length) this.map.set(key, kept);
      else this.map.delete(key);
    }
    this.byFile.delete(file);
    if (this.lastFile === file) this.forgetLast();
  }

  clear(): void {
    this.map.clear();
    this.byFile.clear();
    this.forgetLast();
  }

  private forgetLast(): void {
    this.lastFile = undefined;
    this.lastKeys = [];
  }
}

/**
 * The same contract for values a file adds all at once (a note's citations): values kept per key
 * and file, so dropping a file deletes its lists instead of filtering every list it touched (a
 * 5,000-line note's citations were ~47,000 list entries to filter on every keystroke). `get`
 * flattens per key, in the order files were added, on first use after a change.
 */
export class FileGroupedMultiMap<V> {
  private readonly map = new Map<string, Map<string, V[]>>();
  private readonly flat = new Map<string, V[]>();
  private readonly byFile = new Map<string, Set<string>>();
  /** Files whose values were replaced but not yet grouped by key (see replaceFileLazily). */
  private readonly pending = new Map<string, () => Iterable<[string, V]>>();

  constructor(private readonly fileOf: (value: V) => string) {}

  add(key: string, value: V): void {
    this.flush();
    const file = this.fileOf(value);
    let files = this.map.get(key);
    if (!files) this.map.set(key, (files = new Map()));
    let list = files.get(file);
    if (!list) files.set(file, (list = []));
    list.push(value);
    this.flat.delete(key);
    let keys = this.byFile.get(file);
    if (!keys) this.byFile.set(file, (keys = new Set()));
    keys.add(key);
  }

  get(key: string): readonly V[] {
    this.flush();
    let list = this.flat.get(key);
    if (!list) {
      const files = this.map.get(key);
      if (!files) return [];
      list = files.size === 1 ? [...files.values()][0].slice() : [...files.values()].flat();
      this.flat.set(key, list);
    }
    return list;
  }

  has(key: string): boolean {
    this.flush();
    return this.map.has(key);
  }

  /**
   * replaceFile, done when the map is next read: a note is re-indexed after every edit, and its
   * citations grouped by key were read by no check of that edit (the editor's look-ups, "cited
   * by", the tree, read them later, once). At most one file waits: any other is grouped now, so
   * loading a thousand notes does not leave them all for one long first read.
   */
  replaceFileLazily(file: string, values: () => Iterable<[string, V]>): void {
    this.pending.delete(file);
    this.flush();
    this.pending.set(file, values);
  }

  private flush(): void {
    for (const [file, values] of this.pending) {
      this.pending.delete(file);
      this.replaceFile(file, values());
    }
  }

  /**
   * The same as removeFile then add for each of `values` (all of `file`'s, in order), without
   * emptying and refilling the maps of the keys the file keeps: a note re-indexed after an edit
   * cites mostly the keys it cited before.
   */
  private replaceFile(file: string, values: Iterable<[string, V]>): void {
    const grouped = new Map<string, V[]>();
    for (const [key, value] of values) {
      const list = grouped.get(key);
      if (list) list.push(value);
      else grouped.set(key, [value]);
    }
    const old = this.byFile.get(file);
    if (old) for (const key of old) if (!grouped.has(key)) this.removeKey(key, file);
    for (const [key, list] of grouped) {
      let files = this.map.get(key);
      if (!files) this.map.set(key, (files = new Map()));
      // Deleted first so the file goes last, where removeFile and add would put it.
      files.delete(file);
      files.set(file, list);
      this.flat.delete(key);
    }
    if (grouped.size) this.byFile.set(file, new Set(grouped.keys()));
    else this.byFile.delete(file);
  }

  removeFile(file: string): void {
    this.pending.delete(file);
    const keys = this.byFile.get(file);
    if (!keys) return;
    for (const key of keys) this.removeKey(key, file);
    this.byFile.delete(file);
  }

  clear(): void {
    this.pending.clear();
    this.map.clear();
    this.flat.clear();
    this.byFile.clear();
  }

  private removeKey(key: string, file: string): void {
    const files = this.map.get(key);
    files?.delete(file);
    if (files?.size === 0) this.map.delete(key);
    this.flat.delete(key);
  }
}
