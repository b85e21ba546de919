import * as path from 'path';
import * as vscode from 'vscode';
import { normaliseDoi } from '../../core/doi';
import { formatEntry, isBuiltinStyle } from '../../core/format/citation-format';
import { applyTextEdits, bibtexAppendEdit, citationKeyFor, cslJsonInsertEdits, entryItem } from '../../core/resolver/add-source';
import type { TextEdit } from '../../core/resolver/add-source';
import { writeFileAtomic } from '../../core/atomic-write';
import { utf16ByteOrder } from '../../core/workspace/file-limits';
import type { Resolver } from '../../core/resolver/resolver';
import type { BibEntry, ParsedBibliography } from '../../core/types';
import { toRange } from '../convert';
import type { Services } from '../services';

export type AddSourceResult =
  | { status: 'added'; key: string; file: string }
  | { status: 'exists'; key: string; file: string }
  | { status: 'not-added'; reason: string };

/**
 * "Add source from DOI": resolve, show the formatted entry, append it to a BibTeX or CSL-JSON
 * bibliography under a fresh author+year key. With a DOI argument (and a target when there are
 * several bibliographies) it asks nothing, for tests and other commands.
 */
export function registerAddSource(services: Services, resolver: Resolver): vscode.Disposable {
  return vscode.commands.registerCommand(
    'evidenceLens.addSourceFromDoi',
    async (doiArg?: string, targetArg?: string | vscode.Uri): Promise<AddSourceResult> => {
      const { model } = services;
      const interactive = doiArg === undefined;
      const notAdded = (reason: string): AddSourceResult => {
        void vscode.window.showErrorMessage(reason);
        return { status: 'not-added', reason };
      };
      const raw =
        doiArg ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Add source from DOI'),
          prompt: vscode.l10n.t('DOI of the work to add (10.xxxx/…, doi:…, or a doi.org link)'),
          validateInput: (v) => (normaliseDoi(v) ? undefined : vscode.l10n.t('Not a DOI: a DOI looks like 10.1056/NEJMoa2206443.')),
        }));
      if (raw === undefined) return { status: 'not-added', reason: 'cancelled' };
      if (!vscode.workspace.isTrusted) return notAdded(vscode.l10n.t('Evidence Lens writes no file in an untrusted workspace.'));
      const doi = normaliseDoi(raw);
      if (!doi) return notAdded(vscode.l10n.t('{0} is not a DOI.', raw));
      await model.ready;

      const existing = model.index.worksForDoi(doi).find((w) => w.kind === 'entry');
      if (existing?.kind === 'entry') {
        void showExisting(existing.entry, services);
        return { status: 'exists', key: existing.entry.key, file: existing.entry.file };
      }
      const targets = model.index.allBibliographies().filter((b) => b.format === 'bibtex' || b.format === 'csl-json');
      if (targets.length === 0) return notAdded(vscode.l10n.t('No BibTeX (.bib) or CSL-JSON bibliography in this folder to add the source to.'));
      if (!resolver.online && !resolver.peek(doi)) return notAdded(vscode.l10n.t('DOI lookups are off (untrusted workspace or evidenceLens.online is false).'));

      const work = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up {0}', doi) },
        () => resolver.resolve(doi),
      );
      if (work.status === 'not-found') return notAdded(vscode.l10n.t('{0} does not know the DOI {1}.', work.source, doi));
      if (work.status !== 'found' || !work.item) return notAdded(vscode.l10n.t('No answer for {0}: {1}.', doi, work.error ?? work.status));

      const target = await chooseTarget(targets, targetArg, services);
      if (!target) return { status: 'not-added', reason: 'no bibliography chosen' };
      const key = citationKeyFor(work.item, model.index.allKeys());
      const item = entryItem(work.item, key);
      if (interactive) {
        const style = vscode.workspace.getConfiguration('evidenceLens').get<string>('citationStyle', 'apa');
        const add = vscode.l10n.t('Add');
        const answer = await vscode.window.showInformationMessage(
          vscode.l10n.t('Add {0} to {1}?', key, path.basename(target.file)),
          { modal: true, detail: formatEntry(item, isBuiltinStyle(style) ? style : 'apa') },
          add,
        );
        if (answer !== add) return { status: 'not-added', reason: 'cancelled' };
      }
      try {
        await writeEdits(model.uriOf(target.file), target.format === 'bibtex' ? (t) => [bibtexAppendEdit(t, item)] : (t) => cslJsonInsertEdits(t, item));
      } catch (err) {
        return notAdded(vscode.l10n.t('Could not add {0} to {1}: {2}', key, path.basename(target.file), err instanceof Error ? err.message : String(err)));
      }
      services.log.info(`Added ${key} (${doi}) to ${target.file}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Added @{0} to {1}.', key, path.basename(target.file)));
      return { status: 'added', key, file: target.file };
    },
  );
}

async function showExisting(entry: BibEntry, services: Services): Promise<void> {
  const open = vscode.l10n.t('Open entry');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t("This DOI is already in the library as '{0}' in {1}.", entry.key, path.basename(entry.file)),
    open,
  );
  if (answer !== open) return;
  const doc = await vscode.workspace.openTextDocument(services.model.uriOf(entry.file));
  await vscode.window.showTextDocument(doc, { selection: toRange(entry.keyRange) });
}

async function chooseTarget(targets: ParsedBibliography[], arg: string | vscode.Uri | undefined, services: Services): Promise<ParsedBibliography | undefined> {
  const root = services.model.root;
  if (arg !== undefined) {
    const wanted = typeof arg === 'string' ? path.resolve(root ?? '/', arg).split(path.sep).join('/') : arg.fsPath.split(path.sep).join('/');
    const found = targets.find((t) => t.file === wanted);
    if (!found) void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not a BibTeX or CSL-JSON bibliography of this folder.', String(arg)));
    return found;
  }
  if (targets.length === 1) return targets[0];
  const picked = await vscode.window.showQuickPick(
    targets.map((t) => ({ label: root ? path.posix.relative(root, t.file) : t.file, description: t.format === 'bibtex' ? 'BibTeX' : 'CSL-JSON', target: t })),
    { title: vscode.l10n.t('Add the source to which bibliography?') },
  );
  return picked?.target;
}

/**
 * Applies the edits through the editor when the file is open (undo works, unsaved text is
 * respected), else writes the file atomically. Every byte outside the edits is kept.
 */
async function writeEdits(uri: vscode.Uri, editsFor: (text: string) => TextEdit[]): Promise<void> {
  let open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const bytes = open ? undefined : await vscode.workspace.fs.readFile(uri);
  // The byte path below is UTF-8 only; the editor writes a UTF-16 file back in UTF-16.
  if (bytes && utf16ByteOrder(bytes)) open = await vscode.workspace.openTextDocument(uri);
  if (open) {
    const wasDirty = open.isDirty;
    const edit = new vscode.WorkspaceEdit();
    for (const e of editsFor(open.getText())) edit.replace(uri, new vscode.Range(open.positionAt(e.offset), open.positionAt(e.offset + e.length)), e.content);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('the editor refused the edit'));
    if (!wasDirty) await open.save();
    return;
  }
  // ignoreBOM keeps a byte order mark in the text, so it is written back unchanged; fatal refuses
  // bytes that are not UTF-8 (they would be rewritten as U+FFFD).
  const text = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
  const updated = applyTextEdits(text, editsFor(text));
  if (uri.scheme === 'file') await writeFileAtomic(uri.fsPath, updated);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(updated));
}
