/**
 * Citation syntax by hand: pandoc's citation grammar and numbered brackets are not markdown, so
 * markdown-it leaves them as plain text. Keys follow pandoc: a letter, digit or underscore, then
 * word characters and internal punctuation (:.#$%&-+?<>~/) that is followed by a word character.
 */
import type { LineIndex } from '../text';
import type { KeyCitation, NumberedCitation } from './types';

export const KEY = String.raw`(?:\{[^{}\s]+\}|[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*)`;
const BRACKET = /\[([^\[\]\n]*?@[^\[\]\n]*?)\](?![(\[:])/gu;
const IN_BRACKET = new RegExp(String.raw`(?<=^|[\s;\[])(-?)@(${KEY})`, 'gu');
const BARE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.\-+/\\])(-?)@(${KEY})`, 'gu');
const NUMBERED = /(?<![\]!\\\w])\[(\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*,\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*\s*)\](?![(\[:])/g;

/** The most numbers one span like "[1-2000]" expands to; more is a typo, not a citation list. */
const MAX_SPAN = 200;

export function findKeyCitations(masked: string, start: number, end: number, lines: LineIndex): KeyCitation[] {
  const slice = masked.slice(start, end);
  const out: KeyCitation[] = [];
  const taken: [number, number][] = [];
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(slice); m; m = BRACKET.exec(slice)) {
    const groupStart = start + m.index;
    const groupEnd = groupStart + m[0].length;
    const inner = m[1];
    const innerStart = groupStart + 1;
    const parts = inner.split(';');
    let partOffset = 0;
    let found = false;
    for (const part of parts) {
      IN_BRACKET.lastIndex = 0;
      const km = IN_BRACKET.exec(part);
      if (km) {
        found = true;
        const atStart = innerStart + partOffset + km.index;
        const suppress = km[1] === '-';
        const keyStart = atStart + km[1].length + 1;
        const rawKey = km[2];
        const key = rawKey.startsWith('{') ? rawKey.slice(1, -1) : rawKey;
        const keyEnd = keyStart + rawKey.length;
        const after = part.slice(km.index + km[0].length).replace(/^\s*,\s*/, '').trim();
        out.push({
          kind: 'key',
          key,
          range: lines.range(atStart, keyEnd),
          keyRange: lines.range(rawKey.startsWith('{') ? keyStart + 1 : keyStart, rawKey.startsWith('{') ? keyEnd - 1 : keyEnd),
          groupRange: lines.range(groupStart, groupEnd),
          bracketed: true,
          suppressAuthor: suppress,
          locator: after || undefined,
          start: atStart,
          end: keyEnd,
        });
      }
      partOffset += part.length + 1;
    }
    if (found) taken.push([groupStart, groupEnd]);
  }
  BARE.lastIndex = 0;
  for (let m = BARE.exec(slice); m; m = BARE.exec(slice)) {
    const atStart = start + m.index;
    if (taken.some(([s, e]) => atStart >= s && atStart < e)) continue;
    const keyStart = atStart + m[1].length + 1;
    const rawKey = m[2];
    const braced = rawKey.startsWith('{');
    const keyEnd = keyStart + rawKey.length;
    out.push({
      kind: 'key',
      key: braced ? rawKey.slice(1, -1) : rawKey,
      range: lines.range(atStart, keyEnd),
      keyRange: lines.range(braced ? keyStart + 1 : keyStart, braced ? keyEnd - 1 : keyEnd),
      groupRange: lines.range(atStart, keyEnd),
      bracketed: false,
      suppressAuthor: m[1] === '-',
      start: atStart,
      end: keyEnd,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

export function findNumberedCitations(
  masked: string,
  start: number,
  end: number,
  lines: LineIndex,
  linkLabels: Set<string>,
): NumberedCitation[] {
  const slice = masked.slice(start, end);
  const out: NumberedCitation[] = [];
  NUMBERED.lastIndex = 0;
  for (let m = NUMBERED.exec(slice); m; m = NUMBERED.exec(slice)) {
    if (linkLabels.has(m[1].trim().toUpperCase())) continue; // a markdown reference link, not a citation
    const groupStart = start + m.index;
    const innerStart = groupStart + 1;
    const parts: NumberedCitation['parts'] = [];
    const numbers: number[] = [];
    const PART = /\d+(?:\s*[-–—]\s*\d+)?/g;
    for (let p = PART.exec(m[1]); p; p = PART.exec(m[1])) {
      const bounds = p[0].split(/\s*[-–—]\s*/).map(Number);
      const from = bounds[0];
      const to = bounds.length > 1 ? bounds[1] : from;
      const partNumbers: number[] = [];
      if (to >= from && to - from < MAX_SPAN) for (let n = from; n <= to; n++) partNumbers.push(n);
      else partNumbers.push(from, to);
      numbers.push(...partNumbers);
      const s = innerStart + p.index;
      parts.push({ numbers: partNumbers, range: lines.range(s, s + p[0].length) });
    }
    out.push({
      kind: 'numbered',
      numbers,
      range: lines.range(groupStart, groupStart + m[0].length),
      parts,
      start: groupStart,
      end: groupStart + m[0].length,
    });
  }
  return out;
}
