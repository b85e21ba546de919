// The HTML of every citation of one rendered note and of its reference list, computed before
// markdown-it renders anything (numbering depends on the whole note). Never throws: a cluster
// that cannot be formatted shows its source text, a work that cannot be formatted is left out
// of the list.
import { formatBibliography } from '../format/citation-format';
import { formatClusters } from '../format/citation-clusters';
import type { Cluster, FormattedClusters } from '../format/citation-clusters';
import { escapeHtml } from '../format/csl-html';
import { titleOf } from '../format/describe';
import type { CslItem } from '../types';

export interface ClusterSite {
  cluster: Cluster;
  /** The source text, shown as it is when the cluster cannot be formatted. */
  raw: string;
}

export interface DocumentCitations {
  /** One HTML fragment per site, in order. */
  html: string[];
  /** The bibliography of the resolved works, or '' when nothing resolved. */
  bibliography: string;
}

export interface FormatOptions {
  style: string;
  lookup(key: string): CslItem | undefined;
  unresolvedTitle(keys: string[]): string;
  onError?(err: unknown): void;
}

const CLASS = 'evidence-lens-cite';

/**
 * The last results, by style and citations. Formatting a note costs about 5 ms a citation in APA,
 * and the preview renders on every pause in typing: while the citations and the items they
 * resolve to (the index replaces an item's object when its file changes) stay the same, the
 * previous result stands.
 */
const cache = new Map<string, { items: (CslItem | undefined)[]; result: DocumentCitations }>();
const CACHE_SIZE = 16;

export function formatDocumentCitations(sites: readonly ClusterSite[], options: FormatOptions): DocumentCitations {
  const keys = [...new Set(sites.flatMap((s) => s.cluster.refs.map((r) => r.key)))];
  const found = keys.map((k) => safeLookup(options, k));
  const cacheKey = JSON.stringify([options.style, sites]);
  const hit = cache.get(cacheKey);
  if (hit && hit.items.length === found.length && hit.items.every((item, i) => item === found[i])) return hit.result;
  const result = formatUncached(sites, new Map(keys.map((k, i) => [k, found[i]])), options);
  cache.delete(cacheKey);
  cache.set(cacheKey, { items: found, result });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

function formatUncached(sites: readonly ClusterSite[], lookup: Map<string, CslItem | undefined>, options: FormatOptions): DocumentCitations {
  const items = new Map<string, CslItem>();
  const resolved: number[] = [];
  const html = sites.map((site, n) => {
    const keys = site.cluster.refs.map((r) => r.key);
    const found = keys.map((k) => lookup.get(k));
    const missing = keys.filter((_, i) => !found[i]);
    if (missing.length > 0) {
      const title = escapeHtml(options.unresolvedTitle([...new Set(missing)]));
      return `<span class="${CLASS} evidence-lens-unresolved" title="${title}">${escapeHtml(site.raw)}</span>`;
    }
    found.forEach((item) => items.set(item!.id, item!));
    resolved.push(n);
    return '';
  });
  if (resolved.length === 0) return { html, bibliography: '' };
  const clusters = resolved.map((n) => sites[n].cluster);
  const formatted = formatTogether([...items.values()], clusters, options) ?? formatApart([...items.values()], resolved, sites, options);
  resolved.forEach((n, i) => {
    const text = formatted.citations[i];
    const titles = sites[n].cluster.refs.map((r) => titleOf(items.get(r.key)!)).filter(Boolean);
    const title = escapeHtml([...new Set(titles)].join('; '));
    html[n] = text ? `<span class="${CLASS}" title="${title}">${text}</span>` : escapeHtml(sites[n].raw);
  });
  return { html, bibliography: formatted.bibliography };
}

function safeLookup(options: FormatOptions, key: string): CslItem | undefined {
  try {
    return options.lookup(key);
  } catch (err) {
    options.onError?.(err);
    return undefined;
  }
}

function formatTogether(items: CslItem[], clusters: Cluster[], options: FormatOptions): FormattedClusters | undefined {
  try {
    return formatClusters(items, clusters, options.style, 'html');
  } catch (err) {
    options.onError?.(err);
    return undefined;
  }
}

/** The slow path after a failure: each cluster alone, so one broken item spoils only its own citations. */
function formatApart(items: CslItem[], resolved: number[], sites: readonly ClusterSite[], options: FormatOptions): FormattedClusters {
  const byKey = new Map(items.map((item) => [item.id, item]));
  const citations = resolved.map((n) => {
    const cluster = sites[n].cluster;
    return formatTogether(cluster.refs.map((r) => byKey.get(r.key)!), [cluster], options)?.citations[0] ?? '';
  });
  const good = items.filter((item) => {
    try {
      formatBibliography([item], options.style, 'html');
      return true;
    } catch {
      return false;
    }
  });
  let bibliography = '';
  try {
    bibliography = formatBibliography(good, options.style, 'html');
  } catch (err) {
    options.onError?.(err);
  }
  return { citations, bibliography };
}
