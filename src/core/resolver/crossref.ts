// Crossref's REST API answer (`/works/{DOI}`) read as CSL, plus the retraction relations that
// only Crossref carries (`updated-by` on the retracted work, `update-to` on the notice itself).
import type { CslDate, CslItem, CslName } from '../types';
import { normaliseDoi } from '../doi';
import type { RetractionNotice } from './types';

export const CROSSREF_SOURCE = 'Crossref';

interface CrossrefUpdate {
  DOI?: string;
  type?: string;
  updated?: { 'date-parts'?: number[][] };
}

/** The CSL item and retraction notices in a Crossref `{status, message}` answer. */
export function readCrossrefWork(json: unknown): { item: CslItem; retractions: RetractionNotice[] } | undefined {
  const message = (json as { message?: Record<string, unknown> })?.message;
  if (!message || typeof message !== 'object' || typeof message.DOI !== 'string') return undefined;
  const first = (v: unknown): string | undefined => (Array.isArray(v) && typeof v[0] === 'string' ? v[0] : typeof v === 'string' ? v : undefined);
  const item: CslItem = { id: message.DOI, type: typeof message.type === 'string' ? cslType(message.type) : 'article-journal', DOI: message.DOI };
  const title = first(message.title);
  if (title) item.title = title;
  const container = first(message['container-title']);
  if (container) item['container-title'] = container;
  const short = first(message['short-container-title']);
  if (short) item['container-title-short'] = short;
  if (Array.isArray(message.author)) item.author = (message.author as CslName[]).map(({ given, family, literal, name }: CslName & { name?: string }) => ({ ...(given ? { given } : {}), ...(family ? { family } : {}), ...((literal ?? name) ? { literal: literal ?? name } : {}) }));
  for (const field of ['issued', 'published-print', 'published-online'] as const) {
    const d = message[field] as CslDate | undefined;
    if (d?.['date-parts']?.[0]?.[0]) item[field] = { 'date-parts': d['date-parts'] };
  }
  for (const field of ['volume', 'issue', 'page', 'publisher'] as const) if (typeof message[field] === 'string') item[field] = message[field];
  return { item, retractions: retractionRelations(message) };
}

/** Retraction notices among a work's `updated-by` relations (Crossref metadata or CSL from doi.org). */
export function retractionRelations(work: Record<string, unknown>): RetractionNotice[] {
  const updates = work['updated-by'];
  if (!Array.isArray(updates)) return [];
  return (updates as CrossrefUpdate[])
    .filter((u) => typeof u?.type === 'string' && u.type.toLowerCase() === 'retraction')
    .map((u) => {
      const parts = u.updated?.['date-parts']?.[0];
      const date = parts?.length ? parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-') : undefined;
      const noticeDoi = u.DOI ? normaliseDoi(u.DOI) : undefined;
      return { source: CROSSREF_SOURCE, ...(noticeDoi ? { noticeDoi } : {}), ...(date ? { date } : {}) };
    });
}

/**
 * The works a retraction notice retracts (its `update-to` relations of type retraction), each
 * with the notice as seen from the retracted work.
 */
export function retractedByNotice(notice: Record<string, unknown>, noticeDoi: string): { doi: string; notice: RetractionNotice }[] {
  const updates = notice['update-to'];
  if (!Array.isArray(updates)) return [];
  const out: { doi: string; notice: RetractionNotice }[] = [];
  for (const u of updates as CrossrefUpdate[]) {
    const target = u?.DOI ? normaliseDoi(u.DOI) : undefined;
    if (!target || typeof u.type !== 'string' || u.type.toLowerCase() !== 'retraction') continue;
    const [relation] = retractionRelations({ 'updated-by': [{ ...u, DOI: noticeDoi }] });
    out.push({ doi: target, notice: relation });
  }
  return out;
}

/** Crossref's work types use hyphenated names that CSL mostly shares; journal articles differ. */
function cslType(type: string): string {
  const map: Record<string, string> = { 'journal-article': 'article-journal', 'posted-content': 'article', 'book-chapter': 'chapter', 'proceedings-article': 'paper-conference' };
  return map[type] ?? type;
}
