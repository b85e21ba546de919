import type { Range } from '../../src/core/types';

/** Range from 0-based line/character numbers, for exact assertions. */
export function r(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The text a range covers, for assertions that read as what the user sees. */
export function textAt(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  const parts = [lines[range.start.line].slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l]);
  parts.push(lines[range.end.line].slice(0, range.end.character));
  return parts.join('\n');
}

/** The codes of a parse result's findings, in order. */
export function codes(result: { findings: { code: string }[] }): string[] {
  return result.findings.map((f) => f.code);
}

/** The keys of a parse result's entries, in order. */
export function keys(result: { entries: { key: string }[] }): string[] {
  return result.entries.map((e) => e.key);
}
