import * as vscode from 'vscode';
import { buildSources, buildStudies } from '../../core/tree';
import type { TreeInput, TreeNode } from '../../core/tree';
import type { Services } from '../services';
import { registerTreeCommands } from './commands';
import { EvidenceTreeProvider } from './provider';
import type { EvidenceTrees } from './provider';

/** Model and findings events arrive in bursts (a save re-publishes every note): one rebuild per burst. */
const REFRESH_DEBOUNCE_MS = 150;

/** The Sources and Studies views (issue 4) and the commands on their rows. */
export function register(_context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  const { model } = services;
  const input = (): TreeInput | undefined =>
    model.root && model.loaded
      ? { index: model.index, root: model.root, findingsOf: (file) => services.findings.get(file), resolver: services.resolver }
      : undefined;
  const uriOf = (file: string) => model.uriOf(file);
  const sources = new EvidenceTreeProvider(buildSources, input, uriOf);
  const studies = new EvidenceTreeProvider(buildStudies, input, uriOf);
  const sourcesView = vscode.window.createTreeView<TreeNode>('evidenceLens.sources', { treeDataProvider: sources, showCollapseAll: true });
  const studiesView = vscode.window.createTreeView<TreeNode>('evidenceLens.studies', { treeDataProvider: studies, showCollapseAll: true });
  const trees: EvidenceTrees = { sources, studies, sourcesView, studiesView };
  services.tree = trees;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // Welcome content (package.json viewsWelcome) waits for this: before the first load an empty view means "loading".
      void vscode.commands.executeCommand('setContext', 'evidenceLens.treeLoaded', model.loaded);
      sources.refresh();
      studies.refresh();
    }, REFRESH_DEBOUNCE_MS);
  };
  const findingsListener = services.findings.onDidChange(scheduleRefresh);

  return vscode.Disposable.from(
    sources,
    studies,
    sourcesView,
    studiesView,
    model.onDidChange(scheduleRefresh),
    // A resolver answer can mark a work retracted.
    services.onDidResolve?.(scheduleRefresh) ?? new vscode.Disposable(() => undefined),
    new vscode.Disposable(() => {
      findingsListener.dispose();
      clearTimeout(timer);
      if (services.tree === trees) services.tree = undefined;
    }),
    registerTreeCommands(services, trees),
  );
}
