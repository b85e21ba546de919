import * as vscode from 'vscode';
import type { Services } from '../services';

/** Online DOI metadata: resolver, cache, retractions, add source, refresh (issue 5). */
export function register(_context: vscode.ExtensionContext, _services: Services): vscode.Disposable {
  return new vscode.Disposable(() => undefined);
}
