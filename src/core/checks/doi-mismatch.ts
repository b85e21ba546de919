import type { CslDate, CslItem, CslName, Finding, RelatedLocation } from '../types';
import { finding } from '../types';
import type { Work, WorkspaceIndex } from '../index/workspace-index';
import type { DoiMention, ParsedNote, ReferenceItem } from '../notes/types';
import { normaliseDoi } from '../doi';
import { normaliseTitle } from '../index/titles';
import { stripAccents } from '../text';
import type { MetadataLookup } from '../resolver/types';
import type { LineIndex } from '../text';
import { linesOf } from '../notes/lines';
import { SentenceMemo } from '../claims/sentence-memo';
import { plainCslText } from '../format/csl-markup';

/**
 * reference.doi-mismatch for numbered reference-list items: the item's free text describes one
 * work and its DOI names another. Two rules, precision first:
 *
 * 1. The DOI's metadata (bibliography entries and study records with that DOI) clearly disagrees
 *    with the item's text: the title is far off and the first author or the journal differs, or
 *    the year is off by more than one together with another field.
 * 2. The item's text carries the title (with matching author and year) of another work in the
 *    library whose DOI is not the item's: the message names the library's DOI, and
 *    `data.replacementDoi` feeds the quick fix.
 */
export function checkDoiMismatch(note: ParsedNote, index: WorkspaceIndex, lookup?: MetadataLookup): Finding[] {
  const out: Finding[] = [];
  const items = note.referenceList?.items ?? [];
  if (items.length === 0) return out;
  const pass = memo.pass(note, index);
  const lines = linesOf(note);
  for (const item of items) {
    if (!item.dois.some((d) => d.doi)) continue;
    out.push(...pass.findings(item.start, itemKey(note, item, lines, lookup), () => ({ findings: checkItem(note, item, index, lookup), keep: true })));
  }
  return out;
}

// An item's findings are kept across edits of the note (see SentenceMemo): they depend on the
// item's text and DOIs, the library, and what the resolver answers for those DOIs (in the key).
const memo = new SentenceMemo();

function itemKey(note: ParsedNote, item: ReferenceItem, lines: LineIndex, lookup: MetadataLookup | undefined): string {
  const s = item.start;
  const parts = [String(item.number), item.text, note.text.slice(s, item.end)];
  for (const d of item.dois) {
    const answer = d.doi && lookup ? JSON.stringify(lookup.peek(d.doi) ?? null) : '';
    parts.push(`${d.doi ?? ''}|${d.raw}|${lines.offsetAt(d.doiRange.start) - s},${lines.offsetAt(d.doiRange.end) - s}|${answer}`);
  }
  return parts.join('\u0000');
}

/** Below this the item's text does not carry the DOI's title. */
const TITLE_LOW = 0.5;
/** At or above this the item's text carries a known work's title. */
const TITLE_MATCH = 0.85;

function checkItem(note: ParsedNote, item: ReferenceItem, index: WorkspaceIndex, lookup: MetadataLookup | undefined): Finding[] {
  const valid = item.dois.filter((d): d is DoiMention & { doi: string } => !!d.doi);
  if (valid.length === 0) return [];
  const described = describeReference(item.text);
  const itemDois = new Set(valid.map((d) => d.doi));

  const conflicts = new Map<DoiMention & { doi: string }, { conflicts: Conflict[]; meta: CslLike }>();
  let ownTitleMatches = false;
  for (const mention of valid) {
    const meta = metadataForDoi(mention.doi, index) ?? resolvedMetadata(mention.doi, lookup);
    if (!meta) continue;
    const compared = compareWithMetadata(described, meta);
    if (compared.titleScore !== undefined && compared.titleScore >= TITLE_MATCH) ownTitleMatches = true;
    if (compared.flag) conflicts.set(mention, { conflicts: compared.conflicts, meta });
  }

  const replacement = ownTitleMatches ? undefined : libraryWorkForText(described, itemDois, index);
  const out: Finding[] = [];
  let replacementUsed = false;
  for (const [mention, { conflicts: found, meta }] of conflicts) {
    let message =
      `Reference ${item.number} ${describeItem(described)} but DOI ${mention.raw} is ${describeMeta(meta)}.`;
    const data: Record<string, unknown> = { doi: mention.doi, conflicts: found };
    const related = doiWorks(mention.doi, index).map((w) => locationOf(w, `${workKey(w)} has DOI ${mention.raw}.`));
    if (replacement && !replacementUsed) {
      message += ` The library's DOI for this title is ${replacement.doi} (${replacement.key}).`;
      data.replacementDoi = replacement.doi;
      data.replacementKey = replacement.key;
      related.push(...replacement.works.map((w) => locationOf(w, `${workKey(w)} has DOI ${replacement.doi} for this title.`)));
      replacementUsed = true;
    }
    out.push(finding('reference.doi-mismatch', note.file, mention.doiRange, message, { related, data }));
  }
  if (replacement && !replacementUsed) {
    const mention = valid[0];
    out.push(
      finding(
        'reference.doi-mismatch',
        note.file,
        mention.doiRange,
        `Reference ${item.number} matches "${shortTitle(replacement.title)}" (${replacement.key}), whose DOI in the library is ${replacement.doi}, not ${mention.raw}.`,
        {
          related: replacement.works.map((w) => locationOf(w, `${workKey(w)} has DOI ${replacement.doi} for this title.`)),
          data: { doi: mention.doi, replacementDoi: replacement.doi, replacementKey: replacement.key, conflicts: ['doi'] },
        },
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Metadata for a DOI

/** CSL-JSON-shaped metadata of one work, merged from whatever knows the DOI. */
export interface CslLike extends Partial<CslItem> {
  /** Online-first publication date (Crossref's name for it), when known. */
  'published-online'?: CslDate;
  /** Set when the metadata came from the DOI resolver rather than the library: its name. */
  resolvedFrom?: string;
}

/**
 * What the library knows about a DOI: bibliography entries' CSL merged field by field (first
 * non-empty value wins), then study records' title, year and online date filling the gaps.
 * A later resolver (Crossref, DataCite) can add its CSL here.
 */
export function metadataForDoi(doi: string, index: WorkspaceIndex): CslLike | undefined {
  const normal = normaliseDoi(doi);
  if (!normal) return undefined;
  const works = doiWorks(normal, index);
  if (works.length === 0) return undefined;
  const out: CslLike = {};
  const put = (field: string, value: unknown): void => {
    if (value === undefined || value === null || value === '') return;
    if (Array.isArray(value) && value.length === 0) return;
    if (out[field] === undefined) out[field] = value;
  };
  for (const w of works) {
    if (w.kind !== 'entry') continue;
    for (const [field, value] of Object.entries(w.entry.csl)) put(field, value);
  }
  for (const w of works) {
    if (w.kind !== 'study') continue;
    const s = w.study;
    put('id', s.id);
    put('title', s.title);
    if (s.year !== undefined) put('issued', { 'date-parts': [[s.year]] });
    const online = s.publishedOnline ? /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(s.publishedOnline) : null;
    if (online) put('published-online', { 'date-parts': [online.slice(1).filter((p) => p !== undefined).map(Number)] });
  }
  put('DOI', normal);
  return out;
}

/** What the DOI resolver returned for a DOI the library does not hold, marked with its source. */
function resolvedMetadata(doi: string, lookup: MetadataLookup | undefined): CslLike | undefined {
  const work = lookup?.peek(doi);
  if (work?.status !== 'found' || !work.item) return undefined;
  return { ...work.item, resolvedFrom: work.source };
}

function doiWorks(doi: string, index: WorkspaceIndex): Work[] {
  return index.worksForDoi(doi).filter((w) => w.kind === 'entry' || w.kind === 'study');
}

// ---------------------------------------------------------------------------------------------
// Comparing an item's text with metadata

type Conflict = 'title' | 'author' | 'journal' | 'year' | 'volume' | 'pages';

interface Comparison {
  flag: boolean;
  conflicts: Conflict[];
  titleScore?: number;
}

function compareWithMetadata(item: DescribedReference, meta: CslLike): Comparison {
  const conflicts: Conflict[] = [];
  const titleScore = meta.title ? titleSimilarity(meta.title, item.cleaned) : undefined;
  const titleLow = titleScore !== undefined && titleScore < TITLE_LOW;
  if (titleLow) conflicts.push('title');

  const family = firstAuthorFamily(meta.author);
  const authorAgrees = family ? authorPresentAtStart(family, item) : undefined;
  const authorDiffers = authorAgrees === false && item.author !== undefined;
  if (authorDiffers) conflicts.push('author');

  const journals = [meta['container-title'], meta['container-title-short']].filter((j): j is string => typeof j === 'string' && !!j.trim());
  let journalDiffers = false;
  if (journals.length > 0 && item.journal && !journals.some((j) => journalMentioned(j, item.cleaned))) journalDiffers = true;
  if (journalDiffers) conflicts.push('journal');

  const years = knownYears(meta);
  const yearDiffers = item.year !== undefined && years.length > 0 && Math.min(...years.map((y) => Math.abs(y - item.year!))) > 1;
  if (yearDiffers) conflicts.push('year');

  let volumePagesDiffer = false;
  if (item.volume !== undefined && item.firstPage !== undefined) {
    const volume = meta.volume !== undefined ? String(meta.volume).trim() : '';
    const page = typeof meta.page === 'string' ? firstPageOf(meta.page) : undefined;
    if (volume && /^\d+$/.test(volume) && Number(volume) !== Number(item.volume)) {
      volumePagesDiffer = true;
      conflicts.push('volume');
    }
    if (page && page.toLowerCase() !== item.firstPage.toLowerCase()) {
      volumePagesDiffer = true;
      conflicts.push('pages');
    }
  }
  const flag =
    (titleLow && (authorDiffers || journalDiffers)) ||
    (yearDiffers && (titleLow || authorDiffers || journalDiffers || volumePagesDiffer));
  return { flag, conflicts, titleScore };
}

interface LibraryMatch {
  doi: string;
  key: string;
  title: string;
  works: Work[];
}

/**
 * The one library work (by DOI) whose title the item's text carries, with a compatible first
 * author, year and journal, and whose DOI is none of the item's.
 */
function libraryWorkForText(
  item: DescribedReference,
  itemDois: Set<string>,
  index: WorkspaceIndex,
): LibraryMatch | undefined {
  // Cheap first pass: titles whose significant words are mostly among the item's words.
  const itemWords = new Set(titleWords(item.cleaned));
  const candidates = new Set<string>();
  for (const t of libraryTitles(index)) {
    if (itemDois.has(t.doi) || candidates.has(t.doi)) continue;
    const share = (wanted: Set<string>): number => {
      let found = 0;
      for (const w of wanted) if (itemWords.has(w)) found++;
      return wanted.size ? found / wanted.size : 0;
    };
    if (Math.max(share(t.full), t.main ? share(t.main) : 0) >= TITLE_MATCH) candidates.add(t.doi);
  }

  const byDoi = new Map<string, { score: number; works: Work[]; title: string; raw: string }>();
  for (const doi of candidates) {
    const works = doiWorks(doi, index);
    const meta = metadataForDoi(doi, index);
    const title = meta?.title;
    if (!meta || !title || significantTokens(title).size < 3) continue;
    const score = titleSimilarity(title, item.cleaned);
    if (score < TITLE_MATCH) continue;
    const family = firstAuthorFamily(meta.author);
    if (family && item.author !== undefined && !authorPresentAtStart(family, item)) continue;
    const years = knownYears(meta);
    if (item.year !== undefined && years.length > 0 && Math.min(...years.map((y) => Math.abs(y - item.year!))) > 1) continue;
    const journals = [meta['container-title'], meta['container-title-short']].filter((j): j is string => typeof j === 'string' && !!j.trim());
    if (journals.length > 0 && item.journal && !journals.some((j) => journalMentioned(j, item.cleaned))) continue;
    // The DOI as the library writes it (entries keep their case; records are normalised).
    const written = works
      .map((w) => (w.kind === 'entry' && typeof w.entry.csl.DOI === 'string' ? w.entry.csl.DOI.trim() : undefined))
      .find((d) => d && normaliseDoi(d) === doi);
    const raw = written ? written.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '') : doi;
    byDoi.set(doi, { score, works, title, raw });
  }
  if (byDoi.size === 0) return undefined;
  const ranked = [...byDoi.values()].sort((a, b) => b.score - a.score);
  // Two library DOIs carry this title equally well: the library cannot say which one is right.
  if (ranked.length > 1 && ranked[1].score >= ranked[0].score - 0.05) return undefined;
  const best = ranked[0];
  return { doi: best.raw, key: preferredKey(best.works), title: best.title, works: best.works };
}

interface LibraryTitle {
  doi: string;
  full: Set<string>;
  /** Significant words of the main title, when it has three or more. */
  main?: Set<string>;
}

const titleCache = new WeakMap<WorkspaceIndex, { version: number; titles: LibraryTitle[] }>();

/** The significant title words of every entry and record with a DOI, kept per index version. */
function libraryTitles(index: WorkspaceIndex): LibraryTitle[] {
  const cached = titleCache.get(index);
  if (cached && cached.version === index.version) return cached.titles;
  const titles: LibraryTitle[] = [];
  const add = (title: string | undefined, doi: string | undefined): void => {
    if (!title || !doi) return;
    const main = mainTitle(title);
    const mainWords = main ? significantTokens(main) : undefined;
    titles.push({ doi, full: significantTokens(title), main: mainWords && mainWords.size >= 3 ? mainWords : undefined });
  };
  for (const entry of index.allEntries()) {
    add(typeof entry.csl.title === 'string' ? plainCslText(entry.csl.title) : undefined, typeof entry.csl.DOI === 'string' ? normaliseDoi(entry.csl.DOI) : undefined);
  }
  for (const record of index.allRecords()) add(record.title, record.doi);
  titleCache.set(index, { version: index.version, titles });
  return titles;
}

/** A record's id when there is one (it equals the entry key by convention), else the entry's key. */
function preferredKey(works: Work[]): string {
  const study = works.find((w) => w.kind === 'study');
  if (study) return workKey(study);
  return workKey(works[0]);
}

function workKey(w: Work): string {
  if (w.kind === 'entry') return w.entry.key;
  if (w.kind === 'study') return w.study.id;
  return `reference ${w.item.number}`;
}

function locationOf(w: Work, message: string): RelatedLocation {
  if (w.kind === 'entry') return { file: w.file, range: w.entry.fieldRanges.DOI ?? w.entry.keyRange, message };
  if (w.kind === 'study') return { file: w.file, range: w.study.fieldRanges.doi ?? w.study.idRange, message };
  return { file: w.file, range: w.item.range, message };
}

// ---------------------------------------------------------------------------------------------
// What a free-text reference says

export interface DescribedReference {
  /** The text with DOIs, URLs and PubMed identifiers blanked. */
  cleaned: string;
  /** First author's family name as written, when the text starts with an author list. */
  author?: string;
  title?: string;
  journal?: string;
  year?: number;
  volume?: string;
  issue?: string;
  firstPage?: string;
}

const PARTICLES = '(?:(?:van|von|de|der|den|du|da|di|del|della|dos|das|la|le|ten|ter|mac|st\\.?)\\s+)*';
const FAMILY = `${PARTICLES}\\p{Lu}[\\p{L}'’\\-]*\\p{L}`;
/** "Davis AK," "Davis, A. K.," "Carhart-Harris RL" "van Dijk J" at the start of the text. */
const LEADING_AUTHOR = new RegExp(`^\\s*(${FAMILY})(?=\\s*,|\\s+\\p{Lu}{1,3}\\b|\\s+\\p{Lu}\\.|\\s+et al\\b)`, 'u');

/** Volume, issue and pages in the formats references use, most specific first. */
const VANCOUVER = /\b((?:1[89]|20)\d\d)[a-z]?(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*(\d{1,5})(?:\s*\(([^)]{1,20})\))?\s*(?::\s*([A-Za-z]?\d+))?/;
const APA = /,\s*(\d{1,5})\s*(?:\(([^)]{1,20})\))?\s*,\s*(?:pp?\.\s*)?([A-Za-z]?\d+)\s*[-–—]\s*[A-Za-z]?\d+/;
const VOLUME_COLON = /\b(\d{1,5})\s*(?:\(([^)]{1,20})\))?\s*:\s*([A-Za-z]?\d+)\s*[-–—]\s*[A-Za-z]?\d+/;
const VOL_PP = /\bvol(?:ume)?\.?\s*(\d{1,5})(?:\s*,?\s*(?:no|issue)\.?\s*([\w-]{1,10}))?\s*,?\s*pp?\.?\s*([A-Za-z]?\d+)/i;

/** Reads author, title, journal, year, volume and first page from a free-text reference. */
export function describeReference(text: string): DescribedReference {
  const cleaned = text
    // Markdown: [text](destination) keeps its text; emphasis marks go.
    .replace(/\[([^\]]*)\]\([^)\s]*\)/g, '$1')
    .replace(/(^|\s)[*_]+|[*_]+(?=[\s.,;:]|$)/g, '$1')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\b(?:doi:\s*)?10\.\d{4,9}(?:\.\d+)*\/\S+/gi, ' ')
    .replace(/\bdoi:\s*\S*/gi, ' ')
    .replace(/\b(?:PMID|PMCID|PMC):?\s*\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const out: DescribedReference = { cleaned };
  const author = LEADING_AUTHOR.exec(cleaned);
  if (author) out.author = author[1];

  let blockStart = -1;
  const vancouver = VANCOUVER.exec(cleaned);
  if (vancouver) {
    out.year = Number(vancouver[1]);
    out.volume = vancouver[2];
    out.issue = vancouver[3];
    out.firstPage = vancouver[4];
    blockStart = vancouver.index;
  } else {
    const m = VOL_PP.exec(cleaned) ?? APA.exec(cleaned) ?? VOLUME_COLON.exec(cleaned);
    if (m) {
      out.volume = m[1];
      out.issue = m[2];
      out.firstPage = m[3];
      blockStart = m.index;
    }
  }
  if (out.year === undefined) {
    const apaYear = /\((\d{4})[a-z]?\)/.exec(cleaned);
    if (apaYear) out.year = Number(apaYear[1]);
    else {
      const years = new Set([...cleaned.matchAll(/(?<![\d\-–])((?:1[89]|20)\d\d)(?![\d\-–])/g)].map((m) => Number(m[1])));
      if (years.size === 1) out.year = [...years][0];
    }
  }
  out.title = titleOf(cleaned);
  if (blockStart > 0) out.journal = journalBefore(cleaned.slice(0, blockStart));
  return out;
}

/** The sentence after the author list (and after an APA "(2021)."). */
function titleOf(cleaned: string): string | undefined {
  let start: number | undefined;
  const apa = /^[^()]{0,400}?\((?:\d{4}[a-z]?|n\.d\.)\)\.?\s+/.exec(cleaned);
  if (apa) start = apa[0].length;
  if (start === undefined) {
    const etAl = /\bet al\.?,?\s+/.exec(cleaned.slice(0, 400));
    if (etAl) start = etAl.index + etAl[0].length;
  }
  if (start === undefined) {
    const vancouver = new RegExp(`^(?:${FAMILY}\\s+\\p{Lu}{1,4}(?:,\\s*|\\.\\s+))+`, 'u').exec(cleaned);
    if (vancouver && vancouver[0].trimEnd().endsWith('.')) start = vancouver[0].length;
  }
  if (start === undefined) return undefined;
  const rest = cleaned.slice(start);
  const end = /[.?!](?=\s|$)/.exec(rest);
  const title = (end ? rest.slice(0, end.index + (end[0] === '.' ? 0 : 1)) : rest).trim();
  return title.length >= 3 ? title : undefined;
}

/**
 * The journal: the text before the volume block, back to the previous full stop. Abbreviations
 * written with full stops ("N. Engl. J. Med.") are single short words and are joined back.
 */
function journalBefore(before: string): string | undefined {
  const pieces = before
    .replace(/[\s.,;:]+$/, '')
    .split(/\.\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (pieces.length === 0) return undefined;
  const taken = [pieces.pop()!];
  const isAbbrev = (p: string): boolean => /^\p{Lu}[\p{L}]{0,7}$/u.test(p);
  while (pieces.length > 0 && taken.every(isAbbrev) && isAbbrev(pieces[pieces.length - 1])) taken.unshift(pieces.pop()!);
  const journal = taken.join(' ').replace(/^[\s,;:]+/, '').trim();
  if (!/\p{L}/u.test(journal) || journal.split(/\s+/).length > 12) return undefined;
  return journal;
}

// ---------------------------------------------------------------------------------------------
// Titles

const TITLE_STOP = new Set([
  'a', 'an', 'the', 'of', 'for', 'and', 'or', 'in', 'on', 'at', 'to', 'with', 'by', 'from', 'as', 'into', 'its', 'is',
  'are', 'be', 'after', 'among', 'via', 'within', 'without', 'under', 'over', 'than', 'this', 'that', 'their',
]);

/** Lower case, accents and punctuation dropped, -ise/-ize and plural s folded. */
function titleWords(text: string): string[] {
  return normaliseTitle(text)
    .split(' ')
    .filter(Boolean)
    .map((w) => {
      let s = w.replace(/z/g, 's');
      if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss')) s = s.slice(0, -1);
      return s;
    });
}

function significantTokens(title: string): Set<string> {
  return new Set(titleWords(title).filter((w) => !TITLE_STOP.has(w) && (w.length > 1 || /\d/.test(w))));
}

/** The title before its subtitle ("Main: subtitle", "Main? Subtitle", "Main - subtitle"). */
function mainTitle(title: string): string | undefined {
  const m = /[:?!]\s|\.\s|\s[-–—]\s/.exec(title);
  return m ? title.slice(0, m.index) : undefined;
}

/**
 * How much of a known title `text` carries, 0–1: the share of the title's significant words
 * found close together in the text (case, punctuation, accents, British/American spelling and
 * plurals ignored). A missing subtitle does not count against it.
 */
export function titleSimilarity(knownTitle: string, text: string): number {
  const words = titleWords(text);
  const variants = [knownTitle];
  const main = mainTitle(knownTitle);
  if (main && significantTokens(main).size >= 3) variants.push(main);
  let best = 0;
  for (const variant of variants) {
    const wanted = significantTokens(variant);
    if (wanted.size === 0) continue;
    const window = Math.ceil(titleWords(variant).length * 1.5) + 2;
    for (let i = 0; i < words.length; i++) {
      if (!wanted.has(words[i])) continue;
      const seen = new Set<string>();
      for (let j = i; j < Math.min(words.length, i + window); j++) if (wanted.has(words[j])) seen.add(words[j]);
      best = Math.max(best, seen.size / wanted.size);
      if (best === 1) return 1;
    }
  }
  return best;
}

/** A title cut at a word boundary to about `max` characters, with an ellipsis when cut. */
export function shortTitle(title: string, max = 40): string {
  const t = title.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max);
  return (cut > 0 ? t.slice(0, cut) : t.slice(0, max)).replace(/[\s,;:.]+$/, '') + '…';
}

// ---------------------------------------------------------------------------------------------
// Authors, journals, years

/** Case- and accent-insensitive form of a name. */
export function foldName(name: string): string {
  return stripAccents(name)
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first author's family name (with its particle), or a literal name. */
export function firstAuthorFamily(authors: CslName[] | undefined): string | undefined {
  return authorFamily(authors?.[0]);
}

export function authorFamily(name: CslName | undefined): string | undefined {
  if (!name) return undefined;
  if (name.family) return [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  return name.literal || undefined;
}

/** Whether the known first author's family name is the item's first author (or near its start). */
function authorPresentAtStart(family: string, item: DescribedReference): boolean {
  const want = foldName(family);
  const letters = (s: string): string => s.replace(/[^\p{L}]/gu, '');
  if (item.author) {
    const got = foldName(item.author);
    if (got === want || letters(got) === letters(want)) return true;
    // "van Dijk" written "Dijk", or the family without its particle.
    const wantLast = letters(want.split(' ').pop() ?? '');
    if (wantLast && letters(got.split(' ').pop() ?? '') === wantLast) return true;
  }
  const head = foldName(item.cleaned.slice(0, Math.max(40, family.length + 20)));
  return new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(want)}(?:[^\\p{L}]|$)`, 'u').test(head);
}

const JOURNAL_STOP = new Set(['of', 'the', 'and', '&', 'for', 'in', 'on', 'de', 'la', 'der', 'und', 'et']);

function journalWords(text: string): { folded: string; raw: string }[] {
  return stripAccents(text)
    .split(/[^\p{L}\p{N}&]+/u)
    .filter(Boolean)
    .map((raw) => ({ raw, folded: raw.toLowerCase() }))
    .filter((w) => !JOURNAL_STOP.has(w.folded));
}

/**
 * Whether `text` names the journal `journal` in full or abbreviated form (ISO 4 / NLM style):
 * stop words ignored, each word written as a prefix of the full word ("N Engl J Med" ≡ "New
 * England Journal of Medicine"), or the whole name as its initials ("JAMA", "BMJ").
 */
export function journalMentioned(journal: string, text: string): boolean {
  const full = journalWords(journal).map((w) => w.folded);
  if (full.length === 0) return false;
  const words = journalWords(text);
  const compatible = (a: string, b: string): boolean => a === b || (a.length >= 1 && b.startsWith(a)) || (b.length >= 1 && a.startsWith(b));
  for (let i = 0; i + full.length <= words.length; i++) {
    let ok = true;
    let strong = false;
    for (let k = 0; k < full.length && ok; k++) {
      const got = words[i + k].folded;
      ok = compatible(got, full[k]);
      if (ok && (got === full[k] ? got.length >= 2 : Math.min(got.length, full[k].length) >= 3)) strong = true;
    }
    if (!ok || !strong) continue;
    if (full.length === 1 && words[i].folded !== full[0]) continue;
    return true;
  }
  if (full.length >= 2) {
    const initials = full.map((w) => w[0]).join('');
    if (words.some((w) => w.raw.length >= 2 && w.raw === w.raw.toUpperCase() && w.folded === initials)) return true;
  }
  return false;
}

function dateYear(date: CslDate | undefined): number | undefined {
  const part = date?.['date-parts']?.[0]?.[0];
  const n = typeof part === 'string' ? Number(part) : part;
  if (typeof n === 'number' && Number.isFinite(n) && n > 0) return n;
  const raw = date?.raw ?? date?.literal;
  const m = raw ? /\b(\d{4})\b/.exec(raw) : null;
  return m ? Number(m[1]) : undefined;
}

/** Issued year, the study record's year and the online-first year, when known. */
export function knownYears(meta: CslLike): number[] {
  const years = [dateYear(meta.issued), dateYear(meta['published-online']), dateYear(meta['published-print'] as CslDate | undefined)];
  return [...new Set(years.filter((y): y is number => y !== undefined))];
}

function firstPageOf(page: string): string | undefined {
  const m = /^\s*([A-Za-z]?\d+)/.exec(page);
  return m ? m[1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Messages

function describeItem(item: DescribedReference): string {
  const parts = [item.author, item.journal, item.year !== undefined ? String(item.year) : undefined].filter(Boolean);
  const paren = parts.length ? `(${parts.join(', ')})` : '';
  if (item.title) return `says "${shortTitle(item.title)}"${paren ? ' ' + paren : ''}`;
  if (paren) return `says ${paren}`;
  return 'describes another work';
}

function describeMeta(meta: CslLike): string {
  const family = firstAuthorFamily(meta.author);
  const journal = [meta['container-title-short'], meta['container-title']].find((j): j is string => typeof j === 'string' && !!j.trim());
  const year = dateYear(meta.issued);
  const parts = [family, journal, year !== undefined ? String(year) : undefined].filter(Boolean);
  const paren = parts.length ? ` (${parts.join(', ')})` : '';
  const from = meta.resolvedFrom ? ` according to ${meta.resolvedFrom}` : '';
  return (meta.title ? `"${meta.title}"${paren}` : `${meta.id ?? 'a work'}${paren}`) + from;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
