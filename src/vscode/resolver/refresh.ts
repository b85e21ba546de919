import * as vscode from 'vscode';
import { doisToResolve } from '../../core/resolver/note-dois';
import type { Resolver } from '../../core/resolver/resolver';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

export interface RefreshSummary {
  found: number;
  notFound: number;
  failed: number;
  cancelled: boolean;
}

/**
 * "Refresh metadata": asks the resolver again (cache bypassed) about the DOIs outside the library
 * of the active note, or of every note when there is none or `scope` is 'workspace'.
 */
export function registerRefresh(services: Services, resolver: Resolver): vscode.Disposable {
  return vscode.commands.registerCommand('evidenceLens.refreshMetadata', async (scope?: 'note' | 'workspace'): Promise<RefreshSummary | undefined> => {
    const { model } = services;
    await model.ready;
    if (!resolver.online) {
      void vscode.window.showWarningMessage(
        vscode.workspace.isTrusted
          ? vscode.l10n.t('DOI lookups are off (evidenceLens.online is false).')
          : vscode.l10n.t('DOI lookups are off in an untrusted workspace.'),
      );
      return undefined;
    }
    const active = vscode.window.activeTextEditor?.document;
    const activeNote = scope !== 'workspace' && active ? model.index.note(corePathOf(active.uri)) : undefined;
    const notes = activeNote ? [activeNote] : model.index.notes();
    const dois = [...new Set(notes.flatMap((n) => doisToResolve(n, model.index)))];
    const summary: RefreshSummary = { found: 0, notFound: 0, failed: 0, cancelled: false };
    if (dois.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No DOI outside the bibliographies to refresh.'));
      return summary;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Refreshing DOI metadata'), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancelling = token.onCancellationRequested(() => controller.abort());
        try {
          const works = await resolver.resolveMany(dois, {
            force: true,
            signal: controller.signal,
            onProgress: (done, total) => progress.report({ increment: 100 / total, message: `${done}/${total}` }),
          });
          for (const w of works) {
            if (w.status === 'found') summary.found++;
            else if (w.status === 'not-found') summary.notFound++;
            else summary.failed++;
          }
          summary.cancelled = controller.signal.aborted;
        } finally {
          cancelling.dispose();
        }
      },
    );
    void vscode.window.showInformationMessage(
      summary.cancelled
        ? vscode.l10n.t('DOI refresh cancelled.')
        : vscode.l10n.t('DOI metadata refreshed: {0} found, {1} unknown to the resolver, {2} without an answer.', summary.found, summary.notFound, summary.failed),
    );
    return summary;
  });
}
