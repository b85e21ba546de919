import { parseDocument, isScalar, isSeq } from 'yaml';
import type { LineIndex } from '../text';
import type { BibliographyPath } from './types';

export interface FrontMatter {
  /** Offset just past the closing `---` line (0 when the note has none). */
  end: number;
  /**
   * The note's text with every line outside the front matter's YAML blanked, so YAML offsets are
   * note offsets; empty when the front matter has no `references` (the only reader).
   */
  yamlText: string;
  bibliographyPaths: BibliographyPath[];
  hasReferences: boolean;
}

const OPEN = /^---[ \t]*(\r?\n|\r)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** Finds a pandoc/Jekyll front matter block at the very start of a note. */
export function readFrontMatter(text: string, lines: LineIndex): FrontMatter | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const bodyStart = open[0].length;
  CLOSE.lastIndex = 0;
  const close = CLOSE.exec(text.slice(bodyStart));
  if (!close) return undefined;
  const closeStart = bodyStart + close.index;
  const closeLine = lines.positionAt(closeStart).line;
  const end = closeLine + 1 < lines.lineCount ? lines.lineStart(closeLine + 1) : text.length;
  // The YAML is parsed with only the lines before it blanked (so its offsets are note offsets) and
  // without the note after it: blanking and lexing a 5,000-line note's body cost ~25 ms a parse.
  // The full-length text is built only for inline references, whose parser wants the whole note.
  const doc = parseDocument(blank(text.slice(0, bodyStart)) + text.slice(bodyStart, closeStart));
  const bibliographyPaths: BibliographyPath[] = [];
  let hasReferences = false;
  const contents = doc.contents;
  if (contents && 'get' in contents && typeof contents.get === 'function') {
    const bib = (contents as any).get('bibliography', true);
    const nodes = isSeq(bib) ? bib.items : bib ? [bib] : [];
    for (const node of nodes) {
      if (isScalar(node) && typeof node.value === 'string' && node.range) {
        bibliographyPaths.push({ path: node.value, range: lines.range(node.range[0], node.range[1]) });
      }
    }
    hasReferences = (contents as any).has('references');
  }
  const yamlText = hasReferences ? blankOutside(text, bodyStart, closeStart) : '';
  return { end, yamlText, bibliographyPaths, hasReferences };
}

/** Same length and line breaks as `text`, with everything outside [start, end) turned to spaces. */
export function blankOutside(text: string, start: number, end: number): string {
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

export function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
