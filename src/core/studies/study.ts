// Parses one study record (a YAML file, SPEC schema) into a StudyRecord with the range of every
// field, reporting each fault as one study.invalid at the offending key or value. A fault leaves
// that field undefined; everything else still loads. Never throws.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { editDistance } from '../edit-distance';
import { normaliseDoi } from '../doi';
import { LineIndex, compareRanges } from '../text';
import {
  BLINDING,
  CONTROLS,
  STUDY_DESIGNS,
  finding,
  type Blinding,
  type Control,
  type Finding,
  type ParsedStudy,
  type Range,
  type StudyDesign,
  type StudyOutcome,
  type StudyRecord,
} from '../types';

/** Top-level fields in SPEC order; also the keys of `fieldRanges`. */
export const STUDY_FIELDS = [
  'id',
  'doi',
  'title',
  'year',
  'publishedOnline',
  'design',
  'blinding',
  'control',
  'population',
  'species',
  'n',
  'enrolled',
  'followUp',
  'outcomes',
  'findings',
  'retracted',
] as const;
type StudyField = (typeof STUDY_FIELDS)[number];

const OUTCOME_FIELDS = ['measure', 'primary', 'timepoint', 'significant', 'values'] as const;

/** Names people write for a field that edit distance alone would not match. */
const SYNONYMS: Record<string, StudyField> = {
  samplesize: 'n',
  participants: 'n',
  subjects: 'n',
  analysed: 'n',
  analyzed: 'n',
  randomised: 'enrolled',
  randomized: 'enrolled',
  enrollment: 'enrolled',
  enrolment: 'enrolled',
  recruited: 'enrolled',
  duration: 'followUp',
  followup: 'followUp',
  published: 'publishedOnline',
  online: 'publishedOnline',
  epub: 'publishedOnline',
  epubdate: 'publishedOnline',
  masking: 'blinding',
  blind: 'blinding',
  blinded: 'blinding',
  comparator: 'control',
  controlgroup: 'control',
  type: 'design',
  studydesign: 'design',
  studytype: 'design',
  key: 'id',
  citekey: 'id',
  citationkey: 'id',
  outcome: 'outcomes',
  results: 'outcomes',
  endpoints: 'outcomes',
  finding: 'findings',
  conclusions: 'findings',
  retraction: 'retracted',
  organism: 'species',
  animal: 'species',
  sample: 'population',
  condition: 'population',
  diagnosis: 'population',
};

export function parseStudyRecord(text: string, file: string): ParsedStudy {
  try {
    return new StudyParser(text, file).parse();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const lines = new LineIndex(text);
    return { file, findings: [finding('study.invalid', file, firstChar(lines), `Could not read study record: ${message}`)] };
  }
}

class StudyParser {
  private readonly lines: LineIndex;
  private readonly findings: Finding[] = [];
  /** Offsets of YAML syntax errors: a field fault overlapping one is a consequence, not reported twice. */
  private readonly errorSpans: [number, number][] = [];
  private doc!: Document.Parsed;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.lines = new LineIndex(text);
  }

  parse(): ParsedStudy {
    const { text, file, lines } = this;
    if (text.replace(/^\ufeff/, '').trim() === '') return this.done('Empty study record');

    this.doc = parseDocument(text, { prettyErrors: false });
    for (const error of this.doc.errors) {
      const [start, end] = error.pos;
      this.errorSpans.push([start, end]);
      const message = error.message.split(/\r?\n/)[0].trim();
      this.findings.push(finding('study.invalid', file, lines.range(start, end), `YAML: ${message}`));
    }

    const root = this.deref(this.doc.contents);
    if (!isMap(root)) {
      // A document of comments only is as empty as an empty file.
      if (root == null && this.doc.errors.length === 0) return this.done('Empty study record');
      if (this.doc.errors.length > 0) return { file, findings: this.findings };
      return this.done('A study record is a YAML mapping (id, design, n, …)');
    }
    const record = this.readRecord(root);
    // Fields are validated in schema order; report in document order. (Array sort is stable.)
    this.findings.sort((a, b) => compareRanges(a.range, b.range));
    return record ? { file, record, findings: this.findings } : { file, findings: this.findings };
  }

  private done(message: string): ParsedStudy {
    this.findings.push(finding('study.invalid', this.file, firstChar(this.lines), message));
    return { file: this.file, findings: this.findings };
  }

  private readRecord(root: YAMLMap): StudyRecord | undefined {
    const values = new Map<StudyField, { pair: Pair; value: Node | null }>();
    for (const pair of root.items) {
      const keyNode = this.deref(pair.key);
      const name = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (name !== undefined && (STUDY_FIELDS as readonly string[]).includes(name)) {
        // A repeated key is already a YAML error; the first one counts.
        if (!values.has(name as StudyField)) values.set(name as StudyField, { pair, value: this.deref(pair.value) });
        continue;
      }
      const shown = name ?? (keyNode ? this.source(keyNode) : '');
      const suggestion = name !== undefined ? suggestField(name, STUDY_FIELDS) : undefined;
      this.faultAt(keyNode ?? this.deref(pair.value), `Unknown field '${shown}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
    }

    const fieldRanges: Partial<Record<string, Range>> = {};
    for (const [name, { pair, value }] of values) fieldRanges[name] = this.valueRange(pair, value);

    // id: required, text or a number-like key.
    let id: string | undefined;
    const idEntry = values.get('id');
    if (!idEntry || isNull(idEntry.value)) {
      const at = idEntry ? this.deref(idEntry.pair.key) : this.deref(root.items[0]?.key);
      const range = at?.range ? this.rangeOf(at) : { start: { line: 0, character: 0 }, end: firstChar(this.lines).end };
      this.findings.push(finding('study.invalid', this.file, range, 'Study record has no id.'));
    } else {
      const v = idEntry.value!;
      const s = isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number') ? this.scalarText(v).trim() : '';
      if (s === '') this.fault(v, `id must be a citation key such as 'davis2021', got ${this.shown(v)}`);
      else id = s;
    }

    const doi = this.field(values, 'doi', 'a DOI such as 10.1001/jamapsychiatry.2020.3285', (v) => {
      const raw = this.plainText(v);
      if (raw === undefined) {
        this.fault(v, `doi must be a DOI such as 10.1001/jamapsychiatry.2020.3285, got ${this.shown(v)}`);
        return undefined;
      }
      const normalised = normaliseDoi(raw);
      if (!normalised) this.fault(v, `doi '${clip(raw)}' is not a valid DOI such as 10.1001/jamapsychiatry.2020.3285`);
      return normalised;
    });
    const title = this.textField(values, 'title');
    const year = this.field(values, 'year', 'a year from 1800 to 2100', (v) => {
      const y = this.wholeNumber(v);
      if (y === undefined || y < 1800 || y > 2100) {
        this.fault(v, `year must be a whole number from 1800 to 2100, got ${this.shown(v)}`);
        return undefined;
      }
      return y;
    });
    const publishedOnline = this.field(values, 'publishedOnline', 'a date such as 2020-11-04', (v) => {
      const s = isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number') ? this.scalarText(v).trim() : '';
      if (isIsoDate(s) || (/^\d{4}$/.test(s) && +s >= 1800 && +s <= 2100)) return s;
      this.fault(v, `publishedOnline must be a date such as 2020-11-04 (or a year), got ${this.shown(v)}`);
      return undefined;
    });
    const design = this.enumField<StudyDesign>(values, 'design', STUDY_DESIGNS);
    const blinding = this.enumField<Blinding>(values, 'blinding', BLINDING);
    const control = this.enumField<Control>(values, 'control', CONTROLS);
    const population = this.textField(values, 'population');
    const species = this.textField(values, 'species')?.toLowerCase();
    const n = this.countField(values, 'n');
    const enrolled = this.countField(values, 'enrolled');
    if (n !== undefined && enrolled !== undefined && enrolled < n) {
      this.fault(values.get('enrolled')!.value!, `enrolled (${enrolled}) is smaller than n (${n})`);
    }

    let followUp: string | undefined;
    let followUpWeeks: number | undefined;
    const followEntry = values.get('followUp');
    const written = this.textField(values, 'followUp', 'a duration such as 6 weeks or 12 months');
    if (written !== undefined) {
      const weeks = parseFollowUpWeeks(written);
      if (weeks === undefined) {
        this.fault(followEntry!.value!, `followUp '${clip(written)}' is not a duration such as '6 weeks' or '12 months'`);
      } else {
        followUp = written;
        followUpWeeks = weeks;
      }
    }

    const outcomes = this.field(values, 'outcomes', 'a list of outcomes, each with a measure', (v) => this.readOutcomes(v)) ?? [];
    const findings =
      this.field(values, 'findings', 'a list of short statements', (v) => {
        if (!isSeq(v)) {
          this.fault(v, `findings must be a list of short statements, got ${this.shown(v)}`);
          return undefined;
        }
        const out: string[] = [];
        v.items.forEach((item, i) => {
          const node = this.deref(item);
          const s = this.plainText(node);
          if (s === undefined || s.trim() === '') this.fault(node ?? v, `findings item ${i + 1} must be text, got ${this.shown(node)}`);
          else out.push(s);
        });
        return out;
      }) ?? [];
    const retracted = this.field(values, 'retracted', 'true or false', (v) => this.bool(v, 'retracted')) ?? false;

    if (id === undefined) return undefined;
    return {
      id,
      file: this.file,
      range: this.lines.range(0, this.text.length),
      idRange: fieldRanges.id!,
      doi,
      title,
      year,
      publishedOnline,
      design,
      blinding,
      control,
      population,
      species: species || 'human',
      n,
      enrolled,
      followUp,
      followUpWeeks,
      outcomes,
      findings,
      retracted,
      fieldRanges,
    };
  }

  private readOutcomes(v: Node): StudyOutcome[] | undefined {
    if (!isSeq(v)) {
      this.fault(v, `outcomes must be a list of outcomes, each with a measure, got ${this.shown(v)}`);
      return undefined;
    }
    const out: StudyOutcome[] = [];
    v.items.forEach((item, i) => {
      const node = this.deref(item);
      const label = `outcome ${i + 1}`;
      if (!isMap(node)) {
        this.fault(node ?? v, `${label} must be a mapping with a measure, got ${this.shown(node)}`);
        return;
      }
      const fields = new Map<string, { pair: Pair; value: Node | null }>();
      for (const pair of node.items) {
        const keyNode = this.deref(pair.key);
        const name = isScalar(keyNode) ? String(keyNode.value) : undefined;
        if (name !== undefined && (OUTCOME_FIELDS as readonly string[]).includes(name)) {
          if (!fields.has(name)) fields.set(name, { pair, value: this.deref(pair.value) });
          continue;
        }
        const suggestion = name !== undefined ? suggestField(name, OUTCOME_FIELDS) : undefined;
        const shown = name ?? (keyNode ? this.source(keyNode) : '');
        this.faultAt(keyNode ?? this.deref(pair.value), `${label}: unknown field '${shown}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
      }

      const sub = <T>(name: string, expected: string, read: (value: Node) => T | undefined): T | undefined => {
        const entry = fields.get(name);
        if (!entry) return undefined;
        if (isNull(entry.value)) {
          this.faultAt(entry.pair.key as Node, `${label}: ${name} has no value; expected ${expected}`);
          return undefined;
        }
        return read(entry.value!);
      };
      const text = (name: string) => (value: Node) => {
        const s = this.plainText(value);
        if (s === undefined || s.trim() === '') this.fault(value, `${label}: ${name} must be text, got ${this.shown(value)}`);
        return s?.trim() || undefined;
      };

      const measureEntry = fields.get('measure');
      const measure = sub('measure', 'the name of a scale or endpoint such as GRID-HAMD', text('measure'));
      if (!measureEntry) {
        const at = this.deref(node.items[0]?.key) ?? node;
        this.faultAt(at, `${label} has no measure (the scale or endpoint, e.g. GRID-HAMD)`);
      }
      const primary = sub('primary', 'true or false', (value) => this.bool(value, `${label}: primary`)) ?? false;
      const timepoint = sub('timepoint', 'a time point such as week 4', text('timepoint'));
      const significant = sub('significant', 'true or false', (value) => this.bool(value, `${label}: significant`));
      const values =
        sub('values', 'a list of results such as "71% response"', (value) => {
          if (!isSeq(value)) {
            this.fault(value, `${label}: values must be a list of text or numbers, got ${this.shown(value)}`);
            return undefined;
          }
          const list: string[] = [];
          value.items.forEach((entry, j) => {
            const e = this.deref(entry);
            const s = this.plainText(e);
            if (s === undefined || s.trim() === '') {
              this.fault(e ?? value, `${label}: values item ${j + 1} must be text or a number, got ${this.shown(e)}`);
            } else list.push(s);
          });
          return list;
        }) ?? [];
      if (measure === undefined) return;
      const outcome: StudyOutcome = { measure, primary, values, range: this.rangeOf(node) };
      if (timepoint !== undefined) outcome.timepoint = timepoint;
      if (significant !== undefined) outcome.significant = significant;
      out.push(outcome);
    });
    return out;
  }

  // ---- field readers ------------------------------------------------------------------------

  /** Runs `read` on a present, non-null field; a null value is a fault at the key. */
  private field<T>(
    values: Map<StudyField, { pair: Pair; value: Node | null }>,
    name: StudyField,
    expected: string,
    read: (value: Node) => T | undefined,
  ): T | undefined {
    const entry = values.get(name);
    if (!entry) return undefined;
    if (isNull(entry.value)) {
      this.faultAt(this.deref(entry.pair.key) ?? null, `${name} has no value; expected ${expected}`);
      return undefined;
    }
    return read(entry.value!);
  }

  private textField(values: Map<StudyField, { pair: Pair; value: Node | null }>, name: StudyField, expected = 'text'): string | undefined {
    return this.field(values, name, expected, (v) => {
      const s = this.plainText(v)?.trim();
      if (!s) this.fault(v, `${name} must be text, got ${this.shown(v)}`);
      return s || undefined;
    });
  }

  private enumField<T extends string>(
    values: Map<StudyField, { pair: Pair; value: Node | null }>,
    name: StudyField,
    allowed: readonly T[],
  ): T | undefined {
    const list = allowed.join(', ');
    return this.field(values, name, `one of ${list}`, (v) => {
      if (isScalar(v) && typeof v.value === 'string') {
        // Forgiving about case and separators: "Crossover RCT" and "waiting_list" are meant.
        const s = v.value.trim().toLowerCase().replace(/[\s_]+/g, '-');
        if ((allowed as readonly string[]).includes(s)) return s as T;
        this.fault(v, `${name} '${clip(v.value)}' is not one of ${list}`);
        return undefined;
      }
      this.fault(v, `${name} must be one of ${list}, got ${this.shown(v)}`);
      return undefined;
    });
  }

  private countField(values: Map<StudyField, { pair: Pair; value: Node | null }>, name: 'n' | 'enrolled'): number | undefined {
    return this.field(values, name, 'a whole number ≥ 0', (v) => {
      const count = this.wholeNumber(v);
      if (count === undefined || count < 0) {
        this.fault(v, `${name} must be a whole number ≥ 0, got ${this.shown(v)}`);
        return undefined;
      }
      return count;
    });
  }

  /** An integer scalar, or a quoted string of digits. */
  private wholeNumber(v: Node): number | undefined {
    if (!isScalar(v)) return undefined;
    if (typeof v.value === 'number') return Number.isSafeInteger(v.value) ? v.value : undefined;
    if (typeof v.value === 'string' && /^\s*-?\d+\s*$/.test(v.value)) return Number(v.value);
    return undefined;
  }

  private bool(v: Node, name: string): boolean | undefined {
    if (isScalar(v) && typeof v.value === 'boolean') return v.value;
    this.fault(v, `${name} must be true or false, got ${this.shown(v)}`);
    return undefined;
  }

  /** A string, or a number as written; undefined for anything else. */
  private plainText(v: Node | null): string | undefined {
    if (!isScalar(v)) return undefined;
    if (typeof v.value === 'string') return v.value;
    if (typeof v.value === 'number') return this.scalarText(v);
    return undefined;
  }

  // ---- nodes, ranges, faults ----------------------------------------------------------------

  private deref(node: unknown): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return (node as Node | null | undefined) ?? null;
  }

  private scalarText(v: Node): string {
    if (isScalar(v) && typeof v.value === 'string') return v.value;
    return isScalar(v) && typeof v.source === 'string' && v.source !== '' ? v.source : String(isScalar(v) ? v.value : '');
  }

  private source(node: Node): string {
    const r = node.range;
    return r ? this.text.slice(r[0], r[1]) : '';
  }

  /** How a value is quoted in a message: 'twenty-four', or "a list". */
  private shown(v: Node | null): string {
    if (v == null || (isScalar(v) && v.value == null)) return 'nothing';
    if (isSeq(v)) return 'a list';
    if (isMap(v)) return 'a mapping';
    if (isScalar(v)) return `'${clip(this.scalarText(v))}'`;
    return `'${clip(this.source(v))}'`;
  }

  /** The value's range, or the key's when the value is null or missing. */
  private valueRange(pair: Pair, value: Node | null): Range {
    if (!isNull(value) && value!.range) return this.rangeOf(value!);
    const key = this.deref(pair.key);
    return key?.range ? this.rangeOf(key) : firstChar(this.lines);
  }

  /** A node's range without the line breaks, blank lines and comments a block collection ends with. */
  private rangeOf(node: Node): Range {
    const [start, end] = this.span(node);
    return this.lines.range(start, end);
  }

  private span(node: Node): [number, number] {
    const r = node.range;
    if (!r) return [0, 0];
    let end = r[1];
    while (end > r[0] && /\s/.test(this.text[end - 1])) end--;
    return [r[0], end];
  }

  /** A fault at a value; a null value is reported by the caller at its key. */
  private fault(node: Node, message: string): void {
    this.faultAt(node, message);
  }

  private faultAt(node: Node | null, message: string): void {
    const [start, end] = node?.range ? this.span(node) : [0, Math.min(1, this.lines.lineEnd(0))];
    // A YAML error inside or just after the node (an unclosed bracket) already explains it.
    const rawEnd = node?.range ? node.range[2] : end;
    if (this.errorSpans.some(([s, e]) => s <= rawEnd && start <= e)) return;
    this.findings.push(finding('study.invalid', this.file, this.lines.range(start, end), message));
  }
}

function isNull(node: Node | null): boolean {
  return node == null || (isScalar(node) && node.value == null);
}

function firstChar(lines: LineIndex): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, lines.lineText(0).length) } };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  if (y < 1800 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The known field closest to an unknown one, when it is close enough to be a likely typo. */
function suggestField(name: string, known: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const key = squash(name);
  const exact = known.find((k) => squash(k) === key);
  if (exact) return exact;
  const synonym = SYNONYMS[key];
  if (synonym && known.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(key, squash(k), { transpositions: true });
    // Short names are all within 3 edits of each other: only suggest when under half is changed.
    if (d <= 3 && d * 2 <= Math.max(key.length, k.length) && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

// ---- follow-up durations ----------------------------------------------------------------------

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};

const DURATION =
  /^\s*(?:about\s+|approximately\s+|approx\.?\s+|~\s*)?(\d+(?:\.\d+)?\s*-?\s*|[a-z]+(?:\s+|\s*-\s*))(days?|d|weeks?|wks?|w|months?|mos?|mths?|years?|yrs?|y)(?![a-z])(.*)$/i;

/**
 * Converts a follow-up such as "6 weeks", "12 months", "4.5 years", "3 wk", "six months" or
 * "6-month" to weeks (1 month = 52/12 weeks, 1 year = 52 weeks, 1 day = 1/7 week), rounded to
 * one decimal. Text after the duration ("6 months post-treatment") is allowed; a range such as
 * "6–12 months" or "6 months to 2 years" is not a single duration and gives undefined.
 */
export function parseFollowUpWeeks(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, amount, unit, rest] = m;
  const word = amount.replace(/[\s-]+$/, '');
  const value = /^\d/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()];
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (/^\s*(?:[-–—]|to\b|until\b)\s*(?:\d|[a-z]+\s*-?\s*(?:days?|weeks?|months?|years?)\b)/i.test(rest)) return undefined;
  const u = unit.toLowerCase();
  const perUnit = u.startsWith('d') ? 1 / 7 : u.startsWith('w') ? 1 : u.startsWith('m') ? 52 / 12 : 52;
  return Math.round(value * perUnit * 10) / 10;
}
