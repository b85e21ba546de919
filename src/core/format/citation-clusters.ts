// Several in-text citations of one document formatted together, as a word processor does: one
// citeproc run numbers works in order of first citation (numeric styles), disambiguates names,
// and yields the bibliography of exactly the cited works. citation-js's `format('citation')`
// formats one citation at a time (numbering again from 1), so this drives its citeproc engine.
import { plugins, util } from '../bibliography/cite';
import type { CslItem } from '../types';
import { cslCopies, templateOf } from './citation-format';
import type { OutputFormat } from './citation-format';
import { escapeHtml, safeId, sanitiseCslHtml } from './csl-html';
import { authorShort } from './describe';

/** One work in a citation, as pandoc writes it: `[see @key, p. 3]`, `[-@key]`. */
export interface CiteRef {
  key: string;
  prefix?: string;
  /** The locator as written after the key: "p. 3", "chap. 2", "12". */
  locator?: string;
  suppressAuthor?: boolean;
}

/** One citation: a bracketed group, or a bare `@key` in running text (authorInText). */
export interface Cluster {
  refs: CiteRef[];
  authorInText?: boolean;
}

export interface FormattedClusters {
  /** One per cluster, in order. */
  citations: string[];
  /** The cited works in the style's order, or '' when nothing is cited. */
  bibliography: string;
}

interface CiteprocEngine {
  updateItems(ids: string[]): void;
  makeCitationCluster(items: Record<string, unknown>[]): string;
  makeBibliography(): [{ bibstart: string; bibend: string }, string[]] | false;
}

/** Pandoc's locator terms (its citeproc reads the same abbreviations), as CSL locator labels. */
const LOCATOR_LABELS: [RegExp, string][] = [
  [/^(?:p|pp|pg|pgs|page|pages)\.?$/i, 'page'],
  [/^(?:ch|chap|chaps|chapter|chapters)\.?$/i, 'chapter'],
  [/^(?:sec|secs|section|sections|§|§§)\.?$/i, 'section'],
  [/^(?:fig|figs|figure|figures)\.?$/i, 'figure'],
  [/^(?:para|paras|paragraph|paragraphs|¶|¶¶)\.?$/i, 'paragraph'],
  [/^(?:vol|vols|volume|volumes)\.?$/i, 'volume'],
  [/^(?:l|ll|line|lines)\.?$/i, 'line'],
  [/^(?:n|nn|note|notes)\.?$/i, 'note'],
  [/^(?:col|cols|column|columns)\.?$/i, 'column'],
];

/** "p. 3" → page 3; "12-14" → page 12-14; anything else stays text after the citation. */
export function parseLocator(text: string): { label?: string; locator?: string; suffix?: string } {
  const m = /^(\S+)\s+(.+)$/.exec(text.trim());
  if (m) {
    const label = LOCATOR_LABELS.find(([re]) => re.test(m[1]))?.[1];
    if (label) return { label, locator: m[2] };
  }
  if (/^\d[\d\s,–-]*$/.test(text.trim())) return { label: 'page', locator: text.trim() };
  return { suffix: `, ${text.trim()}` };
}

/** citeproc's marker for "this style prints no author here" (numeric styles asked for author-in-text). */
const NO_PRINTED_FORM = '[NO_PRINTED_FORM]';

/**
 * Formats every cluster of a document with one citeproc engine holding every cited item, in order
 * of first citation (which numbers them in numeric styles and lets author-date styles
 * disambiguate names). `makeCitationCluster` per cluster rather than `rebuildProcessorState`:
 * measured on 300 clusters, 0.6 s against 1.9 s for APA; it gives up position-dependent forms
 * (ibid., subsequent short forms) that only note styles use. `items` must hold every cited key,
 * in order of first citation. Throws whatever citeproc throws (a malformed item).
 */
export function formatClusters(
  items: readonly CslItem[],
  clusters: readonly Cluster[],
  style = 'apa',
  format: OutputFormat = 'html',
): FormattedClusters {
  if (clusters.length === 0) return { citations: [], bibliography: '' };
  const copies = cslCopies(items, true);
  const idOf = new Map(items.map((item, i) => [item.id, safeId(i)]));
  const byKey = new Map(items.map((item) => [item.id, item]));
  const engine = (plugins.config.get('@csl') as { engine(d: unknown[], t: string, l: string, f: string): CiteprocEngine }).engine(
    util.downgradeCsl(copies),
    templateOf(style),
    'en-US',
    format,
  );
  engine.updateItems(copies.map((c) => c.id));
  const clean = (s: string) => (format === 'html' ? sanitiseCslHtml(s) : s);
  const citations = clusters.map((cluster) => {
    const citeItems = cluster.refs.map((ref) => {
      const id = idOf.get(ref.key);
      if (!id) throw new Error(`No item for key ${ref.key}`);
      return {
        id,
        ...(ref.prefix ? { prefix: ref.prefix + ' ' } : {}),
        ...(ref.locator ? parseLocator(ref.locator) : {}),
        ...(ref.suppressAuthor ? { 'suppress-author': true } : {}),
      };
    });
    if (!cluster.authorInText) return clean(engine.makeCitationCluster(citeItems));
    // "Davis et al. (2021)": the author alone, then the citation without the author.
    let author = clean(engine.makeCitationCluster([{ ...citeItems[0], 'author-only': true }]));
    if (author.includes(NO_PRINTED_FORM) || !author.trim()) {
      const name = authorShort(byKey.get(cluster.refs[0].key)!);
      author = format === 'html' ? escapeHtml(name) : name;
    }
    const rest = clean(engine.makeCitationCluster(citeItems.map((item, i) => (i === 0 ? { ...item, 'suppress-author': true } : item))));
    return `${author} ${rest}`;
  });
  const bib = engine.makeBibliography();
  const bibliography = bib ? clean(bib[0].bibstart + bib[1].join('') + bib[0].bibend) : '';
  return { citations, bibliography };
}
