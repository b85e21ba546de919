import * as vscode from 'vscode';
import { exportItems, formatBibliography } from '../../core/format/citation-format';
import type { ExportFormat } from '../../core/format/citation-format';
import { itemsCitedAnywhere, itemsCitedIn, libraryItems } from '../../core/format/library-items';
import type { CslItem } from '../../core/types';
import { citationStyleOf } from '../preview/style';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

export type ExportScope = 'note' | 'cited' | 'library';
export type ExportTarget = vscode.Uri | 'clipboard';

export interface ExportOptions {
  scope: ExportScope;
  format: ExportFormat | 'text';
  /** For text: 'configured' (the evidenceLens.citationStyle setting), apa, vancouver or harvard. */
  style?: string;
  target: ExportTarget;
}

/** Beyond this many entries formatting takes seconds (about 2.5 ms an APA entry), so show progress. */
const PROGRESS_FROM = 200;

const EXTENSION: Record<ExportOptions['format'], string> = { text: 'txt', bibtex: 'bib', biblatex: 'bib', 'csl-json': 'json', ris: 'ris' };

async function pick<T>(items: (vscode.QuickPickItem & { value: T })[], title: string): Promise<T | undefined> {
  return (await vscode.window.showQuickPick(items, { title }))?.value;
}

/** Asks for whatever the options leave out; undefined when the user cancels. */
async function askOptions(given: Partial<ExportOptions>): Promise<ExportOptions | undefined> {
  const t = vscode.l10n.t;
  const scope =
    given.scope ??
    (await pick<ExportScope>(
      [
        { label: t('Cited in the active note'), value: 'note' },
        { label: t('Cited in any note'), value: 'cited' },
        { label: t('Whole library'), value: 'library' },
      ],
      t('Export which entries?'),
    ));
  if (!scope) return undefined;
  let { format, style } = given;
  if (!format) {
    const chosen = await pick<[ExportOptions['format'], string?]>(
      [
        { label: t('Formatted text in the configured style'), value: ['text', 'configured'] },
        { label: t('Formatted text, APA'), value: ['text', 'apa'] },
        { label: t('Formatted text, Vancouver'), value: ['text', 'vancouver'] },
        { label: t('Formatted text, Harvard'), value: ['text', 'harvard'] },
        { label: 'BibTeX', value: ['bibtex'] },
        { label: 'BibLaTeX', value: ['biblatex'] },
        { label: 'CSL-JSON', value: ['csl-json'] },
        { label: 'RIS', value: ['ris'] },
      ],
      t('Export in which format?'),
    );
    if (!chosen) return undefined;
    [format, style] = chosen;
  }
  let target = given.target;
  if (!target) {
    const where = await pick<'file' | 'clipboard'>(
      [
        { label: t('Save to a file…'), value: 'file' },
        { label: t('Copy to the clipboard'), value: 'clipboard' },
      ],
      t('Export where?'),
    );
    if (!where) return undefined;
    if (where === 'clipboard') target = 'clipboard';
    else {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `bibliography.${EXTENSION[format]}`;
      target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined });
      if (!target) return undefined;
    }
  }
  return { scope, format, style, target };
}

function itemsFor(services: Services, scope: ExportScope): CslItem[] | string {
  const index = services.model.index;
  if (scope === 'library') return libraryItems(index);
  if (scope === 'cited') return itemsCitedAnywhere(index);
  const uri = vscode.window.activeTextEditor?.document.uri;
  const note = uri ? index.note(corePathOf(uri)) : undefined;
  return note ? itemsCitedIn(index, note) : vscode.l10n.t('The active editor is not a note of this folder.');
}

async function render(services: Services, options: ExportOptions, items: CslItem[]): Promise<string> {
  if (options.format !== 'text') return exportItems(items, options.format);
  const styles = citationStyleOf(services);
  const style = !options.style || options.style === 'configured' ? await styles.load(styles.settingValue()) : options.style;
  return formatBibliography(items, style, 'text');
}

/** A new file is written directly; an existing one is replaced by renaming a full temporary copy over it. */
async function writeAtomically(target: vscode.Uri, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (!exists) return vscode.workspace.fs.writeFile(target, bytes);
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const temp = vscode.Uri.joinPath(target, '..', `.${name}.${Date.now().toString(36)}.tmp`);
  await vscode.workspace.fs.writeFile(temp, bytes);
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (err) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw err;
  }
}

/** evidenceLens.exportBibliography [options]: options skip the questions (tests, tasks). Returns the exported text. */
export async function exportBibliography(services: Services, given: Partial<ExportOptions> = {}): Promise<string | undefined> {
  const options = await askOptions(given && typeof given === 'object' ? given : {});
  if (!options) return undefined;
  if (options.target !== 'clipboard' && !vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Evidence Lens writes no file in an untrusted workspace; export to the clipboard instead.'));
    return undefined;
  }
  await services.model.ready;
  const items = itemsFor(services, options.scope);
  if (typeof items === 'string') {
    void vscode.window.showWarningMessage(items);
    return undefined;
  }
  const work = () => render(services, options, items);
  const text =
    items.length < PROGRESS_FROM
      ? await work()
      : await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Formatting {0} entries…', items.length) },
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 0)); // let the notification show before the CPU-bound work
            return work();
          },
        );
  if (options.target === 'clipboard') {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} entries to the clipboard.', items.length));
  } else {
    await writeAtomically(options.target, text);
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} entries to {1}.', items.length, vscode.workspace.asRelativePath(options.target)));
  }
  return text;
}
