import { LineIndex } from '../text';
import type { Finding } from '../types';
import { parseCslYaml } from '../bibliography/csl-yaml';
import { parseBlock } from './block-parse';
import { readFrontMatter } from './frontmatter';
import { parseMarkdown } from './markdown';
import { rememberLines } from './lines';
import { findReferenceList } from './references';
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
  const labelsKey = [...structure.linkLabels].join('\u0001');
  blocks.forEach((block, index) => {
    if (block.inReferenceList) return;
    const parsed = parseBlock(text, masked, block.start, block.end, index, lines, structure.linkLabels, labelsKey);
    citations.push(...parsed.citations);
    dois.push(...parsed.dois);
    sentences.push(...parsed.sentences);
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
