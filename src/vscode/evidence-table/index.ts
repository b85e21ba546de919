import * as vscode from 'vscode';
import { writeFileAtomic } from '../../core/atomic-write';
import { toCsv } from '../../core/evidence/table';
import type { Services } from '../services';
import { EvidenceTable } from './panel';
import type { EvidenceTableProbe } from './panel';

/**
 * The evidence table webview (issue 4): every study record with its design, size and primary
 * outcome, sortable and filterable, a chart of size against year, and CSV export of what is shown.
 */
export function register(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  const probe: EvidenceTableProbe = {};
  services.evidenceTable = probe;
  const table = new EvidenceTable(vscode.Uri.joinPath(context.extensionUri, 'media'), services, probe);

  /** Writes the shown rows as CSV to `target`, or where the user picks; returns where it wrote. */
  const exportCsv = async (target?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Evidence Lens writes no file in an untrusted workspace.'));
      return undefined;
    }
    await services.model.ready;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            defaultUri: folder && vscode.Uri.joinPath(folder, 'evidence-table.csv'),
            filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
            title: vscode.l10n.t('Export evidence table'),
          });
    if (!uri) return undefined;
    const csv = new TextEncoder().encode(toCsv(table.visibleRows()));
    // Replacing an earlier export: never leave half a file if the editor dies mid-write.
    if (uri.scheme === 'file') await writeFileAtomic(uri.fsPath, csv);
    else await vscode.workspace.fs.writeFile(uri, csv);
    if (!target) void vscode.window.showInformationMessage(vscode.l10n.t('Evidence table written to {0}', vscode.workspace.asRelativePath(uri)));
    return uri;
  };

  return vscode.Disposable.from(
    table,
    vscode.commands.registerCommand('evidenceLens.showEvidenceTable', () => table.show()),
    vscode.commands.registerCommand('evidenceLens.exportEvidenceTable', exportCsv),
  );
}
