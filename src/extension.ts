import * as vscode from 'vscode';
import * as diagnostics from './vscode/diagnostics';
import { FindingStore } from './vscode/findings-store';
import * as quickfix from './vscode/quickfix';
import type { Services } from './vscode/services';
import { ConfigService } from './vscode/workspace/config-service';
import { WorkspaceModel } from './vscode/workspace/workspace-model';

/** The composition root: builds the services and registers each feature. */
export async function activate(context: vscode.ExtensionContext): Promise<{ services: Services }> {
  const log = vscode.window.createOutputChannel('Evidence Lens', { log: true });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const config = new ConfigService(folder);
  const model = new WorkspaceModel(folder, config, log);
  const services: Services = { config, model, log, findings: new FindingStore() };
  context.subscriptions.push(log, config, model, diagnostics.register(context, services), quickfix.register(context, services));
  // Loading happens after activation returns so the editor is never held up by a large library.
  void config.reload(); // fires onDidChange, which makes the model load the folder
  return { services };
}

export function deactivate(): void {}
