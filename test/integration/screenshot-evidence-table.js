#!/usr/bin/env node
// Opens the evidence table through the command palette in a real VS Code, writes
// test-results/evidence-table.png, then drives the page: filter, sort, and a record with a
// hostile title added on disk, which must show as the same text and create no element.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { openWorkbench, openFile, runCommand, runScript } = require('./serve');

const HOSTILE = '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>';

/** The webview's inner frame holding the table, once its script has rendered rows. */
async function tableFrame(page, ms = 30000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const frame of page.frames()) {
      const rows = await frame.$$('#evidence-table tbody tr').catch(() => []);
      if (rows.length) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the evidence table never rendered');
}

const rowIds = (frame) => frame.$$eval('#evidence-table tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));

async function until(probe, what, page, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

runScript(async () => {
  const { page, workspace, out, close } = await openWorkbench({ prefix: 'el-table-' });
  try {
    await runCommand(page, 'Evidence Lens: Show evidence table');
    let frame = await tableFrame(page);
    // Both side bars off: the table wants the width.
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+Alt+B');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'evidence-table.png') });
    console.log(`wrote ${path.join(out, 'evidence-table.png')}`);
    frame = await tableFrame(page);

    const ids = await rowIds(frame);
    assert.strictEqual(ids[0], 'broken-example');
    assert.strictEqual(ids.length, 12);
    assert.strictEqual(await frame.$$eval('#chart svg circle.point', (c) => c.length), 10 + 4); // 10 plotted studies; 3 groups and "retracted" in the legend
    assert.strictEqual(await frame.$eval('th[aria-sort="ascending"] button', (b) => b.dataset.key), 'group');

    await frame.fill('#filter', 'madrs');
    await until(async () => (await rowIds(frame)).join() === 'raison2023,goodwin2022', 'the filter', page);
    await frame.click('th button[data-key="n"]');
    await until(async () => (await rowIds(frame)).join() === 'raison2023,goodwin2022' && (await frame.$eval('th[aria-sort="ascending"] button', (b) => b.dataset.key)) === 'n', 'the sort by n', page);
    await frame.click('th button[data-key="n"]');
    await until(async () => (await rowIds(frame)).join() === 'goodwin2022,raison2023', 'the reversed sort', page);
    await frame.fill('#filter', '');
    await until(async () => (await rowIds(frame)).length === 12, 'the cleared filter', page);
    console.log('filter and sort: ok');

    fs.writeFileSync(
      path.join(workspace, 'studies/zz-hostile.yaml'),
      `id: zz-hostile\ntitle: ${JSON.stringify(HOSTILE)}\nyear: 2020\ndesign: meta-analysis\nn: 1000\npopulation: "=HYPERLINK(\\"http://x\\")"\n`,
    );
    const title = await until(
      () => frame.$$eval('#evidence-table tbody tr', (trs) => trs.find((tr) => tr.cells[0].textContent === 'zz-hostile')?.cells[1].textContent),
      'the hostile record',
      page,
      30000,
    );
    assert.strictEqual(title, HOSTILE);
    assert.strictEqual(await frame.$$eval('#evidence-table img, #evidence-table script, #evidence-table a', (e) => e.length), 0);
    const tip = await frame.$$eval('#chart circle.point > title', (ts) => ts.map((t) => t.textContent).find((t) => t.startsWith('zz-hostile')));
    assert.ok(tip.endsWith(`\n${HOSTILE}`), tip);
    await page.screenshot({ path: path.join(out, 'evidence-table-hostile.png') });
    console.log('hostile title shown as text: ok');

    // Export CSV from the page: VS Code's save dialog (a quick input in the browser) proposes
    // evidence-table.csv in the folder; Enter accepts it.
    await frame.click('#export');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(out, 'evidence-table-save.png') });
    await page.keyboard.press('Enter');
    const csvPath = path.join(workspace, 'evidence-table.csv');
    const csv = await until(() => fs.existsSync(csvPath) && fs.readFileSync(csvPath, 'utf8'), 'the exported CSV', page);
    const lines = csv.split('\r\n');
    assert.strictEqual(lines.length, 15); // header, 13 records, '' after the last CRLF
    assert.ok(lines[1].startsWith('zz-hostile,'), lines[1]); // the page's sort (n, descending) is kept
    assert.ok(lines[1].includes(`,"'=HYPERLINK(""http://x"")",`), lines[1]);
    console.log('export from the page: ok');

    // The claim status bar item of a note with problems.
    await openFile(page, '04-mistakes.md');
    const status = await page.waitForSelector('.statusbar-item:has-text("claim problems")', { timeout: 30000 });
    console.log(`status bar: ${await status.innerText()}`);
    await status.hover();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(out, 'claim-status.png') });
  } finally {
    await close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});
