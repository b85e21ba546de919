import * as vscode from 'vscode';
import { authorShort, journalOf, titleOf, yearOf } from '../../core/format/describe';
import { libraryItems } from '../../core/format/library-items';
import { planCitationInsert } from '../../core/notes/citation-insert';
import type { Services } from '../services';

interface KeyPick extends vscode.QuickPickItem {
  key: string;
}

async function pickKey(services: Services): Promise<string | undefined> {
  await services.model.ready;
  const picks: KeyPick[] = libraryItems(services.model.index).map((item) => ({
    key: item.id,
    label: titleOf(item) || item.id,
    description: [authorShort(item), yearOf(item)].filter(Boolean).join(' '),
    detail: [journalOf(item), item.id].filter(Boolean).join(' · '),
  }));
  const chosen = await vscode.window.showQuickPick(picks, {
    title: vscode.l10n.t('Insert citation'),
    placeHolder: vscode.l10n.t('Search by title, author, year, journal or key'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return chosen?.key;
}

/** evidenceLens.insertCitation [key]: the key argument skips the picker (tests, keybindings). */
export async function insertCitation(services: Services, keyArg?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a note to insert a citation.'));
    return false;
  }
  const key = typeof keyArg === 'string' && keyArg ? keyArg : await pickKey(services);
  if (!key) return false;
  const position = editor.selection.active;
  const plan = planCitationInsert(editor.document.lineAt(position.line).text, position.character, key);
  const at = new vscode.Position(position.line, plan.at);
  const ok = await editor.edit((builder) => builder.insert(at, plan.text));
  if (ok) {
    const end = at.translate(0, plan.text.length);
    editor.selection = new vscode.Selection(end, end);
  }
  return ok;
}
