import { LruCache, own } from '../lru';
import type { LineIndex } from '../text';
import type { Position, Range } from '../types';
import { findKeyCitations, findNumberedCitations } from './citations';
import { doiMentions } from './references';
import { splitSentences } from './sentences';
import type { Citation, DoiMention, Sentence } from './types';

/** What one prose block contributes to a note: its citations, DOIs and sentences. */
export interface BlockParse {
  citations: Citation[];
  dois: DoiMention[];
  sentences: Sentence[];
}

interface CachedBlock {
  id: number;
  /** The block's masked text and the note's link labels when parsed (the cache is keyed by raw text). */
  masked: string;
  labels: string;
  /** Where the block was when parsed: the positions below are as they were there. */
  start: number;
  base: Position;
  citations: Citation[];
  dois: DoiMention[];
  /** Sentences with their citations as positions in `citations`. */
  sentences: { start: number; end: number; range: Range; text: string; citations: number[] }[];
}

/**
 * A block's parse by its raw and masked text (and the note's link labels, which decide what a
 * numbered bracket is; a block's masked text depends on where the block sits, so it is compared): an edit changes one paragraph, and finding citations, DOIs and sentences
 * in the other few thousand again was half of re-parsing a long note. A hit is moved to where the
 * block now is: offsets by the difference, lines by the line difference, characters only on the
 * block's first line (the text, and so every later line start, is the same). Nothing invalidates
 * an entry (the result depends on that text alone); the limit bounds memory.
 */
// 5,000 per generation: the blocks of a few long notes being edited, not of every note in the workspace.
const cache = new LruCache<string, CachedBlock>(5000);
let nextId = 0;

/** Keys for the sentence memo (claims/sentence-memo.ts): same key, same sentence text, citations and DOIs. */
const sentenceKeys = new WeakMap<Sentence, string>();

/**
 * The last parse of each of the few notes parsed most recently, for the next parse of the same
 * note to start from (notes/incremental.ts): typing re-parses one note again and again.
 */
const lastParses = new Map<string, unknown>();
const KEPT_NOTES = 4;

export function keptNoteParse<T>(file: string): T | undefined {
  return lastParses.get(file) as T | undefined;
}

export function keepNoteParse<T>(file: string, state: T): void {
  lastParses.delete(file);
  lastParses.set(file, state);
  if (lastParses.size > KEPT_NOTES) lastParses.delete(lastParses.keys().next().value!);
}

/** Forgets every kept block and note parse: tests use it to compare a parse built from kept blocks with a fresh one. */
export function clearBlockCache(): void {
  cache.clear();
  lastParses.clear();
}

export function sentenceKeyOf(sentence: Sentence): string | undefined {
  return sentenceKeys.get(sentence);
}

export function parseBlock(
  text: string,
  masked: string,
  start: number,
  end: number,
  blockIndex: number,
  lines: LineIndex,
  linkLabels: Set<string>,
  labelsKey: string,
  remember = true,
): BlockParse {
  // Looked up by the raw text alone, then checked against the masked text and labels: building one
  // key of all three copied the whole note on every parse.
  const raw = text.slice(start, end);
  const maskedSlice = masked.slice(start, end);
  let cached = cache.get(raw);
  if (!cached || cached.masked !== maskedSlice || cached.labels !== labelsKey) {
    cached = readBlock(masked, start, end, lines, linkLabels, labelsKey);
    // Kept strings are copied out of the note's text (see `own`): a kept block must not keep the note.
    if (remember) cache.set(raw, ownBlock(cached));
  }
  return place(cached, start, lines.positionAt(start), blockIndex);
}

function readBlock(masked: string, start: number, end: number, lines: LineIndex, linkLabels: Set<string>, labels: string): CachedBlock {
  const citations: Citation[] = [
    ...findKeyCitations(masked, start, end, lines),
    ...findNumberedCitations(masked, start, end, lines, linkLabels),
  ].sort((a, b) => a.start - b.start);
  const dois = doiMentions(masked.slice(start, end), start, lines);
  // Sentences and citations are both in text order: one pass, not every citation per sentence
  // (quadratic on a 1 MB paragraph with thousands of each).
  let first = 0;
  const sentences = sentenceSpans(masked, start, end, citations, lines).map((s) => {
    while (first < citations.length && citations[first].start < s.start) first++;
    const inside: number[] = [];
    for (let i = first; i < citations.length && citations[i].start < s.end; i++) if (citations[i].end <= s.end) inside.push(i);
    return { start: s.start, end: s.end, range: lines.range(s.start, s.end), text: masked.slice(s.start, s.end), citations: inside };
  });
  return { id: nextId++, masked: masked.slice(start, end), labels, start, base: lines.positionAt(start), citations, dois, sentences };
}

/** The block with its strings copied (a generic deep copy cost ~15 ms a cold parse of the long note). */
function ownBlock(block: CachedBlock): CachedBlock {
  block.masked = own(block.masked);
  for (const s of block.sentences) s.text = own(s.text);
  for (const c of block.citations) {
    if (c.kind !== 'key') continue;
    c.key = own(c.key);
    if (c.locator !== undefined) c.locator = own(c.locator);
  }
  for (const d of block.dois) {
    d.raw = own(d.raw);
    if (d.doi !== undefined) d.doi = own(d.doi);
  }
  return block;
}

/** Fresh objects for the block at `start` (callers own what a parse returns). */
function place(block: CachedBlock, start: number, base: Position, blockIndex: number): BlockParse {
  const delta = start - block.start;
  const move = (p: Position): Position =>
    p.line === block.base.line
      ? { line: base.line, character: p.character - block.base.character + base.character }
      : { line: p.line - block.base.line + base.line, character: p.character };
  const moveRange = (r: Range): Range => ({ start: move(r.start), end: move(r.end) });
  const { citations, dois } = moveCitationsAndDois(block, moveRange, delta);
  const sentences = block.sentences.map((s, i) => {
    const sentence: Sentence = {
      start: s.start + delta,
      end: s.end + delta,
      range: moveRange(s.range),
      text: s.text,
      block: blockIndex,
      citations: s.citations.map((at) => citations[at]),
    };
    sentenceKeys.set(sentence, `${block.id}:${i}`);
    return sentence;
  });
  return { citations, dois, sentences };
}

/**
 * A block's parse moved down `lineDelta` lines and `charDelta` characters, as block `blockIndex`:
 * for a block after an edit whose lines did not change (so no character on them moved).
 */
export function shiftBlockParse(parse: BlockParse, charDelta: number, lineDelta: number, blockIndex: number): BlockParse {
  // Typing within a line moves offsets only: the ranges (never modified by their readers) are shared.
  const moveRange =
    lineDelta === 0
      ? (r: Range): Range => r
      : (r: Range): Range => ({
          start: { line: r.start.line + lineDelta, character: r.start.character },
          end: { line: r.end.line + lineDelta, character: r.end.character },
        });
  const { citations, dois } = moveCitationsAndDois(parse, moveRange, charDelta);
  // A sentence's citations are a run of the block's, in order.
  let at = 0;
  const sentences = parse.sentences.map((s) => {
    const moved: Sentence = {
      start: s.start + charDelta,
      end: s.end + charDelta,
      range: moveRange(s.range),
      text: s.text,
      block: blockIndex,
      citations: s.citations.map((c) => {
        const i = parse.citations.indexOf(c, at);
        at = i >= 0 ? i : parse.citations.indexOf(c);
        return citations[at];
      }),
    };
    const key = sentenceKeys.get(s);
    if (key !== undefined) sentenceKeys.set(moved, key);
    return moved;
  });
  return { citations, dois, sentences };
}

/** Copies of the citations and DOI mentions with every range moved and offsets shifted by `delta`. */
function moveCitationsAndDois(from: Pick<BlockParse, 'citations' | 'dois'>, moveRange: (r: Range) => Range, delta: number): Pick<BlockParse, 'citations' | 'dois'> {
  const citations = from.citations.map((c): Citation =>
    c.kind === 'key'
      ? { ...c, range: moveRange(c.range), keyRange: moveRange(c.keyRange), groupRange: moveRange(c.groupRange), start: c.start + delta, end: c.end + delta }
      : {
          ...c,
          range: moveRange(c.range),
          parts: c.parts.map((p) => ({ numbers: p.numbers, range: moveRange(p.range) })),
          start: c.start + delta,
          end: c.end + delta,
        },
  );
  const dois = from.dois.map((d) => ({ ...d, range: moveRange(d.range), doiRange: moveRange(d.doiRange), start: d.start + delta, end: d.end + delta }));
  return { citations, dois };
}

// ---- sentences (moved from note.ts) -------------------------------------------------------------

function sentenceSpans(masked: string, start: number, end: number, citations: Citation[], lines: LineIndex): { start: number; end: number }[] {
  const groups = citations.map((c) => (c.kind === 'key' && c.bracketed ? groupSpan(c, lines) : { start: c.start, end: c.end }));
  const spans = splitSentences(masked, start, end, groups);
  const out: { start: number; end: number }[] = [];
  for (const span of spans) {
    const prev = out[out.length - 1];
    // A bracketed citation written after the full stop belongs to the sentence before it.
    const leading = prev ? leadingGroupEnd(masked, span.start, span.end, citations) : undefined;
    if (prev && leading !== undefined) {
      prev.end = leading;
      let rest = leading;
      while (rest < span.end && /\s/.test(masked[rest])) rest++;
      if (rest < span.end) out.push({ start: rest, end: span.end });
    } else out.push({ ...span });
  }
  return out;
}

function groupSpan(c: { groupRange: Range }, lines: LineIndex): { start: number; end: number } {
  return { start: lines.offsetAt(c.groupRange.start), end: lines.offsetAt(c.groupRange.end) };
}

/** End offset of the bracketed citation groups a sentence starts with, if it starts with one. */
function leadingGroupEnd(masked: string, start: number, end: number, citations: Citation[]): number | undefined {
  let at = start;
  let found: number | undefined;
  for (;;) {
    if (masked[at] !== '[') return found;
    const close = masked.indexOf(']', at);
    if (close < 0 || close >= end) return found;
    const inside = citations.some((c) => c.start >= at && c.end <= close + 1 && (c.kind === 'numbered' || c.bracketed));
    if (!inside) return found;
    found = close + 1;
    at = close + 1;
    while (at < end && /[\s.,;]/.test(masked[at]) && masked[at] !== '[') {
      if (/[.,;]/.test(masked[at])) found = at + 1;
      at++;
    }
  }
}
