/**
 * Measurements that need a fresh process: peak memory (so earlier runs don't pollute the
 * high-water mark) and extension activation (so the bundle is required cold). Prints one JSON line.
 *   node out/bench/child.js memory FILE ours|citation-js
 *   node out/bench/child.js activate FOLDER
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { longestStall } from './measure';
import { installVscodeStub, stubContext } from './vscode-stub';

const MB = 1024 * 1024;

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / MB;
}

async function memory(file: string, parser: string): Promise<void> {
  // Required here, not at the top: the activation child must load nothing of ours before the bundle.
  const { citeParse } = require('../src/core/bibliography/cite') as typeof import('../src/core/bibliography/cite');
  const { parseBibliography } = require('../src/core/bibliography') as typeof import('../src/core/bibliography');
  const { WorkspaceIndex } = require('../src/core/index/workspace-index') as typeof import('../src/core/index/workspace-index');
  const text = fs.readFileSync(file, 'utf8');
  const start = performance.now();
  let kept: unknown;
  if (parser === 'citation-js') {
    kept = citeParse(text, '@biblatex/text');
  } else {
    const index = new WorkspaceIndex();
    index.setBibliography(parseBibliography(text, file));
    kept = index;
  }
  const ms = performance.now() - start;
  const heapMB = heapAfterGc();
  // maxRSS is the process's high-water mark in KB; it includes the text read and node itself.
  console.log(JSON.stringify({ ms, peakRssMB: process.resourceUsage().maxRSS / 1024, heapMB, kept: kept !== undefined }));
}

interface Api {
  services: { model: { loaded: boolean; index: { allEntries(): unknown[]; notes(): unknown[] } } };
}

async function activate(folder: string): Promise<void> {
  const bundle = path.resolve(__dirname, '../../dist/extension.js');
  const names = new Set([...fs.readFileSync(bundle, 'utf8').matchAll(/\bvscode\d*\.([A-Za-z_]\w*)/g)].map((m) => m[1]));
  installVscodeStub(folder, names);
  const t0 = performance.now();
  const extension = require(bundle) as { activate(context: unknown): Promise<Api> };
  const requireMs = performance.now() - t0;
  const t1 = performance.now();
  const { result: api, stallMs: activateStallMs } = await longestStall(() => extension.activate(stubContext(path.dirname(bundle))));
  const activateMs = performance.now() - t1;
  const t2 = performance.now();
  const { stallMs, busyMs } = await longestStall(
    () =>
      new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (!api.services.model.loaded) return;
          clearInterval(poll);
          resolve();
        }, 5);
      }),
  );
  const loadMs = performance.now() - t2;
  const entries = api.services.model.index.allEntries().length;
  const notes = api.services.model.index.notes().length;
  console.log(JSON.stringify({ requireMs, activateMs, activateStallMs, loadMs, loadStallMs: stallMs, loadBusyMs: busyMs, entries, notes }));
  process.exit(0);
}

const [mode, arg, parser] = process.argv.slice(2);
(mode === 'memory' ? memory(arg, parser) : activate(arg)).catch((err) => {
  console.error(err);
  process.exit(1);
});
