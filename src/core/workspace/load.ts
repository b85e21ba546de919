import { parseBibliography } from '../bibliography';
import type { EvidenceLensConfig } from '../config';
import { createPathMatcher } from '../config';
import type { PathMatcher } from '../config';
import type { WorkspaceFileSystem } from '../fs';
import { WorkspaceIndex } from '../index/workspace-index';
import { parseNote } from '../notes/note';
import type { ParsedNote } from '../notes/types';
import { parseStudyRecord } from '../studies/study';
import { stripBom } from '../text';
import { relativeTo, resolveFrom } from './paths';

export type FileKind = 'note' | 'bibliography' | 'study';

// Globs compile once per configuration, not once per file or keystroke.
const matchers = new WeakMap<EvidenceLensConfig, PathMatcher>();

function matcherFor(config: EvidenceLensConfig): PathMatcher {
  let matcher = matchers.get(config);
  if (!matcher) matchers.set(config, (matcher = createPathMatcher(config)));
  return matcher;
}

/** Which kind of workspace file a path is under this config, if any. */
export function classify(root: string, file: string, config: EvidenceLensConfig): FileKind | undefined {
  const rel = relativeTo(root, file);
  if (rel.startsWith('..')) return undefined;
  const matcher = matcherFor(config);
  if (matcher.isStudy(rel)) return 'study';
  if (matcher.isBibliography(rel)) return 'bibliography';
  if (matcher.isNote(rel)) return 'note';
  return undefined;
}

/** Parses one file's text into the index as the given kind. */
export function indexText(index: WorkspaceIndex, file: string, kind: FileKind, rawText: string): void {
  const text = stripBom(rawText);
  if (kind === 'note') index.setNote(parseNote(text, file));
  else if (kind === 'study') index.setStudy(parseStudyRecord(text, file));
  else index.setBibliography(parseBibliography(text, file));
}

/**
 * A `.json` file counts as a bibliography only when it holds an array, so package.json and
 * editor settings in a reviewer's folder are not reported as broken CSL-JSON.
 */
export function looksLikeBibliography(file: string, text: string): boolean {
  if (!file.toLowerCase().endsWith('.json')) return true;
  return /^\s*\[/.test(stripBom(text));
}

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  notes: string[];
  bibliographies: string[];
  studies: string[];
}

export interface LoadOptions {
  /** Parses and indexes one bibliography elsewhere (the editor: on a worker thread); default in place. */
  indexBibliography?: (index: WorkspaceIndex, file: string, text: string) => Promise<void>;
  /** Parses one note (the editor: in slices, see parseNoteInSlices); default in one piece. */
  parseNote?: (text: string, file: string) => Promise<ParsedNote>;
}

/** Reads and indexes every note, bibliography and study record under `root`. */
export async function loadWorkspace(
  fs: WorkspaceFileSystem,
  root: string,
  config: EvidenceLensConfig,
  index = new WorkspaceIndex(),
  options: LoadOptions = {},
): Promise<LoadedWorkspace> {
  const indexFile = async (file: string, kind: FileKind, text: string): Promise<void> => {
    if (kind === 'bibliography' && options.indexBibliography) await options.indexBibliography(index, file, stripBom(text));
    else if (kind === 'note' && options.parseNote) index.setNote(await options.parseNote(stripBom(text), file));
    else indexText(index, file, kind, text);
  };
  const loaded: LoadedWorkspace = { index, notes: [], bibliographies: [], studies: [] };
  const files = (await fs.listFiles(root)).sort();
  for (const file of files) {
    const kind = classify(root, file, config);
    if (!kind) continue;
    let text: string;
    try {
      text = await fs.readText(file);
    } catch {
      continue;
    }
    if (kind === 'bibliography' && !looksLikeBibliography(file, text)) continue;
    await indexFile(file, kind, text);
    loaded[kind === 'note' ? 'notes' : kind === 'study' ? 'studies' : 'bibliographies'].push(file);
  }
  // Bibliographies a note names in its front matter, wherever they are.
  for (const note of index.notes()) {
    for (const bib of note.bibliographyPaths) {
      const file = resolveFrom(note.file, bib.path);
      if (index.kindOf(file) || !(await fs.exists(file))) continue;
      try {
        await indexFile(file, 'bibliography', await fs.readText(file));
        loaded.bibliographies.push(file);
      } catch {
        /* reported as missing by the note check */
      }
    }
  }
  return loaded;
}
