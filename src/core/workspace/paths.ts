import * as path from 'path';

/** Resolves a note's `bibliography:` path against the note's folder (as Quarto does). */
export function resolveFrom(noteFile: string, relative: string): string {
  if (relative.startsWith('/')) return path.posix.normalize(relative);
  return path.posix.normalize(path.posix.join(path.posix.dirname(noteFile), relative));
}

export function relativeTo(root: string, file: string): string {
  return path.posix.relative(root, file);
}
