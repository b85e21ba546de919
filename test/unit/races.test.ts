import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toCorePath } from '../../src/cli/node-fs';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { Services } from '../../src/vscode/services';
import type { WorkspaceModel } from '../../src/vscode/workspace/workspace-model';
import { FakeUri, fakeDocument, installFakeVscode } from './fake-vscode';
import type { FakeVscode } from './fake-vscode';

/** A promise the test settles by hand, to finish a disk read exactly when the scenario needs. */
function deferred<T>(): { promise: Promise<T>; resolve(v: T): void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** setTimeout/clearTimeout replaced by a queue the test runs by hand (the model's debounce). */
function manualClock() {
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const queue = new Map<number, () => void>();
  let next = 1;
  globalThis.setTimeout = ((fn: () => void) => (queue.set(next, fn), next++)) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((id: number) => void queue.delete(id)) as typeof clearTimeout;
  return {
    get waiting() {
      return queue.size;
    },
    runAll() {
      const due = [...queue.values()];
      queue.clear();
      due.forEach((fn) => fn());
    },
    restore() {
      Object.assign(globalThis, real);
    },
  };
}

type WorkspaceFs = { readFile: unknown; stat: unknown };

/** Lets every already-settled promise continuation run (the model's awaits between read and index). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * WorkspaceModel and the diagnostics adapter over a fake `vscode`, with disk reads and the edit
 * debounce driven by hand: each test orders events the way a slow disk or a fast typist can, and
 * fails if the generation or version check it covers is removed.
 */
describe('races over a fake vscode: stale disk reads and stale findings are dropped', () => {
  let fake: FakeVscode;
  let dir: string;
  let root: string;
  let note: string;
  let clock: ReturnType<typeof manualClock>;
  let model: WorkspaceModel;
  let reads: Map<string, ReturnType<typeof deferred<Uint8Array>>[]>;
  let realFs: WorkspaceFs;
  let modules: {
    model: typeof import('../../src/vscode/workspace/workspace-model');
    diagnostics: typeof import('../../src/vscode/diagnostics/index');
    findings: typeof import('../../src/vscode/findings-store');
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-races-'));
    root = toCorePath(dir);
    note = `${root}/note.md`;
    fake = installFakeVscode(root);
    modules = {
      model: require('../../src/vscode/workspace/workspace-model'),
      diagnostics: require('../../src/vscode/diagnostics/index'),
      findings: require('../../src/vscode/findings-store'),
    };
  });
  after(() => {
    fake.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{known2020,\n  title = {Known}\n}\n');
    fs.writeFileSync(note, 'Old text [@known2020].\n');
    fake.textDocuments.length = 0;
    fake.watchers.length = 0;
    fake.diagnostics.length = 0;
    const configService = { config: DEFAULT_CONFIG, onDidChange: () => ({ dispose: () => undefined }) };
    const log = { info: () => undefined, warn: () => undefined };
    model = new modules.model.WorkspaceModel(FakeUri.file(root) as never, configService as never, log as never);
    await model.reload();
    // From here on, reads of the note wait for the test to hand them their bytes.
    const workspaceFs = (fake.api.workspace as { fs: WorkspaceFs }).fs;
    realFs = { ...workspaceFs };
    workspaceFs.stat = async () => ({ size: 100 });
    reads = new Map();
    workspaceFs.readFile = (u: FakeUri) => {
      const read = deferred<Uint8Array>();
      reads.set(u.path, [...(reads.get(u.path) ?? []), read]);
      return read.promise;
    };
    clock = manualClock();
  });
  afterEach(() => {
    clock.restore();
    Object.assign((fake.api.workspace as { fs: WorkspaceFs }).fs, realFs);
    model.dispose();
  });

  /** The model's own watcher on the folder (the first one it created). */
  const watcher = () => fake.watchers[0];
  const bytes = (text: string) => new TextEncoder().encode(text);
  const noteText = () => model.index.note(note)?.text;
  /** The note's diagnostics changes (the bibliography's own findings are not what these tests are about). */
  const noteDiagnostics = () => fake.diagnostics.filter((d) => d.includes(`file://${note}`));

  it('a disk read finishing after newer editor text was indexed does not put the older text back (generation)', async () => {
    watcher().change.fire(FakeUri.file(note)); // a save from outside: the read is slow
    await settle();
    const document = fakeDocument(note, 'Editor text [@known2020].\n');
    fake.textDocuments.push(document);
    fake.documentEvents.open.fire(document);
    clock.runAll();
    await settle();
    assert.strictEqual(noteText(), 'Editor text [@known2020].\n');
    // The editor closes (the close's own disk read is still pending), then the slow read lands.
    fake.textDocuments.length = 0;
    document.isClosed = true;
    fake.documentEvents.close.fire(document);
    await settle();
    const [slow, onClose] = reads.get(note)!;
    slow.resolve(bytes('Disk text from before [@known2020].\n'));
    await settle();
    assert.strictEqual(noteText(), 'Editor text [@known2020].\n');
    onClose.resolve(bytes('Saved editor text [@known2020].\n'));
    await settle();
    assert.strictEqual(noteText(), 'Saved editor text [@known2020].\n');
  });

  it('two disk reads finishing out of order (a rename-replace fires create then change) keep the newer one (generation)', async () => {
    watcher().create.fire(FakeUri.file(note));
    watcher().change.fire(FakeUri.file(note));
    await settle();
    const [first, second] = reads.get(note)!;
    second.resolve(bytes('Newer [@known2020].\n'));
    await settle();
    first.resolve(bytes('Older [@known2020].\n'));
    await settle();
    assert.strictEqual(noteText(), 'Newer [@known2020].\n');
  });

  it('a disk read finishing after its file was deleted does not bring the file back (generation)', async () => {
    const changed: string[][] = [];
    model.onDidChange((files) => changed.push(files));
    watcher().change.fire(FakeUri.file(note));
    await settle();
    watcher().delete.fire(FakeUri.file(note));
    assert.strictEqual(noteText(), undefined);
    reads.get(note)![0].resolve(bytes('Last bytes read before the delete [@known2020].\n'));
    await settle();
    assert.strictEqual(noteText(), undefined);
    assert.deepStrictEqual(changed, [[note]]);
  });

  it('a file deleted while a folder load runs, after the load read it, is not left in the index (reload)', async () => {
    const loading = model.reload();
    for (let i = 0; i < 50 && !reads.get(note)?.length; i++) await settle();
    // The load has asked for the note and the library; the note is deleted before its read returns.
    assert.ok(reads.get(note)?.length, 'the load reads the note');
    fs.rmSync(note);
    watcher().delete.fire(FakeUri.file(note));
    // Reads from here on see the disk; the load's own reads return what they read before.
    Object.assign((fake.api.workspace as { fs: WorkspaceFs }).fs, realFs);
    for (const [file, pending] of reads) for (const read of pending) read.resolve(bytes(file === note ? 'Old text [@known2020].\n' : fs.readFileSync(file, 'utf8')));
    await loading;
    for (let i = 0; i < 5; i++) await settle();
    assert.strictEqual(model.index.kindOf(note), undefined);
    assert.strictEqual(model.index.kindOf(`${root}/refs.bib`), 'bibliography');
  });

  it('findings for an index behind the editor are not published; they are once the index catches up (version)', async () => {
    const services = { model, findings: new modules.findings.FindingStore() } as unknown as Services;
    const subscription = modules.diagnostics.register({ subscriptions: [] } as never, services);
    try {
      const document = fakeDocument(note, 'Claim [@missing2021].\n', 1);
      fake.textDocuments.push(document);
      fake.documentEvents.open.fire(document);
      clock.runAll();
      await settle();
      assert.deepStrictEqual(noteDiagnostics(), [`set file://${note} 0:7 citation.unresolved`]);

      // The user inserts two lines; the debounced reindex has not run yet.
      document.text = '\n\nClaim [@missing2021].\n';
      document.version = 2;
      fake.documentEvents.change.fire({ document, contentChanges: [{}] });
      assert.ok(model.hasPending(note));
      fake.diagnostics.length = 0;
      await fake.commands.get('evidenceLens.checkAllNotes')?.();
      await settle();
      // Publishing now would put line 0 (the indexed text's) on the editor's line 0, which is empty.
      assert.deepStrictEqual(noteDiagnostics(), []);
      assert.strictEqual(model.isCurrent(note), false);

      clock.runAll();
      await settle();
      assert.strictEqual(model.isCurrent(note), true);
      assert.deepStrictEqual(noteDiagnostics(), [`set file://${note} 2:7 citation.unresolved`]);
      assert.deepStrictEqual(services.findings.get(note).map((f) => f.range.start.line), [2]);
    } finally {
      subscription.dispose();
    }
  });

  it('sends a note\'s diagnostics to VS Code again only when they change, and again after they were removed', async () => {
    const services = { model, findings: new modules.findings.FindingStore() } as unknown as Services;
    const subscription = modules.diagnostics.register({ subscriptions: [] } as never, services);
    try {
      const document = fakeDocument(note, 'Claim [@missing2021].\n', 1);
      fake.textDocuments.push(document);
      fake.documentEvents.open.fire(document);
      clock.runAll();
      await settle();
      assert.deepStrictEqual(noteDiagnostics(), [`set file://${note} 0:7 citation.unresolved`]);

      // "Check all notes" with nothing changed: the findings are recomputed, nothing is sent.
      fake.diagnostics.length = 0;
      await fake.commands.get('evidenceLens.checkAllNotes')?.();
      await settle();
      assert.deepStrictEqual(noteDiagnostics(), []);
      assert.deepStrictEqual(services.findings.get(note).map((f) => f.code), ['citation.unresolved']);

      // An edit that moves the finding is sent.
      document.text = 'A claim [@missing2021].\n';
      document.version = 2;
      fake.documentEvents.change.fire({ document, contentChanges: [{}] });
      clock.runAll();
      await settle();
      assert.deepStrictEqual(noteDiagnostics(), [`set file://${note} 0:9 citation.unresolved`]);

      // Closed, then opened again with the same text: removed, then sent again.
      fake.diagnostics.length = 0;
      fake.documentEvents.close.fire(document);
      document.version = 3;
      fake.documentEvents.open.fire(document);
      clock.runAll();
      await settle();
      assert.deepStrictEqual(noteDiagnostics(), [`delete file://${note}`, `set file://${note} 0:9 citation.unresolved`]);
    } finally {
      subscription.dispose();
    }
  });

  it('a bibliography open in an editor ahead of the index gets no library findings until the index catches up (version)', async () => {
    const services = { model, findings: new modules.findings.FindingStore() } as unknown as Services;
    const subscription = modules.diagnostics.register({ subscriptions: [] } as never, services);
    const bib = `${root}/refs.bib`;
    const bibDiagnostics = () => fake.diagnostics.filter((d) => d.includes(`file://${bib} `));
    try {
      const entry = '@article{known2020,\n  title = {Known},\n  doi = {10.1/x}\n}\n';
      const document = fakeDocument(bib, entry, 1);
      fake.textDocuments.push(document);
      fake.documentEvents.open.fire(document);
      clock.runAll();
      await settle();
      await settle();
      assert.deepStrictEqual(bibDiagnostics(), [`set file://${bib} 2:9 reference.doi-malformed`]);

      document.text = `% two lines\n\n${entry}`;
      document.version = 2;
      fake.documentEvents.change.fire({ document, contentChanges: [{}] });
      fake.diagnostics.length = 0;
      await fake.commands.get('evidenceLens.checkAllNotes')?.();
      assert.deepStrictEqual(bibDiagnostics(), []);

      clock.runAll();
      await settle();
      await settle();
      assert.deepStrictEqual(bibDiagnostics(), [`set file://${bib} 4:9 reference.doi-malformed`]);
    } finally {
      subscription.dispose();
    }
  });
});
