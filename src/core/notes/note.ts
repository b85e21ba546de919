import { findDois } from '../doi';
import { LineIndex } from '../text';
import type { Finding } from '../types';
import { parseCslYaml } from '../bibliography/csl-yaml';
import { findKeyCitations, findNumberedCitations } from './citations';
import { readFrontMatter } from './frontmatter';
import { parseMarkdown } from './markdown';
import { rememberLines } from './lines';
import { findReferenceList } from './references';
import { splitSentences } from './sentences';
import { readSuppressions } from './suppressions';
import type { Citation, DoiMention, ParsedNote, Sentence } from './types';

/** Parses one markdown note into prose blocks, sentences, citations and its reference list. */
export function parseNote(text: string, file: string): ParsedNote {
  const lines = new LineIndex(text);
  const frontMatter = readFrontMatter(text, lines);
  const findings: Finding[] = [];
  let inlineReferences;
  if (frontMatter?.hasReferences) {
    inlineReferences = parseCslYaml(frontMatter.yamlText, file, 'front-matter');
    findings.push(...inlineReferences.findings);
  }
  const structure = parseMarkdown(text, lines, frontMatter?.end ?? 0);
  const referenceList = findReferenceList(text, structure, lines);
  const { masked, blocks } = structure;

  const citations: Citation[] = [];
  const dois: DoiMention[] = [];
  const sentences: Sentence[] = [];
  blocks.forEach((block, index) => {
    if (block.inReferenceList) return;
    const blockCitations: Citation[] = [
      ...findKeyCitations(masked, block.start, block.end, lines),
      ...findNumberedCitations(masked, block.start, block.end, lines, structure.linkLabels),
    ].sort((a, b) => a.start - b.start);
    citations.push(...blockCitations);
    for (const d of findDois(masked.slice(block.start, block.end))) {
      const start = block.start + d.start;
      dois.push({
        kind: 'doi',
        doi: d.doi,
        raw: d.raw,
        range: lines.range(start, block.start + d.end),
        doiRange: lines.range(block.start + d.doiStart, block.start + d.doiEnd),
        start,
        end: block.start + d.end,
      });
    }
    sentences.push(...sentencesOf(masked, block.start, block.end, index, blockCitations, lines));
  });

  const note: ParsedNote = {
    file,
    text,
    frontMatterEnd: frontMatter?.end ?? 0,
    bibliographyPaths: frontMatter?.bibliographyPaths ?? [],
    inlineReferences,
    blocks,
    sentences,
    citations,
    dois,
    referenceList,
    suppressions: readSuppressions(text, lines),
    findings,
  };
  rememberLines(note, lines);
  return note;
}

function sentencesOf(
  masked: string,
  start: number,
  end: number,
  block: number,
  citations: Citation[],
  lines: LineIndex,
): Sentence[] {
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
  return out.map((s) => ({
    start: s.start,
    end: s.end,
    range: lines.range(s.start, s.end),
    text: masked.slice(s.start, s.end),
    block,
    citations: citations.filter((c) => c.start >= s.start && c.end <= s.end),
  }));
}

function groupSpan(c: { groupRange: Sentence['range'] }, lines: LineIndex): { start: number; end: number } {
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
