import * as vscode from 'vscode';
import type { EvidenceLensApi } from '../../src/extension';
import { waitFor } from './wait';

export const folder = () => vscode.workspace.workspaceFolders![0].uri;
export const fileUri = (rel: string) => vscode.Uri.joinPath(folder(), rel);
/** A URI as a path relative to the workspace folder, for readable assertions. */
export const rel = (uri: vscode.Uri) => uri.path.slice(folder().path.length + 1);
export const span = (r: vscode.Range) => [r.start.line, r.start.character, r.end.line, r.end.character];

export async function open(relPath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(relPath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Evidence Lens's hover at a position (other extensions' hovers filtered out), once the index has loaded. */
export async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<{ hover: vscode.Hover; md: vscode.MarkdownString }> {
  return waitFor(async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    for (const hover of hovers ?? []) {
      for (const c of hover.contents) if (c instanceof vscode.MarkdownString && /Cited in/.test(c.value)) return { hover, md: c };
    }
    return undefined;
  }, `a hover at ${position.line}:${position.character}`);
}

/** The rendered text of escaped markdown: what a reader sees, for substring assertions. */
export const unescape = (value: string) => value.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Creates a scratch note and returns its URI; delete it with removeScratch. */
export async function scratch(name: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(`notes/${name}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/**
 * Reverts and closes a scratch note's editor, waits for the re-index that queues, then deletes the
 * file and waits until the index has dropped it. In another order a queued re-index of the
 * still-open document (VS Code disposes closed documents later) can put the note back.
 */
export async function removeScratch(uri: vscode.Uri): Promise<void> {
  const { services } = vscode.extensions.getExtension<EvidenceLensApi>('evidence-lens.evidence-lens')!.exports;
  const file = uri.fsPath.split('\\').join('/');
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document.uri.toString() !== uri.toString()) continue;
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
  await waitFor(() => (services.model.hasPending(file) ? undefined : true), `the re-index of ${uri.path}`);
  await vscode.workspace.fs.delete(uri);
  await waitFor(() => (services.model.index.kindOf(file) === undefined ? true : undefined), `the index to drop ${uri.path}`);
}
