import type { BibEntry, Finding, Position } from '../types';
import { finding } from '../types';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { ParsedNote, Sentence } from '../notes/types';
import { normaliseDoi } from '../doi';
import type { LineIndex } from '../text';
import { linesOf } from '../notes/lines';
import { SentenceMemo, sentenceKey } from './sentence-memo';
import { own } from '../lru';
import { authorFamily, foldName, shortTitle } from '../checks/doi-mismatch';
import { titleOf } from '../format/describe';

export interface ImplicitCitationOptions {
  /**
   * Report only sentences that cite nothing at all. By default a sentence that cites other works
   * but not the one it names ("Ross and colleagues used niacin [@raison2023]") is reported too.
   */
  onlyUncited?: boolean;
}

/**
 * claim.implicit-citation: a sentence names a study of the library by its first author ("Davis
 * and colleagues", "Davis et al. (2021)", "the Davis trial", "Goodwin's team", "Griffiths and
 * Johnson") but does not cite it. The hint carries the keys and where " [@key]" would go.
 */
export function checkImplicitCitations(note: ParsedNote, index: WorkspaceIndex, options: ImplicitCitationOptions = {}): Finding[] {
  const { works, byFamily } = namedWorks(index);
  if (works.length === 0) return [];
  const lines = linesOf(note);
  const pass = memo.pass(note, index);
  const out: Finding[] = [];
  for (const sentence of note.sentences) {
    const block = note.blocks[sentence.block];
    if (!block || block.kind !== 'paragraph' || block.inQuote || block.inReferenceList) continue;
    // A sentence that names no one has no finding (most do not): not worth a memo entry.
    if (namingPhrases(sentence.text).length === 0) continue;
    const key = `${options.onlyUncited ? 1 : 0}${sentenceKey(note, sentence, lines)}`;
    out.push(...pass.findings(sentence.start, key, () => ({ findings: checkSentence(note, index, options, lines, sentence, byFamily), keep: true })));
  }
  return out;
}

// Unchanged sentences keep their findings across edits (see SentenceMemo); the options are in the key.
const memo = new SentenceMemo();

function checkSentence(
  note: ParsedNote,
  index: WorkspaceIndex,
  options: ImplicitCitationOptions,
  lines: LineIndex,
  sentence: Sentence,
  byFamily: NamedWorks['byFamily'],
): Finding[] {
  const out: Finding[] = [];
  // Most sentences name no one: then what they cite does not matter.
  const phrases = namingPhrases(sentence.text);
  if (phrases.length === 0) return out;
  const cited = citedBy(sentence, note, index);
  if (cited.unknown || (options.onlyUncited && cited.labels.length > 0)) return out;
  const seenKeys = new Set<string>();
  let coveredUntil = -1;
  for (const phrase of phrases) {
    if (phrase.start < coveredUntil) continue;
    let candidates = byFamily.get(foldName(phrase.name)) ?? [];
    if (phrase.second !== undefined) {
      const second = foldName(phrase.second);
      candidates = candidates.filter((w) => w.secondFamilies.has(second));
    }
    if (phrase.year !== undefined) candidates = candidates.filter((w) => w.years.includes(phrase.year!));
    if (candidates.length === 0) continue;
    coveredUntil = phrase.end;
    // Citing any work the name could mean is enough.
    if (candidates.some((w) => isCited(w, cited))) continue;
    const withRecord = candidates.filter((w) => w.hasRecord);
    if (withRecord.length > 0) candidates = withRecord;
    const keys = candidates.map((w) => w.key);
    if (keys.every((k) => seenKeys.has(k))) continue;
    keys.forEach((k) => seenKeys.add(k));

    const shown = note.text.slice(sentence.start + phrase.start, sentence.start + phrase.end).replace(/\s+/g, ' ');
    const describe = (w: NamedWork): string =>
      [w.title ? `${w.key}: ${shortTitle(w.title)}` : w.key, w.year !== undefined ? String(w.year) : undefined].filter(Boolean).join(', ');
    const names =
      candidates.length === 1
        ? `"${shown}" names a study in your library (${describe(candidates[0])})`
        : `"${shown}" could name ${candidates.length} studies in your library (${candidates.map(describe).join('; ')})`;
    const but = cited.labels.length === 0 ? 'but cites nothing' : `but the sentence cites only ${cited.labels.join(', ')}`;
    out.push(
      finding(
        'claim.implicit-citation',
        note.file,
        lines.range(sentence.start + phrase.start, sentence.start + phrase.end),
        `${names} ${but}.`,
        { data: { keys, insertAt: insertionPoint(note.text, sentence, lines) } },
      ),
    );
  }
  return out;
}

interface Cited {
  keys: Set<string>;
  dois: Set<string>;
  /** "@raison2023", "[2]", "doi:…" for the message. */
  labels: string[];
  /** A numbered reference or DOI the library cannot place: it may be the named work. */
  unknown: boolean;
}

/** What the sentence cites: keys, and DOIs of its numbered references and written DOIs. */
function citedBy(sentence: Sentence, note: ParsedNote, index: WorkspaceIndex): Cited {
  const out: Cited = { keys: new Set(), dois: new Set(), labels: [], unknown: false };
  const known = (doi: string): boolean => index.worksForDoi(doi).some((w) => w.kind === 'entry' || w.kind === 'study');
  for (const c of sentence.citations) {
    if (c.kind === 'key') {
      out.keys.add(c.key);
      if (!out.labels.includes(`@${c.key}`)) out.labels.push(`@${c.key}`);
      if (!index.hasKey(c.key) && !note.inlineReferences?.entries.some((e) => e.key === c.key)) out.unknown = true;
      continue;
    }
    for (const n of c.numbers) {
      if (!out.labels.includes(`[${n}]`)) out.labels.push(`[${n}]`);
      const item = note.referenceList?.items.find((i) => i.number === n);
      const dois = item?.dois.map((d) => d.doi).filter((d): d is string => !!d) ?? [];
      if (dois.length === 0 || !dois.some(known)) out.unknown = true;
      dois.forEach((d) => out.dois.add(d));
    }
  }
  for (const d of note.dois) {
    if (d.start < sentence.start || d.end > sentence.end) continue;
    out.labels.push(d.raw);
    if (!d.doi || !known(d.doi)) out.unknown = true;
    else out.dois.add(d.doi);
  }
  return out;
}

function isCited(work: NamedWork, cited: Cited): boolean {
  return [...work.keys].some((k) => cited.keys.has(k)) || [...work.dois].some((d) => cited.dois.has(d));
}

/** Just before the sentence's final punctuation, where " [@key]" goes. */
function insertionPoint(text: string, sentence: Sentence, lines: LineIndex): Position {
  let end = sentence.end;
  while (end > sentence.start && /\s/.test(text[end - 1])) end--;
  while (end > sentence.start && /[.!?…]/.test(text[end - 1])) end--;
  return lines.positionAt(end);
}

// ---------------------------------------------------------------------------------------------
// The works a name can point at

interface NamedWork {
  /** The key to cite: an entry key (it renders), preferring one that is also a record id. */
  key: string;
  title?: string;
  year?: number;
  /** Issued, record and online years. */
  years: number[];
  firstFamilies: Set<string>;
  secondFamilies: Set<string>;
  hasRecord: boolean;
  /** Every entry key and record id of the work, and its DOIs. */
  keys: Set<string>;
  dois: Set<string>;
}

interface NamedWorks {
  version: number;
  works: NamedWork[];
  /** Folded first-author family → works. */
  byFamily: Map<string, NamedWork[]>;
}

// Works come from entries and records only: kept while notes are edited (a rebuild over tens of
// thousands of entries on every keystroke cost more than the rest of the check).
const worksCache = new WeakMap<WorkspaceIndex, NamedWorks>();

function namedWorks(index: WorkspaceIndex): NamedWorks {
  const cached = worksCache.get(index);
  if (cached && cached.version === index.libraryVersion) return cached;
  const works = buildNamedWorks(index);
  const byFamily = new Map<string, NamedWork[]>();
  for (const w of works) {
    for (const f of w.firstFamilies) {
      const list = byFamily.get(f) ?? [];
      list.push(w);
      byFamily.set(f, list);
    }
  }
  const built = { version: index.libraryVersion, works, byFamily };
  worksCache.set(index, built);
  return built;
}

/**
 * One work per DOI (or per key when there is no DOI): bibliography entries give the authors,
 * study records are linked to entries by key or DOI. Kept per index version.
 */
function buildNamedWorks(index: WorkspaceIndex): NamedWork[] {
  const groups = new Map<string, BibEntry[]>();
  for (const entry of index.allEntries()) {
    const doi = typeof entry.csl.DOI === 'string' ? normaliseDoi(entry.csl.DOI) : undefined;
    const id = doi ? `doi:${doi}` : `key:${entry.key}`;
    const list = groups.get(id) ?? [];
    if (!list.some((e) => e.key === entry.key)) list.push(entry);
    groups.set(id, list);
  }
  const out: NamedWork[] = [];
  for (const [id, entries] of groups) {
    const doi = id.startsWith('doi:') ? id.slice(4) : undefined;
    const recordsByDoi = doi ? index.worksForDoi(doi).filter((w) => w.kind === 'study') : [];
    const withRecord = entries.filter((e) => index.studies(e.key).length > 0);
    const main = withRecord[0] ?? entries[0];
    const records = [...index.studies(main.key)];
    for (const w of recordsByDoi) if (w.kind === 'study' && !records.includes(w.study)) records.push(w.study);
    const first = new Set<string>();
    const second = new Set<string>();
    for (const e of entries) {
      const a = authorFamily(e.csl.author?.[0]);
      const b = authorFamily(e.csl.author?.[1]);
      if (a) for (const f of familyForms(a)) first.add(f);
      if (b) for (const f of familyForms(b)) second.add(f);
    }
    if (first.size === 0) continue;
    const years = new Set<number>();
    let year: number | undefined;
    for (const e of entries) {
      const y = yearOf(e.csl.issued?.['date-parts']?.[0]?.[0]);
      if (y !== undefined) {
        years.add(y);
        year ??= y;
      }
    }
    for (const r of records) {
      if (r.year !== undefined) {
        years.add(r.year);
        year ??= r.year;
      }
      const online = r.publishedOnline ? yearOf(r.publishedOnline.slice(0, 4)) : undefined;
      if (online !== undefined) years.add(online);
    }
    const title = records.find((r) => r.title)?.title ?? entries.map((e) => titleOf(e.csl)).find((t) => !!t);
    out.push({
      key: main.key,
      title,
      year,
      years: [...years],
      firstFamilies: first,
      secondFamilies: second,
      hasRecord: records.length > 0,
      keys: new Set([...entries.map((e) => e.key), ...records.map((r) => r.id)]),
      dois: new Set([...(doi ? [doi] : []), ...records.flatMap((r) => (r.doi ? [r.doi] : []))]),
    });
  }
  return out;
}

const PARTICLE_WORDS = new Set(['van', 'von', 'de', 'der', 'den', 'du', 'da', 'di', 'del', 'della', 'dos', 'das', 'la', 'le', 'ten', 'ter']);

/** "van Dijk" is also written "Dijk"; both forms match. Other names ("Johns Hopkins Medicine") only whole. */
function familyForms(family: string): string[] {
  const folded = foldName(family);
  const parts = folded.split(' ');
  if (parts.length > 1 && parts.slice(0, -1).every((p) => PARTICLE_WORDS.has(p))) return [folded, parts[parts.length - 1]];
  return [folded];
}

function yearOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 1000 ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// Naming phrases

interface NamingPhrase {
  /** Offsets in the sentence text. */
  start: number;
  end: number;
  name: string;
  second?: string;
  year?: number;
}

/** Start of a word (\\b only knows ASCII letters). */
const B = '(?<![\\p{L}\\p{N}])';
const PARTICLES = '(?:(?:van|von|de|der|den|du|da|di|del|della|dos|das|la|le|ten|ter)\\s+)*';
const NAME = `(${PARTICLES}\\p{Lu}[\\p{L}'’\\-]*\\p{L})`;
const NAME2 = `(${PARTICLES}\\p{Lu}[\\p{L}'’\\-]*\\p{L})`;
const YEAR = '(?:\\s*\\(\\s*((?:19|20)\\d\\d)[a-z]?\\s*\\)|,\\s*((?:19|20)\\d\\d)[a-z]?\\b)?';
const GROUP = '(?:colleagues|co-?workers|collaborators|associates|co-?authors|team)';
const STUDY = '(?:trial|study|group|team|cohort|paper|report|analysis|lab|laboratory)';

/**
 * Each pattern with `gate`, a test every sentence it matches passes: a plain pattern for the part
 * after the first name, which is cheap where the full pattern tries a Unicode name at every
 * position. Most sentences pass no gate.
 */
const PATTERNS: { re: RegExp; gate: RegExp; second: boolean; yearRequired?: boolean }[] = [
  // Davis et al., Davis et al. (2021), Davis and colleagues
  {
    re: new RegExp(`${B}${NAME}\\s+(?:et\\s+al\\.?|and\\s+${GROUP}|&\\s+${GROUP})${YEAR}`, 'gu'),
    gate: new RegExp(`\\s(?:et\\s+al|and\\s+${GROUP}|&\\s+${GROUP})`),
    second: false,
  },
  // Griffiths and Johnson (first two authors)
  {
    re: new RegExp(`${B}${NAME}\\s+(?:and|&)\\s+${NAME2}${YEAR}`, 'gu'),
    gate: new RegExp(`\\s(?:and|&)\\s+${PARTICLES}\\p{Lu}`, 'u'),
    second: true,
  },
  // the Davis trial
  { re: new RegExp(`\\b[Tt]he\\s+${NAME}\\s+${STUDY}\\b`, 'gu'), gate: new RegExp(`\\s${STUDY}\\b`), second: false },
  // Goodwin's team
  { re: new RegExp(`${B}${NAME}['’]s\\s+(?:${STUDY}|colleagues|co-?workers)\\b`, 'gu'), gate: /['’]s\s/, second: false },
  // Davis (2021)
  {
    re: new RegExp(`${B}${NAME}\\s*\\(\\s*((?:19|20)\\d\\d)[a-z]?\\s*\\)`, 'gu'),
    gate: /\(\s*(?:19|20)\d\d/,
    second: false,
    yearRequired: true,
  },
];

/**
 * Every study-naming phrase of a sentence, earliest first and, at one place, longest first;
 * overlapping phrases are dropped by the caller once one of them names a known work.
 */
export function namingPhrases(text: string): NamingPhrase[] {
  if (!PATTERNS.some((p) => p.gate.test(text))) return NONE;
  // Five Unicode patterns per sentence dominate re-checking a long note after an edit, where all
  // but one sentence are unchanged: results are kept by sentence text (callers do not modify them).
  const cached = phraseCache.get(text);
  if (cached) return cached;
  if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.clear();
  const copy = own(text); // a sentence is a view into the note's text: the cache must not keep the note
  const found = findNamingPhrases(copy);
  phraseCache.set(copy, found);
  return found;
}

const NONE: NamingPhrase[] = [];
const phraseCache = new Map<string, NamingPhrase[]>();
const PHRASE_CACHE_LIMIT = 100_000;

function findNamingPhrases(text: string): NamingPhrase[] {
  const found: NamingPhrase[] = [];
  for (const { re, gate, second, yearRequired } of PATTERNS) {
    if (!gate.test(text)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const phrase: NamingPhrase = { start: m.index, end: m.index + m[0].length, name: m[1] };
      let rest = 2;
      if (second) phrase.second = m[rest++];
      const year = m[rest] ?? m[rest + 1];
      if (year) phrase.year = Number(year);
      if (yearRequired && phrase.year === undefined) continue;
      found.push(phrase);
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}
