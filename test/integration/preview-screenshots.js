#!/usr/bin/env node
// Opens a note of the example review and its markdown preview in a real VS Code with the
// extension, and writes test-results/preview.png (top of the note) and preview-references.png
// (its end, with the appended reference list). Options: `--dark` for the dark theme,
// `--note=NAME` for another note of the example.
const fs = require('fs');
const path = require('path');
const { openWorkbench, openFile, runScript } = require('./serve');

runScript(async () => {
  const dark = process.argv.includes('--dark');
  const note = (process.argv.find((a) => a.startsWith('--note=')) ?? '--note=01-overview.md').slice('--note='.length);
  const suffix = (dark ? '-dark' : '') + (note === '01-overview.md' ? '' : '-' + note.replace(/\.md$/, ''));
  const { page, out, close } = await openWorkbench({
    prefix: 'el-preview-',
    prepare: (workspace) => {
      if (!dark) return;
      fs.mkdirSync(path.join(workspace, '.vscode'));
      fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }));
    },
  });
  try {
    await openFile(page, note);
    // Markdown: Open Preview to the Side.
    await page.keyboard.press('Control+K');
    await page.waitForTimeout(300);
    await page.keyboard.press('v');
    await page.waitForTimeout(6000);
    // Back to the editor so the cursor moves drive the preview's scroll sync.
    await page.keyboard.press('Control+1');
    await page.waitForTimeout(500);
    // Scroll sync: the preview follows the editor's cursor.
    await page.keyboard.press('Control+G');
    await page.waitForTimeout(300);
    await page.keyboard.type('14');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(out, `preview${suffix}.png`) });
    await page.keyboard.press('Control+End');
    await page.waitForTimeout(2500);
    await page.screenshot({ path: path.join(out, `preview-references${suffix}.png`) });
    console.log(`wrote ${out}/preview${suffix}.png and preview-references${suffix}.png`);
  } finally {
    await close();
  }
});
