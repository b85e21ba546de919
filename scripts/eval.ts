// `npm run eval`: measures the claim checks on the labelled corpus in test/corpus/.
//
//   sentences.yaml     which sentences are claims without a citation (claim.unsupported)
//   cited-claims.yaml  which codes a cited claim should get against the study records
//
// Each item becomes a one-note markdown text, parsed with parseNote into an index that also holds
// test/corpus/references.bib and test/corpus/studies/*.yaml, and checked with checkNote. Prints
// TP/FP/FN, precision and recall per code and the misclassified items. It measures and never
// gates: the exit code is 0 whatever the figures (and even when the corpus cannot be read).
//
//   node out/scripts/eval.js [--verbose] [--json] [--corpus <dir>]
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { toCorePath } from '../src/cli/node-fs';
import { checkNote } from '../src/core/check';
import { DEFAULT_CONFIG } from '../src/core/config';
import { WorkspaceIndex } from '../src/core/index/workspace-index';
import { parseNote } from '../src/core/notes/note';
import type { ParsedNote } from '../src/core/notes/types';
import type { DiagnosticCode, Finding, Position, Range } from '../src/core/types';
import { indexText } from '../src/core/workspace/load';

export const STYLES = ['abstract', 'press-release', 'blog', 'review-note', 'social', 'methods'] as const;
export type Style = (typeof STYLES)[number];
export const LABELS = ['claim', 'not-claim'] as const;
export type Label = (typeof LABELS)[number];

/** The codes cited-claims.yaml may expect; every other code is ignored when scoring it. */
export const CITED_CODES = [
  'claim.study-mismatch',
  'claim.contradicts-finding',
  'claim.overstated',
  'claim.implicit-citation',
  'reference.doi-mismatch',
  'source.retracted',
  'citation.unresolved',
] as const satisfies readonly DiagnosticCode[];
export type CitedCode = (typeof CITED_CODES)[number];

export interface SentenceItem {
  id: string;
  style: Style;
  text: string;
  label: Label;
  /** 1-based index of the sentence that should be flagged (passages with citations). */
  unsupportedSentence?: number;
  references?: string[];
  note?: string;
}

export interface CitedItem {
  id: string;
  text: string;
  expected: CitedCode[];
  references?: string[];
  note?: string;
}

/** test/corpus of this repository, from out/scripts/eval.js or scripts/eval.ts alike. */
export function defaultCorpusDir(): string {
  return path.resolve(__dirname, '..', '..', 'test', 'corpus');
}

/** The markdown note an item is checked as: its text, then its numbered reference list if any. */
export function noteTextFor(item: { text: string; references?: readonly string[] }): string {
  let text = item.text.trim() + '\n';
  if (item.references && item.references.length > 0) {
    text += '\n## References\n\n' + item.references.map((r, i) => `${i + 1}. ${r}`).join('\n') + '\n';
  }
  return text;
}

/** Where an item's note lives in the index (beside the corpus library, never written to disk). */
export function noteFileFor(corpusDir: string, id: string): string {
  return `${toCorePath(corpusDir)}/notes/${id}.md`;
}

/** The corpus library: references.bib and studies/*.yaml, parsed into a fresh index. */
export function loadLibrary(corpusDir: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const bib = path.join(corpusDir, 'references.bib');
  indexText(index, toCorePath(bib), 'bibliography', fs.readFileSync(bib, 'utf8'));
  const studies = path.join(corpusDir, 'studies');
  for (const name of fs.readdirSync(studies).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const file = path.join(studies, name);
    indexText(index, toCorePath(file), 'study', fs.readFileSync(file, 'utf8'));
  }
  return index;
}

/** The raw YAML sequence of a corpus file (no validation: the unit test does that). */
export function readCorpusFile(file: string): unknown[] {
  const data: unknown = parseYaml(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected a YAML sequence of items`);
  return data;
}

// ---------------------------------------------------------------------------------------------
// Scoring

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

interface Metrics extends Counts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
}

function metrics(c: Counts): Metrics {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  const total = c.tp + c.fp + c.fn + c.tn;
  return { ...c, precision, recall, f1, accuracy: total > 0 ? (c.tp + c.tn) / total : null };
}

interface FindingSummary {
  code: DiagnosticCode;
  line: number;
  character: number;
  message: string;
}

interface SentenceResult {
  id: string;
  style: Style;
  label: Label;
  predicted: Label;
  /** 1 when claim.unsupported is also reported on a sentence other than unsupportedSentence. */
  stray: number;
  /** Has citations or names the sentence to flag: scored apart from the single sentences. */
  passage: boolean;
  correct: boolean;
  text: string;
  note?: string;
  unsupportedSentence?: number;
  findings: FindingSummary[];
  error?: string;
}

interface CitedResult {
  id: string;
  expected: CitedCode[];
  predicted: CitedCode[];
  correct: boolean;
  text: string;
  note?: string;
  findings: FindingSummary[];
  error?: string;
}

export interface SentenceReport {
  items: number;
  passages: number;
  labels: Record<Label, number>;
  overall: Metrics & { stray: number };
  byStyle: Record<string, Metrics & { items: number }>;
  passagesOnly: Metrics;
  misclassified: SentenceResult[];
  errors: { id: string; error: string }[];
}

export interface CitedReport {
  items: number;
  faithful: number;
  byCode: Record<CitedCode, Metrics & { expected: number }>;
  micro: Metrics;
  exact: number;
  faithfulFlagged: number;
  misclassified: CitedResult[];
  errors: { id: string; error: string }[];
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether a finding's range touches a sentence's range (an empty range counts at its point). */
function overlaps(f: Range, s: Range): boolean {
  if (!before(f.start, f.end)) return !before(f.start, s.start) && !before(s.end, f.start);
  return before(f.start, s.end) && before(s.start, f.end);
}

function summarise(findings: Finding[]): FindingSummary[] {
  return findings.map((f) => ({ code: f.code, line: f.range.start.line + 1, character: f.range.start.character + 1, message: f.message }));
}

interface Checked {
  note: ParsedNote;
  /** Every finding in the item's note. */
  findings: Finding[];
  /** Lines 0..textLines-1 hold the item's text; the appended reference list follows. */
  textLines: number;
}

function checkItem(index: WorkspaceIndex, corpusDir: string, item: { id: string; text: string; references?: string[] }): Checked {
  const file = noteFileFor(corpusDir, item.id);
  const note = parseNote(noteTextFor(item), file);
  index.setNote(note);
  try {
    const findings = checkNote(note, index, DEFAULT_CONFIG).filter((f) => f.file === file);
    return { note, findings, textLines: item.text.trim().split(/\r\n|\r|\n/).length };
  } finally {
    index.removeFile(file);
  }
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function asStrings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function toSentenceItem(raw: unknown, at: number): SentenceItem {
  const o = (raw ?? {}) as Record<string, unknown>;
  const id = asString(o.id) ?? `#${at + 1}`;
  const text = asString(o.text);
  const label = o.label;
  if (!text || (label !== 'claim' && label !== 'not-claim')) throw new Error(`${id}: needs text and label claim | not-claim`);
  const style = (STYLES as readonly unknown[]).includes(o.style) ? (o.style as Style) : ('review-note' as Style);
  const k = typeof o.unsupportedSentence === 'number' ? o.unsupportedSentence : undefined;
  return { id, style, text, label, unsupportedSentence: k, references: asStrings(o.references), note: asString(o.note) };
}

function toCitedItem(raw: unknown, at: number): CitedItem {
  const o = (raw ?? {}) as Record<string, unknown>;
  const id = asString(o.id) ?? `#${at + 1}`;
  const text = asString(o.text);
  const expected = asStrings(o.expected);
  if (!text || !expected) throw new Error(`${id}: needs text and an expected list`);
  const unknown = expected.filter((c) => !(CITED_CODES as readonly string[]).includes(c));
  if (unknown.length > 0) throw new Error(`${id}: codes not measured here: ${unknown.join(', ')}`);
  return { id, text, expected: expected as CitedCode[], references: asStrings(o.references), note: asString(o.note) };
}

export function evaluateSentences(index: WorkspaceIndex, corpusDir: string, rawItems: unknown[]): SentenceReport {
  const results: SentenceResult[] = [];
  const errors: { id: string; error: string }[] = [];
  for (const [at, raw] of rawItems.entries()) {
    let item: SentenceItem;
    try {
      item = toSentenceItem(raw, at);
    } catch (err) {
      errors.push({ id: `#${at + 1}`, error: String(err instanceof Error ? err.message : err) });
      continue;
    }
    try {
      const { note, findings, textLines } = checkItem(index, corpusDir, item);
      // Only the item's own text is scored, not the "References" heading eval appends.
      const unsupported = findings.filter((f) => f.code === 'claim.unsupported' && f.range.start.line < textLines);
      let predicted: Label;
      let stray = 0;
      if (item.unsupportedSentence !== undefined) {
        const sentence = note.sentences[item.unsupportedSentence - 1];
        if (!sentence) throw new Error(`unsupportedSentence ${item.unsupportedSentence}, but the text has ${note.sentences.length} sentence(s)`);
        const on = unsupported.filter((f) => overlaps(f.range, sentence.range));
        predicted = on.length > 0 ? 'claim' : 'not-claim';
        stray = unsupported.filter((f) => !overlaps(f.range, sentence.range)).length > 0 ? 1 : 0;
      } else {
        predicted = unsupported.length > 0 ? 'claim' : 'not-claim';
      }
      results.push({
        id: item.id,
        style: item.style,
        label: item.label,
        predicted,
        stray,
        passage: item.unsupportedSentence !== undefined || note.citations.length > 0,
        correct: predicted === item.label && stray === 0,
        text: item.text,
        note: item.note,
        unsupportedSentence: item.unsupportedSentence,
        findings: summarise(findings),
      });
    } catch (err) {
      errors.push({ id: item.id, error: String(err instanceof Error ? err.stack ?? err.message : err) });
    }
  }

  const count = (rs: SentenceResult[]): Counts => {
    const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const r of rs) {
      const flagged = r.predicted === 'claim';
      if (r.label === 'claim') {
        if (flagged) c.tp++;
        else c.fn++;
      } else if (flagged) c.fp++;
      else c.tn++;
      // A flag on the wrong sentence of a passage is a false positive as well.
      c.fp += r.stray;
    }
    return c;
  };
  const byStyle: SentenceReport['byStyle'] = {};
  for (const style of STYLES) {
    const rs = results.filter((r) => r.style === style && !r.passage);
    if (rs.length > 0) byStyle[style] = { items: rs.length, ...metrics(count(rs)) };
  }
  const passages = results.filter((r) => r.passage);
  const overall = metrics(count(results));
  // Accuracy counts items, so an item with a stray flag is wrong even when its own sentence is right.
  overall.accuracy = results.length > 0 ? results.filter((r) => r.correct).length / results.length : null;
  return {
    items: results.length,
    passages: passages.length,
    labels: { claim: results.filter((r) => r.label === 'claim').length, 'not-claim': results.filter((r) => r.label === 'not-claim').length },
    overall: { ...overall, stray: results.reduce((s, r) => s + r.stray, 0) },
    byStyle,
    passagesOnly: metrics(count(passages)),
    misclassified: results.filter((r) => !r.correct),
    errors,
  };
}

export function evaluateCited(index: WorkspaceIndex, corpusDir: string, rawItems: unknown[]): CitedReport {
  const results: CitedResult[] = [];
  const errors: { id: string; error: string }[] = [];
  for (const [at, raw] of rawItems.entries()) {
    let item: CitedItem;
    try {
      item = toCitedItem(raw, at);
    } catch (err) {
      errors.push({ id: `#${at + 1}`, error: String(err instanceof Error ? err.message : err) });
      continue;
    }
    try {
      const { findings } = checkItem(index, corpusDir, item);
      const measured = findings.filter((f) => (CITED_CODES as readonly string[]).includes(f.code));
      const predicted = CITED_CODES.filter((c) => measured.some((f) => f.code === c));
      const expected = CITED_CODES.filter((c) => item.expected.includes(c));
      const correct = predicted.length === expected.length && predicted.every((c) => expected.includes(c));
      results.push({ id: item.id, expected, predicted, correct, text: item.text, note: item.note, findings: summarise(findings) });
    } catch (err) {
      errors.push({ id: item.id, error: String(err instanceof Error ? err.stack ?? err.message : err) });
    }
  }
  const byCode = {} as CitedReport['byCode'];
  const micro: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const code of CITED_CODES) {
    const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const r of results) {
      const e = r.expected.includes(code);
      const p = r.predicted.includes(code);
      if (e && p) c.tp++;
      else if (p) c.fp++;
      else if (e) c.fn++;
      else c.tn++;
    }
    byCode[code] = { expected: c.tp + c.fn, ...metrics(c) };
    micro.tp += c.tp;
    micro.fp += c.fp;
    micro.fn += c.fn;
    micro.tn += c.tn;
  }
  const faithful = results.filter((r) => r.expected.length === 0);
  return {
    items: results.length,
    faithful: faithful.length,
    byCode,
    micro: metrics(micro),
    exact: results.filter((r) => r.correct).length,
    faithfulFlagged: faithful.filter((r) => r.predicted.length > 0).length,
    misclassified: results.filter((r) => !r.correct),
    errors,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function pct(v: number | null): string {
  return v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`;
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function findingLines(findings: FindingSummary[], indent: string): string[] {
  if (findings.length === 0) return [`${indent}(no findings)`];
  return findings.map((f) => `${indent}${f.line}:${f.character} ${f.code}: ${oneLine(f.message)}`);
}

export function formatReport(s: SentenceReport, c: CitedReport, verbose: boolean, corpusLabel: string): string {
  const out: string[] = [];
  out.push(`Evidence Lens accuracy corpus (${corpusLabel})`, '');

  out.push(
    `Sentences: ${s.items} items (${s.labels.claim} claim, ${s.labels['not-claim']} not-claim), ${s.passages} of them with citations`,
  );
  out.push(
    table(
      ['code', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall', 'F1', 'accuracy'],
      [
        [
          'claim.unsupported',
          s.overall.tp,
          s.overall.fp,
          s.overall.fn,
          s.overall.tn,
          pct(s.overall.precision),
          pct(s.overall.recall),
          pct(s.overall.f1),
          pct(s.overall.accuracy),
        ],
      ],
    ),
  );
  if (s.overall.stray > 0) out.push(`(FP includes ${s.overall.stray} flag(s) on the wrong sentence of a passage)`);
  out.push('');
  const styleRows = Object.entries(s.byStyle).map(([style, m]) => [style, m.items, m.tp, m.fp, m.fn, m.tn, pct(m.precision), pct(m.recall), pct(m.accuracy)]);
  const p = s.passagesOnly;
  styleRows.push(['passages (cited)', p.tp + p.fp + p.fn + p.tn, p.tp, p.fp, p.fn, p.tn, pct(p.precision), pct(p.recall), pct(p.accuracy)]);
  out.push(table(['by style', 'items', 'TP', 'FP', 'FN', 'TN', 'precision', 'recall', 'accuracy'], styleRows), '');

  out.push(`Cited claims: ${c.items} items (${c.faithful} faithful, expecting nothing; ${c.items - c.faithful} expecting a code)`);
  const codeRows: (string | number)[][] = CITED_CODES.map((code) => {
    const m = c.byCode[code];
    return [code, m.expected, m.tp, m.fp, m.fn, pct(m.precision), pct(m.recall), pct(m.f1)];
  });
  codeRows.push(['all (micro)', c.micro.tp + c.micro.fn, c.micro.tp, c.micro.fp, c.micro.fn, pct(c.micro.precision), pct(c.micro.recall), pct(c.micro.f1)]);
  out.push(table(['code', 'expected', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'], codeRows));
  out.push(`Items exactly right: ${c.exact}/${c.items}; faithful items given a code: ${c.faithfulFlagged}/${c.faithful}`, '');

  out.push(`Misclassified sentences (${s.misclassified.length}):`);
  for (const r of s.misclassified) {
    const what =
      r.stray > 0 && r.predicted === r.label
        ? `${r.label}, also flagged another sentence`
        : `${r.label} -> ${r.predicted}${r.stray > 0 ? ' (flagged another sentence)' : ''}`;
    const which = r.unsupportedSentence !== undefined ? ` sentence ${r.unsupportedSentence}` : '';
    out.push(`  ${r.id.padEnd(9)} ${what} [${r.style}${which}]  ${oneLine(r.text)}`);
    if (verbose) {
      if (r.note) out.push(`            why: ${r.note}`);
      out.push(...findingLines(r.findings, '            '));
    }
  }
  if (s.misclassified.length === 0) out.push('  (none)');
  out.push('');
  out.push(`Misclassified cited claims (${c.misclassified.length}):`);
  for (const r of c.misclassified) {
    out.push(`  ${r.id}  expected [${r.expected.join(', ')}] got [${r.predicted.join(', ')}]  ${oneLine(r.text)}`);
    if (verbose) {
      if (r.note) out.push(`          why: ${r.note}`);
      out.push(...findingLines(r.findings, '          '));
    }
  }
  if (c.misclassified.length === 0) out.push('  (none)');

  const errors = [...s.errors.map((e) => ({ file: 'sentences.yaml', ...e })), ...c.errors.map((e) => ({ file: 'cited-claims.yaml', ...e }))];
  if (errors.length > 0) {
    out.push('', `Items that could not be evaluated (${errors.length}):`);
    for (const e of errors) out.push(`  ${e.file} ${e.id}: ${verbose ? e.error : e.error.split('\n')[0]}`);
  }
  if (!verbose) out.push('', '(--verbose shows each misclassified item\'s findings and why it is labelled as it is; --json prints everything as JSON)');
  return out.join('\n');
}

function parseArgs(argv: string[]): { verbose: boolean; json: boolean; corpus: string } {
  let corpus = defaultCorpusDir();
  const i = argv.indexOf('--corpus');
  if (i >= 0 && argv[i + 1]) corpus = path.resolve(argv[i + 1]);
  return { verbose: argv.includes('--verbose') || argv.includes('-v'), json: argv.includes('--json'), corpus };
}

export function main(argv: string[]): void {
  const args = parseArgs(argv);
  // `npm run eval | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  try {
    const index = loadLibrary(args.corpus);
    const sentences = evaluateSentences(index, args.corpus, readCorpusFile(path.join(args.corpus, 'sentences.yaml')));
    const cited = evaluateCited(index, args.corpus, readCorpusFile(path.join(args.corpus, 'cited-claims.yaml')));
    if (args.json) {
      // Findings per misclassified item only with --verbose, to keep the default JSON small.
      const strip = <T extends { findings: FindingSummary[] }>(r: T): T | Omit<T, 'findings'> => {
        if (args.verbose) return r;
        const { findings, ...rest } = r;
        return rest;
      };
      const report = {
        corpus: args.corpus,
        sentences: { ...sentences, misclassified: sentences.misclassified.map(strip) },
        cited: { ...cited, misclassified: cited.misclassified.map(strip) },
      };
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else {
      const label = path.relative(process.cwd(), args.corpus) || args.corpus;
      process.stdout.write(formatReport(sentences, cited, args.verbose, label) + '\n');
    }
  } catch (err) {
    process.stderr.write(`eval: could not run on ${args.corpus}: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  }
  process.exitCode = 0;
}

if (require.main === module) main(process.argv.slice(2));
