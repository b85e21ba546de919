// The Retraction Watch database export (CSV) indexed by the retracted paper's DOI.
import { normaliseDoi } from '../doi';
import type { RetractionNotice } from './types';

export const RETRACTION_LIST_SOURCE = 'Retraction Watch list';

/** Retractions by normalised DOI of the original paper. */
export type RetractionIndex = ReadonlyMap<string, RetractionNotice>;

/**
 * Rows of the export whose RetractionNature is a retraction (not a correction or an expression
 * of concern), indexed by OriginalPaperDOI. Returns the problems instead of throwing: a broken
 * list must not stop the checks.
 */
export function parseRetractionList(text: string): { index: RetractionIndex; problems: string[] } {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const index = new Map<string, RetractionNotice>();
  const problems: string[] = [];
  const header = rows.shift()?.map((h) => h.trim()) ?? [];
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const original = col('OriginalPaperDOI');
  if (original < 0) return { index, problems: ['the retraction list has no OriginalPaperDOI column'] };
  const noticeCol = col('RetractionDOI');
  const dateCol = col('RetractionDate');
  const natureCol = col('RetractionNature');
  for (const row of rows) {
    if (row.length === 1 && row[0].trim() === '') continue;
    const nature = natureCol >= 0 ? (row[natureCol] ?? '').trim().toLowerCase() : 'retraction';
    if (nature && nature !== 'retraction') continue;
    const doi = normaliseDoi(row[original] ?? '');
    if (!doi) continue;
    const notice = normaliseDoi(noticeCol >= 0 ? (row[noticeCol] ?? '') : '');
    const date = dateCol >= 0 ? isoDate((row[dateCol] ?? '').trim()) : undefined;
    index.set(doi, { source: RETRACTION_LIST_SOURCE, ...(notice ? { noticeDoi: notice } : {}), ...(date ? { date } : {}) });
  }
  return { index, problems };
}

/** Retraction Watch writes dates as "M/D/YYYY 0:00"; ISO dates pass through. */
function isoDate(raw: string): string | undefined {
  if (!raw) return undefined;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(raw);
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(raw);
  return iso ? iso[0] : raw;
}

/**
 * RFC 4180 CSV (quoted fields with doubled quotes, CRLF or LF, newlines inside quotes). Written
 * here because no CSV library is among the project's dependencies and this is the whole grammar.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
