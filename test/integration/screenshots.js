#!/usr/bin/env node
// Opens the example review in a real VS Code with the extension and writes screenshots to
// test-results/: the Problems panel and a note with its squiggles.
const fs = require('fs');
const path = require('path');
const { startServer, workbenchUrl, launchBrowser, root } = require('./serve');

async function main() {
  const out = path.join(root, 'test-results');
  fs.mkdirSync(out, { recursive: true });
  const workspace = fs.mkdtempSync(path.join(require('os').tmpdir(), 'el-example-'));
  fs.cpSync(path.join(root, 'examples/psilocybin-review'), workspace, { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server.port, workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForTimeout(6000);
    await page.keyboard.press('Control+P');
    await page.waitForTimeout(500);
    await page.keyboard.type('04-mistakes.md');
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(3000);
    await page.keyboard.press('Control+Shift+M');
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(out, 'problems.png') });
    console.log(`wrote ${path.join(out, 'problems.png')}`);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
