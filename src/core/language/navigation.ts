// Go to definition and find references for citation keys, numbers and DOIs.
import type { WorkspaceIndex } from '../index/workspace-index';
import { compareRanges } from '../text';
import type { BibEntry, Position, Range, StudyRecord } from '../types';
import { linkedWorks } from './linked-works';
import type { Target } from './target';
import { containsPosition, targetAt } from './target';

export interface Location {
  file: string;
  range: Range;
}

/**
 * The range of a key alone inside a declaration: parsers give it without quotes, except a study
 * record's `id: "key"`, whose value range keeps them.
 */
export function innerKeyRange(range: Range, key: string): Range {
  const single = range.start.line === range.end.line;
  if (single && range.end.character - range.start.character === key.length + 2) {
    return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
  }
  return range;
}

function entryLocation(entry: BibEntry): Location {
  return { file: entry.file, range: innerKeyRange(entry.keyRange, entry.key) };
}

function recordLocation(record: StudyRecord): Location {
  return { file: record.file, range: innerKeyRange(record.idRange, record.id) };
}

/** Where the work under the cursor is declared: its bibliography entries and its study record; for [n] the list item. */
export function definition(index: WorkspaceIndex, file: string, line: number, character: number): Location[] {
  const target = targetAt(index, file, line, character);
  return target ? definitionOf(index, file, target) : [];
}

export function definitionOf(index: WorkspaceIndex, file: string, target: Target): Location[] {
  if (target.kind === 'numbered') {
    return target.item ? [{ file, range: { start: target.item.markerRange.start, end: target.item.range.end } }] : [];
  }
  const works = linkedWorks(index, target);
  if (target.kind === 'doi') {
    return [
      ...works.entries.map((e) => ({ file: e.file, range: e.fieldRanges.DOI ?? e.keyRange })),
      ...works.records.map((r) => ({ file: r.file, range: r.fieldRanges.doi ?? r.idRange })),
    ];
  }
  return declarations(index, target.key);
}

/** A key's declarations: bibliography entries (front matter included), then study records. */
export function declarations(index: WorkspaceIndex, key: string): Location[] {
  return [...index.entries(key).map(entryLocation), ...index.studies(key).map(recordLocation)];
}

/** Every note's citation of the key (the key's own characters), optionally with its declarations. */
export function references(index: WorkspaceIndex, key: string, includeDeclaration = false): Location[] {
  const sites = index
    .citationsOf(key)
    .map((site): Location => ({ file: site.file, range: site.citation.kind === 'key' ? site.citation.keyRange : site.citation.range }))
    .sort((a, b) => a.file.localeCompare(b.file) || compareRanges(a.range, b.range));
  return includeDeclaration ? [...declarations(index, key), ...sites] : sites;
}

/** The key under the cursor in a note citation, a bibliography entry's key or a record's id. */
export function keyAt(index: WorkspaceIndex, file: string, position: Position): { key: string; range: Range } | undefined {
  // Unlike a hover, a cursor right after the key still means the key (F2 at the end of a word).
  const touches = (range: Range) => containsPosition(range, position) || samePosition(range.end, position);
  for (const citation of index.note(file)?.citations ?? []) {
    if (citation.kind === 'key' && touches(citation.range)) return { key: citation.key, range: citation.keyRange };
  }
  const entries = [...(index.bibliography(file)?.entries ?? []), ...(index.note(file)?.inlineReferences?.entries ?? [])];
  for (const entry of entries) {
    const { range } = entryLocation(entry);
    if (touches(range)) return { key: entry.key, range };
  }
  const record = index.study(file)?.record;
  if (record) {
    const { range } = recordLocation(record);
    if (touches(range)) return { key: record.id, range };
  }
  return undefined;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}
