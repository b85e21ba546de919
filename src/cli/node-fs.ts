import { promises as fsp } from 'fs';
import * as path from 'path';
import type { WorkspaceFileSystem } from '../core/fs';
import { walkFiles } from '../core/fs';
import { checkReadSize, decodeText } from '../core/workspace/file-limits';

/** Absolute '/'-separated form of a native path, the form src/core works with. */
export function toCorePath(native: string): string {
  return path.resolve(native).split(path.sep).join('/');
}

export const nodeFileSystem: WorkspaceFileSystem = {
  /** Throws UnreadableFileError for a file over the size limit (before reading it) or a binary one. */
  async readText(file: string): Promise<string> {
    checkReadSize((await fsp.stat(file)).size);
    return decodeText(await fsp.readFile(file));
  },
  async exists(file: string): Promise<boolean> {
    try {
      await fsp.access(file);
      return true;
    } catch {
      return false;
    }
  },
  async listFiles(root: string): Promise<string[]> {
    const stat = await fsp.stat(root).catch(() => undefined);
    if (stat?.isFile()) return [root];
    return walkFiles(root, async (dir) =>
      (await fsp.readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, kind: e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other' })),
    );
  },
};
