import * as vscode from 'vscode';
import type { Services } from '../services';

/** Insert citation, export bibliography, create study record (issue 4). */
export function register(_context: vscode.ExtensionContext, _services: Services): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
