import * as vscode from 'vscode';
import type { Services } from '../services';

/** Hovers on DOIs, [@key], @key and [n] (issue 4). */
export function register(_context: vscode.ExtensionContext, _services: Services): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
