// Runs inside a real VS Code's extension host (loaded as extensionTestsPath by bench/vscode-host.ts)
// on the bench's generated workspace. Reads how long VS Code itself measured our activation, then
// reloads the workspace a few times and measures the longest stretch the extension host's thread
// spent in one go while loading. Prints one line `EVIDENCE_LENS_BENCH {json}` and returns.
import * as fs from 'fs';
import { Session } from 'inspector';
import * as vscode from 'vscode';
import { longestStall, median } from './measure';

const EXTENSION_ID = 'evidence-lens.evidence-lens';
const RELOADS = 3;

interface Api {
  services: { model: { loaded: boolean; reload(): Promise<void>; index: { allEntries(): unknown[]; notes(): unknown[] } } };
}

interface Mark {
  name: string;
  startTime: number;
}

/**
 * VS Code's extension host records performance marks around loading and activating each
 * extension (`code/extHost/willLoadExtensionCode/<id>` … `didActivateExtension/<id>`) in
 * `globalThis.MonacoPerformanceMarks`: the same figures "Show Running Extensions" reports.
 */
function activationMarks(): { loadCodeMs?: number; activateMs?: number } {
  const store = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Mark[] } }).MonacoPerformanceMarks;
  const marks = store?.getMarks() ?? [];
  const at = (what: string) => marks.find((m) => m.name === `code/extHost/${what}/${EXTENSION_ID}`)?.startTime;
  const between = (a?: number, b?: number) => (a !== undefined && b !== undefined ? b - a : undefined);
  return {
    loadCodeMs: between(at('willLoadExtensionCode'), at('didLoadExtensionCode')),
    activateMs: between(at('willActivateExtension'), at('didActivateExtension')),
  };
}

async function waitUntil(test: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error('timed out waiting for the workspace to load');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** With EVIDENCE_LENS_BENCH_PROFILE=FILE, a CPU profile of the reloads on the extension host goes to FILE. */
async function startProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  // Gaps between ticks, on the profile's clock (µs of the monotonic clock), so a reader can tell
  // which samples held the thread: `stalls` in the written file.
  const stalls: [number, number][] = [];
  let last = process.hrtime.bigint();
  const timer = setInterval(() => {
    const now = process.hrtime.bigint();
    if (now - last > 40_000_000n) stalls.push([Number(last / 1000n), Number(now / 1000n)]);
    last = now;
  }, 5);
  return async () => {
    clearInterval(timer);
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    fs.writeFileSync(file, JSON.stringify({ ...profile, stalls }));
    session.disconnect();
  };
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  const model = api.services.model;
  const firstLoadStarted = performance.now();
  await waitUntil(() => model.loaded, 10 * 60 * 1000);
  const firstLoadWaitMs = performance.now() - firstLoadStarted;
  const reloads: { ms: number; stallMs: number; busyMs: number }[] = [];
  const stopProfile = await startProfile(process.env.EVIDENCE_LENS_BENCH_PROFILE);
  for (let i = 0; i < RELOADS; i++) {
    const started = performance.now();
    const { stallMs, busyMs } = await longestStall(() => model.reload());
    reloads.push({ ms: performance.now() - started, stallMs, busyMs });
  }
  await stopProfile();
  const result = {
    vscode: vscode.version,
    ...activationMarks(),
    firstLoadWaitMs,
    reloadMs: median(reloads.map((r) => r.ms)),
    reloadStallMs: median(reloads.map((r) => r.stallMs)),
    reloadBusyMs: median(reloads.map((r) => r.busyMs)),
    reloadBusyMaxMs: Math.max(...reloads.map((r) => r.busyMs)),
    entries: model.index.allEntries().length,
    notes: model.index.notes().length,
  };
  console.log(`EVIDENCE_LENS_BENCH ${JSON.stringify(result)}`);
}
