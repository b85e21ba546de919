// The on-disk cache of resolver answers: one JSON document keyed by normalised DOI, with a
// time to live per kind of answer and a size cap. Storage is abstract so the CLI, the extension
// (global storage) and tests each bring their own.
import type { ResolvedWork } from './types';

/** Where the cache document lives. `write` must be atomic (a reader sees the old or the new text). */
export interface CacheStorage {
  /** The stored text, or undefined when there is none yet. */
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
  /** Moves an unreadable document out of the way (kept for inspection), so a new one can start. */
  setAside(): Promise<void>;
}

export interface CacheOptions {
  /** How long a found answer stays fresh. */
  foundTtlMs: number;
  /** How long a 404 stays fresh: a DOI can be registered later. */
  notFoundTtlMs: number;
  maxEntries: number;
  /** Cap on the serialised document, in characters. */
  maxChars: number;
  /** Wait before writing, so a burst of answers makes one write. */
  writeDelayMs: number;
  now: () => number;
  onError?: (message: string) => void;
}

export const DEFAULT_CACHE_OPTIONS: CacheOptions = {
  foundTtlMs: 30 * 24 * 3600 * 1000,
  notFoundTtlMs: 24 * 3600 * 1000,
  maxEntries: 20000,
  maxChars: 16 * 1024 * 1024,
  writeDelayMs: 200,
  now: Date.now,
};

const FORMAT_VERSION = 1;

export class MetadataCache {
  private readonly entries = new Map<string, ResolvedWork>();
  private readonly options: CacheOptions;
  private saving: Promise<void> = Promise.resolve();
  private saveQueued = false;
  /** Resolves when the stored document has been read (or found missing or corrupt). */
  readonly loaded: Promise<void>;

  constructor(
    private readonly storage: CacheStorage,
    options: Partial<CacheOptions> = {},
  ) {
    this.options = { ...DEFAULT_CACHE_OPTIONS, ...options };
    this.loaded = this.load();
  }

  /** A fresh answer for the DOI; stale ones are dropped. */
  get(doi: string): ResolvedWork | undefined {
    const work = this.entries.get(doi);
    if (!work) return undefined;
    if (this.isFresh(work)) return work;
    this.entries.delete(doi);
    return undefined;
  }

  dois(): string[] {
    return [...this.entries.keys()];
  }

  /** Keeps found and not-found answers; errors are never cached (the next check asks again). */
  set(work: ResolvedWork): void {
    if (work.status === 'error') return;
    this.entries.delete(work.doi); // re-insert so Map order stays oldest first
    this.entries.set(work.doi, work);
    this.scheduleSave();
  }

  /** Resolves once every answer set so far is on disk. */
  async flush(): Promise<void> {
    await this.loaded;
    await this.saving;
  }

  private isFresh(work: ResolvedWork): boolean {
    const ttl = work.status === 'found' ? this.options.foundTtlMs : work.status === 'not-found' ? this.options.notFoundTtlMs : 0;
    return this.options.now() - work.fetchedAt < ttl;
  }

  private async load(): Promise<void> {
    let text: string | undefined;
    try {
      text = await this.storage.read();
    } catch (err) {
      this.options.onError?.(`cannot read the DOI cache: ${String(err)}`);
      return;
    }
    if (text === undefined) return;
    const works = parseDocument(text);
    if (!works) {
      this.options.onError?.('the DOI cache was unreadable; it was set aside and a new one started');
      await this.storage.setAside().catch((err) => this.options.onError?.(`cannot set the DOI cache aside: ${String(err)}`));
      return;
    }
    // Answers set while loading are newer than the stored ones.
    const newer = new Map(this.entries);
    this.entries.clear();
    for (const w of works.sort((a, b) => a.fetchedAt - b.fetchedAt)) if (this.isFresh(w)) this.entries.set(w.doi, w);
    for (const w of newer.values()) {
      this.entries.delete(w.doi);
      this.entries.set(w.doi, w);
    }
  }

  private scheduleSave(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    this.saving = this.saving
      .then(() => this.loaded)
      .then(() => new Promise((resolve) => setTimeout(resolve, this.options.writeDelayMs)))
      .then(() => {
        this.saveQueued = false;
        return this.storage.write(this.serialise());
      })
      .catch((err) => {
        this.saveQueued = false;
        this.options.onError?.(`cannot write the DOI cache: ${String(err)}`);
      });
  }

  /** The document, oldest answers evicted first until it fits the caps. */
  private serialise(): string {
    const fresh = [...this.entries.values()].filter((w) => this.isFresh(w)).sort((a, b) => a.fetchedAt - b.fetchedAt);
    const sizes = fresh.map((w) => JSON.stringify(w).length + 1);
    let total = sizes.reduce((a, b) => a + b, 40);
    let start = 0;
    while (start < fresh.length && (fresh.length - start > this.options.maxEntries || total > this.options.maxChars)) {
      total -= sizes[start];
      this.entries.delete(fresh[start].doi);
      start++;
    }
    return JSON.stringify({ version: FORMAT_VERSION, works: fresh.slice(start) });
  }
}

/** The stored works, or undefined when the text is not a cache document this version wrote. */
function parseDocument(text: string): ResolvedWork[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const { version, works } = doc as { version?: unknown; works?: unknown };
  if (version !== FORMAT_VERSION || !Array.isArray(works)) return undefined;
  const valid = works.filter(
    (w): w is ResolvedWork =>
      !!w &&
      typeof w === 'object' &&
      typeof (w as ResolvedWork).doi === 'string' &&
      ((w as ResolvedWork).status === 'found' || (w as ResolvedWork).status === 'not-found') &&
      typeof (w as ResolvedWork).fetchedAt === 'number',
  );
  return valid.length === works.length ? valid : undefined;
}
