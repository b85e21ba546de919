/**
 * Large bibliographies are parsed on a worker thread, not on the extension host's thread.
 *
 * Why a worker rather than setImmediate slices: one 50,000-entry BibTeX file is a single parse of
 * several seconds, most of it inside citation-js, which cannot be cut into slices from outside;
 * yielding between files would still leave that one file holding the host for seconds. The worker
 * parses the whole file on another core and sends entries back as serialised batches of 100; the
 * main thread deserialises and indexes one batch per event-loop turn (a few ms each).
 * No `vscode` import: the unit tests run this in plain node.
 */
import * as path from 'path';
import type { Worker } from 'worker_threads';
import { parseBibliography } from '../../core/bibliography';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import type { BibEntry, BibliographyFormat, Finding, ParsedBibliography } from '../../core/types';

export interface BibliographyRequest {
  id: number;
  file: string;
  text: string;
}

export interface BibliographyReply {
  id: number;
  format: BibliographyFormat;
  findings: Finding[];
  /** The entries in order, v8-serialised in batches. */
  batches: Uint8Array[];
}

/** A parsed bibliography whose entries are still serialised. */
type SerialisedBibliography = Omit<BibliographyReply, 'id'> & { file: string };

/** Below this many characters a bibliography parses in well under 50 ms: done in place, no round trip. */
export const WORKER_THRESHOLD = 100_000;
/** Entries added to the index per event-loop turn (when parsed in place). */
const INDEX_SLICE = 200;

interface Pending {
  file: string;
  resolve(parsed: SerialisedBibliography): void;
  reject(err: Error): void;
}

export class BibliographyWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  /** `script`: the worker entry; beside this file both in dist/ (bundled) and out/ (tests). */
  constructor(private readonly script = path.join(__dirname, 'parse-worker.js')) {}

  async parse(text: string, file: string): Promise<SerialisedBibliography> {
    // Starting a worker (~10–30 ms) and copying a library of megabytes to it (as long again) are
    // each a turn of their own, not one after the reading and decoding of the file.
    if (!this.worker) {
      this.start();
      await nextTurn();
    }
    await nextTurn();
    const worker = this.start(); // the same one, unless it died in between
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { file, resolve, reject });
      worker.postMessage({ id, file, text } satisfies BibliographyRequest);
    });
  }

  /** Parses (here when small, else on the worker) and replaces the file's bibliography in the index. */
  async index(index: WorkspaceIndex, file: string, text: string): Promise<void> {
    if (text.length < WORKER_THRESHOLD) return indexInSlices(index, parseBibliography(text, file));
    let parsed: SerialisedBibliography;
    try {
      parsed = await this.parse(text, file);
    } catch {
      return indexInSlices(index, parseBibliography(text, file)); // a dead worker must not lose the library
    }
    index.setBibliography({ file, format: parsed.format, findings: parsed.findings, entries: [] });
    for (const batch of parsed.batches) {
      await nextTurn();
      index.addBibliographyEntries(file, (require('v8') as typeof import('v8')).deserialize(batch) as BibEntry[]);
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // Required here: loading worker_threads cost ~10 ms of activation, for libraries that may never come.
    const { Worker } = require('worker_threads') as typeof import('worker_threads');
    const worker = new Worker(this.script);
    worker.unref(); // never keeps a process (the tests, the CLI) alive
    worker.on('message', (reply: BibliographyReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      job.resolve({ file: job.file, format: reply.format, findings: reply.findings, batches: reply.batches });
    });
    const fail = (err: Error) => {
      this.worker = undefined;
      for (const job of this.pending.values()) job.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`bibliography worker exited with code ${code}`)));
    return (this.worker = worker);
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

/** Sets the bibliography, then adds its entries a slice per event-loop turn. */
export async function indexInSlices(index: WorkspaceIndex, parsed: ParsedBibliography): Promise<void> {
  index.setBibliography({ ...parsed, entries: parsed.entries.slice(0, INDEX_SLICE) });
  for (let i = INDEX_SLICE; i < parsed.entries.length; i += INDEX_SLICE) {
    await nextTurn();
    index.addBibliographyEntries(parsed.file, parsed.entries.slice(i, i + INDEX_SLICE));
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
