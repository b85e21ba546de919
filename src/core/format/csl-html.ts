// HTML from citeproc-js made safe to put in a page. citeproc escapes field text but keeps, on
// purpose, the rich-text markup CSL allows in fields (<i>, <b>, <sup>, <sub>, <span
// style="font-variant:small-caps;">, <span class="nocase">), dropping their attributes; it does
// not escape the entry id it writes into `data-csl-entry-id` (measured: a key `x" onclick="y`
// came out as a live attribute). Ids are therefore replaced before formatting (see
// citation-format.ts) and this allowlist is the second line of defence: any tag that is not one
// citeproc itself writes is escaped, whatever a future citeproc or a user's .csl style emits.

const ALLOWED_TAG = new RegExp(
  [
    String.raw`^</?(?:i|b|sup|sub|span|div)>$`,
    String.raw`^<span style="[a-z-]+:[a-z -]+;">$`,
    String.raw`^<span class="[a-z-]+">$`,
    String.raw`^<div class="csl-[a-z-]+">$`,
    String.raw`^<div data-csl-entry-id="[^"<>]*" class="csl-entry">$`,
  ].join('|'),
);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Escapes every tag citeproc does not write itself; the markup it does write stays. */
export function sanitiseCslHtml(html: string): string {
  return html.replace(/<[^<>]*>?/g, (tag) => (ALLOWED_TAG.test(tag) ? tag : escapeHtml(tag)));
}

/** Placeholder ids handed to citeproc instead of the user's keys (any string is a valid CSL id). */
export function safeId(index: number): string {
  return `el-item-${index}`;
}

/** Puts the real keys, escaped, back where citeproc wrote the placeholder ids. */
export function restoreIds(html: string, ids: readonly string[]): string {
  return html.replace(/data-csl-entry-id="el-item-(\d+)"/g, (whole, i: string) =>
    ids[Number(i)] === undefined ? whole : `data-csl-entry-id="${escapeHtml(ids[Number(i)])}"`,
  );
}
