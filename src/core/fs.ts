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

export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory' | 'other';
}

/**
 * Every file under `root`, depth first in listing order, skipping IGNORED_FOLDERS and hidden
 * folders; a folder that cannot be read is passed over. Both file systems list through this, each
 * with its own way of reading one folder.
 */
export async function walkFiles(root: string, readDirectory: (dir: string) => Promise<DirectoryEntry[]>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries: DirectoryEntry[];
    try {
      entries = await readDirectory(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = `${dir === '/' ? '' : dir}/${entry.name}`;
      if (entry.kind === 'directory') {
        if (!IGNORED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
      } else if (entry.kind === 'file') out.push(full);
    }
  };
  await walk(root);
  return out;
}
