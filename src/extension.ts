import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import * as commands from './vscode/commands';
import * as completion from './vscode/completion';
import * as diagnostics from './vscode/diagnostics';
import * as evidenceTable from './vscode/evidence-table';
import { FindingStore } from './vscode/findings-store';
import * as hover from './vscode/hover';
import * as navigation from './vscode/navigation';
import * as preview from './vscode/preview';
import * as quickfix from './vscode/quickfix';
import * as resolver from './vscode/resolver';
import type { Services } from './vscode/services';
import * as status from './vscode/status';
import * as tree from './vscode/tree';
import * as walkthrough from './vscode/walkthrough';
import { ConfigService } from './vscode/workspace/config-service';
import { WorkspaceModel } from './vscode/workspace/workspace-model';

/** What activate() returns: VS Code's markdown preview calls extendMarkdownIt; tests read services. */
export interface EvidenceLensApi {
  services: Services;
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** The composition root: builds the services and registers each feature. */
export async function activate(context: vscode.ExtensionContext): Promise<EvidenceLensApi> {
  const log = vscode.window.createOutputChannel('Evidence Lens', { log: true });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const config = new ConfigService(folder);
  const model = new WorkspaceModel(folder, config, log);
  const services: Services = { config, model, log, findings: new FindingStore() };
  context.subscriptions.push(log, config, model);
  // The resolver registers first: it fills services.resolver, which the others read.
  for (const feature of [resolver, diagnostics, quickfix, tree, hover, completion, navigation, commands, evidenceTable, status, walkthrough, preview]) {
    context.subscriptions.push(feature.register(context, services));
  }
  // Loading happens after activation returns so the editor is never held up by a large library.
  void config.reload(); // fires onDidChange, which makes the model load the folder
  return { services, extendMarkdownIt: preview.extendMarkdownIt(services) };
}

export function deactivate(): void {}
