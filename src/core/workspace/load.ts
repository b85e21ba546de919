import { bibliographyFormatFor, parseBibliography } from '../bibliography';
import type { EvidenceLensConfig } from '../config';
import { createPathMatcher } from '../config';
import type { PathMatcher } from '../config';
import type { WorkspaceFileSystem } from '../fs';
import { WorkspaceIndex } from '../index/workspace-index';
import { parseNote } from '../notes/note';
import type { ParsedNote } from '../notes/types';
import { parseStudyRecord } from '../studies/study';
import { stripBom } from '../text';
import { finding } from '../types';
import { MAX_BYTES, tooLargeReason, UnreadableFileError } from './file-limits';
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

/**
 * Parses one file's text into the index as the given kind. Returns why it was not parsed when
 * it is over its kind's size limit (a UTF-16 unit counts as a byte: close enough for a bound).
 */
export function indexText(index: WorkspaceIndex, file: string, kind: FileKind, rawText: string): string | undefined {
  if (rawText.length > MAX_BYTES[kind]) {
    const reason = tooLargeReason(rawText.length, MAX_BYTES[kind]);
    indexUnreadable(index, file, kind, reason);
    return reason;
  }
  const text = stripBom(rawText);
  if (kind === 'note') index.setNote(parseNote(text, file));
  else if (kind === 'study') index.setStudy(parseStudyRecord(text, file));
  else index.setBibliography(parseBibliography(text, file));
}

/**
 * Records a file that is not parsed (binary, too large): bibliographies and records get their
 * invalid finding at the file's start; a note has no such code, so it is indexed empty (its
 * citations are not checked) and the caller logs `reason`.
 */
export function indexUnreadable(index: WorkspaceIndex, file: string, kind: FileKind, reason: string): void {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (kind === 'note') index.setNote(parseNote('', file));
  else if (kind === 'study') index.setStudy({ file, findings: [finding('study.invalid', file, at, `Could not read this study record: ${reason}.`)] });
  else {
    const format = bibliographyFormatFor(file) ?? 'csl-json';
    index.setBibliography({ file, format, entries: [], findings: [finding('bibliography.invalid', file, at, `Could not read this bibliography: ${reason}.`)] });
  }
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
  /** Files indexed without their content (binary, too large), with the reason. */
  unreadable: { file: string; reason: string }[];
}

export interface LoadOptions {
  /** Parses and indexes one bibliography elsewhere (the editor: on a worker thread); default in place. */
  indexBibliography?: (index: WorkspaceIndex, file: string, text: string) => Promise<void>;
  /** Parses one note (the editor: in slices, see parseNoteInSlices); default in one piece. */
  parseNote?: (text: string, file: string) => Promise<ParsedNote>;
}

/**
 * indexText with the caller's parsers where given (the editor: a worker thread, slices), within
 * the same size limits. Returns why the file was not parsed, if it was not.
 */
export async function indexTextWith(index: WorkspaceIndex, file: string, kind: FileKind, text: string, parsers: LoadOptions): Promise<string | undefined> {
  if (text.length <= MAX_BYTES[kind]) {
    if (kind === 'bibliography' && parsers.indexBibliography) return void (await parsers.indexBibliography(index, file, stripBom(text)));
    if (kind === 'note' && parsers.parseNote) return void index.setNote(await parsers.parseNote(stripBom(text), file));
  }
  return indexText(index, file, kind, text);
}

/** Reads and indexes every note, bibliography and study record under `root`. */
export async function loadWorkspace(
  fs: WorkspaceFileSystem,
  root: string,
  config: EvidenceLensConfig,
  index = new WorkspaceIndex(),
  options: LoadOptions = {},
): Promise<LoadedWorkspace> {
  const loaded: LoadedWorkspace = { index, notes: [], bibliographies: [], studies: [], unreadable: [] };
  const files = (await fs.listFiles(root)).sort();
  for (const file of files) {
    const kind = classify(root, file, config);
    if (!kind) continue;
    const read = await readForIndex(fs, file);
    if (!read) continue;
    let reason: string | undefined;
    if ('unreadable' in read) {
      // A .json that is not text is no CSL-JSON either: like package.json, not reported.
      if (kind === 'bibliography' && file.toLowerCase().endsWith('.json')) continue;
      indexUnreadable(index, file, kind, (reason = read.unreadable));
    } else if (kind === 'bibliography' && !looksLikeBibliography(file, read.text)) continue;
    else reason = await indexTextWith(index, file, kind, read.text, options);
    if (reason) loaded.unreadable.push({ file, reason });
    loaded[kind === 'note' ? 'notes' : kind === 'study' ? 'studies' : 'bibliographies'].push(file);
  }
  // Bibliographies a note names in its front matter, wherever they are.
  for (const note of index.notes()) {
    for (const bib of note.bibliographyPaths) {
      const file = resolveFrom(note.file, bib.path);
      if (index.kindOf(file) || !(await fs.exists(file))) continue;
      const read = await readForIndex(fs, file);
      if (!read) continue; // reported as missing by the note check
      let reason: string | undefined;
      if ('unreadable' in read) indexUnreadable(index, file, 'bibliography', (reason = read.unreadable));
      else reason = await indexTextWith(index, file, 'bibliography', read.text, options);
      if (reason) loaded.unreadable.push({ file, reason });
      loaded.bibliographies.push(file);
    }
  }
  return loaded;
}

/** A file's text, or why it is not read (binary, too large); undefined when it cannot be read at all. */
async function readForIndex(
  fs: WorkspaceFileSystem,
  file: string,
): Promise<{ text: string } | { unreadable: string } | undefined> {
  try {
    return { text: await fs.readText(file) };
  } catch (err) {
    return err instanceof UnreadableFileError ? { unreadable: err.reason } : undefined;
  }
}
