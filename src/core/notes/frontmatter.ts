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
  const { bibliographies, hasReferences } = simpleFields(text, bodyStart, closeStart) ?? yamlFields(text, bodyStart, closeStart);
  const bibliographyPaths = bibliographies.map((b) => ({ path: b.path, range: lines.range(b.start, b.end) }));
  const yamlText = hasReferences ? blankOutside(text, bodyStart, closeStart) : '';
  return { end, yamlText, bibliographyPaths, hasReferences };
}

/** What the checks read of the front matter, with offsets in the note. */
export interface FrontMatterFields {
  bibliographies: { path: string; start: number; end: number }[];
  hasReferences: boolean;
}

/** The fields as the YAML parser reads them from the front matter at [bodyStart, closeStart). */
export function yamlFields(text: string, bodyStart: number, closeStart: number): FrontMatterFields {
  // The YAML is parsed with only the lines before it blanked (so its offsets are note offsets) and
  // without the note after it: blanking and lexing a 5,000-line note's body cost ~25 ms a parse.
  // The full-length text is built only for inline references, whose parser wants the whole note.
  const doc = parseDocument(blank(text.slice(0, bodyStart)) + text.slice(bodyStart, closeStart));
  const bibliographies: FrontMatterFields['bibliographies'] = [];
  let hasReferences = false;
  const contents = doc.contents;
  if (contents && 'get' in contents && typeof contents.get === 'function') {
    const bib = (contents as any).get('bibliography', true);
    const nodes = isSeq(bib) ? bib.items : bib ? [bib] : [];
    for (const node of nodes) {
      if (isScalar(node) && typeof node.value === 'string' && node.range) {
        bibliographies.push({ path: node.value, start: node.range[0], end: node.range[1] });
      }
    }
    hasReferences = (contents as any).has('references');
  }
  return { bibliographies, hasReferences };
}

// One `key: value` line of the front matter most notes have (title, author, date, bibliography):
// a plain value of path-like characters, or a double-quoted one without escapes.
const SIMPLE_LINE = /^([A-Za-z][A-Za-z0-9_-]*): +(?:([A-Za-z0-9_./][A-Za-z0-9_./ ,()-]*[A-Za-z0-9_./)]|[A-Za-z0-9_./])|"[^"\\\x00-\x1f\x7f]*")$/;
// Plain values YAML's core schema reads as something other than a string.
const NOT_A_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/**
 * The same fields read without the YAML parser when every line is a simple `key: value` (or
 * blank) and the bibliography a plain path; undefined otherwise, for the parser to decide. The
 * parser cost a tenth of parsing a note. test/unit/front-matter.test.ts compares the two.
 */
export function simpleFields(text: string, bodyStart: number, closeStart: number): FrontMatterFields | undefined {
  const bibliographies: FrontMatterFields['bibliographies'] = [];
  const keys = new Set<string>();
  let lineStart = bodyStart;
  while (lineStart < closeStart) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > closeStart) lineEnd = closeStart;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() !== '' || line.includes('\r')) {
      const m = SIMPLE_LINE.exec(line);
      if (!m || keys.has(m[1]) || m[1] === 'references') return undefined;
      keys.add(m[1]);
      if (m[1] === 'bibliography') {
        const value = m[2];
        if (value === undefined || NOT_A_STRING.test(value)) return undefined;
        const start = lineEnd - value.length;
        bibliographies.push({ path: value, start, end: lineEnd });
      }
    } else if (line !== '') return undefined;
    lineStart = lineEnd + 1;
  }
  return { bibliographies, hasReferences: false };
}

/** Same length and line breaks as `text`, with everything outside [start, end) turned to spaces. */
export function blankOutside(text: string, start: number, end: number): string {
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

export function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
