// Decoded BibTeX/BibLaTeX fields to CSL-JSON, rule for rule after citation-js plugin-bibtex 0.7's
// BibLaTeX mapping (mapping/biblatex.js, which citation-js also uses for plain BibTeX when read as
// '@biblatex/text'), in its order: a later rule overwrites an earlier one for the same CSL field,
// and "has a field" means the field was written, even if empty after decoding.
// Deliberate differences (README.md): list fields (publisher, address…) are joined with "; "
// instead of becoming arrays, which CSL does not allow; every en/em dash in pages becomes "-", not
// only the first; eprinttype arxiv/doi/pmid/pmcid are used.
import type { CslDate, CslItem, CslName } from '../../types';
import { parseDate, yearMonthDate } from './dates';

/** An entry's fields after macros and inheritance, decoded on first use. */
export interface Fields {
  /** Whether the field was written (a value that decodes to nothing still counts, as in citation-js). */
  has(name: string): boolean;
  /** Decoded text; a list field's items joined with "; ". */
  text(name: string): string | undefined;
  names(name: string): CslName[] | undefined;
  /** A comma separated field's items. */
  items(name: string): string[] | undefined;
}

const TYPES: Record<string, string> = {
  article: 'article-journal', book: 'book', mvbook: 'book', inbook: 'chapter', bookinbook: 'book', booklet: 'book',
  collection: 'book', mvcollection: 'book', incollection: 'chapter', dataset: 'dataset', manual: 'report', misc: 'document',
  online: 'webpage', patent: 'patent', periodical: 'periodical', proceedings: 'book', mvproceedings: 'book',
  inproceedings: 'paper-conference', reference: 'book', mvreference: 'book', inreference: 'entry', report: 'report',
  software: 'software', thesis: 'thesis', unpublished: 'manuscript', artwork: 'graphic', audio: 'song', image: 'figure',
  jurisdiction: 'legal_case', legislation: 'legislation', legal: 'treaty', letter: 'personal_communication',
  movie: 'motion_picture', music: 'musical_score', performance: 'performance', review: 'review', standard: 'standard',
  video: 'motion_picture', conference: 'paper-conference', electronic: 'webpage', mastersthesis: 'thesis',
  phdthesis: 'thesis', techreport: 'report', www: 'webpage',
};

const GENRE: Record<string, string> = { mastersthesis: 'mathesis', phdthesis: 'phdthesis', techreport: 'techreport' };

const COLLECTION_NUMBER = new Set([
  'book', 'mvbook', 'inbook', 'bookinbook', 'suppbook', 'collection', 'mvcollection', 'incollection', 'suppcollection',
  'manual', 'suppperiodical', 'proceedings', 'mvproceedings', 'refererence',
]);

function title(p: Fields, base: string, subtitle: string): string | undefined {
  // citation-js ignores the *titleaddon fields; so do we.
  let t = p.text(base);
  const sub = p.text(subtitle);
  if (t === undefined) return undefined;
  if (sub) t += ': ' + sub;
  return t;
}

/** CSL item from an entry's decoded (and inherited) fields; `citationKey: false` leaves out `citation-key`. */
export function toCsl(type: string, key: string, p: Fields, citationKey = true): CslItem {
  const has = (f: string) => p.has(f);
  const s = (f: string) => p.text(f);
  const out: CslItem = { id: key };
  const set = (field: string, value: unknown) => {
    if (value !== undefined) out[field] = value;
  };

  // Aliases and non-standard fields first, so the BibLaTeX ones below win.
  if (!has('annotation')) set('annote', s('annote'));
  if (!has('location')) set('publisher-place', s('address'));
  if (!has('eprinttype')) set('PMID', s('archiveprefix') === 'pubmed' ? s('eprint') : undefined);
  if (!has('maintitle') && !has('booktitle') && !has('journaltitle')) set('container-title', s('journal'));
  if (!has('institution') && !has('organization') && !has('publisher')) set('publisher', s('school'));
  if (!has('pagetotal')) set('number-of-pages', s('numpages'));
  if (s('eprinttype') !== 'pmid' && s('archiveprefix') !== 'pmid') set('PMID', s('pmid'));
  set('PMCID', s('pmcid'));

  set('abstract', s('abstract'));
  if (has('urldate')) set('accessed', date(s('urldate')));
  set('annote', s('annotation'));
  set('author', p.names('author'));
  set('call-number', s('library'));
  set('chapter-number', s('chapter'));
  set('container-author', p.names('bookauthor'));
  if (has('maintitle') || has('mainsubtitle') || has('maintitleaddon')) set('container-title', title(p, 'maintitle', 'mainsubtitle'));
  if (!has('maintitle') && (has('booktitle') || has('booksubtitle') || has('booktitleaddon'))) {
    set('container-title', title(p, 'booktitle', 'booksubtitle'));
  }
  if (type === 'article' && (has('journaltitle') || has('journalsubtitle') || has('journaltitleaddon'))) {
    set('container-title', title(p, 'journaltitle', 'journalsubtitle'));
  }
  if (type === 'article') set('container-title-short', s('shortjournal'));
  if (COLLECTION_NUMBER.has(type)) set('collection-number', s('number'));
  set('collection-title', s('series'));
  set('collection-title-short', s('shortseries'));
  set('DOI', s('doi'));
  set('edition', s('edition'));
  set('editor', p.names('editor'));
  out.type = (Object.hasOwn(TYPES, type) && TYPES[type]) || 'document';
  set('genre', s('type') || (Object.hasOwn(GENRE, type) && GENRE[type]) || s('entrysubtype'));
  if (has('eventdate')) set('event-date', date(s('eventdate')));
  set('event-place', s('venue'));
  if (has('eventtitle') || has('eventtitleaddon')) {
    const addon = s('eventtitleaddon');
    set('event-title', addon ? `${s('eventtitle')} (${addon})` : s('eventtitle'));
  }
  if (citationKey) set('citation-key', key);
  set('ISBN', s('isbn'));
  set('ISSN', s('issn'));
  if (!has('number') && (type === 'article' || type === 'periodical')) set('issue', s('issue'));
  if (type === 'article' || type === 'periodical' || type === 'inproceedings') set('issue', s('number'));
  if (has('date')) set('issued', date(s('date')));
  else if (has('year') || has('month') || has('day')) set('issued', yearMonthDate(s('year'), s('month'), s('day')));
  if (s('type') === 'patent') set('jurisdiction', s('location'));
  set('keyword', p.items('keywords')?.join(','));
  set('language', s('language'));
  if (!has('language')) set('language', s('langid'));
  set('note', s('note'));
  if (!has('note')) set('note', s('addendum'));
  set('number', s('eid'));
  if (type !== 'patent') set('number', ['isan', 'ismn', 'isrn', 'iswc'].map(s).find(Boolean));
  if (type === 'patent' || type === 'report' || type === 'techreport' || type === 'legislation') set('number', s('number'));
  if (has('origdate')) set('original-date', date(s('origdate')));
  set('original-publisher-place', s('origlocation'));
  set('original-publisher', s('origpublisher'));
  set('original-title', s('origtitle'));
  const pagination = s('bookpagination');
  const pages = s('pages');
  if (pagination === undefined || pagination === 'page') set('page', pages?.replace(/[\u2013\u2014]/g, '-'));
  set('number-of-pages', s('pagetotal'));
  set('part-number', s('part'));
  eprint(s('eprinttype')?.toLowerCase(), s('eprint'), set, out);
  set('publisher-place', s('location'));
  set('publisher', s('publisher'));
  if (!has('publisher')) set('publisher', s('organization'));
  if (!has('publisher') && !has('organization')) set('publisher', s('institution'));
  const howPublished = s('howpublished');
  if (howPublished && !howPublished.startsWith('http') && !has('publisher') && !has('organization') && !has('institution')) set('publisher', howPublished);
  if (pagination === 'section') set('section', pages);
  set('status', s('pubstate'));
  set('title-short', s('shorttitle'));
  if (has('title') || has('subtitle') || has('titleaddon')) set('title', title(p, 'title', 'subtitle'));
  set('translator', p.names('translator'));
  set('URL', s('url'));
  if (!has('url') && howPublished?.startsWith('http')) set('URL', howPublished);
  set('version', s('version'));
  set('volume', s('volume'));
  set('number-of-volumes', s('volumes'));
  if (has('issuetitle') || has('issuesubtitle')) set('volume-title', title(p, 'issuetitle', 'issuesubtitle'));
  // citation-js's CSL 1.0.2 upgrade: a book with a version is software.
  if (out.type === 'book' && 'version' in out) out.type = 'software';
  return out;
}

function date(value: string | undefined): CslDate | undefined {
  return value === undefined ? undefined : parseDate(value);
}

/** BibLaTeX `eprint` with its `eprinttype`: PubMed as citation-js does, and the others it ignores. */
function eprint(kind: string | undefined, id: string | undefined, set: (field: string, value: unknown) => void, out: CslItem): void {
  if (id === undefined) return;
  switch (kind) {
    case 'pubmed':
    case 'pmid':
      set('PMID', id);
      break;
    case 'pmcid':
      set('PMCID', id);
      break;
    case 'doi':
      if (out.DOI === undefined) set('DOI', id);
      break;
    case 'arxiv':
      if (out.URL === undefined) set('URL', `https://arxiv.org/abs/${id}`);
      set('archive', 'arXiv');
      set('archive_location', id);
      break;
  }
}
