// BibLaTeX `date` (ISO 8601-2 with `/` ranges and open ends) and BibTeX `year`/`month`/`day` to CSL
// dates, as citation-js plugin-bibtex 0.7 reads them (mapping/shared.js), except that an open start
// (`/2020`) and a month without a year do not throw or produce an empty literal.
import type { CslDate } from '../../types';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function dateParts(date: string): number[] {
  const parts = date.split('T')[0].replace(/[?~%]$/, '').split('-');
  const year = +parts[0].replace(/^Y(?=-?\d{4}\d+)/, '').replace(/X/g, '0');
  const month = +parts[1];
  const day = +parts[2];
  // Months above 20 are ISO 8601-2 seasons: the year alone.
  if (!month || month > 20) return [year];
  if (!day) return [year, month];
  return [year, month, day];
}

/** `2020-05-01`, `2019/2021`, `2020-01/..` */
export function parseDate(date: string): CslDate {
  const parts = date.split('/').map((part) => (part && part !== '..' ? dateParts(part) : undefined));
  if (parts[0] === undefined || isNaN(parts[0][0])) return { literal: date };
  return { 'date-parts': parts.filter((p): p is number[] => p !== undefined) };
}

function parseMonth(value: string | undefined): number[] {
  if (value === undefined) return [];
  if (+value) return [parseInt(value, 10)];
  const v = value.trim().toLowerCase();
  if (Object.hasOwn(MONTHS, v)) return [MONTHS[v]];
  const words = v.split(/\s+/);
  let month: number | undefined;
  let day: number | undefined;
  if (Object.hasOwn(MONTHS, words[0])) {
    month = MONTHS[words[0]];
    day = parseInt(words[1]);
  } else if (words.length > 1 && Object.hasOwn(MONTHS, words[1])) {
    month = MONTHS[words[1]];
    day = parseInt(words[0]);
  }
  return day ? [month!, day] : month ? [month] : [];
}

/** BibTeX's separate fields; a year that is not a number (`n.d.`, `in press`) is a literal. */
export function yearMonthDate(year: string | undefined, month: string | undefined, day: string | undefined): CslDate | undefined {
  if (year === undefined) return undefined;
  if (isNaN(+year)) return { literal: year };
  if (day !== undefined && !isNaN(+day) && month !== undefined && !isNaN(+month)) return { 'date-parts': [[+year, +month, +day]] };
  return { 'date-parts': [[+year, ...parseMonth(month)]] };
}
