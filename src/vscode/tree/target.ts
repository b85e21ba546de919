import * as vscode from 'vscode';
import { describeItem, keyAt } from '../../core/tree';
import type { TreeNode } from '../../core/tree';
import { titleOf } from '../../core/format/describe';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

/** A row passed by a tree menu (commands also run from the palette and from tests with a key). */
export function isTreeNode(arg: unknown): arg is TreeNode {
  return typeof arg === 'object' && arg !== null && typeof (arg as TreeNode).id === 'string' && typeof (arg as TreeNode).kind === 'string';
}

/** The key under the active editor's cursor, if any. */
export function keyAtCursor(services: Services): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return keyAt(services.model.index, corePathOf(editor.document.uri), editor.selection.active);
}

/** Every key with its title, for pickers. */
export async function pickKey(services: Services, placeHolder: string, keys?: string[]): Promise<string | undefined> {
  const index = services.model.index;
  const items = (keys ?? index.allKeys()).sort().map((key): vscode.QuickPickItem => {
    const entry = index.entries(key)[0];
    const record = index.studies(key)[0];
    const title = entry ? titleOf(entry.csl) : (record?.title ?? '');
    return { label: key, description: entry ? describeItem(entry.csl) : record?.year?.toString(), detail: title || undefined };
  });
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No bibliography entry or study record in this folder yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.label;
}

/** The key a command acts on: the row it was run on, a key argument, the cursor, or a pick. */
export async function targetKey(services: Services, arg: unknown, placeHolder: string, keys?: () => string[]): Promise<string | undefined> {
  if (isTreeNode(arg)) return arg.key;
  if (typeof arg === 'string' && arg) return arg;
  return keyAtCursor(services) ?? pickKey(services, placeHolder, keys?.());
}
