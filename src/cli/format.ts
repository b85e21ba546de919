// CLI output: a sorted, root-relative report of findings and its JSON, text and SARIF forms.
import * as path from 'path';
import { CODE_DESCRIPTIONS } from '../core/codes';
import { compareRanges } from '../core/text';
import { DEFAULT_SEVERITY, DIAGNOSTIC_CODES } from '../core/types';
import type { DiagnosticCode, Finding, Range, Severity } from '../core/types';

export interface ReportDiagnostic {
  /** Root-relative, '/'-separated. */
  file: string;
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

export interface CheckReport {
  /** The absolute root path as given. */
  root: string;
  /** How many files were checked. */
  files: number;
  diagnostics: ReportDiagnostic[];
}

export type FailOn = 'error' | 'warning' | 'info';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/**
 * The report of one run: paths made relative to `root`, sorted by file, start, end, code (then
 * message and severity so the order never depends on input order), exact duplicates dropped.
 */
export function toReport(root: string, files: number, findings: readonly Finding[]): CheckReport {
  const seen = new Set<string>();
  const diagnostics: ReportDiagnostic[] = [];
  for (const f of findings) {
    const d = reportDiagnostic({ ...f, file: path.posix.relative(root, f.file) });
    const key = JSON.stringify(d);
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  diagnostics.sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      compareRanges(a.range, b.range) ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message) ||
      RANK[b.severity] - RANK[a.severity],
  );
  return { root, files, diagnostics };
}

/** A diagnostic with exactly SPEC's fields in SPEC's key order, whatever else the input carries. */
function reportDiagnostic(d: ReportDiagnostic): ReportDiagnostic {
  return {
    file: d.file,
    range: {
      start: { line: d.range.start.line, character: d.range.start.character },
      end: { line: d.range.end.line, character: d.range.end.character },
    },
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

/** Code-unit order, independent of locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function summarise(report: CheckReport): { files: number; errors: number; warnings: number; infos: number; hints: number } {
  const count = (s: Severity) => report.diagnostics.filter((d) => d.severity === s).length;
  return { files: report.files, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') };
}

export function formatJson(report: CheckReport): string {
  const out = {
    version: 1,
    root: report.root,
    diagnostics: report.diagnostics.map(reportDiagnostic),
    summary: summarise(report),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
};
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.blue, hint: ANSI.dim };

/**
 * One `file:line:col: severity code: message` line per diagnostic (1-based, like compilers),
 * a blank line, then the summary. ANSI colour only when asked.
 */
export function formatText(report: CheckReport, options: { color?: boolean } = {}): string {
  const color = options.color === true;
  const paint = (code: string, s: string) => (color ? code + s + ANSI.reset : s);
  const lines: string[] = [];
  for (const d of report.diagnostics) {
    const where = `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    const message = d.message.replace(/\s*\r?\n\s*/g, ' ');
    lines.push(`${paint(ANSI.bold, where)}: ${paint(SEVERITY_COLOR[d.severity], d.severity)} ${paint(ANSI.dim, d.code)}: ${message}`);
  }
  if (lines.length > 0) lines.push('');
  const s = summarise(report);
  const summary =
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}, ` +
    `${plural(s.hints, 'hint')} in ${plural(s.files, 'file')}`;
  lines.push(color ? paint(ANSI.bold, summary) : summary);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type SarifLevel = 'error' | 'warning' | 'note';
const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 with one run; locations are relative to the ROOT base id, columns in UTF-16 units. */
export function formatSarif(report: CheckReport, toolVersion: string): string {
  const present = new Set(report.diagnostics.map((d) => d.code));
  const codes = DIAGNOSTIC_CODES.filter((c) => present.has(c));
  const ruleIndex = new Map<DiagnosticCode, number>(codes.map((c, i) => [c, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'evidence-lens',
            version: toolVersion,
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: CODE_DESCRIPTIONS[code] },
              defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[code]] },
            })),
          },
        },
        originalUriBaseIds: { ROOT: { uri: fileUri(report.root, true) } },
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodePath(d.file), uriBaseId: 'ROOT' },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  // SARIF's endColumn is the column just past the region, so 1-based exclusive.
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A file URI for an absolute '/'-separated path (POSIX or Windows drive), built the same on every OS. */
function fileUri(absolute: string, trailingSlash: boolean): string {
  let p = absolute.replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(p)) p = '/' + p;
  let uri = 'file://' + encodePath(p);
  if (trailingSlash && !uri.endsWith('/')) uri += '/';
  return uri;
}

/** Percent-encodes each path segment, keeping '/' and a drive letter's colon. */
function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg, i) => (i <= 1 && /^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg)))
    .join('/');
}

/** 1 when any diagnostic is at least as severe as `failOn`, else 0. */
export function exitCodeFor(report: CheckReport, failOn: FailOn): 0 | 1 {
  const threshold = RANK[failOn];
  return report.diagnostics.some((d) => RANK[d.severity] >= threshold) ? 1 : 0;
}
