import * as vscode from 'vscode';
import type { Services } from '../services';

/** Definition, references, rename and DOI links (issue 4). */
export function register(_context: vscode.ExtensionContext, _services: Services): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
