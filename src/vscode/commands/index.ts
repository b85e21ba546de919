import * as vscode from 'vscode';
import type { Services } from '../services';
import { exportBibliography } from './export-bibliography';
import type { ExportOptions } from './export-bibliography';
import { insertCitation } from './insert-citation';

/** Insert citation and export bibliography (issue 4). */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('evidenceLens.insertCitation', (key?: unknown) => insertCitation(services, key)),
    vscode.commands.registerCommand('evidenceLens.exportBibliography', (options?: Partial<ExportOptions>) => exportBibliography(services, options)),
  );
}
