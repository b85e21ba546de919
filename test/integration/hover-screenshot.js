#!/usr/bin/env node
// Screenshot of a hover in a real VS Code: `node test/integration/hover-screenshot.js [note] [line:column] [png]`
// (default: the DOI of reference 5 in 02-trials.md, to test-results/hover.png). HOSTILE=1 adds
// notes/05-hostile.md, whose front matter entry has a hostile title, to check it renders as text.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, workbenchUrl, launchBrowser, root } = require('./serve');
(async () => {
  const out = path.join(root, 'test-results');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'el-hover-'));
  fs.cpSync(path.join(root, 'examples/psilocybin-review'), workspace, { recursive: true });
  if (process.env.HOSTILE) fs.writeFileSync(path.join(workspace, 'notes/05-hostile.md'), '---\nreferences:\n  - id: hostile2024\n    title: "[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>"\n    author: [{family: "**Bold**", given: "`tick`"}]\n    DOI: "10.1234/x)(y"\n---\n\nSee [@hostile2024].\n');
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server.port, workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForTimeout(6000);
    await page.keyboard.press('Control+P');
    await page.waitForTimeout(500);
    const name = process.argv[2] || '02-trials.md';
    await page.keyboard.type(name);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 20000 });
    await page.waitForTimeout(3000);
    await page.keyboard.press('Control+G');
    await page.waitForTimeout(400);
    await page.keyboard.type(process.argv[3] || '63:180');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.waitForTimeout(3000);
    const file = path.join(out, process.argv[4] || 'hover.png');
    await page.screenshot({ path: file });
    console.log('wrote', file);
  } finally {
    await browser.close();
    server.stop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
