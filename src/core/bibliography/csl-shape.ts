import type { CslItem, CslName } from '../types';

// CSL-JSON, CSL-YAML and citation-js's RIS output carry whatever the file says: a title that is
// a list (RIS repeats TI), an author that is a string, a page that is a mapping. The checks
// trust CslItem's types (a list title crashed the whole check), so entries are shaped here.

const STRING_FIELDS = ['type', 'title', 'container-title', 'container-title-short', 'page', 'DOI', 'URL'] as const;
const STRING_OR_NUMBER_FIELDS = ['volume', 'issue'] as const;
const NAME_FIELDS = ['author', 'editor'] as const;
const DATE_FIELDS = ['issued', 'published-print', 'published-online'] as const;

/** The first string or number of a list, the value itself when scalar, else undefined. */
function scalar(value: unknown): string | number | undefined {
  const v = Array.isArray(value) ? value.find((x) => typeof x === 'string' || typeof x === 'number') : value;
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

function names(value: unknown): CslName[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out = list
    .map((n): CslName | undefined => (typeof n === 'string' ? { literal: n } : typeof n === 'object' && n !== null && !Array.isArray(n) ? (n as CslName) : undefined))
    .filter((n): n is CslName => n !== undefined);
  return out.length ? out : undefined;
}

/** `item` with the fields Evidence Lens reads coerced to their CSL types, or dropped when they cannot be. */
export function shapeCsl<T extends Record<string, unknown>>(item: T): T & CslItem {
  const out: Record<string, unknown> = { ...item };
  const set = (field: string, value: unknown) => (value === undefined ? delete out[field] : (out[field] = value));
  for (const f of STRING_FIELDS) if (f in out) set(f, scalar(out[f])?.toString());
  for (const f of STRING_OR_NUMBER_FIELDS) if (f in out) set(f, scalar(out[f]));
  for (const f of NAME_FIELDS) if (f in out) set(f, names(out[f]));
  for (const f of DATE_FIELDS) {
    if (!(f in out)) continue;
    const v = out[f];
    set(f, typeof v === 'object' && v !== null && !Array.isArray(v) ? v : scalar(v) !== undefined ? { raw: String(scalar(v)) } : undefined);
  }
  return out as T & CslItem;
}
