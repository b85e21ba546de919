import type MarkdownIt from 'markdown-it';
import type { LineIndex } from '../text';
import type { ProseBlock } from './types';

let parser: MarkdownIt | undefined;

/**
 * Built on first use: markdown-it and its entity tables took ~15 ms to evaluate, on the extension
 * host's activation path, before any note is read.
 */
function markdownParser(): MarkdownIt {
  if (parser) return parser;
  // A plain require inside a function is what esbuild leaves lazy; an import is hoisted. The
  // bundle gets markdown-it's ES module (a namespace with `default`), plain node its CommonJS build.
  const loaded = require('markdown-it') as typeof MarkdownIt & { default?: typeof MarkdownIt };
  const MarkdownItClass = loaded.default ?? loaded;
  // Configured as VS Code's markdown preview parses notes (HTML allowed), so what we call prose is
  // what the reviewer sees rendered as prose.
  parser = new MarkdownItClass({ html: true });
  // Only block tokens are read (types, line maps, markers, and the raw `content` of inline tokens,
  // which the block rules set); inline parsing into children was ~60% of markdown-it's time.
  parser.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
  return parser;
}

export interface Heading {
  level: number;
  line: number;
  block: number;
  text: string;
}

export interface ListItem {
  /** The number an ordered item shows, undefined for bullets. */
  number?: number;
  startLine: number;
  endLine: number;
  /** Offset of the item's first character after its marker. */
  contentStart: number;
  /** Offsets of the marker ("1." or "2)"). */
  markerStart: number;
  markerEnd: number;
  blocks: number[];
}

export interface MarkdownStructure {
  /** The note with everything that is not prose replaced by spaces (line breaks kept). */
  masked: string;
  blocks: ProseBlock[];
  headings: Heading[];
  listItems: ListItem[];
  /** Upper-cased labels of link reference definitions (`[1]: https://…`). */
  linkLabels: Set<string>;
  tops: TopBlocks;
}

/**
 * markdown-it gives block line maps but no column positions for inline content, so prose spans
 * are located by hand in their source lines, then code spans, inline HTML and link destinations
 * inside them are blanked.
 */
export function parseMarkdown(text: string, lines: LineIndex, skipUntil: number): MarkdownStructure {
  const env: { references?: Record<string, unknown> } = {};
  let tokens: ReturnType<MarkdownIt['parse']>;
  try {
    tokens = markdownParser().parse(sourceOf(text, skipUntil), env);
  } catch {
    tokens = [];
  }
  // 1 where the character is prose (kept in `masked`); a byte per character instead of an array of
  // one-character strings, which cost ~20 ms to fill and join for a 5,000-line note.
  const keep = new Uint8Array(text.length);
  return structureOf(text, keep, walkTokens(text, lines, tokens, keep, [], [], []), env);
}

/**
 * The same parse in steps, yielding after each top-level block: one markdown-it parse of a
 * 5,000-line note is 10–130 ms (cold, under load), too long for one turn of the editor's event
 * loop while a workspace loads. markdown-it's parse here is its two enabled core rules:
 * normalize (line breaks, NUL characters), then the block loop, run by `blockSteps`.
 */
export function* parseMarkdownSteps(text: string, lines: LineIndex, skipUntil: number): Generator<void, MarkdownStructure> {
  const env: { references?: Record<string, unknown> } = {};
  let tokens: Token[] = [];
  const source = sourceOf(text, skipUntil).replace(/\r\n?|\n/g, '\n').replace(/\0/g, '\uFFFD');
  try {
    if (source) yield* blockSteps(source, env, tokens, 0);
  } catch {
    tokens = [];
  }
  yield;
  const keep = new Uint8Array(text.length);
  const walked = walkTokens(text, lines, tokens, keep, [], [], []);
  yield;
  return structureOf(text, keep, walked, env);
}

/** The note's structure from its walked tokens: the masked text and what the walk collected. */
function structureOf(text: string, keep: Uint8Array, walked: ReturnType<typeof walkTokens>, env: { references?: Record<string, unknown> }): MarkdownStructure {
  return {
    masked: maskedText(text, keep, 0, text.length),
    blocks: walked.blocks,
    headings: walked.headings,
    listItems: walked.listItems,
    linkLabels: new Set(Object.keys(env.references ?? {})),
    tops: walked.tops,
  };
}

type Token = ReturnType<MarkdownIt['parse']>[number];

/**
 * markdown-it's top-level block loop (ParserBlock.tokenize) from `startLine`, yielding after each
 * block, and stopping before the first block start for which `sync` gives an index (≥ 0): that
 * index, or -1 at the end of the text. At the top level the loop's state between blocks is the
 * same whatever came before (no container open, link definitions only written to `env`).
 */
export function* blockSteps(source: string, env: object, tokens: Token[], startLine: number, sync?: (line: number) => number): Generator<void, number> {
  const md = markdownParser();
  const state = new md.block.State(source, md, env, tokens);
  const rules = md.block.ruler.getRules('');
  const end = state.lineMax;
  let line = startLine;
  while (line < end) {
    state.line = line = state.skipEmptyLines(line);
    if (line >= end) break;
    if (sync && line > startLine) {
      const at = sync(line);
      if (at >= 0) return at;
    }
    const before = state.line;
    let ok = false;
    for (const rule of rules) {
      ok = rule(state, line, end, false);
      if (ok) break;
    }
    if (!ok || state.line <= before) throw new Error('no block rule advanced');
    line = state.line;
    yield;
  }
  return -1;
}

/** The text markdown-it reads: the front matter blanked, line breaks kept. */
export function sourceOf(text: string, skipUntil: number): string {
  return skipUntil > 0 ? text.slice(0, skipUntil).replace(/[^\r\n]/g, ' ') + text.slice(skipUntil) : text;
}

/**
 * Where each top-level block starts (its first line) and how many prose blocks, headings and list
 * items come before it: what an edit's re-parse (notes/incremental.ts) splices by.
 */
export interface TopBlocks {
  lines: number[];
  blocks: number[];
  headings: number[];
  listItems: number[];
}

/**
 * Reads prose blocks, headings and list items from block tokens, appending to the arrays given
 * (block indices continue from `blocks.length`), and marks prose characters in `keep`.
 * `tokens` start at the top level (no list or quote open).
 */
export function walkTokens(
  text: string,
  lines: LineIndex,
  tokens: ReturnType<MarkdownIt['parse']>,
  keep: Uint8Array,
  blocks: ProseBlock[],
  headings: Heading[],
  listItems: ListItem[],
): { blocks: ProseBlock[]; headings: Heading[]; listItems: ListItem[]; tops: TopBlocks } {
  const tops: TopBlocks = { lines: [], blocks: [], headings: [], listItems: [] };
  const openItems: ListItem[] = [];
  let quoteDepth = 0;
  let rowLine = -1;
  let rowCursor = 0;
  let pendingHeading: { level: number; line: number } | undefined;

  const addBlock = (kind: ProseBlock['kind'], spans: [number, number][], level?: number): number | undefined => {
    if (spans.length === 0) return undefined;
    for (const [s, e] of spans) keep.fill(1, s, e);
    const start = spans[0][0];
    const end = spans[spans.length - 1][1];
    maskInline(text, keep, start, end);
    blocks.push({ kind, start, end, level, inList: openItems.length > 0, inQuote: quoteDepth > 0, inReferenceList: false });
    const index = blocks.length - 1;
    for (const item of openItems) item.blocks.push(index);
    return index;
  };

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.level === 0 && token.nesting !== -1 && token.map) {
      tops.lines.push(token.map[0]);
      tops.blocks.push(blocks.length);
      tops.headings.push(headings.length);
      tops.listItems.push(listItems.length);
    }
    switch (token.type) {
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'list_item_open': {
        const [startLine, endLine] = token.map ?? [0, 0];
        const lineStart = lines.lineStart(startLine);
        const lineText = lines.lineText(startLine);
        const marker = token.markup;
        const markerCol = findMarker(lineText, token.info, marker);
        const markerStart = lineStart + markerCol;
        const markerEnd = markerStart + (token.info ? token.info.length : 0) + marker.length;
        const item: ListItem = {
          number: token.info ? Number(token.info) : undefined,
          startLine,
          endLine,
          contentStart: markerEnd,
          markerStart,
          markerEnd,
          blocks: [],
        };
        listItems.push(item);
        openItems.push(item);
        break;
      }
      case 'list_item_close':
        openItems.pop();
        break;
      case 'heading_open':
        pendingHeading = { level: Number(token.tag.slice(1)), line: token.map?.[0] ?? 0 };
        break;
      case 'tr_open':
        rowLine = token.map?.[0] ?? -1;
        rowCursor = rowLine >= 0 ? lines.lineStart(rowLine) : 0;
        break;
      case 'inline': {
        if (token.map) {
          const spans = locateLines(token.content, token.map[0], lines);
          const kind = pendingHeading ? 'heading' : 'paragraph';
          const index = addBlock(kind, spans, pendingHeading?.level);
          if (pendingHeading && index !== undefined) {
            headings.push({ level: pendingHeading.level, line: pendingHeading.line, block: index, text: token.content });
          }
          pendingHeading = undefined;
        } else if (rowLine >= 0) {
          // Table cells carry no map: find each cell's text in its row, left to right.
          const rowEnd = lines.lineEnd(rowLine);
          const content = token.content.trim();
          if (content) {
            const at = text.indexOf(content, rowCursor);
            if (at >= 0 && at + content.length <= rowEnd) {
              addBlock('table-cell', [[at, at + content.length]]);
              rowCursor = at + content.length;
            }
          }
        }
        break;
      }
    }
  }
  return { blocks, headings, listItems, tops };
}

/** `text` with every character not kept turned to a space, line breaks kept. */
export function maskedText(text: string, keep: Uint8Array, from: number, to: number): string {
  const parts: string[] = [];
  let runStart = from;
  while (runStart < to) {
    // `keep` holds 0 and 1 only: a run ends where the other value starts.
    let i = keep.indexOf(keep[runStart] ^ 1, runStart + 1);
    if (i < 0 || i > to) i = to;
    const run = text.slice(runStart, i);
    parts.push(keep[runStart] ? run : blankRun(run));
    runStart = i;
  }
  return parts.join('');
}

/** Spaces for a run, its line breaks kept; most runs (markup, indents) hold none. */
function blankRun(run: string): string {
  return run.includes('\n') || run.includes('\r') ? run.replace(/[^\r\n]/g, ' ') : ' '.repeat(run.length);
}

function findMarker(lineText: string, info: string, markup: string): number {
  const marker = (info ?? '') + markup;
  const at = lineText.indexOf(marker);
  return at >= 0 ? at : 0;
}

/** Finds each line of an inline token's content in its source line (after container markers). */
function locateLines(content: string, firstLine: number, lines: LineIndex): [number, number][] {
  const spans: [number, number][] = [];
  const contentLines = content.split('\n');
  for (let i = 0; i < contentLines.length; i++) {
    const line = firstLine + i;
    if (line >= lines.lineCount) break;
    const wanted = contentLines[i].trim();
    if (!wanted) continue;
    const lineStart = lines.lineStart(line);
    const sourceLine = lines.lineText(line);
    let col = sourceLine.indexOf(wanted);
    let len = wanted.length;
    if (col < 0) {
      // Escapes or entities made the content differ from the source: take the line after its markers.
      const m = /^[\s>]*(?:(?:[-+*]|\d{1,9}[.)])\s+)?/.exec(sourceLine);
      col = m ? m[0].length : 0;
      len = sourceLine.length - col;
    }
    spans.push([lineStart + col, lineStart + col + len]);
  }
  return spans;
}

const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;
/** The characters `maskInline` acts on; every other character just moves it on by one. */
const INLINE_SPECIAL = /[\\`<\]]/g;

/** Blanks code spans, HTML comments and tags, and link destinations between start and end. */
function maskInline(text: string, keep: Uint8Array, start: number, end: number): void {
  const blankRange = (s: number, e: number) => keep.fill(0, s, e);
  // Searched in the block alone: from the whole text, each block's last search ran to the next
  // special character of any later block.
  const block = text.slice(start, end);
  let i = start;
  while (i < end) {
    INLINE_SPECIAL.lastIndex = i - start;
    const next = INLINE_SPECIAL.exec(block);
    if (!next) break;
    i = start + next.index;
    const c = text[i];
    if (!keep[i] && c !== ' ') {
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < end) {
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      let close = text.indexOf(fence, i + run);
      while (close >= 0 && close < end && text[close + run] === '`') {
        let skip = close;
        while (text[skip] === '`') skip++;
        close = text.indexOf(fence, skip);
      }
      if (close >= 0 && close < end) {
        blankRange(i, close + run);
        i = close + run;
      } else i += run;
      continue;
    }
    if (c === '<') {
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        const stop = close >= 0 && close < end ? close + 3 : end;
        blankRange(i, stop);
        i = stop;
        continue;
      }
      HTML_TAG.lastIndex = i;
      const tag = HTML_TAG.exec(text);
      if (tag && i + tag[0].length <= end) {
        blankRange(i, i + tag[0].length);
        i += tag[0].length;
        continue;
      }
    }
    if (c === ']' && (text[i + 1] === '(' || text[i + 1] === '[')) {
      const close = matchBracket(text, i + 1, end);
      if (close > 0) {
        // The opening bracket stays so "[1](url)" is still seen as a link, not a citation.
        blankRange(i + 2, close + 1);
        i = close + 1;
        continue;
      }
    }
    i++;
  }
}

/** Index of the bracket closing the one at `open`, honouring nesting and `<…>` destinations. */
function matchBracket(text: string, open: number, end: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : ']';
  let depth = 0;
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === opener) depth++;
    else if (c === closer) {
      depth--;
      if (depth === 0) return i;
    } else if (c === '\n' && opener === '[') return -1;
  }
  return -1;
}
