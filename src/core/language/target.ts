// Which citation sits under a position in a note, from the parsed note in the index: the parser
// already found every key, number and DOI with its range, so nothing is scanned again here.
import type { WorkspaceIndex } from '../index/workspace-index';
import type { DoiMention, KeyCitation, NumberedCitation, ParsedNote, ReferenceItem } from '../notes/types';
import { comparePositions } from '../text';
import type { Position, Range } from '../types';

export type Target =
  | { kind: 'key'; key: string; range: Range; citation: KeyCitation }
  | { kind: 'numbered'; number: number; range: Range; citation: NumberedCitation; item?: ReferenceItem }
  | { kind: 'doi'; doi: string | undefined; raw: string; range: Range; mention: DoiMention };

/** Half-open: the character right after a range is outside it, so a cursor just past `]` finds nothing. */
export function containsPosition(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) < 0;
}

/** Every DOI of a note: in prose and in its reference list items. */
export function noteDois(note: ParsedNote): DoiMention[] {
  return [...note.dois, ...(note.referenceList?.items.flatMap((i) => i.dois) ?? [])];
}

export function targetAt(index: WorkspaceIndex, file: string, line: number, character: number): Target | undefined {
  const note = index.note(file);
  return note ? targetInNote(note, { line, character }) : undefined;
}

export function targetInNote(note: ParsedNote, position: Position): Target | undefined {
  for (const citation of note.citations) {
    if (!containsPosition(citation.range, position)) continue;
    if (citation.kind === 'key') return { kind: 'key', key: citation.key, range: citation.range, citation };
    return numberAt(note, citation, position);
  }
  for (const mention of noteDois(note)) {
    if (containsPosition(mention.range, position)) return { kind: 'doi', doi: mention.doi, raw: mention.raw, range: mention.range, mention };
  }
  return undefined;
}

/** The one number under the cursor: in "[4-6]" the 4 or the 6, nothing on the dash or a bracket. */
function numberAt(note: ParsedNote, citation: NumberedCitation, position: Position): Target | undefined {
  for (const part of citation.parts) {
    if (!containsPosition(part.range, position) || part.range.start.line !== part.range.end.line) continue;
    const lineText = lineOf(note.text, part.range.start.line);
    const partText = lineText.slice(part.range.start.character, part.range.end.character);
    for (const m of partText.matchAll(/\d+/g)) {
      const start = part.range.start.character + m.index!;
      const range = { start: { line: part.range.start.line, character: start }, end: { line: part.range.start.line, character: start + m[0].length } };
      if (!containsPosition(range, position)) continue;
      const number = Number(m[0]);
      const item = note.referenceList?.items.find((i) => i.number === number);
      return { kind: 'numbered', number, range, citation, item };
    }
  }
  return undefined;
}

function lineOf(text: string, line: number): string {
  return text.split(/\r\n|\r|\n/, line + 1)[line] ?? '';
}
