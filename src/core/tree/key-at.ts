import type { WorkspaceIndex } from '../index/workspace-index';
import { comparePositions, rangeContains } from '../text';
import type { Position } from '../types';

/** The citation key under the cursor: a `@key` in a note, an entry in a bibliography, a record. */
export function keyAt(index: WorkspaceIndex, file: string, position: Position): string | undefined {
  const at = { start: position, end: position };
  const note = index.note(file);
  if (note) {
    const hit = note.citations.find((c) => c.kind === 'key' && rangeContains(c.range, at));
    if (hit?.kind === 'key') return hit.key;
  }
  const bibliography = index.bibliography(file) ?? (note?.inlineReferences && { entries: note.inlineReferences.entries });
  const entry = bibliography?.entries.find((e) => rangeContains(e.range, at));
  if (entry) return entry.key;
  const record = index.study(file)?.record;
  return record && comparePositions(position, record.range.end) <= 0 ? record.id : undefined;
}

/** https://doi.org/ link of a DOI, each path segment percent-encoded ("<", "#", "?" occur in real DOIs). */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}
