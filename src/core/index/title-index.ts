import type { BibEntry } from '../types';
import type { Work } from './workspace-index';
import { FileMultiMap } from './multimap';
import { normaliseTitle } from './titles';

/** Works waiting for their title keys: a run of one file's entries, or one other work with its title. */
type Pending = { file: string; entries: readonly BibEntry[] } | { file: string; work: Work; title: string };

/**
 * Works by title key, the keys computed on the first title look-up after a change: nothing in the
 * extension looks works up by title while a library loads, and keying 50,000 titles eagerly was
 * ~0.2 s of the load. Works wait in the order they were added and enter the map in that order, so
 * every look-up lists the same works in the same order as keying them on arrival did.
 */
export class TitleIndex {
  private readonly map = new FileMultiMap<Work>((w) => w.file);
  private pending: Pending[] = [];

  /** Takes a copy of the list: a bibliography's entries array grows while it loads in slices. */
  addEntries(entries: readonly BibEntry[]): void {
    let start = 0;
    for (let i = 1; i <= entries.length; i++) {
      if (i === entries.length || entries[i].file !== entries[start].file) {
        this.pending.push({ file: entries[start].file, entries: entries.slice(start, i) });
        start = i;
      }
    }
  }

  addWork(work: Work, title: string): void {
    this.pending.push({ file: work.file, work, title });
  }

  get(title: string): readonly Work[] {
    if (this.pending.length) this.flush();
    return this.map.get(normaliseTitle(title));
  }

  removeFile(file: string): void {
    if (this.pending.some((p) => p.file === file)) this.pending = this.pending.filter((p) => p.file !== file);
    this.map.removeFile(file);
  }

  clear(): void {
    this.pending = [];
    this.map.clear();
  }

  private flush(): void {
    for (const p of this.pending) {
      if ('work' in p) {
        this.map.add(normaliseTitle(p.title), p.work);
        continue;
      }
      for (const entry of p.entries) {
        const title = entry.csl.title;
        if (typeof title === 'string' && title) this.map.add(normaliseTitle(title), { kind: 'entry', file: entry.file, entry });
      }
    }
    this.pending = [];
  }
}
