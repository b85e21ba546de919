import type { WorkspaceFileSystem } from '../../src/core/fs';

/** A file system of literal texts, for index and check tests. */
export function memoryFs(files: Record<string, string>): WorkspaceFileSystem {
  return {
    async readText(path) {
      if (!(path in files)) throw new Error(`ENOENT ${path}`);
      return files[path];
    },
    async exists(path) {
      return path in files;
    },
    async listFiles(root) {
      return Object.keys(files).filter((f) => f.startsWith(root.endsWith('/') ? root : root + '/'));
    },
  };
}
