import * as vscode from 'vscode';
import { isBuiltinStyle, registerCslStyle } from '../../core/format/citation-format';
import type { Services } from '../services';

/**
 * The `evidenceLens.citationStyle` setting as a template name. A `.csl` path is read
 * asynchronously (markdown-it renders synchronously): until it is loaded, and when it is not a
 * usable style, APA is used and the failure logged once per file content. `onLoaded` runs when a
 * newly read style is ready, so the preview can render again.
 */
export class CitationStyleSetting {
  private readonly loaded = new Map<string, { template?: string; checkedAt: number; mtime?: number }>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly services: Services,
    private readonly onLoaded: () => void = () => undefined,
  ) {}

  settingValue(): string {
    return vscode.workspace.getConfiguration('evidenceLens').get<string>('citationStyle', 'apa').trim();
  }

  /** The template for the current setting; never throws. */
  current(): string {
    const setting = this.settingValue();
    if (isBuiltinStyle(setting) || setting === 'harvard1') return setting;
    if (!setting.toLowerCase().endsWith('.csl')) {
      this.logOnce(`setting:${setting}`, `citationStyle '${setting}' is not apa, vancouver, harvard or a .csl file; using apa.`);
      return 'apa';
    }
    const state = this.loaded.get(setting);
    // Re-check the file at most every 2 s, so an edited .csl takes effect without a watcher.
    if (!state || Date.now() - state.checkedAt > 2000) void this.refresh(setting);
    return state?.template ?? 'apa';
  }

  /** Loads (or reloads when it changed) a .csl file; resolves to its template or apa. */
  async load(setting: string): Promise<string> {
    if (isBuiltinStyle(setting) || setting === 'harvard1' || !setting.toLowerCase().endsWith('.csl')) return this.current();
    await this.refresh(setting);
    return this.loaded.get(setting)?.template ?? 'apa';
  }

  private async refresh(setting: string): Promise<void> {
    const previous = this.loaded.get(setting);
    const entry = { ...previous, checkedAt: Date.now() };
    this.loaded.set(setting, entry);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) return;
    const uri = vscode.Uri.joinPath(folder, setting);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (previous?.mtime === stat.mtime && previous.template) return;
      const xml = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      entry.mtime = stat.mtime;
      try {
        entry.template = registerCslStyle(setting, xml);
      } catch (err) {
        entry.template = undefined;
        this.logOnce(`${setting}:${stat.mtime}`, `${err instanceof Error ? err.message : String(err)}; using apa.`);
      }
      if (entry.template !== previous?.template) this.onLoaded();
    } catch {
      this.logOnce(`missing:${setting}`, `Cannot read citation style ${setting}; using apa.`);
    }
  }

  private logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.services.log.warn(message);
  }
}

const settings = new WeakMap<Services, CitationStyleSetting>();

/** One style setting per services object, shared by the preview and the commands. */
export function citationStyleOf(services: Services): CitationStyleSetting {
  let setting = settings.get(services);
  if (!setting) {
    setting = new CitationStyleSetting(services, () => void vscode.commands.executeCommand('markdown.preview.refresh'));
    settings.set(services, setting);
  }
  return setting;
}
