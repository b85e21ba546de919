// The DOI resolver: answers from memory and the disk cache synchronously (peek), asks the
// network asynchronously (resolve), at most a few requests at once, one request per DOI however
// many callers ask for it.
import { normaliseDoi } from '../doi';
import type { CslItem } from '../types';
import type { MetadataCache } from './cache';
import { CROSSREF_SOURCE, readCrossrefWork, retractedByNotice, retractionRelations } from './crossref';
import type { FetchLike, HttpOptions, HttpOutcome } from './http';
import { getJson } from './http';
import type { RetractionIndex } from './retraction-list';
import type { MetadataLookup, ResolvedWork, RetractionNotice } from './types';

export const CSL_JSON_ACCEPT = 'application/vnd.citationstyles.csl+json';
export const USER_AGENT = 'EvidenceLens (DOI metadata for literature reviews)';

/** What the user configures; can change while the resolver lives. */
export interface ResolverSettings {
  /** A request goes to baseUrl + DOI. */
  baseUrl: string;
  online: boolean;
  timeoutMs: number;
  /** Ask Crossref's REST API first (it carries retraction relations), doi.org when it has no answer. */
  crossref: boolean;
  crossrefUrl: string;
  mailto?: string;
}

export interface ResolverOptions {
  fetch: FetchLike;
  settings: ResolverSettings;
  cache?: MetadataCache;
  maxConcurrent?: number;
  maxBytes?: number;
  retries?: number;
  retryBaseMs?: number;
  maxRetryAfterMs?: number;
  /** A failed answer is kept this long before the next resolve asks again. */
  errorRetryMs?: number;
  /**
   * After this many requests in a row got no answer at all (timeout, refused, no network), other
   * DOIs are not asked for errorRetryMs: a check over hundreds of DOIs then ends in one time
   * limit instead of hundreds. A forced refresh still asks.
   */
  unreachableAfter?: number;
  now?: () => number;
  /** Every HTTP attempt, for the request log. */
  onRequest?: (request: { doi: string; url: string; status: number | string; ms: number }) => void;
}

export const DEFAULT_SETTINGS: ResolverSettings = {
  baseUrl: 'https://doi.org/',
  online: true,
  timeoutMs: 8000,
  crossref: false,
  crossrefUrl: 'https://api.crossref.org/',
};

export interface ResolveOptions {
  signal?: AbortSignal;
  /** Ask the network even when memory or the cache has an answer. */
  force?: boolean;
}

/** CSL fields kept from an answer: enough for checks, hovers and a bibliography entry. */
const KEPT_FIELDS = [
  'type', 'title', 'subtitle', 'author', 'editor', 'issued', 'published-print', 'published-online', 'container-title',
  'container-title-short', 'volume', 'issue', 'page', 'DOI', 'URL', 'publisher', 'ISSN', 'PMID',
];

export class Resolver implements MetadataLookup {
  private settings: ResolverSettings;
  private readonly memory = new Map<string, ResolvedWork>();
  private readonly inFlight = new Map<string, Promise<ResolvedWork>>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private readonly listeners = new Set<(work: ResolvedWork) => void>();
  private retractionList: RetractionIndex = new Map();
  /** Retractions learnt from resolved notices' `update-to` relations, by retracted DOI. */
  private readonly learnt = new Map<string, RetractionNotice>();
  private readonly now: () => number;
  private unreachableInARow = 0;
  private lastUnreachable = 0;

  constructor(private readonly options: ResolverOptions) {
    this.settings = { ...options.settings };
    this.now = options.now ?? Date.now;
  }

  /** Resolves once the disk cache has been read. */
  get ready(): Promise<void> {
    return this.options.cache?.loaded ?? Promise.resolve();
  }

  configure(settings: Partial<ResolverSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  get online(): boolean {
    return this.settings.online;
  }

  setRetractionList(index: RetractionIndex): void {
    this.retractionList = index;
  }

  peek(doi: string): ResolvedWork | undefined {
    const normal = normaliseDoi(doi);
    if (!normal) return undefined;
    return this.memory.get(normal) ?? this.options.cache?.get(normal);
  }

  retractionOf(doi: string): RetractionNotice | undefined {
    const normal = normaliseDoi(doi);
    if (!normal) return undefined;
    return this.retractionList.get(normal) ?? this.peek(normal)?.retractions?.[0] ?? this.learnt.get(normal);
  }

  /** Called with each answer as it arrives (found, not found or failed). */
  onDidResolve(listener: (work: ResolvedWork) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async resolve(doi: string, options: ResolveOptions = {}): Promise<ResolvedWork> {
    const normal = normaliseDoi(doi);
    if (!normal) return { doi, status: 'error', source: 'resolver', fetchedAt: this.now(), error: 'not a valid DOI' };
    await this.ready;
    const known = this.peek(normal);
    if (known && !options.force && (known.status !== 'error' || this.now() - known.fetchedAt < (this.options.errorRetryMs ?? 60_000))) return known;
    if (!this.settings.online) return known ?? { doi: normal, status: 'error', source: 'resolver', fetchedAt: this.now(), error: 'offline' };
    const running = this.inFlight.get(normal);
    if (running) return running;
    const promise = this.fetchWork(normal, options).finally(() => this.inFlight.delete(normal));
    this.inFlight.set(normal, promise);
    return promise;
  }

  /** Every DOI's answer, in the order given; `onProgress` after each one. */
  async resolveMany(
    dois: readonly string[],
    options: ResolveOptions & { onProgress?: (done: number, total: number, work: ResolvedWork) => void } = {},
  ): Promise<ResolvedWork[]> {
    const unique = [...new Set(dois.map((d) => normaliseDoi(d)).filter((d): d is string => !!d))];
    let done = 0;
    return Promise.all(
      unique.map(async (doi) => {
        const work = await this.resolve(doi, options);
        options.onProgress?.(++done, unique.length, work);
        return work;
      }),
    );
  }

  /** Resolves once the answers so far are written to the disk cache. */
  async flush(): Promise<void> {
    await this.options.cache?.flush();
  }

  private async fetchWork(doi: string, { signal, force }: ResolveOptions): Promise<ResolvedWork> {
    await this.acquire();
    let work: ResolvedWork;
    try {
      // Checked once a slot is free: the requests ahead in the queue may have just failed.
      if (!force && this.seemsUnreachable()) {
        return { doi, status: 'error', source: sourceName(this.settings.baseUrl), fetchedAt: this.now(), error: 'the resolver is unreachable; not asked' };
      }
      work = await this.ask(doi, signal);
    } finally {
      this.release();
    }
    // A cancelled request says nothing about the DOI: keep the previous answer.
    if (signal?.aborted && work.status === 'error') return this.peek(doi) ?? work;
    // Nor does a failed one: an answer from before (a refresh, the server down) keeps serving.
    const previous = work.status === 'error' ? this.peek(doi) : undefined;
    if (!previous || previous.status === 'error') {
      this.memory.set(doi, work);
      this.options.cache?.set(work);
    }
    for (const listener of this.listeners) listener(work);
    return work;
  }

  private async ask(doi: string, signal?: AbortSignal): Promise<ResolvedWork> {
    const s = this.settings;
    const path = doi.split('/').map(encodeURIComponent).join('/');
    let crossrefOutcome: HttpOutcome | undefined;
    if (s.crossref) {
      const query = s.mailto ? `?mailto=${encodeURIComponent(s.mailto)}` : '';
      crossrefOutcome = await this.get(doi, `${s.crossrefUrl}works/${path}${query}`, 'application/json', signal);
      const read = crossrefOutcome.kind === 'ok' ? readCrossrefWork(crossrefOutcome.json) : undefined;
      if (read) {
        this.learn((crossrefOutcome as { json: { message: Record<string, unknown> } }).json.message, doi);
        return this.found(doi, read.item, CROSSREF_SOURCE, read.retractions);
      }
    }
    const outcome = await this.get(doi, s.baseUrl + path, CSL_JSON_ACCEPT, signal);
    const source = sourceName(s.baseUrl);
    if (outcome.kind === 'ok') {
      const json = outcome.json;
      if (!json || typeof json !== 'object' || Array.isArray(json)) return this.failed(doi, source, 'the answer is not CSL-JSON');
      this.learn(json as Record<string, unknown>, doi);
      return this.found(doi, keptFields(json as Record<string, unknown>, doi), source, retractionRelations(json as Record<string, unknown>));
    }
    if (outcome.kind === 'not-found') {
      // Crossref failing is no evidence either way; both saying 404 (or doi.org alone) is.
      if (crossrefOutcome && crossrefOutcome.kind === 'error') return this.failed(doi, CROSSREF_SOURCE, crossrefOutcome.message);
      return { doi, status: 'not-found', source, fetchedAt: this.now() };
    }
    return this.failed(doi, source, outcome.message);
  }

  private learn(notice: Record<string, unknown>, noticeDoi: string): void {
    for (const { doi, notice: n } of retractedByNotice(notice, noticeDoi)) this.learnt.set(doi, n);
  }

  private seemsUnreachable(): boolean {
    const errorRetryMs = this.options.errorRetryMs ?? 60_000;
    return this.unreachableInARow >= (this.options.unreachableAfter ?? 3) && this.now() - this.lastUnreachable < errorRetryMs;
  }

  private noteReachability(outcome: HttpOutcome): void {
    if (outcome.kind === 'error' && outcome.unreachable) {
      this.unreachableInARow++;
      this.lastUnreachable = this.now();
    } else if (outcome.kind !== 'error' || outcome.status !== undefined) this.unreachableInARow = 0;
  }

  private async get(doi: string, url: string, accept: string, signal?: AbortSignal): Promise<HttpOutcome> {
    const s = this.settings;
    const userAgent = s.crossref && s.mailto ? `${USER_AGENT} mailto:${s.mailto}` : USER_AGENT;
    const http: HttpOptions = {
      fetch: this.options.fetch,
      timeoutMs: s.timeoutMs,
      maxBytes: this.options.maxBytes ?? 2 * 1024 * 1024,
      retries: this.options.retries ?? 2,
      retryBaseMs: this.options.retryBaseMs ?? 500,
      maxRetryAfterMs: this.options.maxRetryAfterMs ?? 10_000,
      now: this.now,
    };
    const outcome = await getJson(url, { Accept: accept, 'User-Agent': userAgent }, http, signal, (a) => this.options.onRequest?.({ doi, ...a }));
    this.noteReachability(outcome);
    return outcome;
  }

  private found(doi: string, item: CslItem, source: string, retractions: RetractionNotice[]): ResolvedWork {
    return { doi, status: 'found', item, source, fetchedAt: this.now(), ...(retractions.length ? { retractions } : {}) };
  }

  private failed(doi: string, source: string, error: string): ResolvedWork {
    return { doi, status: 'error', source, fetchedAt: this.now(), error };
  }

  private acquire(): Promise<void> {
    if (this.active < (this.options.maxConcurrent ?? 4)) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve)); // the slot passes on in release()
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** "doi.org", or the host of a configured resolver, for messages. */
export function sourceName(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

/** The answer's bibliographic fields only (doi.org adds reference lists, licences, funders…). */
function keptFields(json: Record<string, unknown>, doi: string): CslItem {
  const item: CslItem = { id: doi };
  for (const field of KEPT_FIELDS) {
    let value = json[field];
    // Some registration agencies send title and container-title as arrays.
    if ((field === 'title' || field === 'container-title' || field === 'container-title-short') && Array.isArray(value)) value = value[0];
    if (value !== undefined && value !== null && value !== '') item[field] = value;
  }
  if (typeof item.DOI !== 'string') item.DOI = doi;
  return item;
}
