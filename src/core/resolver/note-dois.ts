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

/** Every valid DOI a note mentions, for a refresh that asks again about all of them. */
export function doisOfNote(note: ParsedNote): string[] {
  return [...new Set([...note.dois, ...(note.referenceList?.items.flatMap((i) => i.dois) ?? [])].map((m) => m.doi).filter((d): d is string => !!d))];
}
