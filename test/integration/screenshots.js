#!/usr/bin/env node
// Opens the example review in a real VS Code with the extension and writes
// test-results/problems.png: a note with its squiggles and the Problems panel.
const path = require('path');
const { openWorkbench, openFile, runScript } = require('./serve');

runScript(async () => {
  const { page, out, close } = await openWorkbench({ prefix: 'el-example-' });
  try {
    await openFile(page, '04-mistakes.md');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(out, 'problems.png') });
    console.log(`wrote ${path.join(out, 'problems.png')}`);
  } finally {
    await close();
  }
});
