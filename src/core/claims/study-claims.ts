// Checks what a sentence says about the studies it cites against their study records:
//   claim.study-mismatch       a sample size, percentage, design, blinding, control, population,
//                              species, year or follow-up length no cited record supports;
//   claim.contradicts-finding  superiority where the primary outcome was not significant, or
//                              "no difference" where it was;
//   claim.overstated           certainty words ("proves", "cures") resting on weak evidence.
// Precision comes first: a statement is only compared when its wording says plainly what it is
// (a trial's size, not a subgroup's), every citation of the sentence has a record, and every cited
// record contradicts it. Anything unclear is left alone.
import type { LineIndex } from '../text';
import { linesOf } from '../notes/lines';
import { SentenceMemo, sentenceKey, type SentenceResult } from './sentence-memo';
import { finding, type Finding, type Range, type RelatedLocation, type StudyOutcome, type StudyRecord } from '../types';
import type { WorkspaceIndex } from '../index/workspace-index';
import type { ParsedNote, Sentence } from '../notes/types';
import { parseFollowUpWeeks } from '../studies/study';
import { citedWorks, uniqueRecords } from './cited-studies';

// Unchanged sentences keep their findings across edits and notes (see SentenceMemo).
const memo = new SentenceMemo();

export function checkStudyClaims(note: ParsedNote, index: WorkspaceIndex): Finding[] {
  const lines = linesOf(note);
  const pass = memo.pass(note, index);
  const out: Finding[] = [];
  for (const sentence of note.sentences) {
    const block = note.blocks[sentence.block];
    if (!block || block.kind === 'heading' || block.inQuote || block.inReferenceList) continue;
    if (sentence.citations.length === 0) continue;
    // A citation without a record could be what supports the sentence: nothing to say, and
    // nothing worth keeping (most cited keys have no record).
    if (sentence.citations.some((c) => c.kind === 'key' && index.studies(c.key).length === 0)) continue;
    out.push(...pass.findings(sentence.start, sentenceKey(note, sentence, lines), () => checkSentence(note, index, lines, sentence)));
  }
  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
}

function checkSentence(note: ParsedNote, index: WorkspaceIndex, lines: LineIndex, sentence: Sentence): SentenceResult {
  const out: Finding[] = [];
  const works = citedWorks(sentence, note, index);
  // A citation without a record could be what supports the sentence: say nothing.
  if (works.length === 0 || works.some((w) => w.records.length === 0)) return { findings: out, keep: true };
  const records = uniqueRecords(works.flatMap((w) => w.records));
  const work = workText(sentence, lines);
  // Questions state nothing.
  if (/\?\s*$/.test(work.trimEnd())) return { findings: out, keep: true };
  const ctx: Ctx = { note, lines, sentence, work, lower: work.toLowerCase(), records, out, readNote: false };
  checkSampleSizes(ctx);
  checkPercentages(ctx);
  checkAttributes(ctx);
  checkYears(ctx);
  checkFollowUp(ctx);
  checkFindings(ctx);
  checkOverstated(ctx);
  return { findings: out, keep: !ctx.readNote };
}

interface Ctx {
  note: ParsedNote;
  lines: LineIndex;
  sentence: Sentence;
  /** The sentence's masked text with citations, quotations and emphasis marks blanked; same offsets. */
  work: string;
  /** `work` lower-cased, for the word tests that decide which patterns can match (see `mayHold`). */
  lower: string;
  records: StudyRecord[];
  out: Finding[];
  /** Set when the check read the note beyond the sentence: its result cannot be kept by sentence. */
  readNote: boolean;
}

type Status = 'yes' | 'no' | 'unknown';

/** One statement about the cited studies, found at [start, end) of the work text. */
interface Statement {
  start: number;
  end: number;
  field: string;
  /** What the claim says, for the message. */
  stated: string;
  status(record: StudyRecord): Status;
  /** What the record holds, for the message ("blinding: none (open-label)"). */
  recorded(record: StudyRecord): string;
  replacement?(record: StudyRecord): string | undefined;
  /** Where in the record the field is; defaults to fieldRanges[field]. */
  related?(record: StudyRecord): Range[];
}

/** Reports a study-mismatch when every cited record contradicts the statement. */
function judge(ctx: Ctx, s: Statement): void {
  const { records } = ctx;
  if (!records.every((r) => s.status(r) === 'no')) return;
  const parts = records.map((r) => ({ record: r, recorded: s.recorded(r) }));
  const message =
    parts.length === 1
      ? `Claim says ${s.stated}; study ${parts[0].record.id} records ${parts[0].recorded}.`
      : `Claim says ${s.stated}; none of the cited studies does: ${parts.map((p) => `${p.record.id} records ${p.recorded}`).join('; ')}.`;
  const related: RelatedLocation[] = [];
  for (const p of parts) {
    const ranges = s.related ? s.related(p.record) : [p.record.fieldRanges[s.field] ?? p.record.idRange];
    for (const range of ranges) related.push({ file: p.record.file, range, message: `${p.record.id}: ${p.recorded}` });
  }
  const data: Record<string, unknown> = {
    studyId: records[0].id,
    field: s.field,
    stated: s.stated,
    recorded: parts[0].recorded,
  };
  if (records.length > 1) data.studyIds = records.map((r) => r.id);
  const replacement = records.length === 1 && s.replacement ? s.replacement(records[0]) : undefined;
  if (replacement !== undefined) data.replacement = replacement;
  ctx.out.push(finding('claim.study-mismatch', ctx.note.file, rangeOf(ctx, s.start, s.end), message, { related, data }));
}

function rangeOf(ctx: Ctx, start: number, end: number): Range {
  return ctx.lines.range(ctx.sentence.start + start, ctx.sentence.start + end);
}

// ---- the text checked ---------------------------------------------------------------------------

/**
 * Whether the sentence holds one of `hints`: literal pieces (lower case) that every match of a
 * pattern contains, so a pattern runs only on sentences it could match. Sound because the patterns'
 * `i` flag (no `u`) folds ASCII letters only, and ASCII letters lower-case to themselves. A first
 * check runs some fifty patterns on each cited sentence; most sentences hold none of their words.
 */
function mayHold(lower: string, hints: readonly string[]): boolean {
  for (const hint of hints) if (lower.includes(hint)) return true;
  return false;
}

/**
 * The sentence with its citations blanked (a key's digits are not a year or a count), quotations
 * blanked (a quoted claim is someone else's), and emphasis marks turned to spaces.
 */
function workText(sentence: Sentence, lines: LineIndex): string {
  const spans: [number, number][] = [];
  for (const c of sentence.citations) {
    if (c.kind === 'key' && c.bracketed) spans.push([lines.offsetAt(c.groupRange.start) - sentence.start, lines.offsetAt(c.groupRange.end) - sentence.start]);
    else spans.push([c.start - sentence.start, c.end - sentence.start]);
  }
  let text = blankSpans(sentence.text, spans);
  if (text.includes('"') || text.includes('\u201c')) {
    const quotes: [number, number][] = [];
    for (const m of text.matchAll(/"[^"]*"|\u201c[^\u201d]*\u201d/g)) quotes.push([m.index!, m.index! + m[0].length]);
    text = blankSpans(text, quotes);
  }
  return text.includes('*') || text.includes('_') ? text.replace(/[*_]/g, ' ') : text;
}

/** `text` with the characters of each span (clipped to the text) turned to spaces, line breaks kept. */
function blankSpans(text: string, spans: [number, number][]): string {
  const clipped = spans
    .map(([s, e]): [number, number] => [Math.max(0, s), Math.min(text.length, e)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  if (clipped.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [s, e] of clipped) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    parts.push(text.slice(at, from), blankRun(text.slice(from, e)));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function blankRun(run: string): string {
  return run.includes('\n') || run.includes('\r') ? run.replace(/[^\r\n]/g, ' ') : ' '.repeat(run.length);
}

/** Offset where the clause containing `at` starts (after . ; : ! ? brackets or a dash). */
function clauseStart(work: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) {
    const c = work[i];
    if (c === ';' || c === ':' || c === '!' || c === '?' || c === '(' || c === ')' || c === '[' || c === ']' || c === '\u2014') return i + 1;
    // A full stop ends a clause unless it belongs to an abbreviation or a number.
    if (c === '.' && !/\d/.test(work[i + 1] ?? '') && !/\b(?:al|e\.g|i\.e|vs|approx|ca|fig|no|p|pp)$/i.test(work.slice(Math.max(0, i - 6), i))) return i + 1;
  }
  return 0;
}

function clauseEnd(work: string, at: number): number {
  const m = /[;:!?()[\]\u2014]|\.(?!\d)/.exec(work.slice(at));
  return m ? at + m.index : work.length;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
}

/** The last `n` words of the clause before `at`. */
function wordsBefore(work: string, at: number, n = Infinity): string[] {
  const words = wordsOf(work.slice(clauseStart(work, at), at));
  return n === Infinity ? words : words.slice(-n);
}

const NEGATORS = new Set(['not', 'no', 'never', 'cannot', 'neither', 'nor', 'without', 'hardly', 'nothing', 'none', 'non']);
const isNegator = (w: string) => NEGATORS.has(w) || w.endsWith("n't");

/** Words that make a design, population or species word describe something other than the cited study. */
const CONTRAST = new Set([
  'unlike', 'than', 'instead', 'rather', 'whether', 'if', 'need', 'needs', 'needed', 'require', 'requires', 'required',
  'future', 'should', 'would', 'could', 'might', 'planned', 'ongoing', 'proposed', 'lack', 'lacks', 'lacked', 'lacking',
  'another', 'other', 'call', 'calls', 'called', 'except', 'excluded', 'excluding', 'exclude', 'excludes',
  'included', 'pooled', 'later', 'subsequent', 'upcoming', 'forthcoming',
]);
const AFTER_CONTRAST =
  /^[\s,]*(?:\S+\s+){0,3}?(?:(?:are|is|were|was|remain|remains)?\s*(?:needed|required|lacking|missing|planned|ongoing|underway|pending)|would|could|should|might|may|will)\b/i;

function contrasted(work: string, start: number, end: number, before = 5): boolean {
  const words = wordsBefore(work, start, before);
  if (words.some((w) => isNegator(w) || CONTRAST.has(w))) return true;
  return AFTER_CONTRAST.test(work.slice(end, clauseEnd(work, end)));
}

// ---- numbers ------------------------------------------------------------------------------------

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NUMBER_WORD = `(?:(?:${TENS.join('|')})(?:[- ](?:${UNITS.join('|')}))?|${TEENS.join('|')}|${UNITS.join('|')}|a dozen|dozen)`;
const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+|\\d+|${NUMBER_WORD})`;

function numberValue(token: string): number | undefined {
  const t = token.toLowerCase().trim();
  if (/^[\d,]+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (t === 'dozen' || t === 'a dozen') return 12;
  const [first, second] = t.split(/[- ]/);
  const unit = (w: string | undefined) => (w ? UNITS.indexOf(w) + 1 : 0);
  if (TENS.includes(first)) return (TENS.indexOf(first) + 2) * 10 + unit(second);
  if (TEENS.includes(first)) return TEENS.indexOf(first) + 10;
  if (UNITS.includes(first)) return UNITS.indexOf(first) + 1;
  return undefined;
}

const QUALIFIER =
  '(?:nearly|almost|about|around|roughly|approximately|approx\\.|some|circa|~|over|more than|above|upwards of|in excess of|at least|under|fewer than|less than|below|up to|at most|no more than)';

type Comparison = 'exact' | 'approx' | 'gt' | 'ge' | 'lt' | 'le';

function comparisonOf(qualifier: string | undefined): Comparison {
  const q = (qualifier ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (!q) return 'exact';
  if (/^(?:over|more than|above|upwards of|in excess of)$/.test(q)) return 'gt';
  if (q === 'at least') return 'ge';
  if (/^(?:under|fewer than|less than|below)$/.test(q)) return 'lt';
  if (/^(?:up to|at most|no more than)$/.test(q)) return 'le';
  return 'approx';
}

function compares(stated: number, how: Comparison, recorded: number, exactTolerance: number): boolean {
  switch (how) {
    case 'exact':
      return Math.abs(recorded - stated) <= exactTolerance;
    case 'approx':
      return Math.abs(recorded - stated) <= Math.max(exactTolerance, 0.1 * stated);
    case 'gt':
      return recorded > stated;
    case 'ge':
      return recorded >= stated;
    case 'lt':
      return recorded < stated;
    case 'le':
      return recorded <= stated;
  }
}

// ---- sample sizes -------------------------------------------------------------------------------

const HUMAN_NOUNS = 'participants|patients|people|persons|adults|subjects|volunteers|individuals|men|women|veterans|outpatients|inpatients|children|adolescents';
const ANIMAL_NOUNS = 'mice|rats|animals';
const COUNT_STOP =
  'with|of|and|or|in|at|to|from|for|who|that|which|were|was|had|have|per|each|the|a|an|than|mg|g|kg|ml|weeks?|days?|months?|years?|hours?|doses?|sessions?|times|points?|percent|after|before|on|by|as|into|received|receiving|completed|given|taking|took|more|fewer|less';
const COUNT = new RegExp(
  `(?<![\\w.,\\-\u2013\u2014/])(?:(${QUALIFIER})\\s*)?(${NUMBER})\\s+((?:(?!(?:${COUNT_STOP})\\b)[a-z][a-z-]*\\s+){0,3}?)(${HUMAN_NOUNS}|${ANIMAL_NOUNS})\\b`,
  'gi',
);
const HYPHEN_COUNT = new RegExp(
  `(?<![\\w.,\\-\u2013\u2014/])(${NUMBER})-(patient|participant|person|subject|adult|volunteer|mouse|rat)(?=\\s+(?:[a-z-]+\\s+){0,2}?(?:trial|study|cohort|sample|rct|experiment)\\b)`,
  'gi',
);
const N_EQUALS = /(?<![\w-])[nN]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\d.])/g;
const ANIMAL_NOUN = new RegExp(`^(?:${ANIMAL_NOUNS})$`, 'i');
// What every match of COUNT holds: a noun, and a number in digits or words. HYPHEN_COUNT holds its
// hyphenated noun. (Number words overlap: "seventeen" holds "seven", "sixty" "six", and so on.)
const COUNT_NOUNS = [...HUMAN_NOUNS.split('|'), ...ANIMAL_NOUNS.split('|')];
const NUMBER_WORDS = [...UNITS, ...TEENS, ...TENS, 'dozen'];
const HYPHEN_NOUNS = ['-patient', '-participant', '-person', '-subject', '-adult', '-volunteer', '-mouse', '-rat'];
const hasNumber = (lower: string) => /\d/.test(lower) || mayHold(lower, NUMBER_WORDS);

const ENROL_VERB =
  /\b(?:randomi[sz]ed|randomly (?:assigned|allocated)|allocated|assigned|enrolled|enrolling|enrols|enrolls|recruited|recruiting|recruits)\s+(?:a total of\s+|all\s+|only\s+|just\s+)?$/i;
const ANALYSE_VERB = /\b(?:included|analy[sz]ed|studied|involved|involving|comprised|comprising|followed)\s+(?:a total of\s+|all\s+|only\s+|just\s+)?$/i;
const STUDY_OF = /\b(?:trial|study|rct|experiment|sample|cohort|analysis|investigation)\s+(?:of|with|among|involving|enrolling|recruiting)\s+$/i;
const STUDY_IN =
  /(?:\b(?:trial|study|rct|experiment)\s+(?:[a-z-]+\s+|(?:of|with|using)\s+[a-z-]+\s+(?:[a-z-]+\s+)?)?in\s+|\b(?:tested|evaluated|examined|investigated|compared)\s+(?:[a-z-]+\s+){0,4}?in\s+)$/i;
const TOTAL_OF = /\ba total of\s+$/i;
const SUFFIX_ENROL = /^\s*(?:were|had been)\s+(?:randomi[sz]ed|randomly (?:assigned|allocated)|enrolled|recruited)\b/i;
const SUFFIX_TOTAL = /^\s*(?:took part|participated|were (?:included|studied|analy[sz]ed)|completed (?:the|both|all)\b)/i;
/** Words before a number that make it something other than a count of participants. */
const NOT_A_COUNT_BEFORE =
  /\b(?:week|weeks|day|days|month|months|year|years|phase|aged?|ages|visit|session|grade|stage|type|version|table|figure|fig\.|item|items|part|step|level|dose|doses|group|arm|cohort|study|trial|wave|number|no\.)\s*$/i;
const RANGE_BEFORE = new RegExp(`(?:\\d|\\b${NUMBER_WORD})\\s*(?:and|or|to|-|\u2013|\u2014)\\s*$`, 'i');
const RANGE_AFTER = /^\s*(?:-|\u2013|\u2014|to\s+\d|or\s+\d|and\s+\d)/i;
/** A breakdown after the count ("… 15 to immediate and 12 to delayed treatment"). */
const BREAKDOWN_AFTER = new RegExp(
  `^[^;.]{0,80}?(?:\\band\\b|\\bor\\b|,)\\s+${NUMBER}\\s+(?:to|in|into|were|was|received|got|had|${HUMAN_NOUNS}|${ANIMAL_NOUNS})\\b`,
  'i',
);
/** A count randomised or allocated "to" something. */
const ONE_ARM_AFTER = /^(?:\s+[a-z-]+){0,6}?\s+(?:were\s+(?:randomi[sz]ed|randomly\s+assigned|allocated|assigned)\s+)?to\s+(?!take\s+part|participate|(?:the|this|their|its|a|an)\s+(?:trial|study)\b)/i;
/** The count names part of a study ("a further 30 patients", "the 24 participants"). */
const SUBSET_BEFORE = /\b(?:further|another|additional|remaining|other|first|last|those|these|the|whom|which|each|per)\s+$/i;
/** Several trials' total: sums may be what is meant. */
const COMBINED = /\b(?:combined|together|in total|altogether|pooled|overall|across|between them)\b/i;

type Framing = 'enrolled' | 'analysed' | 'total';

function checkSampleSizes(ctx: Ctx): void {
  const { work, lower } = ctx;
  if (!hasNumber(lower)) return;
  const nEquals = lower.includes('=') ? [...work.matchAll(N_EQUALS)] : [];
  const seen: [number, number][] = [];
  const taken = (s: number, e: number) => seen.some(([a, b]) => s < b && a < e);

  for (const m of mayHold(lower, HYPHEN_NOUNS) ? work.matchAll(HYPHEN_COUNT) : []) {
    const start = m.index!;
    const end = start + m[0].length;
    const value = numberValue(m[1]);
    if (value === undefined) continue;
    seen.push([start, end]);
    const animal = /^(?:mouse|rat)$/i.test(m[2]);
    sampleSize(ctx, { start, end, text: m[0], numberText: m[1], value, how: 'exact', framing: 'total', animal });
  }

  for (const m of mayHold(lower, COUNT_NOUNS) ? work.matchAll(COUNT) : []) {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    const qualifier = m[1];
    const numberText = m[2];
    const numberStart = start + m[0].indexOf(numberText, qualifier ? qualifier.length : 0);
    const value = numberValue(numberText);
    if (value === undefined || value === 0) continue;
    const before = work.slice(clauseStart(work, start), start);
    if (NOT_A_COUNT_BEFORE.test(before) || RANGE_BEFORE.test(before)) continue;
    if (RANGE_AFTER.test(work.slice(numberStart + numberText.length))) continue;
    if (value >= 1800 && value <= 2100 && /\b(?:in|since|by|from|until|of)\s+$/i.test(before)) continue;
    const after = work.slice(end, clauseEnd(work, end));
    let framing = framingOf(before, after);
    if (framing && BREAKDOWN_AFTER.test(after)) framing = undefined;
    if (framing && SUBSET_BEFORE.test(before)) framing = undefined;
    // "30 were randomised to psilocybin" is one arm; "… to psilocybin or escitalopram" is the trial.
    if (framing === 'enrolled' && ONE_ARM_AFTER.test(after) && !/\b(?:or|either|arms|groups|conditions|doses)\b/i.test(after)) framing = undefined;
    if (!framing) continue;
    seen.push([start, end]);
    const animal = ANIMAL_NOUN.test(m[4]);
    sampleSize(ctx, { start, end, text: m[0], numberText, value, how: comparisonOf(qualifier), framing, animal });
  }

  if (nEquals.length === 1) {
    const m = nEquals[0];
    const start = m.index!;
    const end = start + m[0].length;
    const before = work.slice(Math.max(0, start - 40), start);
    const after = work.slice(end, end + 30);
    const total =
      /(?:\b(?:trial|study|sample|total|overall|cohort|participants|patients|adults|people|subjects|volunteers|enrolled|randomi[sz]ed|analy[sz]ed)\s*[(,]?\s*|\btotal\s+)$/i.test(before) &&
      !/^\s*(?:per|in each|each|in the \w+ (?:arm|group))\b/i.test(after);
    if (total && !taken(start, end)) {
      sampleSize(ctx, { start, end, text: m[0], numberText: m[1], value: Number(m[1].replace(/,/g, '')), how: 'exact', framing: 'analysed', animal: false });
    }
  }
}

function framingOf(before: string, after: string): Framing | undefined {
  if (ENROL_VERB.test(before)) return 'enrolled';
  if (ANALYSE_VERB.test(before)) return 'analysed';
  if (STUDY_OF.test(before) || TOTAL_OF.test(before) || STUDY_IN.test(before)) return 'total';
  if (SUFFIX_ENROL.test(after)) return 'enrolled';
  if (SUFFIX_TOTAL.test(after)) return 'total';
  return undefined;
}

interface CountClaim {
  start: number;
  end: number;
  text: string;
  numberText: string;
  value: number;
  how: Comparison;
  framing: Framing;
  animal: boolean;
}

function sizes(r: StudyRecord): number[] {
  return [...new Set([r.n, r.enrolled].filter((v): v is number => v !== undefined))];
}

function describeSize(r: StudyRecord): string {
  if (r.n !== undefined && r.enrolled !== undefined) return `n = ${r.n} (enrolled ${r.enrolled})`;
  if (r.n !== undefined) return `n = ${r.n}`;
  return `enrolled ${r.enrolled}`;
}

function sampleSize(ctx: Ctx, c: CountClaim): void {
  const { records, work } = ctx;
  const fits = (v: number) => compares(c.value, c.how, v, 0);
  // Several cited trials: their sum may be what is stated, or the words may say so.
  if (records.length > 1) {
    if (COMBINED.test(work)) return;
    const sums = [
      records.reduce((t, r) => t + (r.n ?? r.enrolled ?? NaN), 0),
      records.reduce((t, r) => t + (r.enrolled ?? r.n ?? NaN), 0),
    ];
    if (sums.some((s) => Number.isFinite(s) && fits(s))) return;
  }
  const stated = c.text.replace(/\s+/g, ' ');
  judge(ctx, {
    start: c.start,
    end: c.end,
    field: 'n',
    stated,
    status: (r) => {
      const human = r.species === 'human';
      if (human === c.animal) return 'unknown'; // the species check speaks to that
      const values = sizes(r);
      if (values.length === 0) return 'unknown';
      return values.some(fits) ? 'yes' : 'no';
    },
    recorded: describeSize,
    replacement: (r) => {
      if (c.how !== 'exact') return undefined;
      const value = c.framing === 'enrolled' ? (r.enrolled ?? r.n) : (r.n ?? r.enrolled);
      if (value === undefined) return undefined;
      const at = c.text.indexOf(c.numberText);
      return c.text.slice(0, at) + String(value) + c.text.slice(at + c.numberText.length);
    },
    related: (r) =>
      (['n', 'enrolled'] as const).flatMap((f) => (r[f] !== undefined && r.fieldRanges[f] ? [r.fieldRanges[f]!] : [])),
  });
}

// ---- percentages --------------------------------------------------------------------------------

const PERCENT = new RegExp(`(?<![\\w.,\\-\u2013\u2014/])(?:(${QUALIFIER})\\s*)?(\\d+(?:\\.\\d+)?)\\s*(?:%|percent\\b|per cent\\b)`, 'gi');
const KINDS: [string, RegExp][] = [
  ['response', /\brespon(?:se|ses|ded|ders?|d|ding)\b/gi],
  ['remission', /\bremi(?:ssions?|tted|t|tting)\b/gi],
  ['relapse', /\b(?:relaps(?:e|es|ed|ing)|recurrences?)\b/gi],
  ['adverse', /\b(?:adverse|side[- ]effects?)\b/gi],
];

interface RecordPercent {
  value: number;
  kind?: string;
  text: string;
  outcome: StudyOutcome;
}

// The same patterns without `g`, for `test` (a global regex's `test` moves its lastIndex).
const KIND_TESTS: [string, RegExp][] = KINDS.map(([kind, re]) => [kind, new RegExp(re.source, 'i')]);

function kindOf(text: string): string | undefined {
  for (const [kind, re] of KIND_TESTS) if (re.test(text)) return kind;
  return undefined;
}

function recordPercents(r: StudyRecord): RecordPercent[] {
  const out: RecordPercent[] = [];
  for (const outcome of r.outcomes) {
    for (const text of outcome.values) {
      for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*%(?!\s*(?:CI|confidence)\b)/gi)) {
        out.push({ value: Number(m[1]), kind: kindOf(text) ?? kindOf(outcome.measure), text, outcome });
      }
    }
  }
  return out;
}

const TIMEPOINT_UNIT = /\b(day|week|month|year)s?\s+(\d+(?:\.\d+)?)\b/gi;
const TIMEPOINT_AMOUNT = new RegExp(`\\b(\\d+(?:\\.\\d+)?|${NUMBER_WORD})[- ](days?|weeks?|months?|years?)\\b`, 'gi');

/** Time points a text names, in weeks ("week 4", "day 43", "at six months", "12-month"). */
function timepointsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(TIMEPOINT_UNIT)) {
    const weeks = parseFollowUpWeeks(`${m[2]} ${m[1]}`);
    if (weeks !== undefined) out.push(weeks);
  }
  for (const m of text.matchAll(TIMEPOINT_AMOUNT)) {
    const value = /^\d/.test(m[1]) ? Number(m[1]) : numberValue(m[1]);
    const weeks = value !== undefined ? parseFollowUpWeeks(`${value} ${m[2]}`) : undefined;
    if (weeks !== undefined) out.push(weeks);
  }
  return out;
}

const sameTime = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.2, 0.1 * Math.max(a, b));

function checkPercentages(ctx: Ctx): void {
  const { work, lower, records } = ctx;
  if (!mayHold(lower, ['%', 'percent', 'per cent'])) return;
  const matches = [...work.matchAll(PERCENT)];
  if (matches.length === 0) return;
  const perRecord = new Map(records.map((r) => [r, recordPercents(r)]));
  if (![...perRecord.values()].some((list) => list.length > 0)) return;
  const kindWords: { kind: string; start: number; end: number }[] = [];
  for (const [kind, re] of KINDS) for (const m of work.matchAll(re)) kindWords.push({ kind, start: m.index!, end: m.index! + m[0].length });
  const sentenceTimes = timepointsIn(work);
  const sentenceWords = new Set(wordsOf(work));
  const armWords = ARM_WORDS.filter((w) => sentenceWords.has(w));

  matches.forEach((m, i) => {
    const start = m.index!;
    const end = start + m[0].length;
    const before = work.slice(clauseStart(work, start), start);
    if (RANGE_BEFORE.test(before) || /^\s*(?:-|\u2013|to\s+\d|CI\b|confidence\b)/i.test(work.slice(end))) return;
    // A threshold ("response, a 50% reduction in MADRS"; "at least 50%") is not a result.
    if (THRESHOLD_AFTER.test(work.slice(end)) || THRESHOLD_BEFORE.test(before)) return;
    // The outcome the figure belongs to: the nearest outcome word between the neighbouring figures.
    const lo = i > 0 ? matches[i - 1].index! + matches[i - 1][0].length : 0;
    const hi = i + 1 < matches.length ? matches[i + 1].index! : work.length;
    let kind: string | undefined;
    let best = Infinity;
    for (const w of kindWords) {
      if (w.start < lo || w.end > hi) continue;
      const distance = w.end <= start ? start - w.end : w.start - end;
      if (distance >= 0 && distance < best && distance <= 80) {
        best = distance;
        kind = w.kind;
      }
    }
    if (!kind) return;
    const value = Number(m[2]);
    const how = comparisonOf(m[1]);
    const fits = (v: number) => compares(value, how, v, 0.5);
    const ofKind = (r: StudyRecord) => perRecord.get(r)!.filter((p) => p.kind === kind);
    judge(ctx, {
      start,
      end,
      field: 'outcomes',
      stated: `${m[0].replace(/\s+/g, ' ')} (${kind})`,
      status: (r) => {
        const all = perRecord.get(r)!;
        const same = ofKind(r);
        if (same.length === 0) return 'unknown';
        // A figure for a time point the record has no values for is not comparable.
        const times = same.flatMap((p) => (p.outcome.timepoint ? timepointsIn(p.outcome.timepoint) : []));
        const untimed = same.some((p) => !p.outcome.timepoint || timepointsIn(p.outcome.timepoint).length === 0);
        if (sentenceTimes.length > 0 && !untimed && !sentenceTimes.some((t) => times.some((u) => sameTime(t, u)))) return 'unknown';
        // A figure for an arm the record has no values for is not comparable either.
        const listed = same.map((p) => `${p.text} ${p.outcome.measure}`.toLowerCase()).join(' ');
        if (armWords.some((w) => !ARM_WORD_TESTS.get(w)!.test(listed))) return 'unknown';
        return all.some((p) => fits(p.value)) ? 'yes' : 'no';
      },
      recorded: (r) => describeValues(ofKind(r)),
      replacement: (r) => {
        const same = ofKind(r);
        if (how !== 'exact' || same.length !== 1) return undefined;
        return m[0].replace(m[2], String(same[0].value));
      },
      related: (r) => [...new Set(ofKind(r).map((p) => p.outcome))].map((o) => o.range),
    });
  });
}

const THRESHOLD_AFTER =
  /^\s*(?:or\s+(?:more|greater|higher)\s+)?(?:reduction|reductions|decrease|improvement|drop|fall|decline|increase|change|lower|higher|greater|fewer|less|more|or more|or greater|threshold|cut-?off)\b/i;
const THRESHOLD_BEFORE = /(?:[\u2265\u2264<>]=?\s*|\b(?:defined as|threshold of|at least|of at least|cut-?off of)\s+(?:an?\s+)?)$/i;
/** Words naming a comparison arm: a figure for that arm is comparable only if the record lists one. */
const ARM_WORDS = ['control', 'controls', 'placebo', 'delayed', 'waiting', 'waitlist', 'comparison', 'comparator', 'sham', 'usual', 'low'];
const ARM_WORD_TESTS = new Map(ARM_WORDS.map((w) => [w, new RegExp(`\\b${w}\\b`)]));

function describeValues(list: RecordPercent[]): string {
  const byOutcome = new Map<StudyOutcome, string[]>();
  for (const p of list) {
    const texts = byOutcome.get(p.outcome) ?? [];
    if (!texts.includes(p.text)) texts.push(p.text);
    byOutcome.set(p.outcome, texts);
  }
  return [...byOutcome]
    .map(([o, texts]) => `${texts.join(', ')} (${o.measure}${o.timepoint ? `, ${o.timepoint}` : ''})`)
    .join('; ');
}

// ---- design, blinding, control, population, species ---------------------------------------------

type Design = NonNullable<StudyRecord['design']>;
const RANDOMISED: Design[] = ['rct', 'crossover-rct'];
const NOT_RANDOMISED: Design[] = ['non-randomised', 'open-label', 'cohort', 'case-control', 'case-series', 'case-report'];
const SYNTHESES: Design[] = ['systematic-review', 'meta-analysis'];

interface AttributeSpec {
  re: RegExp;
  /** Lower-case pieces every match of `re` holds (see `mayHold`). */
  hints: string[];
  field: string;
  stated?: (text: string) => string;
  status(r: StudyRecord): Status;
  recorded(r: StudyRecord): string;
  replacement?(r: StudyRecord): string | undefined;
  /** Extra reasons to leave a match alone. */
  skip?(work: string, start: number, end: number): boolean;
  /** Skip the contrast and negation words check (the pattern carries its own negation). */
  ownNegation?: boolean;
}

const design = (r: StudyRecord) => `design: ${r.design}`;
const humanOnly = (status: (r: StudyRecord) => Status) => (r: StudyRecord) => (r.species === 'human' ? status(r) : 'unknown');

/** A plural design word ("randomised trials") speaks of trials in general. */
const pluralAfter = (work: string, _start: number, end: number) =>
  /^\s+(?:(?:controlled|clinical|crossover|cross-over|placebo-controlled|double-blind|open-label|phase\s+\d)\s+)*(?:trials|studies|rcts|experiments|designs)\b/i.test(
    work.slice(end),
  );

const HUMAN_WORDS = new RegExp(
  `(?:\\bin (?:humans|people|patients|adults|participants|volunteers|human (?:participants|subjects|volunteers))\\b|\\bhuman (?:participants|subjects|volunteers|trials?|studies|study)\\b|\\b(?:patients|participants|volunteers|adults) with\\b|(?<![\\w.,\\-])(?:\\d{1,3}(?:,\\d{3})+|\\d+|${NUMBER_WORD})\\s+(?:patients|participants|people|adults|volunteers)\\b)`,
  'gi',
);
const ANIMAL_WORDS =
  /(?:\b(?:in )?(?:mice|rats|rodents)\b|\bmouse\b|\bpreclinical\b|\banimals?\s+(?:study|studies|model|models|experiments?|work|data|research)\b|\bin animals\b)/gi;
const HUMAN_HINTS = ['human', 'people', 'patients', 'adults', 'participants', 'volunteers'];
const ANIMAL_HINTS = ['mice', 'rats', 'rodents', 'mouse', 'preclinical', 'animal'];
// Without `g`, for `test`.
const HUMAN_TEST = new RegExp(HUMAN_WORDS.source, 'i');
const ANIMAL_TEST = new RegExp(ANIMAL_WORDS.source, 'i');

/** "the open-label extension", "the double-blind phase": one part of a trial, not its design. */
const trialPhaseAfter = (work: string, _start: number, end: number) =>
  /^\s+(?:extension|phase|period|part|stage|continuation|follow-up|followup|treatment\s+phase|dose|session|sessions)\b/i.test(work.slice(end));
/** "this systematic review", "our meta-analysis": the reviewer's own work, not the cited one. */
const ownWorkBefore = (work: string, start: number) => /\b(?:this|our|the\s+present|the\s+current)\s+$/i.test(work.slice(0, start));

const ATTRIBUTES: AttributeSpec[] = [
  {
    hints: ['random', 'rct'],
    re: /(?<![\w-])(?:randomi[sz]ed|randomly (?:assigned|allocated)|RCT)(?![\w-])/gi,
    field: 'design',
    stated: () => 'randomised',
    status: (r) => (!r.design ? 'unknown' : RANDOMISED.includes(r.design) ? 'yes' : NOT_RANDOMISED.includes(r.design) ? 'no' : 'unknown'),
    recorded: design,
    skip: (work, start, end) => pluralAfter(work, start, end) || /\bof\s+$/i.test(work.slice(0, start)),
  },
  {
    hints: ['randomi'],
    re: /(?<![\w-])(?:non-?randomi[sz]ed|not randomi[sz]ed|unrandomi[sz]ed)(?![\w-])/gi,
    field: 'design',
    stated: () => 'non-randomised',
    status: (r) => (!r.design ? 'unknown' : RANDOMISED.includes(r.design) ? 'no' : NOT_RANDOMISED.includes(r.design) ? 'yes' : 'unknown'),
    recorded: design,
    skip: pluralAfter,
    ownNegation: true,
  },
  {
    hints: ['blind'],
    re: /(?<![\w-])double[- ]blind(?:ed)?(?![\w-])/gi,
    field: 'blinding',
    stated: () => 'double-blind',
    status: (r) => (!r.blinding ? 'unknown' : r.blinding === 'double' || r.blinding === 'triple' ? 'yes' : 'no'),
    recorded: (r) => `blinding: ${r.blinding}${r.design === 'open-label' ? ' (open-label)' : ''}`,
    replacement: (r) => (r.blinding === 'none' ? 'open-label' : r.blinding === 'single' ? 'single-blind' : undefined),
    skip: trialPhaseAfter,
  },
  {
    hints: ['label'],
    re: /(?<![\w-])open[- ]label(?![\w-])/gi,
    field: 'blinding',
    stated: () => 'open-label',
    status: (r) =>
      r.blinding ? (r.blinding === 'double' || r.blinding === 'triple' ? 'no' : 'yes') : r.design === 'open-label' ? 'yes' : 'unknown',
    recorded: (r) => `blinding: ${r.blinding}`,
    replacement: (r) => (r.blinding === 'double' ? 'double-blind' : r.blinding === 'triple' ? 'triple-blind' : undefined),
    skip: trialPhaseAfter,
  },
  {
    hints: ['placebo'],
    re: /(?<![\w-])(?:placebo[- ]controlled|(?:versus|vs\.?|against|compared (?:with|to)) (?:an? )?(?:active |inactive |matched |identical )?placebo)(?![\w-])/gi,
    field: 'control',
    stated: (t) => (/controlled/i.test(t) ? 'placebo-controlled' : t.replace(/\s+/g, ' ')),
    status: (r) => (!r.control ? 'unknown' : r.control === 'placebo' ? 'yes' : 'no'),
    recorded: (r) => `control: ${r.control}`,
  },
  {
    // The design ("a crossover trial"), not the event ("after the crossover", which a waiting-list trial has too).
    hints: ['cross'],
    re: /(?<![\w-])cross[- ]?over(?=[\s,]+(?:(?:randomi[sz]ed|controlled|clinical|placebo-controlled|double-blind|phase\s+\d)[\s,]+)*(?:trials?|study|studies|design|rct|experiment)\b)/gi,
    field: 'design',
    stated: () => 'crossover',
    status: (r) =>
      !r.design ? 'unknown' : r.design === 'crossover-rct' ? 'yes' : r.design === 'rct' || NOT_RANDOMISED.includes(r.design) ? 'no' : 'unknown',
    recorded: design,
  },
  {
    hints: ['analysis'],
    re: /(?<![\w-])meta[- ]?analysis(?![\w-])/gi,
    field: 'design',
    stated: () => 'meta-analysis',
    status: (r) =>
      !r.design || r.design === 'other' || r.design === 'narrative-review' ? 'unknown' : SYNTHESES.includes(r.design) ? 'yes' : 'no',
    recorded: design,
    skip: ownWorkBefore,
  },
  {
    hints: ['systematic review'],
    re: /(?<![\w-])systematic review(?![\w-])/gi,
    field: 'design',
    stated: () => 'systematic review',
    status: (r) => (!r.design || r.design === 'other' ? 'unknown' : SYNTHESES.includes(r.design) ? 'yes' : 'no'),
    recorded: design,
    skip: ownWorkBefore,
  },
  {
    hints: ['wait'],
    re: /(?<![\w-])(?:waiting[- ]list|wait[- ]?list(?:ed)?)(?![\w-])/gi,
    field: 'control',
    stated: () => 'waiting-list',
    status: (r) => (!r.control ? 'unknown' : r.control === 'waiting-list' ? 'yes' : 'no'),
    recorded: (r) => `control: ${r.control}`,
  },
  {
    hints: ['resistant', 'trd'],
    re: /(?<![\w-])(?:[Tt]reatment[- ]resistant|TRD)(?![\w-])/g,
    field: 'population',
    stated: (t) => t,
    status: humanOnly((r) => (!r.population ? 'unknown' : /\btrd\b|treatment[- ]resist|resistant/i.test(r.population) ? 'yes' : 'no')),
    recorded: (r) => `population: ${r.population}`,
    // A sentence naming both populations speaks of depression in general.
    skip: (work) => /(?<![\w-])(?:major depressive disorder|MDD)(?![\w-])/i.test(work),
  },
  {
    hints: ['major depressi', 'mdd'],
    re: /(?<![\w-])(?:[Mm]ajor depressi(?:on|ve disorder|ve episodes?)|MDD)(?![\w-])/g,
    field: 'population',
    stated: (t) => t,
    status: humanOnly((r) => (!r.population ? 'unknown' : /\bmdd\b|\btrd\b|depress|treatment[- ]resist/i.test(r.population) ? 'yes' : 'no')),
    recorded: (r) => `population: ${r.population}`,
    skip: (work, start) => /\bmodels?\s+of\s+$/i.test(work.slice(0, start)),
  },
  {
    hints: ['cancer'],
    re: /(?:\b(?:patients|participants|people|adults|individuals|men|women|survivors)\s+with\s+(?:[a-z-]+\s+){0,2}cancer\b|\bcancer[- ](?:patients|related|distress|survivors)\b|\bin cancer\b)/gi,
    field: 'population',
    stated: (t) => t.replace(/\s+/g, ' '),
    status: humanOnly((r) => (!r.population ? 'unknown' : /cancer|oncolog|tumou?r|terminal|life[- ]threatening/i.test(r.population) ? 'yes' : 'no')),
    recorded: (r) => `population: ${r.population}`,
  },
  {
    hints: ['healthy'],
    re: /\bhealthy (?:volunteers|participants|adults|subjects|people|individuals)\b/gi,
    field: 'population',
    stated: (t) => t.replace(/\s+/g, ' '),
    status: humanOnly((r) => (!r.population ? 'unknown' : /healthy/i.test(r.population) ? 'yes' : 'no')),
    recorded: (r) => `population: ${r.population}`,
  },
  {
    hints: HUMAN_HINTS,
    re: HUMAN_WORDS,
    field: 'species',
    stated: (t) => t.replace(/\s+with$/i, '').replace(/\s+/g, ' '),
    status: (r) => (r.species === 'human' ? 'yes' : 'no'),
    recorded: (r) => `species: ${r.species}`,
    // A sentence about both ("tested in patients after results in mice") is not about one species.
    skip: (work) => ANIMAL_TEST.test(work),
  },
  {
    hints: ANIMAL_HINTS,
    re: ANIMAL_WORDS,
    field: 'species',
    stated: (t) => t.replace(/\s+/g, ' '),
    status: (r) => (r.species === 'human' ? 'no' : 'yes'),
    recorded: (r) => `species: ${r.species}`,
    skip: (work) => HUMAN_TEST.test(work),
  },
];

function checkAttributes(ctx: Ctx): void {
  const { work, lower } = ctx;
  for (const spec of ATTRIBUTES) {
    if (!mayHold(lower, spec.hints)) continue;
    for (const m of work.matchAll(spec.re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!spec.ownNegation && contrasted(work, start, end)) continue;
      if (spec.skip?.(work, start, end)) continue;
      judge(ctx, {
        start,
        end,
        field: spec.field,
        stated: spec.stated ? spec.stated(m[0]) : m[0],
        status: spec.status,
        recorded: spec.recorded,
        replacement: spec.replacement,
      });
    }
  }
}

// ---- year ---------------------------------------------------------------------------------------

const YEAR = '(1[89]\\d\\d|20\\d\\d)';
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const NAME = "[A-Z][a-z][\\w'-]*";
const REPORT_VERBS =
  'reported|published|showed|shown|found|randomi[sz]ed|ran|conducted|described|tested|enrolled|recruited|treated|gave|compared|studied|followed|observed|demonstrated';
const YEAR_PATTERNS: RegExp[] = [
  // In 2019, Goodwin and colleagues reported …
  new RegExp(
    `\\b[Ii]n\\s+${YEAR},?\\s+(?=(?:${NAME}(?:\\s+et al\\.?|\\s+and colleagues|\\s+and co-?workers|\\s+and\\s+${NAME})?|the authors|researchers|investigators)\\s+(?:${REPORT_VERBS})\\b)`,
    'g',
  ),
  // Goodwin et al. (2019)
  new RegExp(`${NAME}(?:\\s+et al\\.?|\\s+and colleagues|\\s+and\\s+${NAME})?\\s*\\(\\s*${YEAR}\\s*\\)`, 'g'),
  // a 2019 trial, Goodwin's 2019 study
  new RegExp(
    `(?:\\b(?:[Aa]n?|[Tt]he|[Tt]heir|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Ii]ts)|${NAME}'s)\\s+${YEAR}\\s+(?:[a-z-]+\\s+){0,2}?(?:trial|study|paper|report|analysis|RCT|review|meta-analysis|publication|article|follow-up)\\b`,
    'g',
  ),
  // published in (May) 2019
  new RegExp(`\\b(?:published|reported|appeared)\\s+(?:online\\s+)?in\\s+(?:(?:${MONTHS})\\s+)?${YEAR}\\b`, 'g'),
];

function onlineYear(r: StudyRecord): number | undefined {
  return r.publishedOnline ? Number(r.publishedOnline.slice(0, 4)) : undefined;
}

function checkYears(ctx: Ctx): void {
  const { work } = ctx;
  // Every pattern holds a year.
  if (!/(?:1[89]|20)\d\d/.test(work)) return;
  const done = new Set<number>();
  for (const re of YEAR_PATTERNS) {
    for (const m of work.matchAll(re)) {
      const yearText = m[1];
      const start = m.index! + m[0].lastIndexOf(yearText);
      if (done.has(start)) continue;
      done.add(start);
      const year = Number(yearText);
      judge(ctx, {
        start,
        end: start + 4,
        field: 'year',
        stated: yearText,
        status: (r) => {
          const online = onlineYear(r);
          if (r.year === undefined && online === undefined) return 'unknown';
          return year === r.year || year === online ? 'yes' : 'no';
        },
        recorded: (r) => {
          const online = r.publishedOnline ? `published online ${r.publishedOnline}` : '';
          if (r.year === undefined) return online;
          return `year ${r.year}${online && onlineYear(r) !== r.year ? ` (${online})` : ''}`;
        },
        replacement: (r) => (r.year !== undefined ? String(r.year) : undefined),
        related: (r) => (['year', 'publishedOnline'] as const).flatMap((f) => (r.fieldRanges[f] ? [r.fieldRanges[f]!] : [])),
      });
    }
  }
}

// ---- follow-up ----------------------------------------------------------------------------------

const DURATION = `(\\d+(?:\\.\\d+)?|${NUMBER_WORD})([- ])(days?|weeks?|months?|years?)`;
const FOLLOW_UP = 'follow[- ]?up';
const FOLLOW_UP_PATTERNS: { re: RegExp; compound: boolean }[] = [
  // a 6-month follow-up, 12 months follow-up
  { re: new RegExp(`(?<![\\w.-])${DURATION}[- ](?:long\\s+)?${FOLLOW_UP}\\b`, 'gi'), compound: true },
  // 6 months of follow-up
  { re: new RegExp(`(?<![\\w.-])${DURATION}\\s+of\\s+${FOLLOW_UP}\\b`, 'gi'), compound: false },
  // a follow-up of 6 months, follow-up period lasting 6 months
  { re: new RegExp(`\\b${FOLLOW_UP}\\s+(?:period\\s+)?(?:of|lasting|lasted)\\s+(?:up to\\s+)?${DURATION}\\b`, 'gi'), compound: false },
  // followed (up) (participants) for 6 months
  { re: new RegExp(`\\bfollowed\\s+(?:up\\s+)?(?:(?!by\\b)[a-z-]+\\s+){0,3}?for\\s+(?:up to\\s+)?${DURATION}\\b`, 'gi'), compound: false },
];

function checkFollowUp(ctx: Ctx): void {
  const { work, lower } = ctx;
  // Every pattern holds "follow-up" or "followed".
  if (!lower.includes('follow')) return;
  for (const { re, compound } of FOLLOW_UP_PATTERNS) {
    for (const m of work.matchAll(re)) {
      const [text, amountText, separator, unit] = m;
      const start = m.index!;
      const end = start + text.length;
      const amount = /^\d/.test(amountText) ? Number(amountText) : numberValue(amountText);
      if (amount === undefined) continue;
      const weeks = parseFollowUpWeeks(`${amount} ${unit}`);
      if (weeks === undefined) continue;
      if (contrasted(work, start, end, 3)) continue;
      // "at the 3-month follow-up" is a time point, which may come before the end of follow-up.
      const timepoint = compound && /\b(?:at|by|after|until|to|through|before|from|during)\s+(?:the\s+|its\s+|their\s+)?$/i.test(work.slice(0, start));
      const durationText = `${amountText}${separator}${unit}`;
      judge(ctx, {
        start,
        end,
        field: 'followUp',
        stated: text.replace(/\s+/g, ' '),
        status: (r) => {
          if (r.followUpWeeks === undefined) return 'unknown';
          if (timepoint) return weeks <= r.followUpWeeks * 1.1 + 0.05 ? 'yes' : 'no';
          return Math.abs(weeks - r.followUpWeeks) <= 0.1 * r.followUpWeeks + 0.05 ? 'yes' : 'no';
        },
        recorded: (r) => `followUp: ${r.followUp}`,
        replacement: (r) => {
          const parts = /^(\d+(?:\.\d+)?|[a-z]+)\s+(day|week|month|year)s?$/i.exec(r.followUp ?? '');
          if (!parts) return undefined;
          const duration = separator === '-' ? `${parts[1]}-${parts[2]}` : (r.followUp as string);
          return text.replace(durationText, duration);
        },
      });
    }
  }
}

// ---- claim.contradicts-finding ------------------------------------------------------------------

type Direction = 'superior' | 'effective' | 'no-difference';

// Each with the lower-case pieces its matches hold (see `mayHold`).
const NO_DIFFERENCE: [RegExp, string[]][] = [
  [/\bno\s+(?:statistically\s+)?(?:significant\s+)?differences?\b/gi, ['differ']],
  [/\b(?:did|does|do)\s+not\s+(?:significantly\s+)?differ(?:\s+significantly)?\b/gi, ['differ']],
  [/\bno\s+better\s+than\b/gi, ['better']],
  [/\bnot\s+(?:significantly\s+)?better\s+than\b/gi, ['better']],
  // Not "patients who failed to improve on two antidepressants", the usual definition of TRD.
  [/\bfailed\s+to\s+(?:show|demonstrate|reach|separate|outperform|beat|differ|find|detect|meet\s+(?:its|the)\s+primary)\b/gi, ['failed']],
  [/\b(?:did|does)\s+not\s+(?:separate|outperform)\b/gi, ['separate', 'outperform']],
  [/\bnot\s+(?:significantly\s+)?(?:superior\s+to|more\s+effective\s+than)\b/gi, ['superior', 'effective']],
];
const SUPERIOR: [RegExp, Direction, string[]][] = [
  [/\b(?:(?:statistically\s+)?(?:significantly|clearly|markedly)\s+)?superior\s+to\b/gi, 'superior', ['superior']],
  [/\boutperform(?:ed|s|ing)?\b/gi, 'superior', ['outperform']],
  [/\bmore\s+effective\s+than\b/gi, 'superior', ['effective']],
  [/\b(?:statistically\s+)?significantly\s+better\b(?=[^.;]{0,60}?\b(?:than|compared|versus|vs|relative\s+to|over)\b)/gi, 'superior', ['better']],
  [/\b(?:worked|works|performed|fared)\s+(?:significantly\s+|much\s+|far\s+)?better\b/gi, 'superior', ['better']],
  [/\bbeat(?:s)?\b/gi, 'superior', ['beat']],
  [
    /\bsignificantly\s+(?:reduced|lowered|decreased|improved|greater|larger|more|fewer|less|higher|lower)\b[^.;]{0,80}?\b(?:compared\s+(?:with|to)|than|versus|vs\.?|relative\s+to)(?![\w])/gi,
    'superior',
    ['significantly'],
  ],
  [/\b(?:was|were|is|are|proved|has\s+been|have\s+been)\s+(?:highly\s+|very\s+|clearly\s+)?effective\b/gi, 'effective', ['effective']],
];
const FINDING_HINTS = [...new Set([...NO_DIFFERENCE.flatMap(([, hints]) => hints), ...SUPERIOR.flatMap(([, , hints]) => hints)])];
const HEDGED = /\b(?:whether|if|hypothesi[sz]ed|hypothesis|aim(?:ed|s)?\s+to|designed\s+to|to\s+(?:test|determine|assess|establish)|expected|predicted|planned|would|might|could)\b/i;
const OTHER_OUTCOME = /\b(?:secondary|adverse|side[- ]effects?|safety|tolerab\w*|dropouts?|exploratory)\b/i;
/** A change from baseline is within a group; the primary comparison may be between groups. */
const WITHIN_GROUP = /\b(?:from|since|over|than at|compared (?:with|to))\s+baseline\b|\bbaseline\b/i;
const MEASURE_STOP = new Set(['and', 'or', 'vs', 'versus', 'the', 'of', 'mg', 'with', 'to', 'at', 'in', 'on', 'score', 'scores', 'total', 'change']);

function primaries(r: StudyRecord): StudyOutcome[] {
  return r.outcomes.filter((o) => o.primary && o.significant !== undefined);
}

/** Words naming a record's non-primary outcomes and not its primary ones ("response", "10"). */
function otherOutcomeWords(r: StudyRecord): Set<string> {
  const words = (o: StudyOutcome) => (o.measure.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !MEASURE_STOP.has(w));
  const primary = new Set(r.outcomes.filter((o) => o.primary).flatMap(words));
  return new Set(r.outcomes.filter((o) => !o.primary).flatMap(words).filter((w) => !primary.has(w)));
}

function checkFindings(ctx: Ctx): void {
  const { work, lower, records } = ctx;
  // Findings come only from the patterns below: a sentence none of them can match has none.
  if (!mayHold(lower, FINDING_HINTS)) return;
  if (HEDGED.test(work) || OTHER_OUTCOME.test(work)) return;
  const sentenceWords = new Set(work.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  if (!sentenceWords.has('primary')) {
    // The sentence may be about another outcome the record lists.
    for (const r of records) for (const w of otherOutcomeWords(r)) if (sentenceWords.has(w)) return;
  }
  const found: { start: number; end: number; direction: Direction }[] = [];
  const overlaps = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  for (const [re, hints] of NO_DIFFERENCE) {
    if (!mayHold(lower, hints)) continue;
    for (const m of work.matchAll(re)) if (!overlaps(m.index!, m.index! + m[0].length)) found.push({ start: m.index!, end: m.index! + m[0].length, direction: 'no-difference' });
  }
  for (const [re, direction, hints] of SUPERIOR) {
    if (!mayHold(lower, hints)) continue;
    for (const m of work.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const before = wordsBefore(work, start, 3);
      if (before.some((w) => isNegator(w) || w === 'failed' || w === 'fail' || w === 'fails')) continue;
      found.push({ start, end, direction });
    }
  }
  // A figure for another time point than the primary outcome's is about something else.
  const times = timepointsIn(work);
  if (times.length > 0) {
    const primaryTimes = records.flatMap((r) => primaries(r).flatMap((o) => (o.timepoint ? timepointsIn(o.timepoint) : [])));
    const untimed = records.some((r) => primaries(r).some((o) => !o.timepoint || timepointsIn(o.timepoint).length === 0));
    if (!untimed && !times.some((t) => primaryTimes.some((u) => sameTime(t, u)))) return;
  }
  if (WITHIN_GROUP.test(work)) return;
  const contradicts = (direction: Direction) =>
    records.every((r) => {
      const list = primaries(r);
      return list.length > 0 && list.every((o) => o.significant !== (direction !== 'no-difference'));
    });
  // A sentence that also says what the record says ("effective, though not superior to …") is nuanced, not wrong.
  if (found.some((f) => !contradicts(f.direction))) return;
  for (const f of found.sort((a, b) => a.start - b.start)) {
    const significant = f.direction !== 'no-difference';
    const subject = subjectBefore(ctx, f.start);
    const stated =
      f.direction === 'no-difference' ? 'there was no difference' : f.direction === 'effective' ? `${subject} was effective` : `${subject} was superior`;
    const parts = records.map((r) => {
      const list = primaries(r);
      const what = list.map((o) => `${o.measure}${o.timepoint ? `, ${o.timepoint}` : ''}`).join('; ');
      return `study ${r.id} records its primary outcome${list.length > 1 ? 's' : ''} (${what}) as ${significant ? 'not significant' : 'significant'}`;
    });
    const related: RelatedLocation[] = records.flatMap((r) =>
      primaries(r).map((o) => ({
        file: r.file,
        range: o.range,
        message: `${r.id}: ${o.measure}${o.timepoint ? `, ${o.timepoint}` : ''}, significant: ${o.significant}`,
      })),
    );
    ctx.out.push(
      finding('claim.contradicts-finding', ctx.note.file, rangeOf(ctx, f.start, f.end), `Claim says ${stated}; ${parts.join('; ')}.`, {
        related,
        data: {
          studyId: records[0].id,
          ...(records.length > 1 ? { studyIds: records.map((r) => r.id) } : {}),
          field: 'outcomes',
          stated: f.direction === 'no-difference' ? 'no difference' : f.direction,
          recorded: significant ? 'not significant' : 'significant',
        },
      }),
    );
  }
}

const AUXILIARY = /\s+(?:was|were|is|are|has been|have been|had been|proved|significantly|statistically|clearly|markedly|also|then)\s*$/i;

/** The clause's subject when it is short ("Psilocybin was superior …" gives "psilocybin"). */
function subjectBefore(ctx: Ctx, at: number): string {
  const start = clauseStart(ctx.work, at);
  let prefix = ` ${ctx.work.slice(start, at).replace(/\s+/g, ' ').trim()}`;
  while (AUXILIARY.test(prefix)) prefix = prefix.replace(AUXILIARY, '');
  const subject = prefix.trim();
  const words = subject.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 4 || !/^[A-Za-z]/.test(subject)) return 'the treatment';
  // "Psilocybin" starting a sentence is written in lower case when the note writes it so elsewhere.
  const first = words[0];
  if (/^[A-Z][a-z]+$/.test(first) && (start === 0 || /^\s*$/.test(ctx.work.slice(0, start)))) {
    const lower = first.toLowerCase();
    ctx.readNote = true;
    if (new RegExp(`(?<![\\w-])${lower}(?![\\w-])`).test(ctx.note.text)) words[0] = lower;
  }
  return words.join(' ');
}

// ---- claim.overstated ---------------------------------------------------------------------------

const NOT_CERTAINTY_AFTER =
  '(?!\\s+(?:difficult|hard|challenging|elusive|impossible|tricky|costly|controversial|unreliable|little|nothing|only|neither)\\b)';
const EFFECT_VERBS =
  'works?|worked|effective|improves?|improved|helps?|helped|leads?|led|results?|resulted|produces?|produced|reduces?|reduced|relieves?|relieved|cures?|cured|responds?|responded|succeeds?|succeeded|benefits?|benefited|beneficial|safe';
// Each pattern matches one literal word, its `hint` (lower case).
const CERTAINTY: { re: RegExp; hint: string; softer: (ctx: Ctx, start: number) => string }[] = [
  { re: new RegExp(`\\bproves\\b${NOT_CERTAINTY_AFTER}`, 'gi'), hint: 'proves', softer: () => 'suggests' },
  // "is proven", "proven to work", "proven effective"; not "escitalopram, a proven antidepressant".
  {
    re: new RegExp(
      `(?<=\\b(?:is|are|was|were|been|be)\\s+(?:now\\s+|clearly\\s+|definitely\\s+)?)proven\\b${NOT_CERTAINTY_AFTER}|\\bproven\\b(?=\\s+(?:to|effective|efficacious|safe|beneficial|efficacy|benefit|superior)\\b)`,
      'gi',
    ),
    hint: 'proven',
    softer: (ctx, start) => (/\b(?:is|are|was|were|been|be)\s+(?:\w+\s+)?$/i.test(ctx.work.slice(0, start)) ? 'suggested' : 'promising'),
  },
  { re: /\bcures\b/gi, hint: 'cures', softer: () => 'may help treat' },
  { re: /(?<=\b(?:a|the)\s+)cure\b|\bcure\b(?=\s+for\b)/gi, hint: 'cure', softer: () => 'treatment' },
  { re: /\bdefinitively\b/gi, hint: 'definitively', softer: () => 'tentatively' },
  { re: /\bconclusively\b/gi, hint: 'conclusively', softer: () => 'tentatively' },
  { re: new RegExp(`\\balways\\b(?=\\s+(?:[a-z]+ly\\s+)?(?:${EFFECT_VERBS})\\b)`, 'gi'), hint: 'always', softer: () => 'often' },
  { re: /\bguarantees\b/gi, hint: 'guarantees', softer: () => 'may support' },
  { re: /\bguaranteed\b/gi, hint: 'guaranteed', softer: () => 'likely' },
  { re: /\bundeniably\b/gi, hint: 'undeniably', softer: () => 'arguably' },
  { re: /\bbeyond\s+(?:any\s+|all\s+|reasonable\s+)?doubt\b/gi, hint: 'doubt', softer: () => 'with some confidence' },
  { re: /\bmiracle\b/gi, hint: 'miracle', softer: () => 'promising' },
];
/** Words in the clause before a certainty word that make it a denial, a question or someone else's claim. */
const NOT_ASSERTED = new Set([
  'whether', 'if', 'claim', 'claims', 'claimed', 'claiming', 'touted', 'hailed', 'hype', 'hyped', 'headline', 'headlines',
  'said', 'says', 'asserted', 'assert', 'asserts', 'yet', 'far', 'unless', 'before', 'until', 'hope', 'hoped', 'hopes',
  'called', 'dubbed', 'billed', 'labelled', 'labeled', 'described', 'designed', 'aim', 'aims', 'aimed', 'test', 'tests',
  'tested', 'testing', 'hypothesis', 'hypothesised', 'hypothesized', 'investigate', 'investigated', 'idea', 'notion', 'belief',
  'unclear', 'unknown', 'uncertain', 'question',
]);
/** A clause going on to deny what the certainty word asserts ("… cures depression is lacking"). */
const DENIED_AFTER =
  /^[^;:]*?\b(?:is|are|remains?|was|were)\s+(?:still\s+|as\s+yet\s+)?(?:lacking|missing|absent|unproven|unclear|unknown|uncertain|weak|limited|doubtful|not\b|an?\s+(?:open\s+)?question|premature|overstated|exaggerated)/i;

function checkOverstated(ctx: Ctx): void {
  const { work, records } = ctx;
  // Strong evidence: a systematic review or meta-analysis of at least 100 participants (or of unknown size).
  if (records.some((r) => r.design && SYNTHESES.includes(r.design) && !(r.n !== undefined && r.n < 100))) return;
  for (const { re, hint, softer } of CERTAINTY) {
    if (!ctx.lower.includes(hint)) continue;
    for (const m of work.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      const before = wordsBefore(work, start);
      if (before.some((w) => isNegator(w) || NOT_ASSERTED.has(w))) continue;
      if (DENIED_AFTER.test(work.slice(end, clauseEnd(work, end)))) continue;
      if (/\bso-called\s+$/i.test(work.slice(0, start))) continue;
      const word = m[0].toLowerCase().replace(/\s+/g, ' ');
      const evidence = records.map((r) => `${r.id} is ${describeEvidence(r)}`).join('; ');
      ctx.out.push(
        finding('claim.overstated', ctx.note.file, rangeOf(ctx, start, end), `"${word}" is stronger than the cited evidence: ${evidence}.`, {
          related: records.map((r) => ({
            file: r.file,
            range: r.fieldRanges.design ?? r.idRange,
            message: `${r.id}: ${describeEvidence(r)}`,
          })),
          data: { word, softer: softer(ctx, start), studyIds: records.map((r) => r.id) },
        }),
      );
    }
  }
}

const DESIGN_PHRASE: Record<Design, string> = {
  rct: 'a randomised controlled trial',
  'crossover-rct': 'a randomised crossover trial',
  'non-randomised': 'a non-randomised study',
  'open-label': 'an open-label study',
  cohort: 'a cohort study',
  'case-control': 'a case-control study',
  'case-series': 'a case series',
  'case-report': 'a case report',
  animal: 'an animal study',
  'in-vitro': 'an in-vitro study',
  'systematic-review': 'a systematic review',
  'meta-analysis': 'a meta-analysis',
  'narrative-review': 'a narrative review',
  other: 'a study',
};

const PLURAL: Record<string, string> = { mouse: 'mice', rat: 'rats', monkey: 'monkeys', pig: 'pigs', dog: 'dogs', zebrafish: 'zebrafish' };

function describeEvidence(r: StudyRecord): string {
  let phrase = r.design ? DESIGN_PHRASE[r.design] : 'a study';
  if ((r.design === 'rct' || r.design === 'crossover-rct') && (r.blinding === 'double' || r.blinding === 'triple')) {
    phrase = `a ${r.blinding}-blind ${phrase.slice(2)}`;
  }
  const size = r.n ?? r.enrolled;
  if (r.species !== 'human') return `${phrase} in ${PLURAL[r.species] ?? r.species}${size !== undefined ? ` (n = ${size})` : ''}`;
  return size !== undefined ? `${phrase} of ${size} participants` : phrase;
}
