// An entry's DOI, derived once, with where it stands in the file when the value parts carry their
// offsets (`RawPart.start`, which the reader in ../bibtex.ts sets) so the reader can give its range.
// citation-js keeps a DOI verbatim: `{{10.1/x}}` (Web of Science), `https://doi.org/10.1/x`,
// `doi:10.1/x` and `10.1/a\_b` stay as written and a doi.org link in `url` gives no DOI; here the
// DOI is bare and unescaped, and its range still covers the text it was read from.
import { doiPrefixLength, isValidDoi, linkedDoi } from '../../doi';
import type { CslItem } from '../../types';
import type { RawField, RawPart, RawValues } from './convert';
import { isSpace as lexerIsSpace } from './lexer';

// Bound once: in the per-file build an imported name is read through an export getter.
const isSpace: (c: number) => boolean = lexerIsSpace;

/** Where the DOI was read from: the field's lower-case name and the DOI's offsets in the file. */
export interface DoiSource {
  field: string;
  start: number;
  end: number;
}

/**
 * Sets `item.DOI` from the entry's own fields (`fields`, as written) or, failing that, from what
 * the mapping already gave it (an inherited `doi`, `eprinttype = doi`) or from decoded links in
 * `values`. Returns where it stands when one of the entry's own fields holds it.
 *
 * - A `doi` field of one part (not a macro): trimmed, without a second pair of braces or a
 *   resolver or `doi:` prefix, unescaped (unescapeDoi); its offsets are those of that text as
 *   written. Empty: no DOI.
 * - A `doi` field of a macro or parts joined with `#`: the expanded value made bare; its offsets
 *   are the whole value's (the text the DOI came from is no single run of the file).
 * - No `doi` field: the first doi.org link in `url`, `note` (also `doi:…`) or BibDesk's
 *   `bdsk-url-N`, read as written (one part, not a macro) and unescaped; else a publisher's
 *   `/doi/` landing page in `url`; else links in the decoded values.
 */
export function deriveDoi(fields: readonly RawField[], item: CslItem, values: RawValues): DoiSource | undefined {
  const doiField = lastField(fields, 'doi');
  if (doiField) {
    const parts = doiField.parts;
    let doi: string;
    let start: number;
    let end: number;
    if (parts.length === 1 && parts[0].kind !== 'macro') {
      const part = parts[0];
      const text = part.text;
      let s = 0;
      let e = text.length;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      if (e - s >= 2 && text.charCodeAt(s) === 123 && text.charCodeAt(e - 1) === 125) {
        s++;
        e--;
        while (s < e && isSpace(text.charCodeAt(s))) s++;
        while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      }
      s += doiPrefixLength(text.slice(s, e));
      doi = unescapeDoi(text.slice(s, e));
      start = (part.start ?? 0) + s;
      end = (part.start ?? 0) + e;
    } else {
      doi = String(mappedDoi(item, values) ?? '').trim();
      const first = parts[0];
      const last = parts[parts.length - 1];
      start = (first.start ?? 0) + leadingSpaces(first.text);
      end = (last.start ?? 0) + last.text.length - trailingSpaces(last.text);
    }
    if (doi !== '') item.DOI = doi;
    else if (item.DOI !== undefined) delete item.DOI;
    return { field: 'doi', start, end };
  }
  for (const name of linkFields(fields)) {
    const f = lastField(fields, name);
    if (!f || f.parts.length !== 1 || f.parts[0].kind === 'macro') continue;
    const part: RawPart = f.parts[0];
    const m = linkedDoi(part.text, name === 'note');
    if (m) {
      item.DOI = unescapeDoi(m.raw);
      return { field: name, start: (part.start ?? 0) + m.doiStart, end: (part.start ?? 0) + m.doiEnd };
    }
  }
  const url = lastField(fields, 'url');
  if (url && url.parts.length === 1 && url.parts[0].kind !== 'macro' && typeof item.DOI !== 'string') {
    const found = publisherDoi(url.parts[0].text);
    if (found) {
      item.DOI = found.doi;
      return { field: 'url', start: (url.parts[0].start ?? 0) + found.start, end: (url.parts[0].start ?? 0) + found.end };
    }
  }
  const doi = mappedDoi(item, values);
  if (doi !== undefined) item.DOI = doi;
  return undefined;
}

/**
 * The DOI without the braces Web of Science doubles (`{{10.1/x}}`) or a resolver or `doi:` prefix
 * (`https://doi.org/10.1/x`), which citation-js keeps, and unescaped.
 */
export function bareDoi(doi: string): string {
  let s = doi.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  return unescapeDoi(s.slice(doiPrefixLength(s)));
}

const ESCAPE = /\\([_%&#${}])|[{}]/g;

/**
 * A DOI as BibTeX files write it for LaTeX: `\_` `\%` `\&` `\#` `\$` `\{` `\}` for the
 * character, braces around letters to keep their case (`10.1016/{S}0140…`). Read as markup, as
 * BibTeX reads them; the range of the DOI still covers the text as written.
 */
export function unescapeDoi(doi: string): string {
  return doi.includes('\\') || doi.includes('{') || doi.includes('}') ? doi.replace(ESCAPE, (_, c: string | undefined) => c ?? '') : doi;
}

/** The DOI the field mapping gave (inherited, or from an eprint) made bare, else a link in the decoded values. */
function mappedDoi(item: CslItem, values: RawValues): string | undefined {
  if (typeof item.DOI === 'string') return bareDoi(item.DOI);
  const links: [unknown, boolean][] = [
    [item.URL, false],
    [item.note, true],
  ];
  for (const [name, value] of values) if (isBibDeskUrl(name)) links.push([value, false]);
  for (const [text, doiPrefix] of links) {
    if (typeof text !== 'string') continue;
    const m = linkedDoi(text, doiPrefix);
    if (m) return unescapeDoi(m.raw);
  }
  return typeof item.URL === 'string' ? publisherDoi(item.URL)?.doi : undefined;
}

// Publishers that name a landing page by its DOI: APS (link.aps.org/doi/…), Wiley, ACM, Taylor &
// Francis, SAGE, ACS, AIP… (`/doi/abs/…`, `/doi/full/…`, `/doi/pdf/…`; Wiley's older pages end
// in `/abstract` or `/full`, which is no part of the DOI). Better BibTeX takes these too.
const PUBLISHER_DOI = /^https?:\/\/[^/\s]+\/doi\/(?:(?:abs|full|pdf|epdf|pdfplus|pdfdirect|book|chapter|reader)\/)?(10\.[^\s?#]+)(?:[?#]\S*)?$/i;
const PAGE_SUFFIX = /\/(?:abstract|full|pdf|epdf|summary|references|citedby)\/?$/i;

/** The DOI a publisher's `/doi/` URL names, with its offsets in `url`, else undefined. */
export function publisherDoi(url: string): { doi: string; start: number; end: number } | undefined {
  const lead = leadingSpaces(url);
  const m = PUBLISHER_DOI.exec(url.trim());
  if (!m) return undefined;
  const written = m[1].replace(PAGE_SUFFIX, '');
  const start = lead + m[0].indexOf(m[1]);
  let doi = written;
  if (/%[0-9a-f]{2}/i.test(doi)) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      return undefined;
    }
  }
  return isValidDoi(doi) ? { doi, start, end: start + written.length } : undefined;
}

function linkFields(fields: readonly RawField[]): string[] {
  const names = ['url', 'note'];
  for (const f of fields) {
    const name = f.name.toLowerCase();
    if (isBibDeskUrl(name)) names.push(name);
  }
  return names;
}

function isBibDeskUrl(name: string): boolean {
  return name.startsWith('bdsk-url-') && /^bdsk-url-\d+$/.test(name);
}

/** The last field of that (lower-case) name: the one that counts, as in citation-js. */
function lastField(fields: readonly RawField[], name: string): RawField | undefined {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i].name.toLowerCase() === name) return fields[i];
  return undefined;
}

function leadingSpaces(s: string): number {
  let n = 0;
  while (n < s.length && isSpace(s.charCodeAt(n))) n++;
  return n;
}

function trailingSpaces(s: string): number {
  let n = 0;
  while (n < s.length && isSpace(s.charCodeAt(s.length - 1 - n))) n++;
  return n;
}
