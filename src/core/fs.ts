/**
 * The file system the core reads through. The CLI passes a node implementation; the extension
 * passes one over `vscode.workspace.fs` that prefers the text of open editors.
 * Paths are absolute and '/'-separated.
 */
export interface WorkspaceFileSystem {
  readText(path: string): Promise<string>;
  /** Every file under `root`, recursively, skipping folders that are never user content. */
  listFiles(root: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
}

/** Folders never searched for notes, bibliographies or records. */
export const IGNORED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.tools']);
