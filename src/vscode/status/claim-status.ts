import * as vscode from 'vscode';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';

/** The item's text and tooltip as last set: the API cannot read a status bar item back. */
export interface ClaimStatusProbe {
  visible: boolean;
  text: string;
  tooltip: string;
}

/** Counts of the claim.* findings of one file, by code, codes in alphabetical order. */
export function claimCounts(findings: readonly { code: string; file: string }[], file: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.file === file && f.code.startsWith('claim.')) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]));
}

/** The status bar item counting the claim problems of the active note; hidden for anything else. */
export class ClaimStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('evidenceLens.claimProblems', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly services: Services,
    private readonly probe: ClaimStatusProbe,
  ) {
    this.item.name = vscode.l10n.t('Evidence Lens claim problems');
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      services.findings.onDidChange((file) => {
        if (file === this.activeFile()) this.update();
      }),
      // A note opened before the index had loaded becomes a note once it has.
      services.model.onDidChange(() => this.update()),
    );
    this.update();
  }

  private activeFile(): string | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document ? corePathOf(document.uri) : undefined;
  }

  update(): void {
    const file = this.activeFile();
    const document = vscode.window.activeTextEditor?.document;
    if (!file || document?.languageId !== 'markdown' || this.services.model.index.kindOf(file) !== 'note') {
      this.item.hide();
      this.probe.visible = false;
      return;
    }
    const counts = claimCounts(this.services.findings.get(file), file);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    const label =
      total === 0
        ? vscode.l10n.t('No claim problems')
        : total === 1
          ? vscode.l10n.t('1 claim problem')
          : vscode.l10n.t('{0} claim problems', total);
    this.item.text = `$(beaker) ${label}`;
    const tooltip = total
      ? [vscode.l10n.t('Claim problems in this note:'), ...counts.map(([code, n]) => `${code}: ${n}`), vscode.l10n.t('Click to open the Problems panel.')].join('\n')
      : vscode.l10n.t('Evidence Lens found no claim problems in this note.');
    // A plain string: the codes are ours, but no tooltip here should ever render markdown.
    this.item.tooltip = tooltip;
    this.item.show();
    Object.assign(this.probe, { visible: true, text: this.item.text, tooltip });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
