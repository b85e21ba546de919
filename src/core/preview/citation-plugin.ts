// markdown-it plugin for the preview: pandoc citations become formatted in-text citations in a
// CSL style, numbered citations get their reference's text as a tooltip, and a "References"
// section with the cited works is appended. pandoc's citation syntax is not markdown, so
// markdown-it leaves it in text tokens; a core rule after inline parsing splits those tokens.
// Only text tokens outside links are touched: code spans, fences, link destinations and image
// descriptions are other tokens or attributes.
//
// Parsing only marks where citations are; their HTML is computed when rendering. VS Code's
// preview caches a document's tokens until the document changes and parses without
// `env.currentDocument` (it passes it to render only), while the library, the style and the
// note's reference list can change in between.
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../format/csl-html';
import type { Cluster } from '../format/citation-clusters';
import type { CslItem } from '../types';
import { findTextCitations } from './find-citations';
import { formatDocumentCitations } from './format-document';

type StateCore = Parameters<Parameters<MarkdownIt['core']['ruler']['push']>[1]>[0];
type Token = StateCore['tokens'][number];

/** The numbered reference list of the note being rendered. */
export interface NumberedReferences {
  /** Reference text by number. */
  texts: ReadonlyMap<number, string>;
  /** 0-based line of the list's heading: text at or after it is the list itself, not citations. */
  fromLine: number;
}

export interface CitationPluginOptions {
  /** False while the library is not loaded yet: citations are left as written. */
  ready?(): boolean;
  lookup(key: string, env: unknown): CslItem | undefined;
  /** A built-in style name (apa, vancouver, harvard) or a registered template; read at each render. */
  style(env: unknown): string;
  numberedReferences?(env: unknown): NumberedReferences | undefined;
  /** The appended section's heading (default "References"); a function to vary it per note. */
  referencesHeading?: string | ((env: unknown) => string);
  unresolvedTitle?(keys: string[]): string;
  onError?(err: unknown): void;
}

const RULE = 'evidence_lens_citations';
const CITE = 'evidence_lens_cite';
const REFERENCES = 'evidence_lens_references';

type CiteMeta = ({ kind: 'key'; cluster: Cluster } | { kind: 'numbered'; numbers: number[]; line: number }) & { html?: string };

export function citationPlugin(md: MarkdownIt, options: CitationPluginOptions): void {
  if (md.core.ruler.getRules('').some((rule) => rule.name === RULE)) return;
  md.core.ruler.push(RULE, (state) => {
    try {
      markCitations(state);
    } catch (err) {
      options.onError?.(err);
    }
  });
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, renderOptions, env) => {
    try {
      prepare(tokens, env, options);
    } catch (err) {
      options.onError?.(err);
    }
    return render(tokens, renderOptions, env);
  };
  // A token whose HTML was not computed (not ready, or a failure half-way) shows its source text.
  md.renderer.rules[CITE] = (tokens, idx) => (tokens[idx].meta as CiteMeta).html ?? md.utils.escapeHtml(tokens[idx].content);
  md.renderer.rules[REFERENCES] = (tokens, idx) => (tokens[idx].meta as { html?: string }).html ?? '';
}

/** Parse time: replaces text tokens by text and citation tokens; adds the References placeholder. */
function markCitations(state: StateCore): void {
  let keyClusters = 0;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const line = block.map?.[0] ?? 0;
    const out: Token[] = [];
    let linkDepth = 0;
    for (const child of block.children) {
      if (child.type === 'link_open') linkDepth++;
      if (child.type === 'link_close') linkDepth--;
      const found = child.type === 'text' && linkDepth === 0 ? findTextCitations(child.content, true) : [];
      if (found.length === 0) {
        out.push(child);
        continue;
      }
      const text = child.content;
      let at = 0;
      for (const cite of found) {
        if (cite.start > at) out.push(textToken(state, text.slice(at, cite.start)));
        const token = new state.Token(CITE, 'span', 0);
        token.content = text.slice(cite.start, cite.end);
        token.meta = (cite.kind === 'key' ? { kind: 'key', cluster: cite.cluster } : { kind: 'numbered', numbers: cite.numbers, line }) satisfies CiteMeta;
        if (cite.kind === 'key') keyClusters++;
        out.push(token);
        at = cite.end;
      }
      if (at < text.length) out.push(textToken(state, text.slice(at)));
    }
    block.children = out;
  }
  if (keyClusters === 0) return;
  const section = new state.Token(REFERENCES, 'section', 0);
  section.block = true;
  section.meta = {};
  state.tokens.push(section);
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

/** Render time: the HTML of every citation token and of the References section. */
function prepare(tokens: Token[], env: unknown, options: CitationPluginOptions): void {
  const cites = tokens.flatMap((t) => (t.type === 'inline' && t.children ? t.children.filter((c) => c.type === CITE) : []));
  const references = tokens.find((t) => t.type === REFERENCES);
  for (const token of [...cites, ...(references ? [references] : [])]) delete (token.meta as CiteMeta).html;
  if (cites.length === 0 || (options.ready && !options.ready())) return;

  const numbered = safely(options, () => options.numberedReferences?.(env));
  const keyed: Token[] = [];
  for (const token of cites) {
    const meta = token.meta as CiteMeta;
    if (meta.kind === 'key') keyed.push(token);
    else if (numbered && meta.line < numbered.fromLine) meta.html = numberedHtml(token.content, meta.numbers, numbered);
  }
  if (keyed.length === 0) return;
  const result = formatDocumentCitations(
    keyed.map((token) => ({ cluster: (token.meta as Extract<CiteMeta, { kind: 'key' }>).cluster, raw: token.content })),
    {
      style: options.style(env),
      lookup: (key) => options.lookup(key, env),
      unresolvedTitle: options.unresolvedTitle ?? ((keys) => `No bibliography entry or study record for ${keys.map((k) => '@' + k).join(', ')}`),
      onError: options.onError,
    },
  );
  keyed.forEach((token, i) => ((token.meta as CiteMeta).html = result.html[i]));
  if (references && result.bibliography) {
    const given = options.referencesHeading;
    const heading = escapeHtml((typeof given === 'function' ? given(env) : given) ?? 'References');
    (references.meta as { html?: string }).html = `<section class="evidence-lens-references">\n<h2>${heading}</h2>\n${result.bibliography}\n</section>\n`;
  }
}

function numberedHtml(raw: string, numbers: number[], references: NumberedReferences): string {
  const texts = numbers.map((n) => references.texts.get(n));
  const known = texts.filter((t): t is string => t !== undefined);
  const cls = known.length === texts.length ? 'evidence-lens-cite' : 'evidence-lens-cite evidence-lens-unresolved';
  return `<span class="${cls}" title="${escapeHtml(known.join('\n'))}">${escapeHtml(raw)}</span>`;
}

function safely<T>(options: CitationPluginOptions, f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    options.onError?.(err);
    return undefined;
  }
}
