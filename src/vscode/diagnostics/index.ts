import * as vscode from 'vscode';
import { checkLibraryFiles, checkNote, inconsistentFigures } from '../../core/check';
import { prepareInconsistentFigures } from '../../core/claims/inconsistent';
import type { Finding } from '../../core/types';
import { toDiagnostic } from '../convert';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';
import { doisOfNote } from '../../core/resolver/note-dois';

/**
 * Publishes findings: library files (bibliographies, records) always; notes on start, on
 * "Check all notes", and while open. A note's diagnostics go when its editor closes.
 */
export function register(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  const { model } = services;
  const collection = vscode.languages.createDiagnosticCollection('evidence-lens');
  const libraryFiles = new Set<string>();
  const shownNotes = new Set<string>();
  // Notes holding claim.inconsistent findings: an edit elsewhere can add or clear theirs.
  let inconsistentNotes = new Set<string>();

  // What was last sent for each file: a reload or "Check all notes" re-checks every note, and
  // sending unchanged diagnostics again cost the extension host seconds of serialising (and the
  // renderer a Problems refresh) for 1,000 notes.
  const published = new Map<string, string>();
  const publish = (file: string, findings: Finding[]) => {
    services.findings.set(file, findings);
    const own = findings.filter((f) => f.file === file);
    const signature = JSON.stringify(own);
    if (published.get(file) === signature) return;
    published.set(file, signature);
    collection.set(
      model.uriOf(file),
      own.map((f) => toDiagnostic(f, (p) => model.uriOf(p))),
    );
  };
  const unpublish = (file: string, uri = model.uriOf(file)) => {
    collection.delete(uri);
    services.findings.delete(file);
    published.delete(file);
  };

  const refreshLibrary = () => {
    const findings = checkLibraryFiles(model.index, model.config);
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    for (const file of libraryFiles) if (!byFile.has(file)) unpublish(file);
    libraryFiles.clear();
    for (const [file, list] of byFile) {
      libraryFiles.add(file);
      if (model.isCurrent(file)) publish(file, list);
    }
  };

  const refreshNote = (file: string) => {
    const note = model.index.note(file);
    if (!note) {
      unpublish(file);
      shownNotes.delete(file);
      return;
    }
    shownNotes.add(file);
    // Findings for an older text than the editor's would land on the wrong lines; the pending reindex publishes.
    if (!model.isCurrent(file)) return;
    publish(file, checkNote(note, model.index, model.config, services.resolver));
  };

  // One check-all at a time: a second request waits for the first and then runs on what changed since.
  let checkAllRunning: Promise<void> = Promise.resolve();
  const checkAllNotes = () => (checkAllRunning = checkAllRunning.then(checkAllOnce, checkAllOnce));

  const checkAllOnce = async () => {
    await model.ready;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Evidence Lens: checking notes') },
      async (progress) => {
        const notes = model.index.notes();
        refreshLibrary();
        // The library's check (duplicate DOIs over every entry) and its publishing are a turn of their own.
        await nextTurn();
        // The cross-note comparison reads every note's figures once: done a slice at a time first.
        await inSlices(notes, (note) => prepareInconsistentFigures(note, model.index));
        inconsistentNotes = new Set(inconsistentFigures(model.index).map((f) => f.file));
        await inSlices(notes, (note, i) => {
          refreshNote(note.file);
          if (i % 50 === 49) progress.report({ message: `${i + 1}/${notes.length}` });
        });
      },
    );
  };

  const onModelChange = (files: string[]) => {
    if (!model.loaded) return; // the first full load ends with files = [] and checks everything
    if (files.length === 0) return void checkAllNotes();
    const libraryChanged = files.some((f) => model.index.kindOf(f) !== 'note');
    // Library findings (duplicate DOIs across every entry…) only change with a library file.
    if (libraryChanged) refreshLibrary();
    for (const file of files) if (model.index.kindOf(file) === 'note' || shownNotes.has(file)) refreshNote(file);
    // A bibliography or record change can resolve or break citations in any shown note.
    if (libraryChanged) for (const file of shownNotes) refreshNote(file);
    else {
      const now = new Set(inconsistentFigures(model.index).map((f) => f.file));
      for (const file of new Set([...inconsistentNotes, ...now])) if (shownNotes.has(file) && !files.includes(file)) refreshNote(file);
      inconsistentNotes = now;
    }
  };

  // Resolver answers change doi-unknown, doi-mismatch and source.retracted in the notes naming those DOIs.
  const onResolved = (dois: string[] | undefined) => {
    if (!model.loaded) return;
    const wanted = dois && new Set(dois);
    for (const file of shownNotes) {
      const note = model.index.note(file);
      if (!wanted || (note && doisOfNote(note, model.index).some((d) => wanted.has(d)))) refreshNote(file);
    }
  };

  return vscode.Disposable.from(
    collection,
    model.onDidChange(onModelChange),
    services.onDidResolve?.(onResolved) ?? new vscode.Disposable(() => undefined),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const file = corePathOf(d.uri);
      if (model.index.kindOf(file) !== 'note') return;
      unpublish(file, d.uri);
      shownNotes.delete(file);
    }),
    vscode.commands.registerCommand('evidenceLens.checkAllNotes', checkAllNotes),
  );
}

/**
 * Runs `fn` over the items, yielding to the event loop whenever 10 ms have passed, so the
 * extension host stays responsive (counting items instead let 50 long notes hold it for 300 ms;
 * 20 ms slices plus the collector's pauses still made turns of 50–80 ms).
 */
async function inSlices<T>(items: readonly T[], fn: (item: T, index: number) => void): Promise<void> {
  let sliceStart = Date.now();
  for (let i = 0; i < items.length; i++) {
    fn(items[i], i);
    if (Date.now() - sliceStart >= 10) {
      await nextTurn();
      sliceStart = Date.now();
    }
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
