// Cache storage on a local disk through Node's fs. Both hosts that use it are Node processes
// (the CLI and VS Code's extension host), so it needs no editor API.
import { promises as fsp } from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../atomic-write';
import type { CacheStorage } from './cache';

export const CACHE_FILE_NAME = 'doi-cache.json';

export class NodeCacheStorage implements CacheStorage {
  readonly file: string;

  constructor(
    readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = path.join(dir, CACHE_FILE_NAME);
  }

  async read(): Promise<string | undefined> {
    try {
      return await fsp.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async write(text: string): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.file, text, this.now);
  }

  async setAside(): Promise<void> {
    await fsp.rename(this.file, `${this.file}.corrupt-${this.now()}`);
  }
}

/** The CLI's cache folder: $XDG_CACHE_HOME/evidence-lens, else ~/.cache/evidence-lens. */
export function userCacheDir(env: Record<string, string | undefined>, home: string): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
  return path.join(base, 'evidence-lens');
}
