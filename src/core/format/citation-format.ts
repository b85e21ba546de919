// Formatted citations and bibliography exports through citation-js (CSL styles via citeproc-js).
// Formatting one APA entry costs milliseconds (see docs), so single entries are cached per item
// object and style: the index replaces an entry's CslItem object whenever its file changes, which
// is exactly when the cached text goes stale.
import { Cite, plugins } from '../bibliography/cite';
import type { CslItem } from '../types';

/** Built-in CSL styles, by the name users write in settings and on the command line. */
export const CITATION_STYLES = ['apa', 'vancouver', 'harvard'] as const;
export type BuiltinStyle = (typeof CITATION_STYLES)[number];

/** citation-js template names of the built-in styles. */
const TEMPLATE: Record<BuiltinStyle, string> = { apa: 'apa', vancouver: 'vancouver', harvard: 'harvard1' };

export type OutputFormat = 'text' | 'html';

export function isBuiltinStyle(name: string): name is BuiltinStyle {
  return (CITATION_STYLES as readonly string[]).includes(name);
}

/**
 * Registers a CSL style from its XML (a user's `.csl` file) and returns the template name to
 * pass as `style`. Throws with citation-js/citeproc's message when the XML is not a CSL style.
 */
export function registerCslStyle(name: string, xml: string): string {
  if (!/<style[\s>]/.test(xml) || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml)) {
    throw new Error(`${name} is not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl">)`);
  }
  const template = `user-${name}`;
  const templates = (plugins.config.get('@csl') as { templates: { add(n: string, x: string): void } }).templates;
  templates.add(template, xml);
  return template;
}

function templateOf(style: string): string {
  return isBuiltinStyle(style) ? TEMPLATE[style] : style;
}

/** citation-js mutates and annotates its input; give it copies so index data stays untouched. */
function cite(items: readonly CslItem[]): InstanceType<typeof Cite> {
  // `citation-key` makes BibTeX/BibLaTeX output keep the user's key instead of inventing one.
  const copies = items.map((item) => ({ ...(JSON.parse(JSON.stringify(item)) as CslItem), 'citation-key': item.id }));
  return new Cite(copies, { generateGraph: false });
}

const entryCache = new WeakMap<CslItem, Map<string, string>>();

/** One bibliography entry in a CSL style, without the trailing newline. */
export function formatEntry(item: CslItem, style: string = 'apa', format: OutputFormat = 'text'): string {
  const cacheKey = `${style}\u0000${format}`;
  let perItem = entryCache.get(item);
  const hit = perItem?.get(cacheKey);
  if (hit !== undefined) return hit;
  // A one-entry numbered bibliography still starts with "1. ", which means nothing out of context.
  const text = formatBibliography([item], style, format).trim().replace(/^1\.\s+/, '');
  if (!perItem) entryCache.set(item, (perItem = new Map()));
  perItem.set(cacheKey, text);
  return text;
}

/** A bibliography of several items in the style's order (alphabetical for APA, as given for Vancouver). */
export function formatBibliography(items: readonly CslItem[], style: string = 'apa', format: OutputFormat = 'text'): string {
  if (items.length === 0) return '';
  return String(cite(items).format('bibliography', { format, template: templateOf(style), lang: 'en-US' }));
}

/** An in-text citation of the items together, e.g. "(Davis et al., 2021)" or "(1)". */
export function formatInText(items: readonly CslItem[], style: string = 'apa', format: OutputFormat = 'text'): string {
  if (items.length === 0) return '';
  return String(cite(items).format('citation', { format, template: templateOf(style), lang: 'en-US' }));
}

export type ExportFormat = 'csl-json' | 'bibtex' | 'biblatex' | 'ris';

/** The items in a machine-readable bibliography format. */
export function exportItems(items: readonly CslItem[], format: ExportFormat): string {
  if (format === 'csl-json') return JSON.stringify(items, null, 2) + '\n';
  if (items.length === 0) return '';
  const out = String(cite(items).format(format === 'ris' ? 'ris' : format, { format: 'text' }));
  return out.endsWith('\n') ? out : out + '\n';
}
