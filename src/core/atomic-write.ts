// Node only (like resolver/node-cache-storage.ts): every file Evidence Lens writes on a local
// disk outside the editor goes through here, so a crash, a kill or a full disk mid-write leaves
// either the old file or the new one, never a torn mix.
import { promises as fsp } from 'fs';
import * as path from 'path';

/**
 * Writes `data` to a temp file in the same folder (a rename is atomic only within one file
 * system), flushes it to disk, gives it the original's permissions, then renames it over the
 * file. A symlink is followed so the link stays a link. The folder is flushed too where the
 * platform allows, so the rename itself survives a power cut.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, now: () => number = Date.now): Promise<void> {
  const target = await fsp.realpath(file).catch(() => file);
  const mode = await fsp.stat(target).then(
    (s) => s.mode & 0o7777,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    },
  );
  const temp = `${target}.${process.pid}.${now()}.${Math.random().toString(36).slice(2)}.tmp`;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(temp, 'wx', mode ?? 0o666);
    await handle.writeFile(data);
    // open() applied the umask; the original's mode is restored exactly.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fsp.rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncFolder(path.dirname(target));
}

async function syncFolder(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is as durable as NTFS makes it.
  const handle = await fsp.open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}
