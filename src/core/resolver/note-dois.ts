import { normaliseDoi } from '../doi';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { ParsedNote } from '../notes/types';

/**
 * The valid DOIs a note mentions (in prose and in its reference list) that no bibliography or
 * study record holds: the ones only the resolver can say anything about.
 */
export function doisToResolve(note: ParsedNote, index: WorkspaceIndex): string[] {
  const out = new Set<string>();
  for (const mention of [...note.dois, ...(note.referenceList?.items.flatMap((i) => i.dois) ?? [])]) {
    if (!mention.doi || out.has(mention.doi)) continue;
    if (index.worksForDoi(mention.doi).some((w) => w.kind !== 'reference-item')) continue;
    out.add(mention.doi);
  }
  return [...out];
}

/**
 * Every DOI a note's findings can depend on: the DOIs it mentions and those of the entries and
 * records it cites by key (a retraction notice for one of them changes the note's findings).
 */
export function doisOfNote(note: ParsedNote, index: WorkspaceIndex): string[] {
  const out = new Set<string>();
  for (const m of [...note.dois, ...(note.referenceList?.items.flatMap((i) => i.dois) ?? [])]) if (m.doi) out.add(m.doi);
  for (const c of note.citations) {
    if (c.kind !== 'key') continue;
    for (const e of index.entries(c.key)) {
      const doi = typeof e.csl.DOI === 'string' ? normaliseDoi(e.csl.DOI) : undefined;
      if (doi) out.add(doi);
    }
    for (const s of index.studies(c.key)) if (s.doi) out.add(s.doi);
  }
  return [...out];
}
