import * as vscode from 'vscode';
import type { WorkspaceFileSystem } from '../../core/fs';
import { walkFiles } from '../../core/fs';
import { checkReadSize, decodeTextInSlices } from '../../core/workspace/file-limits';

/** Core path ('/'-separated, absolute) of a URI; virtual file systems keep their path. */
export function corePathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath.split('\\').join('/') : uri.path;
}

/**
 * The core's file system over `vscode.workspace.fs`. Open documents win over the disk so the
 * index sees unsaved edits. `scheme` and `authority` rebuild URIs for virtual workspaces.
 */
export function createVscodeFileSystem(folder: vscode.Uri): WorkspaceFileSystem & { uriOf(path: string): vscode.Uri } {
  const uriOf = (path: string): vscode.Uri =>
    folder.scheme === 'file' ? vscode.Uri.file(path) : folder.with({ path });
  return {
    uriOf,
    async readText(path: string): Promise<string> {
      const uri = uriOf(path);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return open.getText();
      checkReadSize((await vscode.workspace.fs.stat(uri)).size);
      // In slices: a library of megabytes is read while the workspace loads, on the extension host.
      return decodeTextInSlices(await vscode.workspace.fs.readFile(uri));
    },
    async exists(path: string): Promise<boolean> {
      try {
        await vscode.workspace.fs.stat(uriOf(path));
        return true;
      } catch {
        return false;
      }
    },
    listFiles(root: string): Promise<string[]> {
      return walkFiles(root, async (dir) =>
        (await vscode.workspace.fs.readDirectory(uriOf(dir))).map(([name, type]) => ({
          name,
          kind: type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other',
        })),
      );
    },
  };
}
