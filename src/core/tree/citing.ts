import type { WorkspaceIndex } from '../index/workspace-index';
import type { Citation, ParsedNote, Sentence } from '../notes/types';
import { oneLine, placeLabel } from './text';
import type { TreeNode } from './types';

/**
 * The sentence as the user wrote it, without blockquote markers; for a table cell the whole row,
 * since a cell alone ("@davis2021") says nothing.
 */
function snippetOf(note: ParsedNote, sentence: Sentence): string {
  if (note.blocks[sentence.block]?.kind === 'table-cell') {
    const line = note.text.split(/\r?\n/)[sentence.range.start.line] ?? '';
    return line.replace(/^\s*\||\|\s*$/g, '').split('|').map((cell) => cell.trim()).join(' · ');
  }
  return note.text.slice(sentence.start, sentence.end).replace(/\n[ \t]*>[ \t]?/g, '\n');
}

// Sentence of each citation, per parsed note: a rebuild of a large library looks up thousands of
// citations, and a parsed note is replaced (never changed) when its file changes.
const sentenceMaps = new WeakMap<ParsedNote, Map<Citation, Sentence>>();

function sentenceOf(note: ParsedNote, citation: Citation): Sentence | undefined {
  let map = sentenceMaps.get(note);
  if (!map) {
    map = new Map();
    for (const sentence of note.sentences) for (const c of sentence.citations) map.set(c, sentence);
    sentenceMaps.set(note, map);
  }
  return map.get(citation);
}

/** One row per place a note cites the work: "notes/01-overview.md:16" and the sentence. */
function citingNode(root: string, note: ParsedNote, citation: Citation, parentId: string): TreeNode {
  const sentence = sentenceOf(note, citation);
  const snippet = sentence ? snippetOf(note, sentence) : note.text.slice(citation.start, citation.end);
  const label = placeLabel(root, note.file, citation.range);
  return {
    id: `${parentId}>${note.file}@${citation.start}`,
    kind: 'citing',
    label,
    description: oneLine(snippet),
    file: note.file,
    range: citation.range,
    details: [['Cited at', label], ['Sentence', oneLine(snippet, 400)]],
    children: [],
  };
}

function byPlace(a: { file: string; citation: Citation }, b: { file: string; citation: Citation }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.citation.start - b.citation.start;
}

/** Every `@key` citation of the key, in file then text order. */
export function keyCitingNodes(index: WorkspaceIndex, root: string, key: string, parentId: string): TreeNode[] {
  return [...index.citationsOf(key)].sort(byPlace).flatMap((site) => {
    const note = index.note(site.file);
    return note ? [citingNode(root, note, site.citation, parentId)] : [];
  });
}

/** Every numbered citation of item `number` in the note that lists it. */
export function numberCitingNodes(root: string, note: ParsedNote, number: number, parentId: string): TreeNode[] {
  return note.citations
    .filter((c) => c.kind === 'numbered' && c.numbers.includes(number))
    .map((c) => citingNode(root, note, c, parentId));
}
