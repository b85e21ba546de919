import * as vscode from 'vscode';
import type { WorkspaceFileSystem } from '../../core/fs';
import { IGNORED_FOLDERS } from '../../core/fs';
import { checkReadSize, decodeText } from '../../core/workspace/file-limits';

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
      return decodeText(await vscode.workspace.fs.readFile(uri));
    },
    async exists(path: string): Promise<boolean> {
      try {
        await vscode.workspace.fs.stat(uriOf(path));
        return true;
      } catch {
        return false;
      }
    },
    async listFiles(root: string): Promise<string[]> {
      const out: string[] = [];
      const walk = async (dir: string): Promise<void> => {
        let entries: [string, vscode.FileType][];
        try {
          entries = await vscode.workspace.fs.readDirectory(uriOf(dir));
        } catch {
          return;
        }
        for (const [name, type] of entries) {
          const full = `${dir}/${name}`;
          if (type & vscode.FileType.Directory) {
            if (!IGNORED_FOLDERS.has(name) && !name.startsWith('.')) await walk(full);
          } else if (type & vscode.FileType.File) out.push(full);
        }
      };
      await walk(root);
      return out;
    },
  };
}
