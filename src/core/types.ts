/** Positions are 0-based lines and UTF-16 character offsets, as in LSP and VS Code. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Level = Severity | 'off';

export const DIAGNOSTIC_CODES = [
  'citation.unresolved',
  'citation.out-of-range',
  'reference.uncited',
  'reference.duplicate-doi',
  'reference.doi-mismatch',
  'reference.doi-malformed',
  'reference.doi-unknown',
  'source.retracted',
  'claim.unsupported',
  'claim.study-mismatch',
  'claim.contradicts-finding',
  'claim.overstated',
  'claim.implicit-citation',
  'claim.inconsistent',
  'study.invalid',
  'bibliography.invalid',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export const DEFAULT_SEVERITY: Record<DiagnosticCode, Severity> = {
  'citation.unresolved': 'error',
  'citation.out-of-range': 'error',
  'reference.uncited': 'info',
  'reference.duplicate-doi': 'warning',
  'reference.doi-mismatch': 'warning',
  'reference.doi-malformed': 'warning',
  'reference.doi-unknown': 'info',
  'source.retracted': 'error',
  'claim.unsupported': 'warning',
  'claim.study-mismatch': 'warning',
  'claim.contradicts-finding': 'warning',
  'claim.overstated': 'info',
  'claim.implicit-citation': 'hint',
  'claim.inconsistent': 'warning',
  'study.invalid': 'error',
  'bibliography.invalid': 'error',
};

/** A place in another file that explains a finding (the record's field, the first duplicate…). */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/**
 * One problem found by a parser or a check. `file` is the absolute, '/'-separated path the
 * workspace file system gave; adapters turn it into a URI or a root-relative path.
 */
export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  /** Plain data a quick fix needs (the replacement DOI, the key to insert…). */
  data?: Record<string, unknown>;
}

export function finding(
  code: DiagnosticCode,
  file: string,
  range: Range,
  message: string,
  extra: Partial<Pick<Finding, 'related' | 'data'>> = {},
): Finding {
  return { code, severity: DEFAULT_SEVERITY[code], message, file, range, ...extra };
}

/** A CSL-JSON name (author, editor…). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
}

export interface CslDate {
  'date-parts'?: (number | string)[][];
  raw?: string;
  literal?: string;
}

/** A CSL-JSON item; only the fields Evidence Lens reads are typed, the rest pass through. */
export interface CslItem {
  id: string;
  type?: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  'container-title'?: string;
  'container-title-short'?: string;
  volume?: string | number;
  issue?: string | number;
  page?: string;
  DOI?: string;
  URL?: string;
  [field: string]: unknown;
}

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris' | 'front-matter';

/** One entry of a bibliography, normalised to CSL-JSON, with where it came from. */
export interface BibEntry {
  key: string;
  csl: CslItem;
  file: string;
  format: BibliographyFormat;
  /** The whole entry in its file. */
  range: Range;
  /** The citation key as written (or the entry's first line where the format has no key). */
  keyRange: Range;
  /** Ranges of field values where the parser knows them, by CSL field name (DOI, title…). */
  fieldRanges: Partial<Record<string, Range>>;
}

export interface ParsedBibliography {
  file: string;
  format: BibliographyFormat;
  entries: BibEntry[];
  /** bibliography.invalid (and reference.doi-malformed for a bad DOI field) at their positions. */
  findings: Finding[];
}

export const STUDY_DESIGNS = [
  'rct',
  'crossover-rct',
  'non-randomised',
  'open-label',
  'cohort',
  'case-control',
  'case-series',
  'case-report',
  'animal',
  'in-vitro',
  'systematic-review',
  'meta-analysis',
  'narrative-review',
  'other',
] as const;
export type StudyDesign = (typeof STUDY_DESIGNS)[number];
export const BLINDING = ['none', 'single', 'double', 'triple'] as const;
export type Blinding = (typeof BLINDING)[number];
export const CONTROLS = ['placebo', 'active', 'waiting-list', 'usual-care', 'none'] as const;
export type Control = (typeof CONTROLS)[number];

export interface StudyOutcome {
  measure: string;
  primary: boolean;
  timepoint?: string;
  significant?: boolean;
  values: string[];
  range: Range;
}

/** One study record file (SPEC schema). Fields that failed validation are left undefined. */
export interface StudyRecord {
  id: string;
  file: string;
  /** The whole YAML document. */
  range: Range;
  /** The value of `id:`. */
  idRange: Range;
  /** Normalised (lower case, no prefix). */
  doi?: string;
  title?: string;
  year?: number;
  /** ISO date as written, e.g. 2020-11-04. */
  publishedOnline?: string;
  design?: StudyDesign;
  blinding?: Blinding;
  control?: Control;
  population?: string;
  /** Defaults to "human". */
  species: string;
  n?: number;
  enrolled?: number;
  followUp?: string;
  /** followUp converted to weeks (1 month = 52/12 weeks, 1 year = 52 weeks), when parseable. */
  followUpWeeks?: number;
  outcomes: StudyOutcome[];
  findings: string[];
  retracted: boolean;
  /** Value range of each top-level field present, keyed by the field name as written in SPEC. */
  fieldRanges: Partial<Record<string, Range>>;
}

export interface ParsedStudy {
  file: string;
  record?: StudyRecord;
  /** study.invalid, one per fault, at the offending key or value. */
  findings: Finding[];
}
