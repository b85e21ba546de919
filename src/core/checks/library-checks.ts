import { normaliseDoi } from '../doi';
import type { WorkspaceIndex } from '../index/workspace-index';
import { compareRanges } from '../text';
import type { BibEntry, Finding, StudyRecord } from '../types';
import { finding } from '../types';

/** Problems of the library as a whole: parser faults, DOIs shared by different keys, repeated record ids. */
export function checkLibrary(index: WorkspaceIndex): Finding[] {
  return [...index.libraryFindings(), ...duplicateDois(index.allEntries()), ...duplicateStudyIds(index.allRecords())];
}

function byPlace<T extends { file: string; range: BibEntry['range'] }>(a: T, b: T): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : compareRanges(a.range, b.range);
}

function duplicateDois(entries: BibEntry[]): Finding[] {
  const byDoi = new Map<string, BibEntry[]>();
  for (const entry of entries) {
    const doi = typeof entry.csl.DOI === 'string' ? normaliseDoi(entry.csl.DOI) : undefined;
    if (!doi) continue;
    let list = byDoi.get(doi);
    if (!list) byDoi.set(doi, (list = []));
    list.push(entry);
  }
  const out: Finding[] = [];
  for (const list of byDoi.values()) {
    if (list.length < 2) continue;
    list.sort(byPlace);
    const first = list[0];
    for (const entry of list.slice(1)) {
      if (entry.key === first.key) continue; // the same work listed in two bibliographies under one key
      out.push(
        finding(
          'reference.duplicate-doi',
          entry.file,
          entry.fieldRanges.DOI ?? entry.keyRange,
          `Entries '${first.key}' and '${entry.key}' have the same DOI ${String(entry.csl.DOI)}.`,
          { related: [{ file: first.file, range: first.fieldRanges.DOI ?? first.keyRange, message: `'${first.key}' has this DOI.` }] },
        ),
      );
    }
  }
  return out;
}

function duplicateStudyIds(records: StudyRecord[]): Finding[] {
  const byId = new Map<string, StudyRecord[]>();
  for (const r of records) {
    let list = byId.get(r.id);
    if (!list) byId.set(r.id, (list = []));
    list.push(r);
  }
  const out: Finding[] = [];
  for (const list of byId.values()) {
    if (list.length < 2) continue;
    list.sort(byPlace);
    for (const r of list.slice(1)) {
      out.push(
        finding('study.invalid', r.file, r.idRange, `Study id '${r.id}' is already used by another record.`, {
          related: [{ file: list[0].file, range: list[0].idRange, message: `'${r.id}' is defined here.` }],
        }),
      );
    }
  }
  return out;
}
