import { LineIndex } from '../text';
import type { Finding } from '../types';
import { parseCslYaml } from '../bibliography/csl-yaml';
import { keepNoteParse, keptNoteParse, parseBlock, shiftBlockParse, type BlockParse } from './block-parse';
import { readFrontMatter } from './frontmatter';
import { isPlain, resplice, type NoteParseState } from './incremental';
import { parseMarkdown, parseMarkdownSteps } from './markdown';
import { rememberLines } from './lines';
import { findReferenceList } from './references';
import { readSuppressions } from './suppressions';
import type { Citation, DoiMention, ParsedNote, Sentence } from './types';

/** Parses one markdown note into prose blocks, sentences, citations and its reference list. */
export function parseNote(text: string, file: string): ParsedNote {
  const steps = parseSteps(text, file, false);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same parse, handing the event loop back whenever `budgetMs` have passed: a cold parse of a
 * 5,000-line note is 70–250 ms (under load), too long to hold the editor's thread in one piece
 * while a workspace loads. Between steps the parse holds only its own text, so nothing can change
 * under it.
 */
export async function parseNoteInSlices(text: string, file: string, budgetMs = 20): Promise<ParsedNote> {
  const steps = parseSteps(text, file, true);
  let sliceStart = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - sliceStart >= budgetMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = Date.now();
    }
  }
}

/**
 * The parse as steps: it yields after each top-level markdown block (when `sliced`) and each prose
 * block, the units of the slow parts.
 */
function* parseSteps(text: string, file: string, sliced: boolean): Generator<void, ParsedNote> {
  const lines = new LineIndex(text);
  yield;
  const frontMatter = readFrontMatter(text, lines);
  const findings: Finding[] = [];
  let inlineReferences;
  if (frontMatter?.hasReferences) {
    inlineReferences = parseCslYaml(frontMatter.yamlText, file, 'front-matter');
    findings.push(...inlineReferences.findings);
  }
  const frontMatterEnd = frontMatter?.end ?? 0;
  // After an edit, only the blocks near it are read again (see resplice).
  const prev = keptNoteParse<NoteParseState>(file);
  const spliced = prev ? resplice(text, lines, frontMatterEnd, prev) : undefined;
  yield;
  const structure = spliced?.structure ?? (sliced ? yield* parseMarkdownSteps(text, lines, frontMatterEnd) : parseMarkdown(text, lines, frontMatterEnd));
  const referenceList = findReferenceList(text, structure, lines);
  const { masked, blocks } = structure;

  const citations: Citation[] = [];
  const dois: DoiMention[] = [];
  const sentences: Sentence[] = [];
  const labelsKey = [...structure.linkLabels].join('\u0001');
  const parses: (BlockParse | undefined)[] = [];
  yield;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    if (block.inReferenceList) continue;
    // A block before the edit is the previous parse's as it was; one after it, the same moved down.
    let parsed: BlockParse | undefined;
    if (spliced && index < spliced.firstNew) parsed = prev!.parses[index];
    else if (spliced && index >= spliced.firstMoved) {
      const was = prev!.parses[index - spliced.blockShift];
      if (was) parsed = shiftBlockParse(was, spliced.charDelta, spliced.lineDelta, index);
    }
    // A workspace loading (sliced) parses each note once: its blocks are not kept, which spared
    // ~20 MB of copies and the collector's time over them for 1,000 notes.
    parsed ??= parseBlock(text, masked, block.start, block.end, index, lines, structure.linkLabels, labelsKey, !sliced);
    parses[index] = parsed;
    citations.push(...parsed.citations);
    dois.push(...parsed.dois);
    sentences.push(...parsed.sentences);
    yield;
  }

  const note: ParsedNote = {
    file,
    text,
    frontMatterEnd,
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
  keepNoteParse<NoteParseState>(file, { text, lines, frontMatterEnd, structure, parses, plain: spliced ? true : isPlain(text) });
  return note;
}
