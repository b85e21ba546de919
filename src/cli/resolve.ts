import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { EvidenceLensConfig } from '../core/config';
import type { WorkspaceIndex } from '../core/index/workspace-index';
import type { ParsedNote } from '../core/notes/types';
import { MetadataCache } from '../core/resolver/cache';
import type { FetchLike } from '../core/resolver/http';
import { NodeCacheStorage, userCacheDir } from '../core/resolver/node-cache-storage';
import { DEFAULT_SETTINGS, Resolver } from '../core/resolver/resolver';
import { doisToResolve } from '../core/resolver/note-dois';
import { parseRetractionList } from '../core/resolver/retraction-list';

export interface LookupHost {
  root: string;
  env: Record<string, string | undefined>;
  stderr: (s: string) => void;
}

/**
 * The resolver the check consults: with --offline (or `online: false`) no request and no cache,
 * so offline reports depend on the folder alone; otherwise every DOI the notes mention that no
 * bibliography holds is asked for (bounded by the time limit) before anything is reported.
 */
export async function prepareLookup(config: EvidenceLensConfig, notes: ParsedNote[], index: WorkspaceIndex, host: LookupHost): Promise<Resolver> {
  const online = config.resolver.online;
  const cache = online
    ? new MetadataCache(new NodeCacheStorage(userCacheDir(host.env, os.homedir())), {
        onError: (message) => host.stderr(`evidence-lens: ${message}\n`),
        writeDelayMs: 0, // one run, one flush at its end
      })
    : undefined;
  const resolver = new Resolver({
    fetch: globalThis.fetch as unknown as FetchLike,
    cache,
    settings: {
      ...DEFAULT_SETTINGS,
      baseUrl: config.resolver.url,
      online,
      timeoutMs: config.resolver.timeoutMs,
      crossref: config.resolver.crossref ?? false,
      mailto: config.resolver.mailto,
    },
  });
  if (config.retractionList) await loadRetractionList(resolver, path.resolve(host.root, config.retractionList), host);
  if (!online) return resolver;

  const dois = new Set<string>();
  for (const note of notes) for (const doi of doisToResolve(note, index)) dois.add(doi);
  const works = await resolver.resolveMany([...dois]);
  await resolver.flush();
  const failed = works.filter((w) => w.status === 'error');
  if (failed.length) {
    host.stderr(`evidence-lens: ${failed.length} of ${works.length} DOIs could not be resolved (${failed[0].doi}: ${failed[0].error}); they are reported as unknown.\n`);
  }
  return resolver;
}

async function loadRetractionList(resolver: Resolver, file: string, host: LookupHost): Promise<void> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    host.stderr(`evidence-lens: cannot read the retraction list ${file}\n`);
    return;
  }
  const { index, problems } = parseRetractionList(text);
  for (const p of problems) host.stderr(`evidence-lens: ${file}: ${p}\n`);
  resolver.setRetractionList(index);
}
