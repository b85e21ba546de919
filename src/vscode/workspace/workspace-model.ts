import * as vscode from 'vscode';
import type { EvidenceLensConfig } from '../../core/config';
import { WorkspaceIndex } from '../../core/index/workspace-index';
import { parseNoteInSlices } from '../../core/notes/note';
import { stripBom } from '../../core/text';
import { classify, indexText, loadWorkspace, looksLikeBibliography } from '../../core/workspace/load';
import type { FileKind } from '../../core/workspace/load';
import { BibliographyWorker } from './bibliography-worker';
import type { ConfigService } from './config-service';
import { corePathOf, createVscodeFileSystem } from './vscode-fs';

/** Keeps the index in step with the folder: open editors, saved files, created, deleted and renamed ones. */
export class WorkspaceModel implements vscode.Disposable {
  readonly index = new WorkspaceIndex();
  readonly root: string | undefined;
  private readonly fs;
  private readonly emitter = new vscode.EventEmitter<string[]>();
  /** Files whose content in the index changed; an empty list means everything may have. */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Large bibliographies parse here, off the extension host's thread. */
  private readonly worker = new BibliographyWorker();
  ready: Promise<void> = Promise.resolve();
  /** False until the folder has been read once: findings before that would be about half a library. */
  loaded = false;

  constructor(
    folder: vscode.Uri | undefined,
    private readonly configService: ConfigService,
    private readonly log: vscode.LogOutputChannel,
    private readonly debounceMs = 300,
  ) {
    this.root = folder ? corePathOf(folder) : undefined;
    this.fs = createVscodeFileSystem(folder ?? vscode.Uri.file('/'));
    if (!folder) return;
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      // A closed editor's unsaved text is gone: the disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((d) => void this.reindexFromDisk(d.uri)),
      configService.onDidChange(() => void this.reload()),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    // Bibliography exporters (Better BibTeX) replace files by rename: a create is handled like a change.
    watcher.onDidCreate((uri) => void this.reindexFromDisk(uri));
    watcher.onDidChange((uri) => void this.reindexFromDisk(uri));
    watcher.onDidDelete((uri) => this.remove(uri));
    this.disposables.push(watcher);
  }

  /** True while an edited file (this one, or any) waits for its debounced re-index. */
  hasPending(file?: string): boolean {
    return file === undefined ? this.pending.size > 0 : this.pending.has(file);
  }

  get config(): EvidenceLensConfig {
    return this.configService.config;
  }

  uriOf(path: string): vscode.Uri {
    return this.fs.uriOf(path);
  }

  /** Reads the whole folder again (start-up and configuration changes). */
  reload(): Promise<void> {
    this.ready = (async () => {
      if (!this.root) return;
      const started = Date.now();
      for (const note of this.index.notes()) this.index.removeFile(note.file);
      for (const b of this.index.allBibliographies()) this.index.removeFile(b.file);
      for (const s of this.index.allStudies()) this.index.removeFile(s.file);
      const loaded = await loadWorkspace(this.fs, this.root, this.config, this.index, {
        indexBibliography: (index, file, text) => this.worker.index(index, file, text),
        parseNote: (text, file) => parseNoteInSlices(text, file),
      });
      this.loaded = true;
      this.log.info(
        vscode.l10n.t(
          'Indexed {0} notes, {1} bibliographies, {2} study records in {3} ms.',
          loaded.notes.length,
          loaded.bibliographies.length,
          loaded.studies.length,
          Date.now() - started,
        ),
      );
      this.emitter.fire([]);
    })();
    return this.ready;
  }

  private kindOf(uri: vscode.Uri) {
    if (!this.root) return undefined;
    const file = corePathOf(uri);
    if (this.index.kindOf(file) === 'bibliography') return 'bibliography' as const;
    return classify(this.root, file, this.config);
  }

  private schedule(document: vscode.TextDocument, delay = this.debounceMs): void {
    const kind = this.kindOf(document.uri);
    if (!kind) return;
    const file = corePathOf(document.uri);
    clearTimeout(this.pending.get(file));
    this.pending.set(
      file,
      setTimeout(() => {
        this.pending.delete(file);
        if (document.isClosed) return;
        void this.indexFile(file, kind, document.getText());
      }, delay),
    );
  }

  private async reindexFromDisk(uri: vscode.Uri): Promise<void> {
    const kind = this.kindOf(uri);
    if (!kind) return;
    const file = corePathOf(uri);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return; // the editor's text wins
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (kind === 'bibliography' && !looksLikeBibliography(file, text)) return;
      await this.indexFile(file, kind, text);
    } catch {
      this.index.removeFile(file);
      this.emitter.fire([file]);
    }
  }

  private async indexFile(file: string, kind: FileKind, text: string): Promise<void> {
    if (kind === 'bibliography') await this.worker.index(this.index, file, stripBom(text));
    else indexText(this.index, file, kind, text);
    this.emitter.fire([file]);
  }

  private remove(uri: vscode.Uri): void {
    const file = corePathOf(uri);
    // A re-index still queued for a deleted file would put it back into the index.
    clearTimeout(this.pending.get(file));
    this.pending.delete(file);
    if (!this.index.kindOf(file)) return;
    this.index.removeFile(file);
    this.emitter.fire([file]);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.worker.dispose();
  }
}
