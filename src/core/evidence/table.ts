import type { WorkspaceIndex } from '../index/workspace-index';
import { DESIGN_GROUPS, designRank } from '../studies/design-order';
import type { StudyRecord } from '../types';

/** One study record as the evidence table shows it: flat, plain data, ready for JSON and CSV. */
export interface EvidenceRow {
  id: string;
  /** Core path of the record file; rows are told apart by it (two files may share an id). */
  file: string;
  title: string;
  year?: number;
  design?: string;
  /** DESIGN_GROUPS id; `unknown` for a record whose design is missing or invalid. */
  groupId: string;
  /** The group's label. */
  group: string;
  n?: number;
  enrolled?: number;
  population?: string;
  species: string;
  followUp?: string;
  outcome?: string;
  timepoint?: string;
  significant: 'yes' | 'no' | 'unknown';
  blinding?: string;
  control?: string;
  retracted: 'yes' | 'no';
  doi?: string;
  citingNotes: number;
}

export type ColumnKey = Exclude<keyof EvidenceRow, 'file' | 'groupId'>;

export interface Column {
  key: ColumnKey;
  label: string;
  numeric: boolean;
}

/** The columns in display and CSV order; `group` sorts by evidence order, not by name. */
export const COLUMNS: readonly Column[] = [
  { key: 'id', label: 'ID', numeric: false },
  { key: 'title', label: 'Title', numeric: false },
  { key: 'year', label: 'Year', numeric: true },
  { key: 'design', label: 'Design', numeric: false },
  { key: 'group', label: 'Design group', numeric: false },
  { key: 'n', label: 'N', numeric: true },
  { key: 'enrolled', label: 'Enrolled', numeric: true },
  { key: 'population', label: 'Population', numeric: false },
  { key: 'species', label: 'Species', numeric: false },
  { key: 'followUp', label: 'Follow-up', numeric: false },
  { key: 'outcome', label: 'Primary outcome', numeric: false },
  { key: 'timepoint', label: 'Timepoint', numeric: false },
  { key: 'significant', label: 'Significant', numeric: false },
  { key: 'blinding', label: 'Blinding', numeric: false },
  { key: 'control', label: 'Control', numeric: false },
  { key: 'retracted', label: 'Retracted', numeric: false },
  { key: 'doi', label: 'DOI', numeric: false },
  { key: 'citingNotes', label: 'Citing notes', numeric: true },
];

export interface TableView {
  sort: ColumnKey;
  descending: boolean;
  filter: string;
}

/** Evidence order (the default): design group, then newest first. */
export const DEFAULT_VIEW: TableView = { sort: 'group', descending: false, filter: '' };

export function isColumnKey(value: unknown): value is ColumnKey {
  return COLUMNS.some((c) => c.key === value);
}

export function rowOf(record: StudyRecord, index: WorkspaceIndex): EvidenceRow {
  const group = DESIGN_GROUPS[designRank(record.design)];
  const primary = record.outcomes.find((o) => o.primary);
  return {
    id: record.id,
    file: record.file,
    title: record.title ?? '',
    year: record.year,
    design: record.design,
    groupId: group?.id ?? 'unknown',
    group: group?.label ?? 'Unknown design',
    n: record.n,
    enrolled: record.enrolled,
    population: record.population,
    species: record.species,
    followUp: record.followUp,
    outcome: primary?.measure,
    timepoint: primary?.timepoint,
    significant: primary?.significant === undefined ? 'unknown' : primary.significant ? 'yes' : 'no',
    blinding: record.blinding,
    control: record.control,
    retracted: record.retracted ? 'yes' : 'no',
    doi: record.doi,
    citingNotes: new Set(index.citationsOf(record.id).map((site) => site.file)).size,
  };
}

/** Every study record of the index, in evidence order. */
export function evidenceRows(index: WorkspaceIndex): EvidenceRow[] {
  return viewRows(
    index.allRecords().map((r) => rowOf(r, index)),
    DEFAULT_VIEW,
  );
}

const groupRank = (row: EvidenceRow) => {
  const i = DESIGN_GROUPS.findIndex((g) => g.id === row.groupId);
  return i === -1 ? DESIGN_GROUPS.length : i;
};

/** Evidence order, newest first within a group, then id and file so the order is total. */
function evidenceOrder(a: EvidenceRow, b: EvidenceRow): number {
  return (
    groupRank(a) - groupRank(b) ||
    (b.year ?? -Infinity) - (a.year ?? -Infinity) ||
    a.id.localeCompare(b.id) ||
    a.file.localeCompare(b.file)
  );
}

function compareBy(key: ColumnKey, a: EvidenceRow, b: EvidenceRow): number {
  if (key === 'group') return groupRank(a) - groupRank(b);
  const x = a[key];
  const y = b[key];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), 'en', { numeric: true, sensitivity: 'base' });
}

const blank = (value: unknown) => value === undefined || value === '';

/**
 * Rows kept by the filter (every whitespace-separated term must occur, case-insensitively, in
 * some cell), sorted by the view's column. Empty cells sort last either way; ties keep evidence order.
 */
export function viewRows(rows: readonly EvidenceRow[], view: TableView): EvidenceRow[] {
  const terms = view.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const kept = terms.length
    ? rows.filter((row) => {
        const text = COLUMNS.map((c) => row[c.key]).filter((v) => !blank(v)).join('\n').toLowerCase();
        return terms.every((t) => text.includes(t));
      })
    : [...rows];
  const sign = view.descending ? -1 : 1;
  return kept.sort((a, b) => {
    const aBlank = blank(a[view.sort]);
    const bBlank = blank(b[view.sort]);
    if (aBlank !== bBlank) return aBlank ? 1 : -1;
    return (aBlank ? 0 : sign * compareBy(view.sort, a, b)) || evidenceOrder(a, b);
  });
}

/** Characters spreadsheets read as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-looking text made literal with a leading `'`, then RFC 4180 quoting. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as CSV (RFC 4180: header row, CRLF after every record). Written by hand because it is
 * a few lines and the formula neutralising has to happen per field before quoting anyway.
 */
export function toCsv(rows: readonly EvidenceRow[]): string {
  const lines = [COLUMNS.map((c) => csvField(c.label)), ...rows.map((row) => COLUMNS.map((c) => csvField(row[c.key])))];
  return lines.map((cells) => cells.join(',') + '\r\n').join('');
}
