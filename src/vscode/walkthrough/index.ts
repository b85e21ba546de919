import * as vscode from 'vscode';

const EXAMPLE = 'psilocybin-review';

/**
 * The walkthrough's first step: copies the example review shipped inside the extension into a
 * folder the user picks (never over an existing one) and opens the copy.
 *
 * No workspace-trust gate, unlike every other write: trust guards against what the open folder's
 * content could make the extension do, and this command reads nothing from that folder. It copies
 * the extension's own files to a place the user chose in a dialog just now, never over an existing
 * one, and the copy opens as a new folder that VS Code asks trust for on its own. Refusing it would
 * only stop a new user in Restricted Mode from trying the example.
 */
export function register(context: vscode.ExtensionContext): vscode.Disposable {
  const openExampleReview = async (parent?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    const picked =
      parent instanceof vscode.Uri
        ? parent
        : (
            await vscode.window.showOpenDialog({
              canSelectFolders: true,
              canSelectFiles: false,
              canSelectMany: false,
              openLabel: vscode.l10n.t('Copy the example review here'),
              title: vscode.l10n.t('Where should the example review be copied?'),
            })
          )?.[0];
    if (!picked) return undefined;
    const target = await freeName(picked);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'examples', EXAMPLE), target, { overwrite: false });
    // Tests pass the folder and only want the copy; a user wants the review opened.
    if (!(parent instanceof vscode.Uri)) await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
    return target;
  };
  return vscode.commands.registerCommand('evidenceLens.openExampleReview', openExampleReview);
}

/** psilocybin-review, or psilocybin-review-2, -3… when the user already has one there. */
async function freeName(parent: vscode.Uri): Promise<vscode.Uri> {
  for (let i = 1; ; i++) {
    const candidate = vscode.Uri.joinPath(parent, i === 1 ? EXAMPLE : `${EXAMPLE}-${i}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}
