import * as path from 'path';
import * as vscode from 'vscode';
import type { EvidenceLensConfig } from '../../core/config';
import { MetadataCache } from '../../core/resolver/cache';
import type { FetchLike } from '../../core/resolver/http';
import { NodeCacheStorage } from '../../core/resolver/node-cache-storage';
import { doisToResolve } from '../../core/resolver/note-dois';
import { DEFAULT_SETTINGS, Resolver } from '../../core/resolver/resolver';
import type { ResolverSettings } from '../../core/resolver/resolver';
import { parseRetractionList } from '../../core/resolver/retraction-list';
import type { Services } from '../services';
import { corePathOf } from '../workspace/vscode-fs';
import { registerAddSource } from './add-source';
import { registerRefresh } from './refresh';
import { ResolverStatusItem } from './status-item';

/** How long answers gather before notes are re-checked: one re-check for a burst of answers. */
const ANSWER_BATCH_MS = 150;
/** Wait after a change before asking about the open notes' DOIs. */
const BACKGROUND_DELAY_MS = 400;

export function settingsOf(config: EvidenceLensConfig): ResolverSettings {
  return {
    ...DEFAULT_SETTINGS,
    baseUrl: config.resolver.url,
    // ConfigService already reports online: false in an untrusted workspace; checked again here
    // because no request may leave an untrusted workspace whatever the config says.
    // A virtual workspace (package.json's capabilities) uses no network resolver either.
    online: config.resolver.online && vscode.workspace.isTrusted && !isVirtualWorkspace(),
    timeoutMs: config.resolver.timeoutMs,
    crossref: config.resolver.crossref ?? false,
    mailto: config.resolver.mailto,
  };
}

function isVirtualWorkspace(): boolean {
  const scheme = vscode.workspace.workspaceFolders?.[0]?.uri.scheme;
  return scheme !== undefined && scheme !== 'file' && scheme !== 'vscode-remote';
}

/**
 * Online DOI metadata (issue 5): the resolver with its cache in global storage, background
 * resolution of the open notes' DOIs, the status item, the request log and two commands.
 */
export function register(context: vscode.ExtensionContext, services: Services): vscode.Disposable {
  const { model, log } = services;
  const cache = new MetadataCache(new NodeCacheStorage(context.globalStorageUri.fsPath), { onError: (m) => log.warn(m) });
  const resolver = new Resolver({
    fetch: globalThis.fetch as unknown as FetchLike,
    settings: settingsOf(services.config.config),
    cache,
    onRequest: (r) => {
      const answered = typeof r.status === 'number' && r.status < 500 && r.status !== 429;
      (answered ? log.info : log.warn).call(log, `DOI ${r.doi}: ${r.status} in ${r.ms} ms (${r.url})`);
    },
  });
  services.resolver = resolver;
  const emitter = new vscode.EventEmitter<string[] | undefined>();
  services.onDidResolve = emitter.event;
  const status = new ResolverStatusItem(resolver);

  // Answers are announced in batches so a burst re-checks each note once.
  let answered = new Set<string>();
  let batch: ReturnType<typeof setTimeout> | undefined;
  const announce = (dois: string[] | undefined) => {
    if (dois === undefined) {
      answered = new Set();
      return emitter.fire(undefined);
    }
    for (const d of dois) answered.add(d);
    batch ??= setTimeout(() => {
      batch = undefined;
      const list = [...answered];
      answered = new Set();
      emitter.fire(list);
    }, ANSWER_BATCH_MS);
  };
  const listening = resolver.onDidResolve((work) => {
    status.record(work);
    announce([work.doi]);
  });
  void cache.loaded.then(() => announce(cache.dois()));

  // The open notes' DOIs that no bibliography holds, asked in the background: never awaited by an edit.
  let background: ReturnType<typeof setTimeout> | undefined;
  const resolveOpenNotes = () => {
    clearTimeout(background);
    background = setTimeout(() => {
      if (!resolver.online || !model.loaded) return;
      const dois = new Set<string>();
      for (const doc of vscode.workspace.textDocuments) {
        const note = model.index.note(corePathOf(doc.uri));
        if (note) for (const d of doisToResolve(note, model.index)) dois.add(d);
      }
      if (dois.size) void resolver.resolveMany([...dois]).catch((err) => log.error(`DOI resolution failed: ${String(err)}`));
    }, BACKGROUND_DELAY_MS);
  };

  let listFile: string | undefined;
  const loadRetractionList = async (config: EvidenceLensConfig) => {
    const file = config.retractionList && model.root ? path.resolve(model.root, config.retractionList) : undefined;
    if (file === listFile) return;
    listFile = file;
    let index = new Map();
    if (file) {
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
        const parsed = parseRetractionList(text);
        for (const p of parsed.problems) log.warn(`${file}: ${p}`);
        index = new Map(parsed.index);
        log.info(`Retraction list ${file}: ${index.size} retracted DOIs`);
      } catch (err) {
        log.warn(`Cannot read the retraction list ${file}: ${String(err)}`);
      }
    }
    resolver.setRetractionList(index);
    announce(undefined);
  };

  const onConfig = (config: EvidenceLensConfig) => {
    const before = resolver.online;
    resolver.configure(settingsOf(config));
    status.update();
    void loadRetractionList(config);
    if (resolver.online && !before) resolveOpenNotes();
  };
  onConfig(services.config.config);

  return vscode.Disposable.from(
    emitter,
    status,
    listening,
    services.config.onDidChange(onConfig),
    // ConfigService reads trust when it reloads; granting trust is not a settings change.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void services.config.reload()),
    model.onDidChange(() => resolveOpenNotes()),
    vscode.workspace.onDidOpenTextDocument(() => resolveOpenNotes()),
    registerAddSource(services, resolver),
    registerRefresh(services, resolver),
    new vscode.Disposable(() => {
      clearTimeout(background);
      clearTimeout(batch);
      void cache.flush();
    }),
  );
}
