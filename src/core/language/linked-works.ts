// The bibliography entries and study records a citation stands for, shared by hover, definition
// and the citing-note count. Numbered items go through the claim checks' own item-to-record link
// (studiesForReferenceItem: DOI first, title when the DOI is wrong) so both agree.
import { studiesForReferenceItem, uniqueRecords } from '../claims/cited-studies';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { BibEntry, StudyRecord } from '../types';
import type { Target } from './target';

export interface LinkedWorks {
  entries: BibEntry[];
  records: StudyRecord[];
}

export function linkedWorks(index: WorkspaceIndex, target: Target): LinkedWorks {
  if (target.kind === 'key') return { entries: [...index.entries(target.key)], records: [...index.studies(target.key)] };
  if (target.kind === 'numbered') {
    if (!target.item) return { entries: [], records: [] };
    const records = studiesForReferenceItem(target.item, index);
    const dois = target.item.dois.flatMap((d) => (d.doi ? [d.doi] : []));
    return withRecordEntries(index, entriesForDois(index, dois), records);
  }
  if (!target.doi) return { entries: [], records: [] };
  const records = index.worksForDoi(target.doi).flatMap((w) => (w.kind === 'study' ? [w.study] : []));
  return withRecordEntries(index, entriesForDois(index, [target.doi]), uniqueRecords(records));
}

function entriesForDois(index: WorkspaceIndex, dois: string[]): BibEntry[] {
  return dois.flatMap((doi) => index.worksForDoi(doi).flatMap((w) => (w.kind === 'entry' ? [w.entry] : [])));
}

/** A record found by title also brings the entry with its key, even when the item's DOI is wrong. */
function withRecordEntries(index: WorkspaceIndex, entries: BibEntry[], records: StudyRecord[]): LinkedWorks {
  const all = [...entries, ...records.flatMap((r) => index.entries(r.id))];
  // Entries that agree with the records come first, so a wrong DOI's entry does not lead the hover.
  const recordIds = new Set(records.map((r) => r.id));
  const unique = [...new Set(all)].sort((a, b) => Number(recordIds.has(b.key)) - Number(recordIds.has(a.key)));
  return { entries: unique, records };
}

/** Keys of the works: entry keys and record ids, each once. */
export function keysOf(works: LinkedWorks): string[] {
  return [...new Set([...works.entries.map((e) => e.key), ...works.records.map((r) => r.id)])];
}

/** How many notes cite the works (or the extra keys, for a key no library defines), by key or by a numbered item carrying one of their DOIs. */
export function citingNoteCount(index: WorkspaceIndex, works: LinkedWorks, extraDois: string[] = [], extraKeys: string[] = []): number {
  const files = new Set<string>();
  for (const key of new Set([...keysOf(works), ...extraKeys])) for (const site of index.citationsOf(key)) files.add(site.file);
  const dois = new Set(extraDois);
  for (const r of works.records) if (r.doi) dois.add(r.doi);
  for (const e of works.entries) if (typeof e.csl.DOI === 'string') dois.add(e.csl.DOI);
  for (const doi of dois) for (const w of index.worksForDoi(doi)) if (w.kind === 'reference-item') files.add(w.file);
  return files.size;
}
