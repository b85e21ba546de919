import * as vscode from 'vscode';
import type { Services } from '../services';

/** The status bar count of claim problems in the active note (issue 4). */
export function register(_context: vscode.ExtensionContext, _services: Services): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
