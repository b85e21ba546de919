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

export interface FakeVscode {
  api: Record<string, unknown>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  /** 'writeFile <uri>', 'applyEdit', … for every write asked of the editor's API. */
  editorWrites: string[];
  messages: string[];
  setTrusted(trusted: boolean): void;
  restore(): void;
}

/** Installs the fake as `require('vscode')` until restore(). */
export function installFakeVscode(root: string): FakeVscode {
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const editorWrites: string[] = [];
  const messages: string[] = [];
  const disposable = { dispose: () => undefined };
  const say = async (m: string) => void messages.push(m);
  const workspace = {
    isTrusted: false,
    textDocuments: [],
    workspaceFolders: [{ uri: FakeUri.file(root) }],
    asRelativePath: (p: unknown) => String(p),
    getConfiguration: () => ({ get: (_k: string, d: unknown) => d }),
    applyEdit: async () => (editorWrites.push('applyEdit'), true),
    fs: {
      readFile: async (u: FakeUri) => (await import('fs')).promises.readFile(u.fsPath),
      stat: async (u: FakeUri) => (await import('fs')).promises.stat(u.fsPath),
      writeFile: async (u: FakeUri) => void editorWrites.push(`writeFile ${u}`),
      delete: async (u: FakeUri) => void editorWrites.push(`delete ${u}`),
      rename: async (u: FakeUri) => void editorWrites.push(`rename ${u}`),
      copy: async (u: FakeUri) => void editorWrites.push(`copy ${u}`),
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
    EventEmitter: class<T> {
      private readonly listeners: ((v: T) => void)[] = [];
      event = (l: (v: T) => void) => (this.listeners.push(l), disposable);
      fire(v: T) {
        this.listeners.forEach((l) => l(v));
      }
      dispose() {}
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
      withProgress: async (_o: unknown, task: (p: unknown, t: unknown) => unknown) =>
        task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => disposable }),
    },
    workspace,
  };
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: unknown })._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : load.call(this, request, ...rest);
  };
  return {
    api,
    commands,
    editorWrites,
    messages,
    setTrusted: (trusted) => (workspace.isTrusted = trusted),
    restore: () => ((Module as unknown as { _load: unknown })._load = load),
  };
}
