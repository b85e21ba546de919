// markdown-it plugin for the preview: pandoc citations become formatted in-text citations in a
// CSL style, numbered citations get their reference's text as a tooltip, and a "References"
// section with the cited works is appended. pandoc's citation syntax is not markdown, so
// markdown-it leaves it in text tokens; a core rule after inline parsing splits those tokens.
// Only text tokens outside links are touched: code spans, fences, link destinations and image
// descriptions are other tokens or attributes.
import type MarkdownIt from 'markdown-it';
type StateCore = Parameters<Parameters<MarkdownIt['core']['ruler']['push']>[1]>[0];
type Token = StateCore['tokens'][number];
import { escapeHtml } from '../format/csl-html';
import type { CslItem } from '../types';
import { findTextCitations } from './find-citations';
import { formatDocumentCitations } from './format-document';
import type { ClusterSite } from './format-document';

/** The numbered reference list of the note being rendered. */
export interface NumberedReferences {
  /** Reference text by number. */
  texts: ReadonlyMap<number, string>;
  /** 0-based line of the list's heading: text at or after it is the list itself, not citations. */
  fromLine: number;
}

export interface CitationPluginOptions {
  lookup(key: string, env: unknown): CslItem | undefined;
  /** A built-in style name (apa, vancouver, harvard) or a registered template; read at each render. */
  style(env: unknown): string;
  numberedReferences?(env: unknown): NumberedReferences | undefined;
  referencesHeading?: string;
  unresolvedTitle?(keys: string[]): string;
  onError?(err: unknown): void;
}

const CITE = 'evidence_lens_cite';
const REFERENCES = 'evidence_lens_references';

interface CiteMeta {
  html?: string;
}

export function citationPlugin(md: MarkdownIt, options: CitationPluginOptions): void {
  if (md.core.ruler.getRules('').some((rule) => rule.name === 'evidence_lens_citations')) return;
  md.core.ruler.push('evidence_lens_citations', (state) => {
    try {
      transform(state, options);
    } catch (err) {
      options.onError?.(err);
    }
  });
  // A token whose HTML was never computed (a failure half-way) shows its source text.
  md.renderer.rules[CITE] = (tokens, idx) => (tokens[idx].meta as CiteMeta | null)?.html ?? escapeHtml(tokens[idx].content);
  md.renderer.rules[REFERENCES] = (tokens, idx) => tokens[idx].content;
}

function transform(state: StateCore, options: CitationPluginOptions): void {
  const env: unknown = state.env;
  const numbered = safely(options, () => options.numberedReferences?.(env));
  const keySites: { token: Token; site: ClusterSite }[] = [];
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const inList = numbered !== undefined && block.map !== null && block.map[0] >= numbered.fromLine;
    block.children = splitChildren(state, block.children, numbered !== undefined && !inList, (token, site) => keySites.push({ token, site }), numbered);
  }
  if (keySites.length === 0) return;
  const result = formatDocumentCitations(
    keySites.map((s) => s.site),
    {
      style: options.style(env),
      lookup: (key) => options.lookup(key, env),
      unresolvedTitle: options.unresolvedTitle ?? ((keys) => `No bibliography entry or study record for ${keys.map((k) => '@' + k).join(', ')}`),
      onError: options.onError,
    },
  );
  keySites.forEach(({ token }, i) => ((token.meta as CiteMeta).html = result.html[i]));
  if (!result.bibliography) return;
  const section = new state.Token(REFERENCES, 'section', 0);
  section.block = true;
  const heading = escapeHtml(options.referencesHeading ?? 'References');
  section.content = `<section class="evidence-lens-references">\n<h2>${heading}</h2>\n${result.bibliography}\n</section>\n`;
  state.tokens.push(section);
}

function splitChildren(
  state: StateCore,
  children: Token[],
  withNumbered: boolean,
  onKeySite: (token: Token, site: ClusterSite) => void,
  numbered: NumberedReferences | undefined,
): Token[] {
  const out: Token[] = [];
  let linkDepth = 0;
  for (const child of children) {
    if (child.type === 'link_open') linkDepth++;
    if (child.type === 'link_close') linkDepth--;
    const found = child.type === 'text' && linkDepth === 0 ? findTextCitations(child.content, withNumbered) : [];
    if (found.length === 0) {
      out.push(child);
      continue;
    }
    let at = 0;
    const text = child.content;
    const pushText = (content: string) => {
      if (!content) return;
      const t = new state.Token('text', '', 0);
      t.content = content;
      out.push(t);
    };
    for (const cite of found) {
      pushText(text.slice(at, cite.start));
      const token = new state.Token(CITE, 'span', 0);
      token.content = text.slice(cite.start, cite.end);
      token.meta = {} satisfies CiteMeta;
      if (cite.kind === 'key') onKeySite(token, { cluster: cite.cluster, raw: token.content });
      else (token.meta as CiteMeta).html = numberedHtml(token.content, cite.numbers, numbered!);
      out.push(token);
      at = cite.end;
    }
    pushText(text.slice(at));
  }
  return out;
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
