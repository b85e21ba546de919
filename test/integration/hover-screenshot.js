#!/usr/bin/env node
// Screenshot of a hover in a real VS Code: `node test/integration/hover-screenshot.js [note] [line:column] [png]`
// (default: the DOI of reference 5 in 02-trials.md, to test-results/hover.png). HOSTILE=1 adds
// notes/05-hostile.md, whose front matter entry has a hostile title, to check it renders as text.
const fs = require('fs');
const path = require('path');
const { openWorkbench, openFile, runScript } = require('./serve');

runScript(async () => {
  const hostile = '---\nreferences:\n  - id: hostile2024\n    title: "[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>"\n    author: [{family: "**Bold**", given: "`tick`"}]\n    DOI: "10.1234/x)(y"\n---\n\nSee [@hostile2024].\n';
  const { page, out, close } = await openWorkbench({
    prefix: 'el-hover-',
    prepare: (workspace) => process.env.HOSTILE && fs.writeFileSync(path.join(workspace, 'notes/05-hostile.md'), hostile),
  });
  try {
    await openFile(page, process.argv[2] || '02-trials.md');
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
    await close();
  }
});
