// Opens the generated workspace in a real VS Code (the VS Code server and headless Chromium the
// integration suite uses) with bench/vscode-probe.ts as the extension-tests entry, and returns the
// figures the probe prints. Undefined when the VS Code tools are not installed
// (scripts/install-vscode-server.sh), so the rest of the bench still runs without them.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';

const ROOT = path.resolve(__dirname, '../..');
const TIMEOUT_MS = 10 * 60 * 1000;

export interface VscodeFigures {
  vscode: string;
  loadCodeMs?: number;
  activateMs?: number;
  firstLoadWaitMs: number;
  reloadMs: number;
  reloadStallMs: number;
  reloadBusyMs: number;
  reloadBusyMaxMs: number;
  entries: number;
  notes: number;
}

interface Serve {
  startServer(): Promise<{ port: number; stop(): void }>;
  launchBrowser(): Promise<{ newPage(o: object): Promise<Page>; close(): Promise<void> }>;
  workbenchUrl(port: number, folder: string, testsPath: string): string;
}

interface Page {
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  goto(url: string): Promise<unknown>;
}

export async function measureInVscode(workspace: string): Promise<VscodeFigures | { skipped: string }> {
  // Plain JS shared with the integration runner, so it is loaded from the source tree.
  const serve = require(path.join(ROOT, 'test/integration/serve.js')) as Serve;
  const probe = path.join(ROOT, 'out/bench/vscode-probe.js');
  if (!fs.existsSync(probe)) return { skipped: 'build first (npm run build)' };
  let server;
  try {
    server = await serve.startServer();
  } catch (err) {
    return { skipped: (err as Error).message };
  }
  const browser = await serve.launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let figures: VscodeFigures | undefined;
    const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      const m = /EVIDENCE_LENS_BENCH (\{.*\})/.exec(text);
      if (m) figures = JSON.parse(m[1]) as VscodeFigures;
      else if (/Error|failed/.test(text) && !/open-vsx|telemetry|service worker|Failed to fetch/i.test(text)) console.error(`  [vscode] ${text.trim()}`);
    });
    await page.goto(serve.workbenchUrl(server.port, workspace, probe));
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exit, timeout]);
    if (figures) return figures;
    return { skipped: code === 'timeout' ? 'the probe did not finish in time' : `the probe exited ${code} without figures` };
  } finally {
    await browser.close();
    server.stop();
  }
}
