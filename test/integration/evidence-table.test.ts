import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { EvidenceLensApi } from '../../src/extension';
import { waitFor } from './wait';

const HOSTILE = '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>';
const EVIDENCE_ORDER = [
  'broken-example', 'raison2023', 'goodwin2022', 'carhart-harris2021', 'davis2021', 'griffiths2016', 'ross2016',
  'carhart-harris2018', 'carhart-harris2016', 'shao2021', 'gukasyan2022', 'mithoefer2019',
];

describe('evidence table in a real VS Code', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  let api: EvidenceLensApi;
  const probe = () => api.services.evidenceTable!;
  const tableTabs = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('evidenceLens.evidenceTable'));

  before(async () => {
    api = await vscode.extensions.getExtension<EvidenceLensApi>('evidence-lens.evidence-lens')!.activate();
    await api.services.model.ready;
  });

  after(() => probe().panel?.dispose());

  it('opens one panel, posts the records in evidence order, and reveals the same panel again', async () => {
    await Promise.all([vscode.commands.executeCommand('evidenceLens.showEvidenceTable'), vscode.commands.executeCommand('evidenceLens.showEvidenceTable')]);
    await waitFor(() => (tableTabs().length === 1 ? true : undefined), 'the evidence table tab');
    const message = await waitFor(() => probe().lastMessage, 'the rows message (sent when the page script asks)');
    assert.deepStrictEqual(message.rows.map((r) => r.id), EVIDENCE_ORDER);
    assert.strictEqual(message.total, 12);
    assert.deepStrictEqual(message.view, { sort: 'group', descending: false, filter: '' });
    await vscode.commands.executeCommand('evidenceLens.showEvidenceTable');
    assert.strictEqual(tableTabs().length, 1);
  });

  it('serves a page with a strict CSP, a nonce on its one script and no inline handlers', () => {
    const html = probe().html!;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp, html);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{16,})'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    const source = probe().panel!.webview.cspSource;
    assert.strictEqual(csp, `default-src 'none'; style-src ${source}; script-src 'nonce-${nonce}'; img-src ${source} data:`);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.strictEqual(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`) && /src="[^"]+evidence-table\.js"/.test(scripts[0]), scripts[0]);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /<script[^>]*>[^<]+<\/script>/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('exports the shown rows as CSV to a given file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-csv-'));
    try {
      const target = vscode.Uri.file(path.join(dir, 'table.csv'));
      const written = await vscode.commands.executeCommand<vscode.Uri>('evidenceLens.exportEvidenceTable', target);
      assert.strictEqual(written?.toString(), target.toString());
      const lines = fs.readFileSync(target.fsPath, 'utf8').split('\r\n');
      assert.strictEqual(lines[0], 'ID,Title,Year,Design,Design group,N,Enrolled,Population,Species,Follow-up,Primary outcome,Timepoint,Significant,Blinding,Control,Retracted,DOI,Citing notes');
      assert.strictEqual(lines[1], 'broken-example,[Fictional example] A record whose sample size was typed as a word,2024,rct,Randomised controlled trials,,,MDD,human,6 weeks,,,unknown,,,no,,0');
      assert.strictEqual(lines.length, 14); // header, 12 records, and the empty string after the last CRLF
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('updates live when a record is added, carrying a hostile title as plain data', async () => {
    const scratch = vscode.Uri.joinPath(folder(), 'studies/zz-scratch-hostile.yaml');
    const yaml = `id: zz-scratch\ntitle: ${JSON.stringify(HOSTILE)}\nyear: 2020\ndesign: meta-analysis\nn: 1000\n`;
    try {
      await vscode.workspace.fs.writeFile(scratch, new TextEncoder().encode(yaml));
      const row = await waitFor(() => probe().lastMessage?.rows.find((r) => r.id === 'zz-scratch'), 'the scratch record in the table');
      assert.strictEqual(row.title, HOSTILE);
      assert.strictEqual(probe().lastMessage!.rows[0].id, 'zz-scratch'); // a meta-analysis leads the evidence order
    } finally {
      await vscode.workspace.fs.delete(scratch);
    }
    await waitFor(() => (probe().lastMessage?.rows.some((r) => r.id === 'zz-scratch') ? undefined : true), 'the scratch record to go');
    assert.deepStrictEqual(probe().lastMessage!.rows.map((r) => r.id), EVIDENCE_ORDER);
  });

  it('closes cleanly', async () => {
    probe().panel!.dispose();
    await waitFor(() => (tableTabs().length === 0 ? true : undefined), 'the tab to close');
    assert.strictEqual(probe().panel, undefined);
    assert.strictEqual(probe().lastMessage, undefined);
  });
});
