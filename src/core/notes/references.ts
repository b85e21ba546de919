import { findDois } from '../doi';
import type { LineIndex } from '../text';
import type { MarkdownStructure } from './markdown';
import type { DoiMention, ReferenceItem, ReferenceList } from './types';

const HEADING =
  /^(?:\d+\.?\s*)?(?:references?|reference list|bibliography|sources|works cited|literature cited|cited literature|citations|literature)\s*:?$/i;
/** "[12] Text" at the start of a paragraph line, for lists written without markdown list syntax. */
const BRACKET_ITEM = /^\[(\d{1,4})\]\s*/;

/**
 * The numbered reference list at the end of a note: the last heading named References,
 * Bibliography, Sources (…) followed by items "1." / "1)" / "[1]", up to the next heading of the
 * same or a higher level.
 */
export function findReferenceList(text: string, structure: MarkdownStructure, lines: LineIndex): ReferenceList | undefined {
  const { headings, blocks, listItems } = structure;
  for (let h = headings.length - 1; h >= 0; h--) {
    const heading = headings[h];
    if (!HEADING.test(heading.text.trim().replace(/[*_]/g, ''))) continue;
    const headingBlock = blocks[heading.block];
    const next = headings.slice(h + 1).find((x) => x.level <= heading.level);
    const stop = next ? blocks[next.block].start : text.length;
    const from = headingBlock.end;
    const items: ReferenceItem[] = [];
    const itemBlocks = new Set<number>();

    for (const item of listItems) {
      const itemStart = lines.lineStart(item.startLine);
      if (itemStart < from || itemStart >= stop) continue;
      const contentEnd = Math.min(lines.lineEnd(Math.max(item.startLine, item.endLine - 1)), stop);
      let number = item.number;
      let contentStart = item.contentStart;
      let markerStart = item.markerStart;
      let markerEnd = item.markerEnd;
      const body = text.slice(contentStart, contentEnd);
      const lead = /^\s*/.exec(body)![0].length;
      const bracket = BRACKET_ITEM.exec(body.slice(lead));
      if (bracket) {
        // "- [3] Text": the bracketed number is the item's number.
        number = Number(bracket[1]);
        markerStart = contentStart + lead;
        markerEnd = markerStart + bracket[0].trimEnd().length;
        contentStart = markerStart + bracket[0].length;
      }
      if (number === undefined) continue;
      items.push(makeItem(text, lines, number, markerStart, markerEnd, contentStart, trimEndOffset(text, contentStart, contentEnd)));
      for (const b of item.blocks) itemBlocks.add(b);
    }
    // Paragraph lines starting with "[n]".
    blocks.forEach((block, index) => {
      if (block.kind !== 'paragraph' || block.start < from || block.start >= stop || itemBlocks.has(index)) return;
      const first = lines.positionAt(block.start).line;
      const last = lines.positionAt(block.end).line;
      let current: { number: number; markerStart: number; markerEnd: number; contentStart: number; end: number } | undefined;
      for (let line = first; line <= last; line++) {
        const lineStart = Math.max(lines.lineStart(line), line === first ? block.start : 0);
        const lineEnd = Math.min(lines.lineEnd(line), block.end);
        const lineText = text.slice(lineStart, lineEnd);
        const lead = /^[\s>]*/.exec(lineText)![0].length;
        const m = BRACKET_ITEM.exec(lineText.slice(lead));
        if (m) {
          if (current) items.push(makeItem(text, lines, current.number, current.markerStart, current.markerEnd, current.contentStart, current.end));
          const markerStart = lineStart + lead;
          current = {
            number: Number(m[1]),
            markerStart,
            markerEnd: markerStart + m[0].trimEnd().length,
            contentStart: markerStart + m[0].length,
            end: lineEnd,
          };
        } else if (current) current.end = lineEnd;
      }
      if (current) items.push(makeItem(text, lines, current.number, current.markerStart, current.markerEnd, current.contentStart, current.end));
      itemBlocks.add(index);
    });
    if (items.length === 0) continue;
    for (const index of itemBlocks) blocks[index].inReferenceList = true;
    items.sort((a, b) => a.start - b.start);
    return { headingRange: lines.range(headingBlock.start, headingBlock.end), items };
  }
  return undefined;
}

function trimEndOffset(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function makeItem(
  text: string,
  lines: LineIndex,
  number: number,
  markerStart: number,
  markerEnd: number,
  start: number,
  end: number,
): ReferenceItem {
  const itemText = text.slice(start, end);
  const dois = doiMentions(itemText, start, lines);
  return { number, text: itemText, range: lines.range(start, end), markerRange: lines.range(markerStart, markerEnd), dois, start, end };
}

/** The DOIs in `text`, which starts at `offset` of the note, with their ranges in the note. */
export function doiMentions(text: string, offset: number, lines: LineIndex): DoiMention[] {
  return findDois(text).map((d) => ({
    kind: 'doi',
    doi: d.doi,
    raw: d.raw,
    range: lines.range(offset + d.start, offset + d.end),
    doiRange: lines.range(offset + d.doiStart, offset + d.doiEnd),
    start: offset + d.start,
    end: offset + d.end,
  }));
}
