import type { Finding, ParsedBibliography, Range } from '../types';

export type BlockKind = 'paragraph' | 'heading' | 'table-cell';

/** A run of prose: a paragraph, heading or table cell, with its offsets in the note. */
export interface ProseBlock {
  kind: BlockKind;
  start: number;
  end: number;
  /** Heading level (1–6) for headings. */
  level?: number;
  /** Inside a list item, a blockquote, a reference list. */
  inList: boolean;
  inQuote: boolean;
  inReferenceList: boolean;
}

export interface KeyCitation {
  kind: 'key';
  key: string;
  /** `@key` (or `-@key`) as written. */
  range: Range;
  keyRange: Range;
  /** The whole bracketed group `[...]`, or the same as range for a bare `@key`. */
  groupRange: Range;
  bracketed: boolean;
  suppressAuthor: boolean;
  locator?: string;
  start: number;
  end: number;
}

export interface NumberedCitation {
  kind: 'numbered';
  numbers: number[];
  /** The whole `[...]`. */
  range: Range;
  /** One per number or span as written ("4-6" is one part covering 4, 5 and 6). */
  parts: { numbers: number[]; range: Range }[];
  start: number;
  end: number;
}

export interface DoiMention {
  kind: 'doi';
  /** Normalised; undefined when malformed. */
  doi: string | undefined;
  raw: string;
  /** The whole mention, prefix included. */
  range: Range;
  /** The `10.…` part. */
  doiRange: Range;
  start: number;
  end: number;
}

export type Citation = KeyCitation | NumberedCitation;

export interface Sentence {
  start: number;
  end: number;
  range: Range;
  /** The sentence with code, comments and link destinations blanked to spaces. */
  text: string;
  block: number;
  /** Citations inside the sentence or written right after its full stop. */
  citations: Citation[];
}

export interface ReferenceItem {
  number: number;
  /** The item's text after its marker. */
  text: string;
  range: Range;
  markerRange: Range;
  /** Every DOI in the item, link destinations included. */
  dois: DoiMention[];
  start: number;
  end: number;
}

export interface ReferenceList {
  headingRange: Range;
  items: ReferenceItem[];
}

export interface BibliographyPath {
  path: string;
  range: Range;
}

export interface ParsedNote {
  file: string;
  text: string;
  /** Offsets where the front matter ends (0 when there is none). */
  frontMatterEnd: number;
  bibliographyPaths: BibliographyPath[];
  /** Inline `references:` from the front matter. */
  inlineReferences?: ParsedBibliography;
  blocks: ProseBlock[];
  sentences: Sentence[];
  citations: Citation[];
  /** DOIs written in prose (reference-list items keep their own). */
  dois: DoiMention[];
  referenceList?: ReferenceList;
  /** Lines (0-based) and codes silenced by suppression comments; 'all' silences every code. */
  suppressions: Suppressions;
  findings: Finding[];
}

export interface Suppressions {
  isSuppressed(code: string, line: number): boolean;
}
