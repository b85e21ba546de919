// BibLaTeX data inheritance: `crossref` (citation-js plugin-bibtex 0.7's rules, mapping/crossref.js)
// and `xdata` (which citation-js ignores). The child's own fields win; the parent may come before
// or after the child. Differences from citation-js: a book, collection or proceedings parent gives
// its title as `booktitle` to any part type (an @incollection in a @book is common in BibTeX files,
// and citation-js then leaks the book's subtitle into the chapter's title); a crossref cycle
// stops instead of overflowing the stack.
import type { RawEntry, RawValues } from './convert';

const BOOK_PART = new Set(['inbook', 'bookinbook', 'suppbook']);
const COLLECTION_PART = new Set(['incollection', 'inreference', 'suppcollection']);
const PROCEEDINGS_PART = new Set(['inproceedings']);
const PART = new Set([...BOOK_PART, ...COLLECTION_PART, ...PROCEEDINGS_PART]);
const BOOK = new Set(['book', 'inbook', 'bookinbook', 'suppbook']);
const COLLECTION = new Set(['collection', 'reference', 'incollection', 'inreference', 'suppcollection']);
const PROCEEDINGS = new Set(['proceedings', 'inproceedings']);

/** Parent type to the prefix its titles get in a child, and which children. */
const TITLE_MAP: Record<string, [string, Set<string>]> = {
  mvbook: ['main', BOOK],
  mvcollection: ['main', COLLECTION],
  mvreference: ['main', COLLECTION],
  mvproceedings: ['main', PROCEEDINGS],
  book: ['book', PART],
  collection: ['book', PART],
  reference: ['book', PART],
  proceedings: ['book', PART],
  periodical: ['journal', new Set(['article', 'suppperiodical'])],
};

/** Fields never inherited (BibLaTeX's defaults). */
const NOT_INHERITED = [
  'ids', 'crossref', 'xref', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort', 'related',
  'relatedoptions', 'relatedstring', 'relatedtype', 'shortand', 'shortandintro', 'sortkey', 'xdata',
];

const TITLES = ['title', 'subtitle', 'titleaddon'];
const DROPPED_TITLES = ['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'];

function copyFrom(target: RawValues, from: RawValues): void {
  for (const [name, value] of from) if (!target.has(name)) target.set(name, value);
}

/** The entry's fields with what it inherits, as a new map (or its own map when it inherits nothing). */
export function inherit(
  index: number,
  entries: readonly RawEntry[],
  own: RawValues,
  valuesOf: (index: number) => RawValues,
  byKey: Map<string, number>,
  seen?: Set<number>,
): RawValues {
  const crossref = own.get('crossref');
  const xdata = own.get('xdata');
  if (crossref === undefined && xdata === undefined) return own;
  seen = new Set(seen).add(index);
  const out = new Map(own);
  const type = entries[index].type.toLowerCase();

  for (const key of xdata?.split(',') ?? []) {
    const parent = byKey.get(key.trim());
    if (parent === undefined || seen.has(parent)) continue;
    const data = new Map(inherit(parent, entries, valuesOf(parent), valuesOf, byKey, seen));
    for (const name of NOT_INHERITED) data.delete(name);
    copyFrom(out, data);
  }

  const parent = crossref === undefined ? undefined : byKey.get(crossref.trim());
  if (parent !== undefined && !seen.has(parent)) {
    const data = new Map(inherit(parent, entries, valuesOf(parent), valuesOf, byKey, seen));
    for (const name of NOT_INHERITED) data.delete(name);
    const parentType = entries[parent].type.toLowerCase();
    if ((parentType === 'mvbook' || parentType === 'book') && BOOK_PART.has(type) && data.has('author')) data.set('bookauthor', data.get('author')!);
    const map = Object.hasOwn(TITLE_MAP, parentType) ? TITLE_MAP[parentType] : undefined;
    if (map && map[1].has(type)) {
      const [prefix] = map;
      for (const name of TITLES) {
        const value = data.get(name);
        data.delete(name);
        if (value !== undefined && !(prefix === 'journal' && name === 'titleaddon')) data.set(prefix + name, value);
      }
      for (const name of DROPPED_TITLES) data.delete(name);
    }
    // A child with a title of its own keeps it whole: the parent's subtitle is no part of it
    // (biber leaves it out; citation-js appended it to the child's title).
    if (out.has('title')) for (const name of ['subtitle', 'titleaddon']) data.delete(name);
    copyFrom(out, data);
  }
  return out;
}
