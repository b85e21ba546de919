import * as vscode from 'vscode';
import type { NodeKind, SourceIcon, TreeNode } from '../../core/tree';
import { toRange } from '../convert';

const SOURCE_ICONS: Record<SourceIcon, string> = {
  'article-journal': 'file-text',
  book: 'book',
  chapter: 'bookmark',
  report: 'output',
  thesis: 'mortar-board',
  webpage: 'globe',
  dataset: 'database',
  other: 'file',
};

const KIND_ICONS: Partial<Record<NodeKind, string>> = {
  bibliography: 'library',
  'numbered-group': 'list-ordered',
  'numbered-note': 'markdown',
  'reference-item': 'list-ordered',
  citing: 'quote',
  'design-group': 'layers',
  record: 'beaker',
};

/** Flags win over the type icon: a retracted or conflicting work must stand out in a long list. */
function iconOf(node: TreeNode): vscode.ThemeIcon {
  if (node.retracted) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (node.mismatched) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (node.kind === 'outcome') {
    return node.significant === undefined ? new vscode.ThemeIcon('graph') : new vscode.ThemeIcon(node.significant ? 'pass' : 'circle-slash');
  }
  if (node.kind === 'entry') return new vscode.ThemeIcon(SOURCE_ICONS[node.icon ?? 'other']);
  return new vscode.ThemeIcon(KIND_ICONS[node.kind] ?? 'circle-small');
}

const CONTEXT: Record<NodeKind, string> = {
  bibliography: 'group',
  'numbered-group': 'group',
  'numbered-note': 'group',
  'design-group': 'group',
  entry: 'entry',
  'reference-item': 'referenceItem',
  record: 'record',
  citing: 'citing',
  outcome: 'outcome',
};

/** "entry hasDoi": menus match the first word for the row kind and the rest for what it offers. */
export function contextValueOf(node: TreeNode): string {
  return [CONTEXT[node.kind], node.doi ? 'hasDoi' : '', node.key ? 'hasKey' : ''].filter(Boolean).join(' ');
}

// Core names tooltip fields in English; each name is spelt out here so the l10n extractor sees it.
const FIELD_NAMES: Record<string, () => string> = {
  'Cited at': () => vscode.l10n.t('Cited at'),
  'Sentence': () => vscode.l10n.t('Sentence'),
  'Reference': () => vscode.l10n.t('Reference'),
  'Listed in': () => vscode.l10n.t('Listed in'),
  'DOI': () => vscode.l10n.t('DOI'),
  'Outcome': () => vscode.l10n.t('Outcome'),
  'Reported': () => vscode.l10n.t('Reported'),
  'Values': () => vscode.l10n.t('Values'),
  'Title': () => vscode.l10n.t('Title'),
  'Authors': () => vscode.l10n.t('Authors'),
  'Year': () => vscode.l10n.t('Year'),
  'Journal': () => vscode.l10n.t('Journal'),
  'Key': () => vscode.l10n.t('Key'),
  'Defined in': () => vscode.l10n.t('Defined in'),
  'Status': () => vscode.l10n.t('Status'),
  'Id': () => vscode.l10n.t('Id'),
  'Design': () => vscode.l10n.t('Design'),
  'Population': () => vscode.l10n.t('Population'),
  'Species': () => vscode.l10n.t('Species'),
  'Analysed': () => vscode.l10n.t('Analysed'),
  'Follow-up': () => vscode.l10n.t('Follow-up'),
  'Record': () => vscode.l10n.t('Record'),
};

/** Tooltip of file data: never trusted, no HTML, every value escaped by appendText. */
export function tooltipOf(node: TreeNode): vscode.MarkdownString | undefined {
  if (!node.details?.length) return undefined;
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  for (const [name, value] of node.details) {
    md.appendMarkdown('**');
    md.appendText(FIELD_NAMES[name]?.() ?? name);
    md.appendMarkdown(':** ');
    md.appendText(value);
    md.appendMarkdown('  \n');
  }
  return md;
}

export function toTreeItem(node: TreeNode, uriOf: (file: string) => vscode.Uri): vscode.TreeItem {
  const state = node.children.length === 0
    ? vscode.TreeItemCollapsibleState.None
    : node.kind === 'bibliography' || node.kind === 'numbered-group' || node.kind === 'design-group'
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = node.description;
  item.iconPath = iconOf(node);
  item.contextValue = contextValueOf(node);
  if (node.file && node.range) {
    const options: vscode.TextDocumentShowOptions = { selection: toRange(node.range), preview: true };
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uriOf(node.file), options] };
  }
  return item;
}
