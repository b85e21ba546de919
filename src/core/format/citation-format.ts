// Formatted citations and bibliography exports through citation-js (CSL styles via citeproc-js).
// Formatting one APA entry costs milliseconds (see docs), so single entries are cached per item
// object and style: the index replaces an entry's CslItem object whenever its file changes, which
// is exactly when the cached text goes stale.
import { createHash } from 'crypto';
import { Cite, plugins } from '../bibliography/cite';
import type { CslItem } from '../types';
import { restoreIds, safeId, sanitiseCslHtml } from './csl-html';
import { plainCslText } from './csl-markup';

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
 * pass as `style`. The name carries a hash of the XML because citation-js keeps one citeproc
 * engine per template name: an edited file under the same name would keep the old engine.
 * Throws with citation-js/citeproc's message when the XML is not a usable CSL style.
 */
export function registerCslStyle(name: string, xml: string): string {
  if (!/<style[\s>]/.test(xml) || !/xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml)) {
    throw new Error(`${name} is not a CSL style (no <style xmlns="http://purl.org/net/xbiblio/csl">)`);
  }
  const template = `user-${name}-${createHash('sha1').update(xml).digest('hex').slice(0, 12)}`;
  const templates = (plugins.config.get('@csl') as { templates: { add(n: string, x: string): void; remove(n: string): void } }).templates;
  templates.add(template, xml);
  try {
    // citeproc only parses a style when it first formats with it: try it now, not in the preview.
    // A style without a bibliography (some note styles) is of no use to the preview or exports.
    const probe: CslItem = { id: 'probe', type: 'article-journal', title: 'Probe', issued: { 'date-parts': [[2000]] } };
    formatInText([probe], template);
    formatBibliography([probe], template);
  } catch (err) {
    templates.remove(template);
    throw new Error(`${name} is not a usable CSL style: ${err instanceof Error ? err.message : String(err)}`);
  }
  return template;
}

export function templateOf(style: string): string {
  return isBuiltinStyle(style) ? TEMPLATE[style] : style;
}

/**
 * Copies for citation-js, which mutates and annotates its input. `citation-key` makes BibTeX and
 * BibLaTeX output keep the user's key; `safeIds` hides the keys from citeproc's HTML (see csl-html.ts).
 */
export function cslCopies(items: readonly CslItem[], safeIds = false): CslItem[] {
  return items.map((item, i) => ({
    ...(JSON.parse(JSON.stringify(item)) as CslItem),
    'citation-key': item.id,
    ...(safeIds ? { id: safeId(i) } : {}),
  }));
}

function cite(items: readonly CslItem[], safeIds = false): InstanceType<typeof Cite> {
  return new Cite(cslCopies(items, safeIds), { generateGraph: false });
}

/** citeproc's HTML with foreign markup escaped and the real keys back in place. */
function safeHtml(html: string, items: readonly CslItem[]): string {
  return restoreIds(sanitiseCslHtml(html), items.map((item) => item.id));
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
  const out = String(cite(items, format === 'html').format('bibliography', { format, template: templateOf(style), lang: 'en-US' }));
  // citeproc's text output pads numbered entries ("1.  Text. "): one space after the number, none at the end.
  return format === 'html' ? safeHtml(out, items) : out.replace(/^(\d+\.) +/gm, '$1 ').replace(/[ \t]+$/gm, '');
}

/** An in-text citation of the items together, e.g. "(Davis et al., 2021)" or "(1)". */
export function formatInText(items: readonly CslItem[], style: string = 'apa', format: OutputFormat = 'text'): string {
  if (items.length === 0) return '';
  const out = String(cite(items, format === 'html').format('citation', { format, template: templateOf(style), lang: 'en-US' }));
  return format === 'html' ? safeHtml(out, items) : out;
}

export type ExportFormat = 'csl-json' | 'bibtex' | 'biblatex' | 'ris';

/** The items in a machine-readable bibliography format. */
export function exportItems(items: readonly CslItem[], format: ExportFormat): string {
  if (format === 'csl-json') return JSON.stringify(items, null, 2) + '\n';
  if (items.length === 0) return '';
  if (format === 'ris') return unwrapRis(String(cite(items.map(singleLineFields)).format('ris', { format: 'text' })));
  const out = withUserKeys(() => String(cite(items.map(bibtexSafeKey)).format(format, { format: 'text' })));
  return out.endsWith('\n') ? out : out + '\n';
}

/**
 * citation-js replaces any key with characters outside [A-Za-z0-9_] (its `checkLabel`) by a
 * made-up one, so `carhart-harris2016` or Better BibTeX's `Davis:2021` would not survive an
 * export. BibTeX itself only forbids the characters that end or break a key, which bibtexSafeKey
 * removes; the check is switched off for the duration of the call.
 */
function withUserKeys<T>(run: () => T): T {
  const format = (plugins.config.get('@bibtex') as { format: { checkLabel: boolean } }).format;
  const previous = format.checkLabel;
  format.checkLabel = false;
  try {
    return run();
  } finally {
    format.checkLabel = previous;
  }
}

function bibtexSafeKey(item: CslItem): CslItem {
  return { ...item, id: item.id.replace(/[\s,{}"#%'()=\\~]/g, '') || 'item' };
}

/**
 * RIS has no multi-line values (a line break inside a field would start a line that is not a tag)
 * and no markup: CSL's rich-text tags (italics, case protection) would land in it as literal text.
 */
function singleLineFields(item: CslItem): CslItem {
  const out: CslItem = { ...item };
  for (const [field, value] of Object.entries(out)) {
    if (typeof value === 'string') out[field] = plainCslText(value).replace(/\s*[\r\n]+\s*/g, ' ');
  }
  return out;
}

const RIS_WIDTH = 70;
const RIS_TAG = /^[A-Z][A-Z0-9] {2}- /;

/**
 * citation-js breaks every RIS value after each 70 characters (`value.replace(/(.{70})/g,
 * '$1\n')`), even mid-word, and RIS readers (ours, Zotero's) join continuation lines with a space,
 * so a long title came back altered. A line is a continuation exactly when the value segment
 * before it was 70 characters long; joining those restores the value.
 */
function unwrapRis(text: string): string {
  const out: string[] = [];
  let full = false;
  for (const line of text.split('\n')) {
    if (full && out.length > 0) {
      out[out.length - 1] += line;
      full = line.length === RIS_WIDTH;
      continue;
    }
    out.push(line);
    full = RIS_TAG.test(line) && line.length - 6 === RIS_WIDTH;
  }
  const joined = out.join('\n');
  return joined.endsWith('\n') ? joined : joined + '\n';
}
