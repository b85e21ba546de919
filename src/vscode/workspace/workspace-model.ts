import * as vscode from 'vscode';
import type { EvidenceLensConfig } from '../../core/config';
import { WorkspaceIndex } from '../../core/index/workspace-index';
import { parseNoteInSlices } from '../../core/notes/note';
import { UnreadableFileError } from '../../core/workspace/file-limits';
import { classify, indexTextWith, indexUnreadable, loadWorkspace, looksLikeBibliography } from '../../core/workspace/load';
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
  /**
   * Bumped whenever a file's content in the index is replaced or removed: a disk read that
   * finishes after a newer one (a rename-replace fires create and change), after the file was
   * deleted or after an editor's text was indexed is dropped instead of indexing older content.
   */
  private readonly generation = new Map<string, number>();
  /** The editor version whose text the index holds, per file indexed from an open editor. */
  private readonly indexedVersion = new Map<string, number>();
  ready: Promise<void> = Promise.resolve();
  /** Files an event touched while a folder load ran: that load may have read them before the event. */
  private touchedDuringLoad: Set<string> | undefined;
  private reloadQueued = false;
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

  get config(): EvidenceLensConfig {
    return this.configService.config;
  }

  uriOf(path: string): vscode.Uri {
    return this.fs.uriOf(path);
  }

  /** True while an edited file (this one, or any) waits for its debounced re-index. */
  hasPending(file?: string): boolean {
    return file === undefined ? this.pending.size > 0 : this.pending.has(file);
  }

  /**
   * Reads the whole folder again (start-up and configuration changes). Loads run one at a time
   * (settings written in a row ask for several; one more load after the running one covers them),
   * and files changed, deleted or edited while a load ran are read again after it: the load may
   * have read them first and would otherwise keep a deleted file or an older text.
   */
  reload(): Promise<void> {
    if (this.reloadQueued) return this.ready;
    this.reloadQueued = true;
    const run = () => {
      this.reloadQueued = false;
      return this.loadFolder();
    };
    this.ready = this.ready.then(run, run);
    return this.ready;
  }

  private async loadFolder(): Promise<void> {
    if (!this.root) return;
    this.touchedDuringLoad = new Set();
    const started = Date.now();
    this.index.clear();
    const loaded = await loadWorkspace(this.fs, this.root, this.config, this.index, {
      indexBibliography: (index, file, text) => this.worker.index(index, file, text),
      // 10 ms slices: work done on I/O callbacks and on the next turn's slice can fall between the
      // same two timer ticks, so a slice is kept well under half of the 50 ms a turn may hold.
      parseNote: (text, file) => parseNoteInSlices(text, file, 10),
    });
    for (const { file, reason } of loaded.unreadable) this.logUnreadable(file, reason);
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
    const touched = this.touchedDuringLoad;
    this.touchedDuringLoad = undefined;
    this.emitter.fire([]);
    for (const file of touched) {
      const document = vscode.workspace.textDocuments.find((d) => !d.isClosed && corePathOf(d.uri) === file);
      if (document) this.schedule(document, 0);
      else await this.reindexFromDisk(this.uriOf(file));
    }
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
        this.touchedDuringLoad?.add(file);
        const generation = this.bump(file);
        this.indexedVersion.set(file, document.version);
        void this.indexFile(file, kind, document.getText(), generation);
      }, delay),
    );
  }

  /**
   * Whether findings computed from the index now are for the text the user sees: false while an
   * open editor is ahead of the index (its debounced reindex then publishes; one is scheduled
   * if none is pending). Publishing earlier would put ranges of the old text on the new one.
   */
  isCurrent(file: string): boolean {
    const document = vscode.workspace.textDocuments.find((d) => !d.isClosed && corePathOf(d.uri) === file);
    if (!document || this.indexedVersion.get(file) === document.version) return true;
    if (!this.pending.has(file)) this.schedule(document, 0);
    return !this.pending.has(file);
  }

  private bump(file: string): number {
    const next = (this.generation.get(file) ?? 0) + 1;
    this.generation.set(file, next);
    return next;
  }

  private async reindexFromDisk(uri: vscode.Uri): Promise<void> {
    const kind = this.kindOf(uri);
    if (!kind) return;
    const file = corePathOf(uri);
    this.touchedDuringLoad?.add(file);
    const openNow = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (openNow()) return; // the editor's text wins
    const generation = this.bump(file);
    this.indexedVersion.delete(file);
    let text: string | undefined;
    let unreadable: string | undefined;
    try {
      text = await this.fs.readText(file);
    } catch (err) {
      if (err instanceof UnreadableFileError) unreadable = err.reason;
    }
    if (this.generation.get(file) !== generation || openNow()) return; // superseded while reading
    if (unreadable) {
      indexUnreadable(this.index, file, kind, unreadable);
      this.logUnreadable(file, unreadable);
    } else if (text === undefined) this.index.removeFile(file);
    else if (kind === 'bibliography' && !looksLikeBibliography(file, text)) return;
    else return this.indexFile(file, kind, text, generation);
    this.emitter.fire([file]);
  }

  /** Indexes a file's text: bibliographies through the worker (which parses small ones in place). */
  private async indexFile(file: string, kind: FileKind, text: string, generation: number): Promise<void> {
    const reason = await indexTextWith(this.index, file, kind, text, { indexBibliography: (index, f, t) => this.worker.index(index, f, t) });
    if (reason) this.logUnreadable(file, reason);
    // A newer version was indexed while this one parsed; its own call fires the change.
    if (this.generation.get(file) !== generation) return;
    this.emitter.fire([file]);
  }

  private remove(uri: vscode.Uri): void {
    const file = corePathOf(uri);
    this.touchedDuringLoad?.add(file);
    // An editor's pending text would bring a deleted file back (VS Code keeps closed documents a while).
    clearTimeout(this.pending.get(file));
    this.pending.delete(file);
    this.bump(file);
    this.indexedVersion.delete(file);
    if (!this.index.kindOf(file)) return;
    this.index.removeFile(file);
    this.emitter.fire([file]);
  }

  private logUnreadable(file: string, reason: string): void {
    this.log.warn(vscode.l10n.t('{0} is not checked: {1}', file, reason));
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.worker.dispose();
  }
}
