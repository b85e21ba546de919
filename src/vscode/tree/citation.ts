import * as vscode from 'vscode';
import { normaliseDoi } from '../../core/doi';
import { exportItems, formatEntry } from '../../core/format/citation-format';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import { doiUrl } from '../../core/tree';
import type { CslItem } from '../../core/types';
import type { Services } from '../services';
import { isTreeNode, targetKey } from './target';

export const COPY_STYLES = ['apa', 'vancouver', 'harvard', 'bibtex'] as const;
export type CopyStyle = (typeof COPY_STYLES)[number];

/** The bibliography's item for a key, or one made from the study record when only a record exists. */
export function itemForKey(index: WorkspaceIndex, key: string): CslItem | undefined {
  const entry = index.entries(key)[0];
  if (entry) return entry.csl;
  const record = index.studies(key)[0];
  if (!record) return undefined;
  const item: CslItem = { id: record.id, type: 'article-journal' };
  if (record.title) item.title = record.title;
  if (record.doi) item.DOI = record.doi;
  if (record.year !== undefined) item.issued = { 'date-parts': [[record.year]] };
  return item;
}

export function citationText(item: CslItem, style: CopyStyle): string {
  return style === 'bibtex' ? exportItems([item], 'bibtex').trimEnd() : formatEntry(item, style, 'text');
}

async function pickStyle(): Promise<CopyStyle | undefined> {
  const labels: Record<CopyStyle, string> = {
    apa: vscode.l10n.t('APA'),
    vancouver: vscode.l10n.t('Vancouver'),
    harvard: vscode.l10n.t('Harvard'),
    bibtex: vscode.l10n.t('BibTeX'),
  };
  const picked = await vscode.window.showQuickPick(
    COPY_STYLES.map((style) => ({ label: labels[style], style })),
    { placeHolder: vscode.l10n.t('Citation style') },
  );
  return picked?.style;
}

export async function copyCitation(services: Services, arg: unknown, styleArg?: unknown): Promise<string | undefined> {
  const key = await targetKey(services, arg, vscode.l10n.t('Source to copy'));
  const item = key ? itemForKey(services.model.index, key) : undefined;
  if (!item) return undefined;
  const style = (COPY_STYLES as readonly unknown[]).includes(styleArg) ? (styleArg as CopyStyle) : await pickStyle();
  if (!style) return undefined;
  const text = citationText(item, style);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the citation of {0}', key!), 3000);
  return text;
}

export async function openDoi(services: Services, arg: unknown): Promise<boolean> {
  let doi = isTreeNode(arg) ? arg.doi : undefined;
  if (!doi && !isTreeNode(arg) && typeof arg === 'string') doi = normaliseDoi(arg);
  if (!doi) {
    const key = await targetKey(services, arg, vscode.l10n.t('Source whose DOI to open'));
    const found = key ? itemForKey(services.model.index, key)?.DOI : undefined;
    doi = typeof found === 'string' ? found : undefined;
  }
  const normal = doi ? normaliseDoi(doi) : undefined;
  if (!normal) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This source has no valid DOI.'));
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(doiUrl(normal), true));
}
