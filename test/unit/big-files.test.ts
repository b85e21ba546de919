import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { checkNote } from '../../src/core/check';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { parseNote } from '../../src/core/notes/note';
import { decodeText, decodeTextInSlices, MAX_BYTES, UnreadableFileError } from '../../src/core/workspace/file-limits';
import { indexText, loadWorkspace } from '../../src/core/workspace/load';
import { r, textAt } from './helpers';

const MB = 1024 * 1024;
const ENTRY = (key: string) => `@article{${key},\n  author = {Davis, Alan K.},\n  title = {Effects of psilocybin},\n  year = {2021},\n  doi = {10.1001/jamapsychiatry.2020.${key.length}}\n}\n`;

/** Runs `fn`, prints how long it took (the figures in the fuzz report) and fails past `maxMs`. */
function timed<T>(label: string, fn: () => T, maxMs = 10000): T {
  const started = performance.now();
  const report = () => {
    const ms = performance.now() - started;
    console.log(`      ${label}: ${Math.round(ms)} ms`);
    assert.ok(ms < maxMs, `${label} took ${Math.round(ms)} ms (> ${maxMs})`);
  };
  const result = fn();
  if (result instanceof Promise) return result.finally(report) as T;
  report();
  return result;
}

function findingsOf(index: WorkspaceIndex, file: string) {
  return (index.bibliography(file)?.findings ?? index.study(file)?.findings ?? []).map((f) => [f.code, f.message, f.range]);
}

describe('big and odd files', function () {
  this.timeout(60000);
  let dir: string;
  let root: string;
  const write = (name: string, data: string | Uint8Array) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), data);
    return `${root}/${name}`;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-lens-big-'));
    root = toCorePath(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a 20 MB .bib loads every entry', async () => {
    const count = Math.ceil((20 * MB) / ENTRY('k000000').length);
    const file = write('huge.bib', Array.from({ length: count }, (_, i) => ENTRY(`k${String(i).padStart(6, '0')}`)).join(''));
    const loaded = await timed('20 MB .bib, load', () => loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG), 30000);
    assert.deepStrictEqual(findingsOf(loaded.index, file), []);
    assert.strictEqual(loaded.index.bibliography(file)?.entries.length, count);
  });

  it('a .bib over the 100 MB limit is not read and gets one bibliography.invalid saying so', async () => {
    const file = write('dump.bib', '');
    fs.truncateSync(path.join(dir, 'dump.bib'), 101 * MB); // sparse: the size is checked before any read
    const loaded = await timed('101 MB .bib, load', () => loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG));
    assert.deepStrictEqual(findingsOf(loaded.index, file), [
      ['bibliography.invalid', 'Could not read this bibliography: file too large to check (101 MB > 100 MB limit).', r(0, 0, 0, 0)],
    ]);
    assert.deepStrictEqual(loaded.unreadable, [{ file, reason: 'file too large to check (101 MB > 100 MB limit)' }]);
  });

  it('a bibliography over the limit in an open editor (text, not a file) gets the same finding', () => {
    const index = new WorkspaceIndex();
    const reason = indexText(index, '/ws/big.bib', 'bibliography', 'x'.repeat(MAX_BYTES.bibliography + 1));
    assert.strictEqual(reason, 'file too large to check (100.0 MB > 100 MB limit)');
    assert.strictEqual(index.bibliography('/ws/big.bib')?.findings[0].code, 'bibliography.invalid');
    assert.strictEqual(indexText(index, '/ws/studies/s.yaml', 'study', 'x'.repeat(MAX_BYTES.study + 1)), 'file too large to check (1.0 MB > 1 MB limit)');
    assert.strictEqual(index.study('/ws/studies/s.yaml')?.findings[0].code, 'study.invalid');
  });

  it('a 5 MB note is indexed without content and reported as not checked (CLI: on standard error)', async () => {
    const line = 'Remission reached 54% at week 4 [@davis2021].\n';
    const file = write('notes/huge.md', line.repeat(Math.ceil((5 * MB) / line.length)).slice(0, 5 * MB));
    const loaded = await timed('5 MB note, load', () => loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG));
    assert.deepStrictEqual(loaded.unreadable, [{ file, reason: 'file too large to check (5 MB > 2 MB limit)' }]);
    assert.deepStrictEqual(loaded.index.note(file)?.citations, []);
    let stderr = '';
    const code = await runCli(['check', dir, '--offline'], { stdout: () => undefined, stderr: (s) => (stderr += s), cwd: dir, isTty: false });
    assert.strictEqual(code, 0);
    assert.strictEqual(stderr, 'evidence-lens: notes/huge.md: not checked: file too large to check (5 MB > 2 MB limit)\n');
  });

  it('a note of 100,000 lines is parsed and checked, ranges right to the last line', () => {
    const lines = Array.from({ length: 100000 }, (_, i) => (i % 2 ? `Line ${i} [@k${i}].` : ''));
    const text = lines.join('\n');
    assert.ok(text.length < MAX_BYTES.note);
    const note = timed('100,000-line note, parse', () => parseNote(text, '/ws/long.md'));
    const index = new WorkspaceIndex();
    index.setNote(note);
    const findings = timed('100,000-line note, check', () => checkNote(note, index, DEFAULT_CONFIG));
    assert.strictEqual(findings.filter((f) => f.code === 'citation.unresolved').length, 50000);
    const last = note.citations[note.citations.length - 1];
    assert.deepStrictEqual(last.range, r(99999, 12, 99999, 19));
    assert.strictEqual(textAt(text, last.range), '@k99999');
  });

  it('a single 1 MB line is parsed in bounded time (ICU sentence splitting was quadratic: 46 s)', () => {
    const text = 'Psilocybin reduced depression scores by 50% in trials [@davis2021]. '.repeat(Math.ceil(MB / 68));
    const note = timed('1 MB line, parse', () => parseNote(text, '/ws/line.md'));
    assert.strictEqual(note.sentences.length, Math.ceil(MB / 68));
    const lastSentence = note.sentences[note.sentences.length - 1];
    assert.strictEqual(textAt(text, lastSentence.range), 'Psilocybin reduced depression scores by 50% in trials [@davis2021].');
    const index = new WorkspaceIndex();
    index.setNote(note);
    timed('1 MB line, check', () => checkNote(note, index, DEFAULT_CONFIG));
  });

  it('a binary file named .bib gets bibliography.invalid "not a text file"; a binary .json is ignored like package.json', async () => {
    const bytes = crypto.randomBytes(64 * 1024);
    bytes[100] = 0;
    const file = write('refs.bib', bytes);
    write('data.json', bytes);
    const loaded = await timed('64 KB binary .bib, load', () => loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG));
    assert.deepStrictEqual(findingsOf(loaded.index, file), [
      ['bibliography.invalid', 'Could not read this bibliography: not a text file (it holds NUL bytes).', r(0, 0, 0, 0)],
    ]);
    assert.deepStrictEqual(loaded.bibliographies, [file]);
  });

  it('decodes UTF-16 LE and BE by their byte order mark and drops a UTF-8 BOM', () => {
    const text = '@article{müller2020,\n  title = {Ünïcödé 𝛼}\n}\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    assert.strictEqual(decodeText(le), text);
    assert.strictEqual(decodeText(be), text);
    assert.strictEqual(decodeText(Buffer.from('\ufeff' + text, 'utf8')), text);
    assert.throws(() => decodeText(Buffer.from(text, 'utf16le')), UnreadableFileError); // no BOM: NULs, not text
  });

  it('decodes in slices to what decodeText gives: characters split between slices, BOMs, Latin-1, binary', async () => {
    const text = '\ufeff@article{müller2020,\n  title = {Ünïcödé 𝛼 — ½}\n}\n'.repeat(20);
    const utf8 = Buffer.from(text, 'utf8');
    // Slices of 1, 2, 3 and 7 bytes cut every multi-byte character somewhere.
    for (const size of [1, 2, 3, 7, 4096]) assert.strictEqual(await decodeTextInSlices(utf8, size), decodeText(utf8), `slices of ${size}`);
    assert.strictEqual(await decodeTextInSlices(utf8, 3), text.slice(1)); // only the leading BOM dropped
    const latin1 = Buffer.from('M\u00fcller \u00a9 '.repeat(10), 'latin1');
    assert.strictEqual(await decodeTextInSlices(latin1, 4), decodeText(latin1));
    assert.strictEqual(await decodeTextInSlices(latin1, 4), 'Müller © '.repeat(10));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(1), 'utf16le')]);
    assert.strictEqual(await decodeTextInSlices(le, 5), text.slice(1));
    await assert.rejects(decodeTextInSlices(Buffer.from(text.slice(1), 'utf16le'), 5), UnreadableFileError); // no BOM: NULs, not text
  });

  it('decodes a Latin-1 file (not valid UTF-8) as Windows-1252, and keeps valid UTF-8 as UTF-8', () => {
    const latin1 = Buffer.from('@article{m\u00fcller2020,\n  author = {M\u00fcller, J\u00fcrgen and Fran\u00e7ois, Ana\u00efs},\n  note = {\u00a9 \u00bd}\n}\n', 'latin1');
    assert.strictEqual(decodeText(latin1), '@article{müller2020,\n  author = {Müller, Jürgen and François, Anaïs},\n  note = {© ½}\n}\n');
    assert.strictEqual(decodeText(Buffer.from([0x93, 0x71, 0x94, 0x20, 0x80])), '\u201cq\u201d \u20ac'); // Windows-1252 quotes and euro
    assert.strictEqual(decodeText(Buffer.from('Müller €', 'utf8')), 'Müller €');
  });

  it('loads a Latin-1 bibliography with its names decoded and exact key ranges', async () => {
    const file = write('latin1.bib', Buffer.from('@article{m\u00fcller2020,\n  author = {M\u00fcller, J\u00fcrgen},\n  title = {Caf\u00e9 culture}\n}\n', 'latin1'));
    const loaded = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
    const entries = loaded.index.bibliography(file)?.entries ?? [];
    assert.deepStrictEqual(
      entries.map((e) => [e.key, e.keyRange, e.csl.title, e.csl.author]),
      [['müller2020', r(0, 9, 0, 19), 'Café culture', [{ family: 'Müller', given: 'Jürgen' }]]],
    );
  });

  it('loads UTF-16 and UTF-8-BOM bibliographies and notes with ranges as in the decoded text', async () => {
    const bib = '@article{davis2021,\n  title = {Effects},\n  doi = {10.1001/jamapsychiatry.2020.3285}\n}\n';
    const le = write('le.bib', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bib, 'utf16le')]));
    const beBytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bib.replace('davis2021', 'goodwin2022'), 'utf16le')]);
    beBytes.swap16();
    const be = write('be.bib', beBytes);
    const note = write('notes/bom.md', '\ufeffRemission reached 54% at week 4 [@davis2021; @goodwin2022; @nobody].\n');
    const loaded = await timed('UTF-16/BOM files, load', () => loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG));
    assert.deepStrictEqual(loaded.unreadable, []);
    assert.deepStrictEqual(loaded.index.bibliography(le)?.entries.map((e) => [e.key, e.keyRange]), [['davis2021', r(0, 9, 0, 18)]]);
    assert.deepStrictEqual(loaded.index.bibliography(be)?.entries.map((e) => [e.key, e.keyRange]), [['goodwin2022', r(0, 9, 0, 20)]]);
    const findings = checkNote(loaded.index.note(note)!, loaded.index, DEFAULT_CONFIG);
    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.range]),
      [['citation.unresolved', r(0, 59, 0, 66)]],
    );
  });

  it('keeps exact ranges in a CRLF note and a CRLF bibliography', async () => {
    const bibText = '@article{davis2021,\r\n  title = {Effects},\r\n  doi = {10.1001/jamapsychiatry.2020.3285}\r\n}\r\n\r\n@article{bad,\r\n  doi = {10.1001nope}\r\n}\r\n';
    const bib = write('refs.bib', bibText);
    const noteText = '# Results\r\n\r\nRemission reached 54% at week 4\r\n[@davis2021]. A typo [@davis2012].\r\nSee doi:10.1001nope too.\r\n';
    const note = write('notes/crlf.md', noteText);
    const loaded = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
    const entry = loaded.index.bibliography(bib)!.entries[0];
    assert.deepStrictEqual([entry.keyRange, entry.fieldRanges.DOI], [r(0, 9, 0, 18), r(2, 9, 2, 41)]);
    assert.strictEqual(textAt(bibText, entry.fieldRanges.DOI!), '10.1001/jamapsychiatry.2020.3285');
    assert.deepStrictEqual(
      loaded.index.bibliography(bib)!.findings.map((f) => [f.code, f.range, textAt(bibText, f.range)]),
      [['reference.doi-malformed', r(6, 9, 6, 20), '10.1001nope']],
    );
    const findings = checkNote(loaded.index.note(note)!, loaded.index, DEFAULT_CONFIG);
    assert.deepStrictEqual(
      findings.map((f) => [f.code, f.range, textAt(noteText, f.range)]),
      [
        ['citation.unresolved', r(3, 22, 3, 32), '@davis2012'],
        ['reference.doi-malformed', r(4, 8, 4, 19), '10.1001nope'],
      ],
    );
  });
});
