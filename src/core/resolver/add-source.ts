// Adding a resolved work to a bibliography file: a citation key in the usual author+year form,
// and an edit that appends (BibTeX) or inserts (CSL-JSON) without touching any other byte.
import { applyEdits, modify } from 'jsonc-parser';
import { exportItems } from '../format/citation-format';
import { yearOf } from '../format/describe';
import { stripAccents } from '../text';
import type { CslItem } from '../types';

/** CSL fields worth writing into a bibliography entry. */
const ENTRY_FIELDS = ['type', 'title', 'author', 'editor', 'container-title', 'container-title-short', 'issued', 'volume', 'issue', 'page', 'DOI', 'PMID'];

/**
 * `goodwin2022`: the first author's family name folded to ASCII letters, then the year; `a`, `b`…
 * appended while the key is taken (keys compared case-insensitively, as BibTeX does).
 */
export function citationKeyFor(item: CslItem, existingKeys: Iterable<string>): string {
  const taken = new Set([...existingKeys].map((k) => k.toLowerCase()));
  const person = item.author?.[0] ?? item.editor?.[0];
  const name = person?.family ?? person?.literal ?? String(item.title ?? 'source').split(/\s+/).find((w) => w.length > 3) ?? 'source';
  const stem = stripAccents(name).toLowerCase().replace(/[^a-z]/g, '') || 'source';
  const base = `${stem}${yearOf(item) ?? ''}`;
  if (!taken.has(base)) return base;
  for (let i = 0; ; i++) {
    const suffix = suffixOf(i);
    if (!taken.has(base + suffix)) return base + suffix;
  }
}

/** a…z, then aa, ab… */
function suffixOf(i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : suffixOf(Math.floor(i / 26) - 1) + suffixOf(i % 26);
}

/** The resolved item as a bibliography entry under `key`: bibliographic fields only, subtitle joined. */
export function entryItem(resolved: CslItem, key: string): CslItem {
  const item: CslItem = { id: key };
  for (const field of ENTRY_FIELDS) if (resolved[field] !== undefined) item[field] = resolved[field];
  const subtitle = Array.isArray(resolved.subtitle) ? resolved.subtitle[0] : resolved.subtitle;
  if (typeof subtitle === 'string' && subtitle.trim() && typeof item.title === 'string' && !item.title.includes(subtitle)) {
    item.title = `${item.title}: ${subtitle}`;
  }
  // Year and month only: citation-js writes a day into BibTeX's month field ("nov 3").
  const parts = item.issued?.['date-parts']?.[0];
  if (parts && parts.length > 2) item.issued = { 'date-parts': [parts.slice(0, 2)] };
  return item;
}

/** A change to a file's text: replace `length` characters at `offset` with `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/** The entry as BibTeX after the file's last byte, one blank line before it, in the file's line ends. */
export function bibtexAppendEdit(text: string, item: CslItem): TextEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = exportItems([item], 'bibtex').replace(/\s+$/, '').replace(/\t/g, '  ').replace(/\n/g, eol) + eol;
  const separator = text.trim() === '' || text.endsWith(eol + eol) ? '' : text.endsWith(eol) ? eol : eol + eol;
  return { offset: text.length, length: 0, content: separator + entry };
}

/**
 * The item as the CSL-JSON array's last element, indented like the file. jsonc-parser computes
 * the edit, so comments, key order and spacing elsewhere stay as they are. Throws when the file
 * is not a JSON array.
 */
export function cslJsonInsertEdits(text: string, item: CslItem): TextEdit[] {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '[') throw new Error('the file is not a CSL-JSON array');
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return modify(text, [-1], item, {
    isArrayInsertion: true,
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol },
  });
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(text, [...edits]);
}

export function appendBibtex(text: string, item: CslItem): string {
  return applyTextEdits(text, [bibtexAppendEdit(text, item)]);
}

export function insertCslJson(text: string, item: CslItem): string {
  return applyTextEdits(text, cslJsonInsertEdits(text, item));
}
