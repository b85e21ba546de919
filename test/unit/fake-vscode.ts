// Just enough of the `vscode` module to run an adapter's command in plain node, recording every
// side effect (writes through the editor's API, messages) so tests can assert what happened.
import Module from 'module';
import * as path from 'path';

export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): FakeUri {
    return new FakeUri('file', p);
  }
  static joinPath(u: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(u.scheme, path.posix.join(u.path, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): FakeUri {
    return new FakeUri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class FakeEmitter<T> {
  private readonly listeners: ((v: T) => void)[] = [];
  event = (l: (v: T) => void) => (this.listeners.push(l), { dispose: () => void this.listeners.splice(this.listeners.indexOf(l), 1) });
  fire(v: T) {
    [...this.listeners].forEach((l) => l(v));
  }
  dispose() {}
}

/** An open editor's document as far as the model reads it; tests bump `version` and `text` by hand. */
export interface FakeDocument {
  uri: FakeUri;
  version: number;
  isClosed: boolean;
  text: string;
  getText(): string;
}

export function fakeDocument(file: string, text: string, version = 1): FakeDocument {
  return { uri: FakeUri.file(file), version, isClosed: false, text, getText() { return this.text; } };
}

export interface FakeWatcher {
  onDidCreate: FakeEmitter<FakeUri>['event'];
  onDidChange: FakeEmitter<FakeUri>['event'];
  onDidDelete: FakeEmitter<FakeUri>['event'];
  create: FakeEmitter<FakeUri>;
  change: FakeEmitter<FakeUri>;
  delete: FakeEmitter<FakeUri>;
  dispose(): void;
}

export interface FakeVscode {
  api: Record<string, unknown>;
  /** The editor's open documents (`vscode.workspace.textDocuments`). */
  textDocuments: FakeDocument[];
  documentEvents: { open: FakeEmitter<FakeDocument>; change: FakeEmitter<{ document: FakeDocument; contentChanges: unknown[] }>; close: FakeEmitter<FakeDocument> };
  /** Every file system watcher created, in order. */
  watchers: FakeWatcher[];
  /** Every diagnostic collection change: 'set <uri> <line:char code>…' or 'delete <uri>'. */
  diagnostics: string[];
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** 'writeFile <uri>', 'applyEdit', … for every write asked of the editor's API. */
  editorWrites: string[];
  messages: string[];
  setTrusted(trusted: boolean): void;
  restore(): void;
}

let installed: FakeVscode | undefined;

/**
 * Installs the fake as `require('vscode')` until restore(). One fake per process: a module loaded
 * under an earlier install keeps its `vscode` binding, so later installs reuse (and reset) it.
 */
export function installFakeVscode(root: string): FakeVscode {
  if (installed) {
    const again = installed;
    (again.api.workspace as { workspaceFolders: unknown }).workspaceFolders = [{ uri: FakeUri.file(root) }];
    again.textDocuments.length = 0;
    again.watchers.length = 0;
    again.diagnostics.length = 0;
    hook(again.api);
    return again;
  }
  installed = createFake(root);
  hook(installed.api);
  return installed;
}

let originalLoad: unknown;

function hook(api: Record<string, unknown>): void {
  const module = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  originalLoad ??= module._load;
  const load = originalLoad as typeof module._load;
  module._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : load.call(this, request, ...rest);
  };
}

function createFake(root: string): FakeVscode {
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const editorWrites: string[] = [];
  const messages: string[] = [];
  const disposable = { dispose: () => undefined };
  const say = async (m: string) => void messages.push(m);
  const textDocuments: FakeDocument[] = [];
  const documentEvents = { open: new FakeEmitter<FakeDocument>(), change: new FakeEmitter<{ document: FakeDocument; contentChanges: unknown[] }>(), close: new FakeEmitter<FakeDocument>() };
  const watchers: FakeWatcher[] = [];
  const diagnostics: string[] = [];
  const workspace = {
    isTrusted: false,
    textDocuments,
    onDidOpenTextDocument: documentEvents.open.event,
    onDidChangeTextDocument: documentEvents.change.event,
    onDidCloseTextDocument: documentEvents.close.event,
    onDidChangeConfiguration: new FakeEmitter<unknown>().event,
    createFileSystemWatcher: () => {
      const [create, change, del] = [new FakeEmitter<FakeUri>(), new FakeEmitter<FakeUri>(), new FakeEmitter<FakeUri>()];
      const watcher = { create, change, delete: del, onDidCreate: create.event, onDidChange: change.event, onDidDelete: del.event, dispose: () => undefined };
      watchers.push(watcher);
      return watcher;
    },
    workspaceFolders: [{ uri: FakeUri.file(root) }],
    asRelativePath: (p: unknown) => String(p),
    getConfiguration: () => ({ get: (_k: string, d: unknown) => d }),
    applyEdit: async (edit?: { operations?: string[] }) => (editorWrites.push(['applyEdit', ...(edit?.operations ?? [])].join(' ')), true),
    openTextDocument: async (u: FakeUri) => ({ uri: u, lineCount: 1, lineAt: () => ({ range: { end: 0 } }) }),
    fs: {
      readFile: async (u: FakeUri) => (await import('fs')).promises.readFile(u.fsPath),
      stat: async (u: FakeUri) => (await import('fs')).promises.stat(u.fsPath),
      readDirectory: async (u: FakeUri) =>
        (await (await import('fs')).promises.readdir(u.fsPath, { withFileTypes: true })).map((e) => [e.name, e.isDirectory() ? 2 : 1]),
      writeFile: async (u: FakeUri) => void editorWrites.push(`writeFile ${u}`),
      delete: async (u: FakeUri) => void editorWrites.push(`delete ${u}`),
      rename: async (u: FakeUri) => void editorWrites.push(`rename ${u}`),
      copy: async (from: FakeUri, to: FakeUri) => void editorWrites.push(`copy ${from} ${to}`),
      createDirectory: async (u: FakeUri) => void editorWrites.push(`createDirectory ${u}`),
    },
  };
  const api: Record<string, unknown> = {
    Uri: FakeUri,
    Disposable: class {
      constructor(private readonly fn?: () => void) {}
      static from(...ds: { dispose(): unknown }[]) {
        return { dispose: () => ds.forEach((d) => d.dispose()) };
      }
      dispose() {
        this.fn?.();
      }
    },
    EventEmitter: FakeEmitter,
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
    FileType: { File: 1, Directory: 2 },
    /** Only records what it holds: applying it is `workspace.applyEdit`, which the fake logs as a write. */
    WorkspaceEdit: class {
      readonly operations: string[] = [];
      createFile(u: FakeUri) {
        this.operations.push(`createFile ${u}`);
      }
      replace(u: FakeUri) {
        this.operations.push(`replace ${u}`);
      }
    },
    Location: class {
      constructor(
        readonly uri: FakeUri,
        readonly range: unknown,
      ) {}
    },
    DiagnosticRelatedInformation: class {
      constructor(
        readonly location: unknown,
        readonly message: string,
      ) {}
    },
    Range: class {
      constructor(
        readonly startLine: number,
        readonly startCharacter: number,
        readonly endLine: number,
        readonly endCharacter: number,
      ) {}
    },
    Diagnostic: class {
      source?: string;
      code?: string;
      constructor(
        readonly range: { startLine: number; startCharacter: number },
        readonly message: string,
      ) {}
    },
    languages: {
      createDiagnosticCollection: () => ({
        set: (u: FakeUri, ds: { range: { startLine: number; startCharacter: number }; code?: string }[]) =>
          void diagnostics.push([`set ${u}`, ...ds.map((d) => `${d.range.startLine}:${d.range.startCharacter} ${d.code}`)].join(' ')),
        delete: (u: FakeUri) => void diagnostics.push(`delete ${u}`),
        dispose: () => undefined,
      }),
    },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    l10n: { t: (s: string, ...args: unknown[]) => s.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])) },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => (commands.set(id, fn), disposable),
      executeCommand: async () => undefined,
    },
    window: {
      showErrorMessage: say,
      showWarningMessage: say,
      showInformationMessage: say,
      showInputBox: async () => undefined,
      showQuickPick: async () => undefined,
      showSaveDialog: async () => undefined,
      showOpenDialog: async () => undefined,
      showTextDocument: async (document: unknown) => ({ document }),
      withProgress: async (_o: unknown, task: (p: unknown, t: unknown) => unknown) =>
        task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => disposable }),
    },
    workspace,
  };
  return {
    api,
    textDocuments,
    documentEvents,
    watchers,
    diagnostics,
    commands,
    editorWrites,
    messages,
    setTrusted: (trusted) => (workspace.isTrusted = trusted),
    restore: () => ((Module as unknown as { _load: unknown })._load = originalLoad),
  };
}
