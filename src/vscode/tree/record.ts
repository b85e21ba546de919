import * as vscode from 'vscode';
import { studyRecordPath, studyRecordTemplate } from '../../core/tree';
import type { Services } from '../services';
import { itemForKey } from './citation';
import { keyAtCursor, targetKey } from './target';

function validKey(value: string): string | undefined {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*$/u.test(value.trim()) ? undefined : vscode.l10n.t('A citation key: letters, digits and _:.#$%&+?<>~/- without spaces.');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function open(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const end = doc.lineAt(Math.min(line, doc.lineCount - 1)).range.end;
  return vscode.window.showTextDocument(doc, { selection: new vscode.Range(end, end) });
}

/**
 * Creates the study record of a source, prefilled from its bibliography entry, and opens it on
 * the first field only the reader can fill. An existing record is opened, never overwritten.
 */
export async function createStudyRecord(services: Services, arg: unknown): Promise<vscode.Uri | undefined> {
  const { model } = services;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Evidence Lens writes no file in an untrusted workspace.'));
    return undefined;
  }
  if (!model.root) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to create study records in it.'));
    return undefined;
  }
  const withoutRecord = [...new Set(model.index.allEntries().map((e) => e.key))].filter((k) => model.index.studies(k).length === 0);
  const picked =
    arg === undefined && !keyAtCursor(services) && withoutRecord.length === 0
      ? // Nothing to pick from (an empty folder's welcome button): the user names the study.
        await vscode.window.showInputBox({ prompt: vscode.l10n.t('Citation key of the study (the id of its record)'), validateInput: validKey })
      : await targetKey(services, arg, vscode.l10n.t('Source to create a study record for'), () => withoutRecord);
  const key = picked?.trim();
  if (!key) return undefined;
  const existing = model.index.studies(key)[0];
  if (existing) {
    await open(model.uriOf(existing.file), existing.idRange.start.line);
    return model.uriOf(existing.file);
  }
  const uri = model.uriOf(studyRecordPath(model.root, key, model.config));
  const template = studyRecordTemplate(key, itemForKey(model.index, key));
  if (await exists(uri)) {
    await open(uri, 0);
    return uri;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(template.text) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', vscode.workspace.asRelativePath(uri)));
    return undefined;
  }
  await open(uri, template.cursorLine);
  return uri;
}
