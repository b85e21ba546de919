#!/usr/bin/env node
// `npm run test:integration`: runs test/integration's mocha suite inside a real VS Code (the
// VS Code server from the code-server package, driven by headless Chromium), on a copy of the
// example review. Exits with the suite's status.
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { startServer, workbenchUrl, launchBrowser, root } = require('./serve');

const TIMEOUT_MS = 10 * 60 * 1000;

async function main() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'el-it-'));
  fs.cpSync(path.join(root, 'examples/psilocybin-review'), workspace, { recursive: true });
  const testsPath = path.join(root, 'out/test/integration/index.js');
  if (!fs.existsSync(testsPath)) throw new Error('Build first: node esbuild.js');
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exit = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const list = Array.isArray(args) ? args : [args];
      const text = util.format(...list.map((a) => (typeof a === 'string' || typeof a === 'number' ? a : JSON.stringify(a))));
      if (/open-vsx|telemetry|service worker|Failed to fetch/i.test(text)) return; // offline noise
      process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    });
    await page.goto(workbenchUrl(server.port, workspace, testsPath));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS));
    const code = await Promise.race([exit, timeout]);
    if (code === 'timeout') {
      console.error(`Integration suite did not finish within ${TIMEOUT_MS / 60000} minutes`);
      return 1;
    }
    return Number(code);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
