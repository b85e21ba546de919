import { LineIndex } from '../text';
import type { ParsedNote } from './types';

/**
 * One LineIndex per parsed note, shared by the checks: each built its own over the whole text,
 * a scan of 200 KB per check per keystroke in a long note. Keyed by the note object, which a
 * re-parse replaces, so an edit never sees the old text's index.
 */
const byNote = new WeakMap<ParsedNote, LineIndex>();

export function linesOf(note: ParsedNote): LineIndex {
  let lines = byNote.get(note);
  if (!lines || lines.text !== note.text) {
    lines = new LineIndex(note.text);
    byNote.set(note, lines);
  }
  return lines;
}

/** Lets the parser hand over the index it built. */
export function rememberLines(note: ParsedNote, lines: LineIndex): void {
  if (lines.text === note.text) byNote.set(note, lines);
}
