import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { FetchLike } from '../../src/core/resolver/http';
import { Resolver } from '../../src/core/resolver/resolver';
import { loadWorkspace } from '../../src/core/workspace/load';
import type { Services } from '../../src/vscode/services';
import { FakeUri, installFakeVscode } from './fake-vscode';
import type { FakeVscode } from './fake-vscode';

const DOI = '10.5555/trust-test-work';
const BIB = '@article{old2000,\n  title = {Old},\n  doi = {10.5555/old}\n}\n';
const ANSWER = { type: 'article-journal', DOI, title: 'A new work', author: [{ family: 'Newman', given: 'Ada' }], issued: { 'date-parts': [[2024]] } };

/** Every file under `dir` with its bytes, to prove nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) out[name] = fs.readFileSync(full).toString('base64');
  }
  return out;
}

/**
 * The editor's write and network paths in an untrusted workspace, run in plain node against a fake
 * `vscode` (a real restricted-mode VS Code cannot be switched on for the shared integration session).
 * The trusted control shows the same spies do see a request and a write.
 */
describe('editor write paths over a fake vscode: no network and no write when untrusted, no byte lost when trusted', () => {
  let fake: FakeVscode;
  let dir: string;
  let fetches: string[];
  let services: Services;
  let vscodeAdapters: {
    addSource: typeof import('../../src/vscode/resolver/add-source');
    refresh: typeof import('../../src/vscode/resolver/refresh');
    resolver: typeof import('../../src/vscode/resolver/index');
    table: typeof import('../../src/vscode/evidence-table/index');
    record: typeof import('../../src/vscode/tree/record');
    exportBibliography: typeof import('../../src/vscode/commands/export-bibliography');
    walkthrough: typeof import('../../src/vscode/walkthrough/index');
  };
  const fetchSpy: FetchLike = async (url) => {
    fetches.push(url);
    return new Response(JSON.stringify(ANSWER), { status: 200, headers: { 'content-type': 'application/vnd.citationstyles.csl+json' } });
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-trust-'));
    fake = installFakeVscode(toCorePath(dir));
    // Loaded after the fake is in place: these modules import 'vscode'.
    vscodeAdapters = {
      addSource: require('../../src/vscode/resolver/add-source'),
      refresh: require('../../src/vscode/resolver/refresh'),
      resolver: require('../../src/vscode/resolver/index'),
      table: require('../../src/vscode/evidence-table/index'),
      record: require('../../src/vscode/tree/record'),
      exportBibliography: require('../../src/vscode/commands/export-bibliography'),
      walkthrough: require('../../src/vscode/walkthrough/index'),
    };
  });
  after(() => {
    fake.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(trusted: boolean, bib: string | Buffer = BIB): Promise<Resolver> {
    fake.setTrusted(trusted);
    fake.commands.clear();
    fake.editorWrites.length = 0;
    fake.messages.length = 0;
    fetches = [];
    fs.writeFileSync(path.join(dir, 'refs.bib'), bib);
    fs.writeFileSync(path.join(dir, 'note.md'), `A new work doi:${DOI} is cited here.\n`);
    const root = toCorePath(dir);
    const { index } = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
    const model = { ready: Promise.resolve(), loaded: true, index, root, config: DEFAULT_CONFIG, uriOf: (p: string) => FakeUri.file(p), onDidChange: () => ({ dispose: () => undefined }) };
    services = { model, config: { config: DEFAULT_CONFIG }, log: { info: () => undefined, warn: () => undefined } } as unknown as Services;
    const resolver = new Resolver({ fetch: fetchSpy, settings: vscodeAdapters.resolver.settingsOf(DEFAULT_CONFIG) });
    vscodeAdapters.addSource.registerAddSource(services, resolver);
    vscodeAdapters.refresh.registerRefresh(services, resolver);
    const context = { extensionUri: FakeUri.file('/extension'), subscriptions: [] };
    vscodeAdapters.table.register(context as never, services);
    return resolver;
  }

  it('untrusted: the resolver is offline whatever the settings say', async () => {
    const resolver = await setUp(false);
    assert.strictEqual(resolver.online, false);
    assert.strictEqual(vscodeAdapters.resolver.settingsOf({ ...DEFAULT_CONFIG, resolver: { ...DEFAULT_CONFIG.resolver, online: true } }).online, false);
  });

  it('untrusted: add source, refresh metadata and CSV export make no request and write nothing', async () => {
    await setUp(false);
    const before = snapshot(dir);
    const added = await fake.commands.get('evidenceLens.addSourceFromDoi')!(DOI, 'refs.bib');
    assert.deepStrictEqual(added, { status: 'not-added', reason: 'Evidence Lens writes no file in an untrusted workspace.' });
    assert.strictEqual(await fake.commands.get('evidenceLens.refreshMetadata')!('workspace'), undefined);
    assert.strictEqual(await fake.commands.get('evidenceLens.exportEvidenceTable')!(FakeUri.file(path.join(dir, 'table.csv'))), undefined);
    assert.deepStrictEqual(fetches, []);
    assert.deepStrictEqual(fake.editorWrites, []);
    assert.deepStrictEqual(snapshot(dir), before);
    assert.deepStrictEqual(fake.messages, [
      'Evidence Lens writes no file in an untrusted workspace.',
      'DOI lookups are off in an untrusted workspace.',
      'Evidence Lens writes no file in an untrusted workspace.',
    ]);
  });

  it('untrusted: creating a study record and exporting the bibliography to a file write nothing', async () => {
    await setUp(false);
    const before = snapshot(dir);
    assert.strictEqual(await vscodeAdapters.record.createStudyRecord(services, 'old2000'), undefined);
    const target = FakeUri.file(path.join(dir, 'exported.bib'));
    assert.strictEqual(await vscodeAdapters.exportBibliography.exportBibliography(services, { scope: 'library', format: 'bibtex', target: target as never }), undefined);
    assert.deepStrictEqual(fake.editorWrites, []);
    assert.deepStrictEqual(snapshot(dir), before);
    assert.deepStrictEqual(fake.messages, [
      'Evidence Lens writes no file in an untrusted workspace.',
      'Evidence Lens writes no file in an untrusted workspace; export to the clipboard instead.',
    ]);
  });

  it('untrusted: the example review is still copied, from the extension into the folder picked, touching nothing in the workspace', async () => {
    await setUp(false);
    const before = snapshot(dir);
    const elsewhere = path.join(os.tmpdir(), 'el-trust-no-such-parent');
    const window = fake.api.window as { showOpenDialog: unknown };
    const showOpenDialog = window.showOpenDialog;
    window.showOpenDialog = async () => [FakeUri.file(elsewhere)];
    try {
      vscodeAdapters.walkthrough.register({ extensionUri: FakeUri.file('/extension') } as never);
      const copy = await fake.commands.get('evidenceLens.openExampleReview')!();
      assert.strictEqual(String(copy), `file://${elsewhere}/psilocybin-review`);
    } finally {
      window.showOpenDialog = showOpenDialog;
    }
    assert.deepStrictEqual(fake.editorWrites, [`copy file:///extension/examples/psilocybin-review file://${elsewhere}/psilocybin-review`]);
    assert.deepStrictEqual(snapshot(dir), before);
  });

  it('control, trusted: creating a study record and exporting to a file reach the editor as writes', async () => {
    await setUp(true);
    const root = toCorePath(dir);
    const record = await vscodeAdapters.record.createStudyRecord(services, 'old2000');
    assert.strictEqual(String(record), `file://${root}/studies/old2000.yaml`);
    const target = FakeUri.file(`${root}/exported.bib`);
    const text = await vscodeAdapters.exportBibliography.exportBibliography(services, { scope: 'library', format: 'bibtex', target: target as never });
    assert.match(text ?? '', /^@article\{old2000,/);
    assert.deepStrictEqual(fake.editorWrites, [`applyEdit createFile file://${root}/studies/old2000.yaml`, `writeFile file://${root}/exported.bib`]);
  });

  it('control, trusted: the same spies see the request and the write', async () => {
    await setUp(true);
    const added = await fake.commands.get('evidenceLens.addSourceFromDoi')!(DOI, 'refs.bib');
    assert.deepStrictEqual(added, { status: 'added', key: 'newman2024', file: `${toCorePath(dir)}/refs.bib` });
    assert.deepStrictEqual(fetches, [`https://doi.org/${DOI}`]);
    assert.match(fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8'), /^@article\{old2000,[\s\S]*@article\{newman2024,/);
    const csv = FakeUri.file(path.join(dir, 'table.csv'));
    assert.strictEqual(await fake.commands.get('evidenceLens.exportEvidenceTable')!(csv), csv);
    assert.match(fs.readFileSync(csv.fsPath, 'utf8'), /^ID,Title,/);
  });

  it('trusted: adding to a .bib that is not valid UTF-8 is refused and every byte kept (decoding would write U+FFFD)', async () => {
    const latin1 = Buffer.concat([Buffer.from('% M'), Buffer.from([0xfc]), Buffer.from('ller, saved as Latin-1\n'), Buffer.from(BIB)]);
    await setUp(true, latin1);
    const added = (await fake.commands.get('evidenceLens.addSourceFromDoi')!(DOI, 'refs.bib')) as { status: string; reason: string };
    assert.strictEqual(added.status, 'not-added');
    assert.match(added.reason, /^Could not add newman2024 to refs\.bib: /);
    assert.ok(fs.readFileSync(path.join(dir, 'refs.bib')).equals(latin1));
  });
});
