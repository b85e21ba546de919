import * as vscode from 'vscode';
import { COLUMNS, DEFAULT_VIEW, evidenceRows, isColumnKey, viewRows } from '../../core/evidence/table';
import type { Column, EvidenceRow, TableView } from '../../core/evidence/table';
import type { Services } from '../services';
import { tableHtml } from './html';

/** What the extension posts to the webview; the webview renders exactly this. */
export interface RowsMessage {
  type: 'rows';
  rows: EvidenceRow[];
  total: number;
  columns: readonly Column[];
  view: TableView;
  strings: Record<string, string>;
}

/** Read by the integration tests: the page and the last rows sent to it. */
export interface EvidenceTableProbe {
  panel?: vscode.WebviewPanel;
  html?: string;
  lastMessage?: RowsMessage;
}

function strings(): Record<string, string> {
  return {
    filter: vscode.l10n.t('Filter studies'),
    exportCsv: vscode.l10n.t('Export CSV'),
    count: vscode.l10n.t('{0} of {1} studies'),
    caption: vscode.l10n.t('Study records; click a row to open its file'),
    chart: vscode.l10n.t('Participants by year of publication, coloured by design'),
    xAxis: vscode.l10n.t('Year'),
    yAxis: vscode.l10n.t('Participants (n, log scale)'),
    unplotted: vscode.l10n.t('{0} studies without a year or n are not plotted.'),
    empty: vscode.l10n.t('No study records match.'),
    retracted: vscode.l10n.t('Retracted'),
  };
}

/** The one evidence table panel: created on demand, revealed when it exists, gone when closed. */
export class EvidenceTable implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: TableView = DEFAULT_VIEW;
  private readonly disposables: vscode.Disposable[] = [];
  /** Listeners of the open panel, dropped with it. */
  private panelDisposables: vscode.Disposable[] = [];
  private opening: Promise<void> | undefined;

  constructor(
    private readonly media: vscode.Uri,
    private readonly services: Services,
    private readonly probe: EvidenceTableProbe,
  ) {
    this.disposables.push(services.model.onDidChange(() => this.post()));
  }

  /** The rows of the current filter and sort, which is what the user sees and what CSV export writes. */
  visibleRows(): EvidenceRow[] {
    return viewRows(evidenceRows(this.services.model.index), this.view);
  }

  show(): Promise<void> {
    if (this.panel) return Promise.resolve(this.panel.reveal());
    // A second call while the first waits for the index must not open a second panel.
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async open(): Promise<void> {
    await this.services.model.ready;
    const panel = vscode.window.createWebviewPanel('evidenceLens.evidenceTable', vscode.l10n.t('Evidence table'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [this.media],
    });
    panel.iconPath = vscode.Uri.joinPath(this.media, 'evidence-lens.svg');
    this.panel = panel;
    this.probe.panel = panel;
    panel.webview.html = this.probe.html = tableHtml(panel.webview, this.media);
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => {
        this.panel = this.probe.panel = this.probe.lastMessage = undefined;
        for (const d of this.panelDisposables) d.dispose();
      }),
    ];
  }

  /** Messages come from page script: each field is checked before use. */
  private async receive(message: unknown): Promise<void> {
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (m.type === 'ready') this.post();
    else if (m.type === 'sort' && isColumnKey(m.key)) {
      this.view = { ...this.view, sort: m.key, descending: this.view.sort === m.key ? !this.view.descending : false };
      this.post();
    } else if (m.type === 'filter' && typeof m.text === 'string') {
      this.view = { ...this.view, filter: m.text.slice(0, 500) };
      this.post();
    } else if (m.type === 'open' && typeof m.file === 'string') {
      // Only files the index knows as study records: the page must not open arbitrary paths.
      if (this.services.model.index.kindOf(m.file) !== 'study') return;
      await vscode.window.showTextDocument(this.services.model.uriOf(m.file), { preview: true, viewColumn: vscode.ViewColumn.Beside });
    } else if (m.type === 'export') {
      await vscode.commands.executeCommand('evidenceLens.exportEvidenceTable');
    }
  }

  private post(): void {
    if (!this.panel) return;
    const message: RowsMessage = {
      type: 'rows',
      rows: this.visibleRows(),
      total: this.services.model.index.allRecords().length,
      columns: COLUMNS,
      view: this.view,
      strings: strings(),
    };
    this.probe.lastMessage = message;
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
