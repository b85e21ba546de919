import type MarkdownIt from 'markdown-it';
import type { LineIndex } from '../text';
import type { BlockParse } from './block-parse';
import { blockSteps, maskedText, sourceOf, walkTokens, type MarkdownStructure, type TopBlocks } from './markdown';
import type { ProseBlock } from './types';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** What a parse of a note keeps for the next parse of the same note to start from. */
export interface NoteParseState {
  text: string;
  lines: LineIndex;
  frontMatterEnd: number;
  structure: MarkdownStructure;
  /** No carriage return or NUL (see isPlain). */
  plain: boolean;
  /** What each block contributed; undefined for blocks in the reference list. */
  parses: (BlockParse | undefined)[];
}

/** The structure of the new text, and where its blocks came from in the previous parse. */
export interface Respliced {
  structure: MarkdownStructure;
  /** Blocks before this index are the previous parse's, unmoved. */
  firstNew: number;
  /** Blocks from this index on are the previous parse's, moved: block i was `i - blockShift`. */
  firstMoved: number;
  blockShift: number;
  charDelta: number;
  lineDelta: number;
}

/**
 * Top-level blocks re-read before the first one an edit could have changed. markdown-it decides
 * where a block ends by reading at most the line after the next block's first line (a paragraph
 * asks whether the next line starts a table, whose delimiter row is the line after); starting two
 * blocks and a few lines earlier leaves room.
 */
const LINES_BEFORE = 3;

/**
 * The markdown structure of `text`, a new version of `prev.text`, re-read only from a little before
 * the edit to the first top-level block after it that starts where a block started before: markdown-it
 * reads blocks from such a line on from that line's text onwards alone, and every line after the
 * edit is unchanged, so from there on the old blocks stand, moved. Undefined when the edit could
 * change more than blocks (the front matter, link reference definitions, carriage returns, NULs): the
 * caller then parses the whole note.
 */
export function resplice(text: string, lines: LineIndex, frontMatterEnd: number, prev: NoteParseState): Respliced | undefined {
  const old = prev.text;
  // markdown-it's normalize step (which this loop skips) rewrites line breaks and NUL characters.
  if (prev.frontMatterEnd !== frontMatterEnd || !prev.plain) return undefined;
  const { same, tail } = commonEnds(old, text);
  // The new text is the old one's start and end around this: only it can have brought one in.
  if (!isPlain(text.slice(same, text.length - tail))) return undefined;
  if (same < frontMatterEnd) return undefined;
  const firstEdited = prev.lines.positionAt(same).line;
  const lastEditedOld = prev.lines.positionAt(old.length - tail).line;
  const lastEdited = lines.positionAt(text.length - tail).line;
  const lineDelta = lastEdited - lastEditedOld;
  const charDelta = text.length - old.length;

  const tops = prev.structure.tops;
  let k = lastAtMost(tops.lines, firstEdited - LINES_BEFORE - 1) - 1;
  const startLine = k >= 0 ? tops.lines[k] : 0;
  if (k < 0) k = 0;

  let read: { tokens: Token[]; env: { references?: Record<string, unknown> }; j: number } | undefined;
  try {
    // First only lines near the edit: markdown-it indexes every line of what it is given.
    read = readWindow(text, lines, frontMatterEnd, startLine, lastEdited + WINDOW_LINES, (line) => (line <= lastEdited ? -1 : indexOf(tops.lines, line - lineDelta)));
    read ??= readWindow(text, lines, frontMatterEnd, startLine, lines.lineCount, (line) => (line <= lastEdited ? -1 : indexOf(tops.lines, line - lineDelta)));
  } catch {
    return undefined;
  }
  if (!read) return undefined;
  const { tokens, env } = read;
  let j = read.j;
  if (j < 0) j = tops.lines.length;
  const oldEndLine = j < tops.lines.length ? tops.lines[j] : prev.lines.lineCount;
  const windowStart = lines.lineStart(startLine);
  const oldWindowEnd = j < tops.lines.length ? prev.lines.lineStart(oldEndLine) : old.length;
  const newWindowEnd = j < tops.lines.length ? lines.lineStart(oldEndLine + lineDelta) : text.length;
  // Link labels decide what a numbered bracket is in every block: an edit that could change them is re-read whole.
  if (env.references && Object.keys(env.references).length > 0) return undefined;
  if (prev.structure.linkLabels.size > 0 && old.slice(windowStart, oldWindowEnd).includes(']:')) return undefined;

  const was = prev.structure;
  const count = (list: number[], total: number, at: number) => (at < list.length ? list[at] : total);
  const firstNew = count(tops.blocks, was.blocks.length, k);
  const oldBlocksEnd = count(tops.blocks, was.blocks.length, j);
  const headingsFrom = count(tops.headings, was.headings.length, k);
  const oldHeadingsEnd = count(tops.headings, was.headings.length, j);
  const itemsFrom = count(tops.listItems, was.listItems.length, k);
  const oldItemsEnd = count(tops.listItems, was.listItems.length, j);

  const fresh = (b: ProseBlock, delta: number): ProseBlock => ({
    kind: b.kind,
    start: b.start + delta,
    end: b.end + delta,
    level: b.level,
    inList: b.inList,
    inQuote: b.inQuote,
    inReferenceList: false,
  });
  const blocks = was.blocks.slice(0, firstNew).map((b) => fresh(b, 0));
  const headings = was.headings.slice(0, headingsFrom);
  const listItems = was.listItems.slice(0, itemsFrom);
  const keep = new Uint8Array(text.length);
  const walked = walkTokens(text, lines, tokens, keep, blocks, headings, listItems);
  const firstMoved = blocks.length;
  const blockShift = firstMoved - oldBlocksEnd;
  const headingShift = headings.length - oldHeadingsEnd;
  const itemShift = listItems.length - oldItemsEnd;
  for (let b = oldBlocksEnd; b < was.blocks.length; b++) blocks.push(fresh(was.blocks[b], charDelta));
  for (let h = oldHeadingsEnd; h < was.headings.length; h++) {
    const heading = was.headings[h];
    headings.push({ ...heading, line: heading.line + lineDelta, block: heading.block + blockShift });
  }
  for (let i = oldItemsEnd; i < was.listItems.length; i++) {
    const item = was.listItems[i];
    listItems.push({
      ...item,
      startLine: item.startLine + lineDelta,
      endLine: item.endLine + lineDelta,
      contentStart: item.contentStart + charDelta,
      markerStart: item.markerStart + charDelta,
      markerEnd: item.markerEnd + charDelta,
      blocks: item.blocks.map((b) => b + blockShift),
    });
  }
  const after = (list: number[], delta: number) => list.slice(j).map((v) => v + delta);
  const newTops: TopBlocks = {
    lines: [...tops.lines.slice(0, k), ...walked.tops.lines, ...after(tops.lines, lineDelta)],
    blocks: [...tops.blocks.slice(0, k), ...walked.tops.blocks, ...after(tops.blocks, blockShift)],
    headings: [...tops.headings.slice(0, k), ...walked.tops.headings, ...after(tops.headings, headingShift)],
    listItems: [...tops.listItems.slice(0, k), ...walked.tops.listItems, ...after(tops.listItems, itemShift)],
  };
  const masked = was.masked.slice(0, windowStart) + maskedText(text, keep, windowStart, newWindowEnd) + was.masked.slice(oldWindowEnd);
  return {
    structure: { masked, blocks, headings, listItems, linkLabels: new Set(was.linkLabels), tops: newTops },
    firstNew,
    firstMoved,
    blockShift,
    charDelta,
    lineDelta,
  };
}

/** markdown-it's normalize step (which the block loop here skips) rewrites line breaks and NUL characters. */
export function isPlain(text: string): boolean {
  return text.indexOf('\r') < 0 && text.indexOf('\0') < 0;
}

/** Lines after the edit given to markdown-it in a first try (the block after the edit rarely ends further down). */
const WINDOW_LINES = 100;

/**
 * markdown-it's block loop over lines [startLine, endLine) (maps in note lines), stopping before
 * the block start `sync` gives an index for. Undefined when the lines were cut short before such
 * a start with room after it (a block near the cut may have ended only because the text did).
 */
function readWindow(
  text: string,
  lines: LineIndex,
  frontMatterEnd: number,
  startLine: number,
  endLine: number,
  sync: (line: number) => number,
): { tokens: Token[]; env: { references?: Record<string, unknown> }; j: number } | undefined {
  const cut = endLine < lines.lineCount;
  const from = lines.lineStart(startLine);
  const source = sourceOf(text.slice(from, cut ? lines.lineStart(endLine) : text.length), Math.max(0, frontMatterEnd - from));
  const env: { references?: Record<string, unknown> } = {};
  const tokens: Token[] = [];
  const steps = blockSteps(source, env, tokens, 0, (line) => (cut && line + startLine + 2 >= endLine ? -1 : sync(line + startLine)));
  let step = steps.next();
  while (!step.done) step = steps.next();
  if (cut && step.value < 0) return undefined;
  for (const token of tokens) if (token.map) token.map = [token.map[0] + startLine, token.map[1] + startLine];
  return { tokens, env, j: step.value };
}

/**
 * Lengths of the longest common prefix and (not overlapping it) suffix: compared a chunk at a
 * time (string equality runs in native code), then character by character in the chunk that differs.
 */
function commonEnds(a: string, b: string): { same: number; tail: number } {
  const max = Math.min(a.length, b.length);
  const CHUNK = 2048;
  let same = 0;
  while (same + CHUNK <= max && a.slice(same, same + CHUNK) === b.slice(same, same + CHUNK)) same += CHUNK;
  while (same < max && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  let tail = 0;
  const room = max - same;
  while (tail + CHUNK <= room && a.slice(a.length - tail - CHUNK, a.length - tail) === b.slice(b.length - tail - CHUNK, b.length - tail)) tail += CHUNK;
  while (tail < room && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { same, tail };
}

/** Index of the last element ≤ value in a sorted list (-1 if none). */
function lastAtMost(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of `value` in a sorted list, or -1. */
function indexOf(list: number[], value: number): number {
  const at = lastAtMost(list, value);
  return at >= 0 && list[at] === value ? at : -1;
}
