/**
 * Just enough of the `vscode` module to load dist/extension.js in plain node and call activate():
 * URIs, events and the file system are real (over node's fs); every other API is an inert
 * catch-all. It measures our own start-up code, not VS Code's extension host.
 */
import { promises as fsp } from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';

type AnyFn = (...args: unknown[]) => unknown;

/** A value that accepts any property access, call or `new` and returns itself. */
function inert(): unknown {
  const target = function () {} as unknown as AnyFn;
  const proxy: unknown = new Proxy(target, {
    get(_t, p) {
      if (p === 'then' || p === Symbol.iterator || p === Symbol.asyncIterator) return undefined;
      if (p === Symbol.toPrimitive || p === 'toString' || p === 'valueOf') return () => '';
      return proxy;
    },
    // Status items and the like get properties assigned (`item.name = …`); the stub keeps none.
    set: () => true,
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

const disposable = { dispose() {} };

class EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  event = (listener: (e: T) => unknown) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p.split(path.sep).join('/'));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { path?: string }): Uri {
    return new Uri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };

function withFallback<T extends object>(real: T): T {
  const fallback = inert();
  return new Proxy(real, { get: (t, p) => (p in t ? (t as Record<string | symbol, unknown>)[p] : fallback) });
}

/**
 * Installs the stub as the `vscode` module for every later require. `names`: every `vscode.X` the
 * bundle uses; esbuild's namespace import copies only the module's own keys, so each gets a value.
 */
export function installVscodeStub(folder: string | undefined, names: Iterable<string> = []): void {
  const on = () => disposable;
  const workspace = withFallback({
    workspaceFolders: folder ? [{ uri: Uri.file(folder), name: path.basename(folder), index: 0 }] : undefined,
    textDocuments: [],
    isTrusted: true,
    onDidChangeTextDocument: on,
    onDidOpenTextDocument: on,
    onDidCloseTextDocument: on,
    onDidSaveTextDocument: on,
    onDidChangeConfiguration: on,
    onDidGrantWorkspaceTrust: on,
    createFileSystemWatcher: () => withFallback({ onDidCreate: on, onDidChange: on, onDidDelete: on, dispose() {} }),
    getConfiguration: () => withFallback({ get: (_k: string, d: unknown) => d, inspect: () => undefined, has: () => false }),
    fs: {
      readFile: async (uri: Uri) => new Uint8Array(await fsp.readFile(uri.path)),
      stat: async (uri: Uri) => {
        const s = await fsp.stat(uri.path);
        return { type: s.isDirectory() ? FileType.Directory : FileType.File, size: s.size, mtime: s.mtimeMs, ctime: s.ctimeMs };
      },
      readDirectory: async (uri: Uri) =>
        (await fsp.readdir(uri.path, { withFileTypes: true })).map((d) => [d.name, d.isDirectory() ? FileType.Directory : FileType.File]),
    },
  });
  const api = withFallback({
    Uri,
    EventEmitter,
    FileType,
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
    Disposable: Object.assign(
      class {
        constructor(private readonly fn: () => void) {}
        dispose(): void {
          this.fn();
        }
      },
      { from: (...ds: { dispose(): void }[]) => ({ dispose: () => ds.forEach((d) => d.dispose()) }) },
    ),
    workspace,
    l10n: withFallback({ t: (message: string) => message }),
    window: withFallback({ withProgress: async (_o: unknown, task: (p: unknown, t: unknown) => unknown) => task(inert(), inert()) }),
  });
  for (const name of names) if (!(name in api)) (api as Record<string, unknown>)[name] = inert();
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : load.call(this, request, ...rest);
  };
}

/** A minimal ExtensionContext: subscriptions and paths. */
export function stubContext(extensionPath: string): unknown {
  // The resolver keeps its DOI cache under globalStorageUri: a scratch folder, so the bench writes nothing of the user's.
  const storage = Uri.file(path.join(os.tmpdir(), 'evidence-lens-bench-storage'));
  return withFallback({ subscriptions: [] as unknown[], extensionPath, extensionUri: Uri.file(extensionPath), globalStorageUri: storage });
}
