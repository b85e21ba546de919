import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, mergeConfig, parseConfig } from '../../core/config';
import type { ConfigOverride, EvidenceLensConfig } from '../../core/config';

/**
 * The effective configuration: evidence-lens.yaml at the folder root, overridden by the
 * `evidenceLens.*` settings the user actually set (defaults must not override the file).
 */
export class ConfigService implements vscode.Disposable {
  private current: EvidenceLensConfig = DEFAULT_CONFIG;
  private readonly emitter = new vscode.EventEmitter<EvidenceLensConfig>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(private readonly folder: vscode.Uri | undefined) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('evidenceLens')) void this.reload();
      }),
    );
    if (folder) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, CONFIG_FILE_NAME));
      watcher.onDidChange(() => void this.reload());
      watcher.onDidCreate(() => void this.reload());
      watcher.onDidDelete(() => void this.reload());
      this.disposables.push(watcher);
    }
  }

  get config(): EvidenceLensConfig {
    return this.current;
  }

  async reload(): Promise<EvidenceLensConfig> {
    let base = DEFAULT_CONFIG;
    if (this.folder) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder, CONFIG_FILE_NAME));
        base = parseConfig(new TextDecoder().decode(bytes)).config;
      } catch {
        /* no config file: defaults */
      }
    }
    const settings = vscode.workspace.getConfiguration('evidenceLens');
    const set = <T>(key: string): T | undefined => {
      const i = settings.inspect<T>(key);
      return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    };
    const override: ConfigOverride = {
      rules: set<Record<string, unknown>>('rules'),
      resolver: {
        url: set<string>('resolver.url'),
        timeoutMs: set<number>('resolver.timeoutMs'),
        crossref: set<boolean>('resolver.crossref'),
        mailto: set<string>('resolver.mailto'),
      },
      retractionList: set<string>('retractionList'),
      online: vscode.workspace.isTrusted ? set<boolean>('online') : false,
    };
    this.current = mergeConfig(base, override);
    if (!vscode.workspace.isTrusted) this.current = mergeConfig(this.current, { online: false });
    this.emitter.fire(this.current);
    return this.current;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
