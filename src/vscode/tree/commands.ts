import * as vscode from 'vscode';
import type { TreeNode } from '../../core/tree';
import type { Services } from '../services';
import { copyCitation, openDoi } from './citation';
import type { EvidenceTrees } from './provider';
import { createStudyRecord } from './record';
import { isTreeNode, targetKey } from './target';

const FILTERED = 'evidenceLens.treeFiltered';

/** Shows the active filter on both views and lets the "clear filter" button appear. */
export async function applyFilter(trees: EvidenceTrees, query: string): Promise<void> {
  const q = query.trim();
  trees.sources.setFilter(q);
  trees.studies.setFilter(q);
  for (const view of [trees.sourcesView, trees.studiesView]) {
    view.description = q ? vscode.l10n.t('filter: {0}', q) : undefined;
    view.message = q ? vscode.l10n.t('Showing only rows matching "{0}".', q) : undefined;
  }
  await vscode.commands.executeCommand('setContext', FILTERED, q !== '');
}

/** Reveals and expands the row of the entry (or record) in its view, or picks among citing places. */
async function revealCitingNotes(services: Services, trees: EvidenceTrees, arg: unknown): Promise<TreeNode | undefined> {
  const fromTree = isTreeNode(arg);
  const key = await targetKey(services, arg, vscode.l10n.t('Source whose citing notes to show'));
  if (!key) return undefined;
  const isRow = (n: TreeNode) => (fromTree ? n.id === (arg as TreeNode).id : n.key === key && n.kind === 'entry');
  const inSources = trees.sources.find(isRow);
  const row = inSources ?? trees.studies.find((n) => (fromTree ? n.id === (arg as TreeNode).id : n.key === key && n.kind === 'record'));
  if (fromTree && row) {
    await (inSources ? trees.sourcesView : trees.studiesView).reveal(row, { expand: true, select: true, focus: true });
    return row;
  }
  const places = row?.children.filter((c) => c.kind === 'citing') ?? [];
  if (places.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No note cites {0}.', key));
    return row;
  }
  const picked = await vscode.window.showQuickPick(
    places.map((p) => ({ label: p.label, description: p.description, place: p })),
    { placeHolder: vscode.l10n.t('Notes citing {0}', key), matchOnDescription: true },
  );
  if (picked?.place.file && picked.place.range) {
    const r = picked.place.range;
    const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    await vscode.window.showTextDocument(services.model.uriOf(picked.place.file), { selection });
  }
  return row;
}

export function registerTreeCommands(services: Services, trees: EvidenceTrees): vscode.Disposable {
  const refresh = () => {
    trees.sources.refresh();
    trees.studies.refresh();
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('evidenceLens.openDoi', (arg?: unknown) => openDoi(services, arg)),
    vscode.commands.registerCommand('evidenceLens.copyCitation', (arg?: unknown, style?: unknown) => copyCitation(services, arg, style)),
    vscode.commands.registerCommand('evidenceLens.createStudyRecord', (arg?: unknown) => createStudyRecord(services, arg)),
    vscode.commands.registerCommand('evidenceLens.revealCitingNotes', (arg?: unknown) => revealCitingNotes(services, trees, arg)),
    vscode.commands.registerCommand('evidenceLens.filterTree', async (query?: unknown) => {
      const value =
        typeof query === 'string'
          ? query
          : await vscode.window.showInputBox({
              prompt: vscode.l10n.t('Show sources and studies whose title, authors, year, key, journal, DOI or population contain'),
              value: trees.sources.filter,
            });
      if (value !== undefined) await applyFilter(trees, value);
    }),
    vscode.commands.registerCommand('evidenceLens.clearTreeFilter', () => applyFilter(trees, '')),
    vscode.commands.registerCommand('evidenceLens.refreshTree', refresh),
  );
}
