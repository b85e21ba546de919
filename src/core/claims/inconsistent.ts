import * as path from 'path';
import type { Finding, Range, RelatedLocation } from '../types';
import { finding } from '../types';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { ParsedNote, Sentence } from '../notes/types';
import { normaliseDoi } from '../doi';
import type { LineIndex } from '../text';
import { linesOf } from '../notes/lines';
import { LruCache, own } from '../lru';

/**
 * claim.inconsistent: two notes state different percentages for the same study, measure
 * (response, remission, relapse…) and time point. Only sentences that cite exactly one study
 * (`[@key]`, or `[n]` whose reference item's DOI leads to one study) and state a figure plainly
 * count: approximations, ranges, confidence levels and comparisons between arms or doses are
 * left out, and so is a note that gives two figures for the same thing (arms, subgroups).
 */
export function checkInconsistentFigures(index: WorkspaceIndex): Finding[] {
  const notes = index.notes();
  const base = commonFolder([...notes.map((n) => n.file), ...index.allStudies().map((s) => s.file)]);
  const groups = new Map<string, Statement[]>();
  for (const note of notes) {
    const own = new Map<string, Statement[]>();
    for (const s of statementsOf(note, index)) {
      const id = `${s.key}\u0000${s.measure}\u0000${s.timepoint ?? ''}`;
      const list = own.get(id) ?? [];
      list.push(s);
      own.set(id, list);
    }
    for (const [id, list] of own) {
      // One note giving two different figures for the same thing is about arms or subgroups.
      if (!list.every((s) => sameFigure(s, list[0]))) continue;
      const all = groups.get(id) ?? [];
      all.push(...list);
      groups.set(id, all);
    }
  }

  const out: Finding[] = [];
  for (const list of groups.values()) {
    if (new Set(list.map((s) => s.file)).size < 2) continue;
    const majority = majorityValue(list);
    for (const s of list) {
      const others = list.filter((o) => o.file !== s.file && compatibleScales(s, o));
      const differing = others.filter((o) => !sameFigure(s, o));
      if (differing.length === 0) continue;
      if (majority !== undefined && sameValue(s.value, s.decimals, majority.value, majority.decimals)) continue;
      const named = (majority !== undefined ? differing.find((o) => sameValue(o.value, o.decimals, majority.value, majority.decimals)) : undefined) ?? differing[0];
      const where = (o: Statement): string => `${relative(base, o.file)}:${o.range.start.line + 1}`;
      const at = s.timepoint ? ` at ${s.timepoint}` : '';
      const related: RelatedLocation[] = differing.map((o) => ({
        file: o.file,
        range: o.range,
        message: `${where(o)} says ${o.written} ${o.measure} for ${o.key}${at}.`,
      }));
      out.push(
        finding(
          'claim.inconsistent',
          s.file,
          s.range,
          `This note says ${s.written} ${s.measure} for ${s.key}${at}; ${where(named)} says ${named.written}.`,
          { related, data: { key: s.key, measure: s.measure, timepoint: s.timepoint ?? null, value: s.value } },
        ),
      );
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}

interface Statement {
  file: string;
  key: string;
  measure: string;
  timepoint?: string;
  value: number;
  decimals: number;
  /** "67%" */
  written: string;
  range: Range;
  /** Rating scales named in the sentence (MADRS, GRID-HAMD…). */
  scales: string[];
}

function sameValue(a: number, ad: number, b: number, bd: number): boolean {
  const d = Math.min(ad, bd);
  const f = 10 ** d;
  return Math.round(a * f) === Math.round(b * f);
}

function sameFigure(a: Statement, b: Statement): boolean {
  return sameValue(a.value, a.decimals, b.value, b.decimals);
}

/** The figure most notes give, when one figure is given by more notes than any other. */
function majorityValue(list: Statement[]): { value: number; decimals: number } | undefined {
  const counts: { value: number; decimals: number; files: Set<string> }[] = [];
  for (const s of list) {
    let c = counts.find((x) => sameValue(x.value, x.decimals, s.value, s.decimals));
    if (!c) counts.push((c = { value: s.value, decimals: s.decimals, files: new Set() }));
    c.files.add(s.file);
  }
  counts.sort((a, b) => b.files.size - a.files.size);
  if (counts.length > 1 && counts[0].files.size === counts[1].files.size) return undefined;
  return counts[0];
}

function compatibleScales(a: Statement, b: Statement): boolean {
  if (a.scales.length === 0 || b.scales.length === 0) return true;
  return a.scales.some((x) => b.scales.some((y) => x === y || x.includes(y) || y.includes(x)));
}

// ---------------------------------------------------------------------------------------------
// Statements in a note

// A note's statements depend on its own text and the library only: after an edit, only the edited
// note (a new ParsedNote) is read again, not the other thousand.
const statementCache = new WeakMap<ParsedNote, { index: WorkspaceIndex; version: number; statements: Statement[] }>();

/**
 * Reads (and keeps) a note's figures ahead of checkInconsistentFigures, so a caller that must not
 * block (the editor) can spread the first full comparison over many turns of its event loop.
 */
export function prepareInconsistentFigures(note: ParsedNote, index: WorkspaceIndex): void {
  statementsOf(note, index);
}

function statementsOf(note: ParsedNote, index: WorkspaceIndex): Statement[] {
  const cached = statementCache.get(note);
  if (cached && cached.index === index && cached.version === index.libraryVersion) return cached.statements;
  const statements = readStatements(note, index);
  statementCache.set(note, { index, version: index.libraryVersion, statements });
  return statements;
}

function readStatements(note: ParsedNote, index: WorkspaceIndex): Statement[] {
  const out: Statement[] = [];
  let lines: LineIndex | undefined;
  for (const sentence of note.sentences) {
    const block = note.blocks[sentence.block];
    if (!block || block.kind !== 'paragraph' || block.inQuote || block.inReferenceList) continue;
    if (!/%|per\s?cent/i.test(sentence.text)) continue;
    const key = singleStudy(sentence, note, index);
    if (!key) continue;
    lines ??= linesOf(note);
    for (const f of figuresOf(sentence.text)) {
      out.push({
        file: note.file,
        key,
        measure: f.measure,
        timepoint: f.timepoint,
        value: f.value,
        decimals: f.decimals,
        written: `${f.number}%`,
        range: lines.range(sentence.start + f.start, sentence.start + f.end),
        scales: scalesOf(sentence.text),
      });
    }
  }
  return out;
}

/** The one study a sentence cites, by key or through one numbered reference item's DOI. */
function singleStudy(sentence: Sentence, note: ParsedNote, index: WorkspaceIndex): string | undefined {
  const keys = new Set<string>();
  for (const c of sentence.citations) {
    if (c.kind === 'key') keys.add(canonicalKey(c.key, index));
    else {
      for (const n of c.numbers) {
        const item = note.referenceList?.items.find((i) => i.number === n);
        const dois = [...new Set(item?.dois.map((d) => d.doi).filter((d): d is string => !!d) ?? [])];
        const resolved = dois.length === 1 ? keyForDoi(dois[0], index) : undefined;
        if (!resolved) return undefined;
        keys.add(resolved);
      }
    }
    if (keys.size > 1) return undefined;
  }
  return keys.size === 1 ? [...keys][0] : undefined;
}

// Both answers below depend on the library alone, and an edited note asks them again for every
// citation of its sentences with a percentage (~2 DOI normalisations each): kept per library version.
const libraryAnswers = new WeakMap<WorkspaceIndex, { version: number; keys: Map<string, string>; dois: Map<string, string | undefined> }>();

function answersFor(index: WorkspaceIndex): { keys: Map<string, string>; dois: Map<string, string | undefined> } {
  let answers = libraryAnswers.get(index);
  if (answers?.version !== index.libraryVersion) libraryAnswers.set(index, (answers = { version: index.libraryVersion, keys: new Map(), dois: new Map() }));
  return answers;
}

/** A key with a study record stays; an entry without one goes to the record with its DOI. */
function canonicalKey(key: string, index: WorkspaceIndex): string {
  const { keys } = answersFor(index);
  let answer = keys.get(key);
  if (answer === undefined) keys.set(key, (answer = readCanonicalKey(key, index)));
  return answer;
}

function readCanonicalKey(key: string, index: WorkspaceIndex): string {
  if (index.studies(key).length > 0) return key;
  for (const e of index.entries(key)) {
    const doi = typeof e.csl.DOI === 'string' ? normaliseDoi(e.csl.DOI) : undefined;
    const viaDoi = doi ? keyForDoi(doi, index) : undefined;
    if (viaDoi) return viaDoi;
  }
  return key;
}

/** The study record with this DOI, or else the (first, sorted) entry key with it. */
function keyForDoi(doi: string, index: WorkspaceIndex): string | undefined {
  const { dois } = answersFor(index);
  if (dois.has(doi)) return dois.get(doi);
  const answer = readKeyForDoi(doi, index);
  dois.set(doi, answer);
  return answer;
}

function readKeyForDoi(doi: string, index: WorkspaceIndex): string | undefined {
  const works = index.worksForDoi(doi);
  const records = [...new Set(works.flatMap((w) => (w.kind === 'study' ? [w.study.id] : [])))];
  if (records.length === 1) return records[0];
  if (records.length > 1) return undefined;
  const entries = [...new Set(works.flatMap((w) => (w.kind === 'entry' ? [w.entry.key] : [])))];
  const withRecord = entries.filter((k) => index.studies(k).length > 0);
  if (withRecord.length === 1) return withRecord[0];
  return entries.sort()[0];
}

// ---------------------------------------------------------------------------------------------
// Figures in a sentence

interface Figure {
  start: number;
  end: number;
  number: string;
  value: number;
  decimals: number;
  measure: string;
  timepoint?: string;
}

const MEASURES: [RegExp, string][] = [
  [/\b(?:respon(?:se|ses|ded|ders?|ding))\b/i, 'response'],
  [/\b(?:remission|remissions|remitted|remitters?)\b/i, 'remission'],
  [/\brelaps(?:e|es|ed|ing)\b/i, 'relapse'],
  [/\b(?:reduction|reductions|reduced|decreased?)\b/i, 'reduction'],
  [/\b(?:drop-?outs?|dropped out|discontinu(?:ed|ation)|withdr(?:ew|awals?))\b/i, 'dropout'],
  [/\b(?:improvement|improved)\b/i, 'improvement'],
  [/\badverse (?:events?|effects?|reactions?)\b/i, 'adverse events'],
];
const MODIFIER = /\b(sustained|partial|complete|full|durable|early)\s*$/i;

/** A clause that compares arms, doses or groups: its figures are about one arm each. */
const COMPARATIVE = /\b(?:arms?|groups?|placebo|controls?|versus|vs\.?|against|compared|comparison|than|doses?|dosages?|mg|µg|mcg|niacin)\b/i;
const APPROXIMATE = /(?:\b(?:about|around|approximately|approx\.?|nearly|almost|roughly|some|over|under|more than|less than|fewer than|greater than|up to|at least|at most|as many as|as few as)|[~≈<>≤≥±])\s*$/i;
const PERCENT = /(?<![\d.,])(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent\b)/gi;
const PERCENT_ANY = /\d\s?(?:%|per\s?cent\b)/gi;
/** Forward search for a figure's measure stops at the next clause. */
const FORWARD_STOP = /[,;:[\]]|\b(?:and|but|while|whereas|against|versus|vs)\b/i;

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20, 'twenty-four': 24, thirty: 30,
};
const NUM = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|')})`;
const UNIT = '(week|wk|day|month|year)s?';
const TIMEPOINTS = [new RegExp(`\\b${UNIT}\\s+${NUM}\\b`, 'gi'), new RegExp(`\\b${NUM}[\\s-]*(weeks?|wks?|days?|months?|years?)\\b`, 'gi')];

function timepointsOf(text: string): { start: number; end: number; label: string }[] {
  const out: { start: number; end: number; label: string }[] = [];
  TIMEPOINTS.forEach((re, which) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const unitWord = which === 0 ? m[1] : m[2];
      const numWord = which === 0 ? m[2] : m[1];
      const n = /^\d+$/.test(numWord) ? Number(numWord) : NUMBER_WORDS[numWord.toLowerCase()];
      if (!n) continue;
      const unit = unitWord.toLowerCase().replace(/s$/, '').replace(/^wk$/, 'week');
      out.push({ start: m.index, end: m.index + m[0].length, label: `${unit} ${n}` });
    }
  });
  return out.sort((a, b) => a.start - b.start);
}

function measureIn(text: string, last: boolean): { measure: string; at: number } | undefined {
  let best: { measure: string; at: number } | undefined;
  for (const [re, name] of MEASURES) {
    const global = new RegExp(re.source, 'gi');
    for (let m = global.exec(text); m; m = global.exec(text)) {
      const modifier = MODIFIER.exec(text.slice(0, m.index));
      const measure = modifier ? `${modifier[1].toLowerCase()} ${name}` : name;
      if (!best || (last ? m.index > best.at : m.index < best.at)) best = { measure, at: m.index };
      if (!last) break;
    }
  }
  return best;
}

/**
 * Whether the figure is about one arm, dose or group: a comparative word in its own comma
 * clause or before it in the clause, or anywhere in a clause that gives several figures.
 */
function comparesArms(text: string, clause: { start: number; end: number }, start: number, end: number): boolean {
  const whole = text.slice(clause.start, clause.end);
  if (!COMPARATIVE.test(whole)) return false;
  if ((whole.match(PERCENT_ANY) ?? []).length > 1) return true;
  if (COMPARATIVE.test(text.slice(clause.start, start))) return true;
  const after = text.slice(end, clause.end);
  const comma = /[,(]/.exec(after);
  return COMPARATIVE.test(comma ? after.slice(0, comma.index) : after);
}

/** Percentages with their measure and time point, for the figures stated plainly. */
// Figures by sentence text (they depend on nothing else): the edited note's statements are read
// again after every keystroke, and most of its sentences did not change. Bounded; never stale.
const figuresByText = new LruCache<string, Figure[]>(10000);

export function figuresOf(text: string): Figure[] {
  let figures = figuresByText.get(text);
  if (!figures) {
    const copy = own(text); // see `own`: kept figures must not keep the note's text alive
    figuresByText.set(copy, (figures = readFigures(copy)));
  }
  return figures;
}

function readFigures(text: string): Figure[] {
  const clauses: { start: number; end: number }[] = [];
  let from = 0;
  for (const m of text.matchAll(/;/g)) {
    clauses.push({ start: from, end: m.index! });
    from = m.index! + 1;
  }
  clauses.push({ start: from, end: text.length });
  const clauseOf = (at: number) => clauses.find((c) => at >= c.start && at < c.end) ?? clauses[clauses.length - 1];
  const times = timepointsOf(text);

  const raw: (Figure & { skip: boolean })[] = [];
  PERCENT.lastIndex = 0;
  let previousEnd = 0;
  let previousMeasure: string | undefined;
  let previousClause: { start: number; end: number } | undefined;
  // "67% (95% CI, 50% to 80%)": the figures in the parenthesis qualify the one before it.
  const qualifiers = [...text.matchAll(/(?:%|per\s?cent)\s*(\([^()]*\))/gi)].map((q) => ({
    start: q.index! + q[0].length - q[1].length,
    end: q.index! + q[0].length,
  }));
  for (let m = PERCENT.exec(text); m; m = PERCENT.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (qualifiers.some((q) => start > q.start && end <= q.end)) continue;
    const clause = clauseOf(start);
    if (clause !== previousClause) {
      previousEnd = clause.start;
      previousMeasure = undefined;
    }
    const before = text.slice(clause.start, start);
    const after = text.slice(end, clause.end);
    let skip =
      APPROXIMATE.test(before) ||
      /\d\s*(?:%\s*)?[-–—]\s*$/.test(before) ||
      /^\s*(?:[-–—]\s*\d|CI\b|confidence|credible)/i.test(after) ||
      comparesArms(text, clause, start, end);

    // Parentheses after a figure hold its interval or count ("67% (16 of 24)"), not a new clause.
    const plain = after.replace(/\([^()]*\)/g, (p) => ' '.repeat(p.length));
    const stop = FORWARD_STOP.exec(plain);
    const forward = measureIn(plain.slice(0, stop ? stop.index : plain.length).split(/\s+/).slice(0, 10).join(' '), false);
    const backward = measureIn(text.slice(previousEnd, start), true);
    let measure = forward?.measure ?? backward?.measure;
    if (!measure && previousMeasure) measure = previousMeasure;
    if (!measure) skip = true;

    // The nearest time point in the clause, else the sentence's only one.
    const inClause = times.filter((t) => t.start >= clause.start && t.end <= clause.end);
    const distinct = (list: typeof times) => [...new Set(list.map((t) => t.label))];
    let timepoint: string | undefined;
    if (distinct(inClause).length === 1) timepoint = inClause[0].label;
    else if (inClause.length > 1) {
      const dist = (t: (typeof times)[number]) => (t.start >= end ? t.start - end : start - t.end);
      timepoint = [...inClause].sort((a, b) => dist(a) - dist(b))[0].label;
    } else if (distinct(times).length === 1) timepoint = times[0].label;
    else if (times.length > 1) skip = true;

    const number = m[1];
    raw.push({
      start,
      end,
      number,
      value: Number(number),
      decimals: number.includes('.') ? number.split('.')[1].length : 0,
      measure: measure ?? '',
      timepoint,
      skip,
    });
    previousEnd = end;
    previousMeasure = measure;
    previousClause = clause;
  }
  // Two figures for the same measure and time point in one sentence are arms or subgroups
  // (a figure without a measure word of its own shares the one before it: "37% against 18%").
  const count = new Map<string, number>();
  for (const f of raw) {
    if (!f.measure) continue;
    const id = `${f.measure}\u0000${f.timepoint ?? ''}`;
    count.set(id, (count.get(id) ?? 0) + 1);
  }
  return raw
    .filter((f) => !f.skip && count.get(`${f.measure}\u0000${f.timepoint ?? ''}`) === 1)
    .map(({ start, end, number, value, decimals, measure, timepoint }) => ({ start, end, number, value, decimals, measure, timepoint }));
}

const NOT_SCALES = new Set([
  'MDD', 'TRD', 'PTSD', 'RCT', 'RCTS', 'USA', 'FDA', 'EMA', 'NIH', 'NHS', 'SSRI', 'SSRIS', 'MDMA', 'LSD', 'DMT', 'EEG', 'MRI',
  'FMRI', 'PET', 'ITT', 'JAMA', 'NEJM', 'BMJ', 'CI', 'SD', 'SE', 'IQR', 'HR', 'OR', 'RR', 'NNT', 'GAD', 'OCD', 'ADHD', 'COVID',
]);

/** Rating-scale acronyms in a sentence, with trailing version numbers dropped (GRID-HAMD-17 → GRID-HAMD). */
function scalesOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?![\p{L}\p{N}])/gu)) {
    const word = m[0].replace(/(?:-\d+)+$/, '');
    if ((word.match(/[A-Z]/g) ?? []).length < 3 || NOT_SCALES.has(word)) continue;
    out.add(word);
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Paths

function commonFolder(files: string[]): string {
  if (files.length === 0) return '/';
  let parts = path.posix.dirname(files[0]).split('/');
  for (const f of files.slice(1)) {
    const other = path.posix.dirname(f).split('/');
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '/';
}

function relative(base: string, file: string): string {
  const rel = path.posix.relative(base, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
