import * as assert from 'assert';
import * as vscode from 'vscode';
import { bibtexLibrary } from '../../bench/generate';
import type { EvidenceLensApi } from '../../src/extension';
import { WORKER_THRESHOLD } from '../../src/vscode/workspace/bibliography-worker';
import { corePathOf } from '../../src/vscode/workspace/vscode-fs';
import { waitFor } from './wait';

// A library large enough to be parsed on the worker thread (dist/parse-worker.js) inside the real
// extension host. Its own scratch file, deleted afterwards; the suite waits until its entries are gone.
describe('a large bibliography in a real VS Code', () => {
  const uri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'zz-bench-large.bib');
  const api = () => vscode.extensions.getExtension<EvidenceLensApi>('evidence-lens.evidence-lens')!.exports;
  const { text, entries } = bibtexLibrary(400, 99);

  after(async () => {
    await vscode.workspace.fs.delete(uri()).then(undefined, () => undefined);
    const file = corePathOf(uri());
    await waitFor(() => (api().services.model.index.kindOf(file) === undefined ? true : undefined), 'the scratch library to leave the index');
  });

  it('is parsed off the host thread and indexed with every entry', async () => {
    assert.ok(text.length >= WORKER_THRESHOLD, 'the scratch library is below the worker threshold');
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(text));
    const file = corePathOf(uri());
    const { index } = api().services.model;
    await waitFor(() => (index.bibliography(file)?.entries.length === entries.length ? true : undefined), 'the 400 entries', 60000);
    const first = index.entries(entries[0].key).find((e) => e.file === file);
    assert.ok(first, `no entry ${entries[0].key}`);
    assert.deepStrictEqual(first.csl, index.bibliography(file)!.entries[0].csl);
    assert.strictEqual(first.csl.DOI, entries[0].doi);
    assert.deepStrictEqual(index.bibliography(file)!.findings, []);
  });
});
