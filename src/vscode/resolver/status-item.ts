import * as vscode from 'vscode';
import type { Resolver } from '../../core/resolver/resolver';
import type { ResolvedWork } from '../../core/resolver/types';

/** The resolver's state in the status bar: online, offline, or failing (the last request had no answer). */
export class ResolverStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('evidenceLens.resolverStatus', vscode.StatusBarAlignment.Right, 99);
  private lastFailure: ResolvedWork | undefined;
  private answers = 0;

  constructor(private readonly resolver: Resolver) {
    this.item.name = vscode.l10n.t('Evidence Lens DOI resolver');
    this.item.command = 'evidenceLens.refreshMetadata';
    this.update();
    this.item.show();
  }

  record(work: ResolvedWork): void {
    this.answers++;
    this.lastFailure = work.status === 'error' ? work : undefined;
    this.update();
  }

  /** The state as text and a plain tooltip (no markdown: it holds resolver error text). */
  get state(): 'online' | 'offline' | 'failing' {
    if (!this.resolver.online) return 'offline';
    return this.lastFailure ? 'failing' : 'online';
  }

  update(): void {
    switch (this.state) {
      case 'offline':
        this.item.text = `$(circle-slash) ${vscode.l10n.t('DOI offline')}`;
        this.item.tooltip = vscode.workspace.isTrusted
          ? vscode.l10n.t('Evidence Lens makes no DOI requests: evidenceLens.online is off. Cached answers are still used.')
          : vscode.l10n.t('Evidence Lens makes no DOI requests in an untrusted workspace. Cached answers are still used.');
        this.item.backgroundColor = undefined;
        break;
      case 'failing':
        this.item.text = `$(warning) ${vscode.l10n.t('DOI failing')}`;
        this.item.tooltip = vscode.l10n.t(
          'The last DOI request ({0}) got no answer: {1}. DOIs without an answer are reported as unknown. Click to retry.',
          this.lastFailure!.doi,
          this.lastFailure!.error ?? '',
        );
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      default:
        this.item.text = `$(globe) ${vscode.l10n.t('DOI online')}`;
        this.item.tooltip = vscode.l10n.t('DOI metadata is looked up online ({0} answers this session). Click to refresh the metadata of this note.', this.answers);
        this.item.backgroundColor = undefined;
    }
  }

  dispose(): void {
    this.item.dispose();
  }
}
