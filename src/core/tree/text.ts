import { stripAccents } from '../text';
import { relativeTo } from '../workspace/paths';
import type { Range } from '../types';

/** Case- and accent-insensitive form for filtering ("Müller" and "muller" match). */
export function fold(s: string): string {
  return stripAccents(s).toLowerCase();
}

/** Text of a snippet on one line, cut with an ellipsis so a tree row stays readable. */
export function oneLine(s: string, max = 100): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

// Every citing row needs its note's relative path; path.relative is the costly part of a row.
const relativeLabels = new Map<string, string>();

/** "notes/01-overview.md" for a file under the folder; the absolute path otherwise. */
export function relativeLabel(root: string, file: string): string {
  const cacheKey = `${root}\u0000${file}`;
  let label = relativeLabels.get(cacheKey);
  if (label === undefined) {
    const rel = relativeTo(root, file);
    label = rel.startsWith('..') ? file : rel;
    if (relativeLabels.size > 10000) relativeLabels.clear(); // folders come and go; keep it bounded
    relativeLabels.set(cacheKey, label);
  }
  return label;
}

/** "notes/01-overview.md:16", with the 1-based line users see. */
export function placeLabel(root: string, file: string, range: Range): string {
  return `${relativeLabel(root, file)}:${range.start.line + 1}`;
}

/** "3 entries" / "1 entry". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
