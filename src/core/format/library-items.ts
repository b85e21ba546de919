// The library as CSL items, for exports and the preview: bibliography entries first, study
// records only for keys no bibliography defines (a record has no authors or journal, so an entry
// is always the better description).
import type { WorkspaceIndex } from '../index/workspace-index';
import type { ParsedNote } from '../notes/types';
import type { CslItem, StudyRecord } from '../types';

// One item per record object, so callers can tell by identity that nothing changed (the
// preview's cache, citation-format's per-item cache); a changed file gives a new record.
const studyItems = new WeakMap<StudyRecord, CslItem>();

/** What a study record tells about its publication, as a CSL item. */
export function studyAsCsl(record: StudyRecord): CslItem {
  let item = studyItems.get(record);
  if (!item) studyItems.set(record, (item = studyItemOf(record)));
  return item;
}

function studyItemOf(record: StudyRecord): CslItem {
  return {
    id: record.id,
    type: 'article-journal',
    ...(record.title ? { title: record.title } : {}),
    ...(record.year ? { issued: { 'date-parts': [[record.year]] } } : {}),
    ...(record.doi ? { DOI: record.doi } : {}),
  };
}

/** The item a key cites, or undefined when nothing defines it. */
export function itemForKey(index: WorkspaceIndex, key: string): CslItem | undefined {
  const entry = index.entries(key)[0];
  if (entry) return entry.csl;
  const record = index.studies(key)[0];
  return record ? studyAsCsl(record) : undefined;
}

const byFile = <T extends { file: string }>(a: T, b: T) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * Every item once, in file order (path order) then entry order: bibliographies, then notes'
 * front-matter references, then records of keys no entry defines. A key defined twice is
 * exported once, as its first definition.
 */
export function libraryItems(index: WorkspaceIndex, include: (file: string) => boolean = () => true): CslItem[] {
  const out = new Map<string, CslItem>();
  const add = (item: CslItem, file: string) => {
    if (include(file) && !out.has(item.id)) out.set(item.id, item);
  };
  for (const bib of index.allBibliographies().sort(byFile)) for (const e of bib.entries) add({ ...e.csl, id: e.key }, e.file);
  for (const note of index.notes().sort(byFile)) for (const e of note.inlineReferences?.entries ?? []) add({ ...e.csl, id: e.key }, e.file);
  for (const study of index.allStudies().sort(byFile)) if (study.record) add(studyAsCsl(study.record), study.file);
  return [...out.values()];
}

/** The keys a note cites, once each, in order of first citation. */
export function keysCitedIn(note: ParsedNote): string[] {
  return [...new Set(note.citations.flatMap((c) => (c.kind === 'key' ? [c.key] : [])))];
}

/** Library items some note cites, in library order. */
export function itemsCitedAnywhere(index: WorkspaceIndex, include?: (file: string) => boolean): CslItem[] {
  return libraryItems(index, include).filter((item) => index.citationsOf(item.id).length > 0);
}

/** Items a note cites, in citation order; unresolved keys are left out. */
export function itemsCitedIn(index: WorkspaceIndex, note: ParsedNote): CslItem[] {
  return keysCitedIn(note).flatMap((key) => {
    const item = itemForKey(index, key);
    return item ? [item] : [];
  });
}
