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
  rebuildProcessorState(citations: unknown[], format: string, uncited: unknown[]): [string, number, string][];
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
 * Formats every cluster of a document in one citeproc run. `items` must hold every cited key.
 * Throws whatever citeproc throws (a malformed item); callers fall back per cluster.
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
  const citations = clusters.map((cluster, n) => ({
    citationID: `el-cluster-${n}`,
    citationItems: cluster.refs.map((ref) => {
      const id = idOf.get(ref.key);
      if (!id) throw new Error(`No item for key ${ref.key}`);
      return {
        id,
        ...(ref.prefix ? { prefix: ref.prefix + ' ' } : {}),
        ...(ref.locator ? parseLocator(ref.locator) : {}),
        ...(ref.suppressAuthor ? { 'suppress-author': true } : {}),
      };
    }),
    properties: { noteIndex: 0, ...(cluster.authorInText ? { mode: 'composite' } : {}) },
  }));
  const out = engine.rebuildProcessorState(citations, format, []);
  const clean = (s: string) => (format === 'html' ? sanitiseCslHtml(s) : s);
  const formatted = out.map(([, , text], n) => {
    const cluster = clusters[n];
    if (!text.includes(NO_PRINTED_FORM)) return clean(text);
    const author = authorShort(byKey.get(cluster.refs[0].key)!);
    return clean(text).replace(NO_PRINTED_FORM, format === 'html' ? escapeHtml(author) : author);
  });
  const bib = engine.makeBibliography();
  const bibliography = bib ? clean(bib[0].bibstart + bib[1].join('') + bib[0].bibend) : '';
  return { citations: formatted, bibliography };
}
