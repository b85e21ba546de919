// Completion of citation keys after `@` and of reference numbers after `[`, from the current
// line's text (the index may lag the keystroke being typed) and the index's library.
import { authorShort, titleOf, yearOf } from '../format/describe';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { CslName, Range } from '../types';

export interface CitationCompletion {
  kind: 'key' | 'number';
  label: string;
  insertText: string;
  /** Key, title, author names and year, so typing any of them finds the work. */
  filterText: string;
  sortText: string;
  /** "Davis et al. 2021" or the item's text. */
  detail: string;
  /** The title, when known. */
  documentation?: string;
}

export interface CompletionResult {
  items: CitationCompletion[];
  /** From the start of what is being completed to the cursor. */
  range: Range;
  /** The same start to the end of the key or number the cursor is in. */
  replaceRange: Range;
}

// `@` at a word start: line start, space, `[`, `;` or `(`. An e-mail address has a letter before it.
const KEY_PREFIX = /(?:^|[\s[;(])-?@([^\s@;[\],{}]*)$/u;
const KEY_REST = /^[^\s@;[\],{}]*/u;
// `[`, or a list "[2, " / "[4-", then the digits typed so far.
const NUMBER_PREFIX = /(?<![\]!\\\w])\[(?:\s*\d+\s*[,\-–—])*\s*(\d*)$/;

export function completions(index: WorkspaceIndex, file: string, text: string, line: number, character: number): CompletionResult | undefined {
  const lines = text.split(/\r\n|\r|\n/, line + 1);
  const lineText = lines[line] ?? '';
  const before = lineText.slice(0, character);
  if (inCode(lines.slice(0, line), before)) return undefined;
  const keyMatch = KEY_PREFIX.exec(before);
  if (keyMatch) {
    const rest = KEY_REST.exec(lineText.slice(character))![0];
    return withRange(keyItems(index), line, character - keyMatch[1].length, character, character + rest.length);
  }
  const numberMatch = NUMBER_PREFIX.exec(before);
  const list = index.note(file)?.referenceList;
  if (numberMatch && list) {
    const rest = /^\d*/.exec(lineText.slice(character))![0];
    const items = list.items.map((item): CitationCompletion => {
      const label = String(item.number);
      const summary = item.text.replace(/\s+/g, ' ').trim();
      return { kind: 'number', label, insertText: label, filterText: `${label} ${summary}`, sortText: label.padStart(5, '0'), detail: summary };
    });
    return withRange(items, line, character - numberMatch[1].length, character, character + rest.length);
  }
  return undefined;
}

/**
 * Inside a fenced block (an odd number of fence lines above) or a code span (an odd number of
 * backticks before the cursor on its line). The text being typed is newer than the parsed note, so
 * this looks at the text itself; indented code and multi-line spans are left to the writer.
 */
function inCode(linesAbove: string[], before: string): boolean {
  const fences = linesAbove.filter((l) => /^ {0,3}(?:```|~~~)/.test(l)).length;
  return fences % 2 === 1 || (before.match(/`/g)?.length ?? 0) % 2 === 1;
}

function withRange(items: CitationCompletion[], line: number, start: number, cursor: number, end: number): CompletionResult {
  const at = (character: number) => ({ line, character });
  return { items, range: { start: at(start), end: at(cursor) }, replaceRange: { start: at(start), end: at(end) } };
}

// Describing every key costs a pass over the library; keystrokes between library changes reuse it.
const keyItemCache = new WeakMap<WorkspaceIndex, { version: number; items: CitationCompletion[] }>();

function keyItems(index: WorkspaceIndex): CitationCompletion[] {
  const cached = keyItemCache.get(index);
  if (cached && cached.version === index.version) return cached.items;
  const items = describeKeys(index);
  keyItemCache.set(index, { version: index.version, items });
  return items;
}

function describeKeys(index: WorkspaceIndex): CitationCompletion[] {
  return index
    .allKeys()
    .sort()
    .map((key): CitationCompletion => {
      const entry = index.entries(key)[0];
      const record = index.studies(key)[0];
      const title = (entry ? titleOf(entry.csl) : '') || record?.title || '';
      const year = (entry ? yearOf(entry.csl) : undefined) ?? record?.year;
      const names = (entry?.csl.author ?? entry?.csl.editor ?? []).map(familyName).filter(Boolean);
      const short = entry ? authorShort(entry.csl) : '';
      return {
        kind: 'key',
        label: key,
        insertText: key,
        filterText: [key, title, ...names, year ?? ''].join(' ').trim(),
        sortText: key,
        detail: [short, year].filter((x) => x !== undefined && x !== '').join(' '),
        documentation: title || undefined,
      };
    });
}

function familyName(n: CslName): string {
  return n.literal ?? n.family ?? n.given ?? '';
}
