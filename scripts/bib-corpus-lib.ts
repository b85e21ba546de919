// The corpus runner's yardsticks, kept apart from the loader on purpose: a key scan that shares no
// code with src/core/bibliography/bibtex.ts (so a scanner bug cannot hide itself), and the
// reading of Better BibTeX's expected imports.

import * as fs from 'fs';
import * as path from 'path';

const NON_ENTRY_TYPES = new Set(['comment', 'string', 'preamble']);

/** Every .bib and .bibtex file under `dir`, sorted. */
export function listBib(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Hidden folders hold caches (fetch-corpus.sh keeps its downloads in DIR/.cache), not the corpus.
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) out.push(...listBib(full));
    } else if (/\.(bib|bibtex)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * Citation keys of the `@type{key,` items in a BibTeX text, in order, skipping @comment, @string
 * and @preamble. An item is skipped to its matching closer by counting braces (or parentheses for
 * `@type(`); one that never closes is read past its key only, so later items still count.
 */
export function scanKeys(text: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    // `%@article{x,`: biber reads `%` between items as a comment to the end of the line.
    const lineStart = Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\r', at)) + 1;
    if (text.slice(Math.max(lineStart, i), at).includes('%')) {
      const eol = text.slice(at).search(/[\r\n]/);
      i = eol < 0 ? text.length : at + eol;
      continue;
    }
    let j = at + 1;
    while (j < text.length && /\s/.test(text[j])) j++;
    const typeStart = j;
    while (j < text.length && /[A-Za-z0-9_:-]/.test(text[j])) j++;
    const type = text.slice(typeStart, j).toLowerCase();
    while (j < text.length && /\s/.test(text[j])) j++;
    const open = text[j];
    if (!type || (open !== '{' && open !== '(')) {
      i = at + 1;
      continue;
    }
    const bodyStart = j + 1;
    let afterKey = bodyStart;
    if (!NON_ENTRY_TYPES.has(type)) {
      let k = bodyStart;
      while (k < text.length && /\s/.test(text[k])) k++;
      const keyStart = k;
      // BibTeX ends a key at ',' or white space (and the closer); '(' and ')' may stand in a key
      // of a braced entry (pBibTeX's JIS keys hold them).
      const keyEnd = open === '{' ? /[\s,{}]/ : /[\s,{}()]/;
      while (k < text.length && !keyEnd.test(text[k])) k++;
      const key = text.slice(keyStart, k);
      while (k < text.length && /\s/.test(text[k])) k++;
      // `@index{mineral}`: an entry with a key and no fields (bib2gls) is one too.
      if (key && (text[k] === ',' || text[k] === (open === '{' ? '}' : ')'))) keys.push(key);
      afterKey = k;
    }
    const close = matchingClose(text, bodyStart, open === '{' ? '}' : ')');
    i = close < 0 ? afterKey : close + 1;
  }
  return keys;
}

function matchingClose(text: string, from: number, closer: string): number {
  let depth = 0;
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0 && closer === '}') return k;
      depth--;
    } else if (c === closer && depth === 0) return k;
  }
  return -1;
}

export interface ExpectedItem {
  key?: string;
  title?: string;
  doi?: string;
}

const NOT_BIBLIOGRAPHIC = new Set(['note', 'attachment', 'annotation']);

/**
 * The bibliographic items of a Better BibTeX JSON (`{ items: [...] }`: Zotero items, the key in
 * `citationKey`, `citekey` or an `extra` line "Citation Key: …", the DOI in `DOI` or an `extra`
 * line "DOI: …") or of a CSL-JSON array (`id`, `title`, `DOI`).
 */
export function expectedItems(json: unknown): ExpectedItem[] | undefined {
  if (Array.isArray(json)) {
    return json.filter(isRecord).map((item) => ({ key: str(item.id), title: str(item.title), doi: str(item.DOI) }));
  }
  if (!isRecord(json) || !Array.isArray(json.items)) return undefined;
  // A condensed expectation (`{ source, items: [{ key, title, doi }] }`) copied from a fixture's .json.
  if (isRecord(json.source)) {
    return json.items.filter(isRecord).map((item) => ({ key: str(item.key), title: str(item.title), doi: str(item.doi) }));
  }
  return json.items
    .filter(isRecord)
    .filter((item) => !NOT_BIBLIOGRAPHIC.has(String(item.itemType)))
    .map((item) => {
      const extra = Array.isArray(item.extra) ? item.extra.join('\n') : (str(item.extra) ?? '');
      return {
        key: str(item.citationKey) ?? str(item.citekey) ?? extraLine(extra, 'Citation Key') ?? extraLine(extra, 'bibtex'),
        title: str(item.title),
        doi: str(item.DOI) ?? extraLine(extra, 'DOI'),
      };
    });
}

function extraLine(extra: string, name: string): string | undefined {
  const line = extra.split('\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim() || undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * A title as compared: NFC, without the rich-text markup Zotero items carry (`<i>`, `<b>`,
 * `<sup>`, `<sub>`, `<span class="nocase">`…) and its entities, whitespace collapsed.
 */
export function normaliseTitle(title: string): string {
  return title
    .replace(/<\/?(?:i|b|em|strong|sup|sub|sc|span)(?:\s[^>]*)?>/gi, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, name: string) => ENTITIES[name])
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}
