// Short plain-text descriptions of a bibliography item for labels, completion and pickers.
// Plain text only: callers that render markdown must escape it.
import type { CslItem, CslName } from '../types';
import { plainCslText } from './csl-markup';

function nameOf(n: CslName): string {
  return n.literal ?? [n.family, n.given].filter(Boolean).join(', ');
}

function familyOf(n: CslName): string {
  return n.literal ?? n.family ?? n.given ?? '';
}

/** "Davis", or the corporate name, or "" when the item has no author. */
export function firstAuthor(item: CslItem): string {
  const first = item.author?.[0] ?? item.editor?.[0];
  return first ? familyOf(first) : '';
}

/** Up to three authors as "Family, Given", then "et al." (hovers). */
export function authorList(item: CslItem, max = 3): string {
  const names = item.author ?? item.editor ?? [];
  const shown = names.slice(0, max).map(nameOf).filter(Boolean);
  return names.length > max ? `${shown.join('; ')}; et al.` : shown.join('; ');
}

/** "Davis et al.", "Davis & Barrett", "Davis" (labels). */
export function authorShort(item: CslItem): string {
  const names = item.author ?? item.editor ?? [];
  if (names.length === 0) return '';
  if (names.length === 1) return familyOf(names[0]);
  if (names.length === 2) return `${familyOf(names[0])} & ${familyOf(names[1])}`;
  return `${familyOf(names[0])} et al.`;
}

/** The issue year, or the year published online, or undefined. */
export function yearOf(item: CslItem): number | undefined {
  for (const date of [item.issued, item['published-print'], item['published-online']] as (CslItem['issued'] | undefined)[]) {
    const y = date?.['date-parts']?.[0]?.[0];
    if (y !== undefined && Number.isFinite(Number(y))) return Number(y);
    const raw = (date as { raw?: string } | undefined)?.raw;
    const m = raw?.match(/\b(1[5-9]\d\d|20\d\d)\b/);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The journal or book title, short form preferred when the long one is missing. */
export function journalOf(item: CslItem): string {
  return plainCslText(String(item['container-title'] ?? item['container-title-short'] ?? item.publisher ?? ''));
}

/** The title as plain text, line breaks and runs of spaces collapsed (BibTeX titles often wrap). */
export function titleOf(item: CslItem): string {
  return plainCslText(String(item.title ?? '')).replace(/\s+/g, ' ').trim();
}
