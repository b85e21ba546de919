import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { nodeFileSystem } from '../../src/cli/node-fs';
import { checkLibraryFiles, checkNote } from '../../src/core/check';
import { indexText, loadWorkspace } from '../../src/core/workspace/load';
import type { EvidenceLensApi } from '../../src/extension';
import { waitFor } from './wait';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
type Row = [number, string, string];

/** What VS Code shows for a file: line, code, message, sorted. */
function shown(uri: vscode.Uri): Row[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'evidence-lens')
    .map((d): Row => [d.range.start.line, codeOf(d), d.message])
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));
}

const NOTE_LINES = [
  '# Race scratch',
  '',
  'Remission reached 54% at week 4 in the waiting-list trial [@davis2021].',
  'A cited key that no bibliography has [@race-missing2001].',
  'Psilocybin cut depression scores by 80% in every trial ever run.',
  'A key from the scratch library [@racekey2001] and its sibling [@racekey2002].',
];

const bibOf = (n: number) =>
  [
    `% generation ${n}`,
    '@article{racekey2001,',
    '  title = {A scratch entry},',
    '  year = {2001},',
    '  doi = {10.5555/race-scratch-1}',
    '}',
    ...(n % 2 ? ['', '@article{racekey2002,', '  title = {Its sibling},', '  doi = {10.5555/race-scratch-1}', '}'] : []),
    '',
  ].join('\n');

describe('races: edits and replacements while checks run', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const noteUri = () => vscode.Uri.joinPath(folder(), 'notes/zz-race-scratch.md');
  const bibUri = () => vscode.Uri.joinPath(folder(), 'zz-race-scratch.bib');
  const newBibUri = () => vscode.Uri.joinPath(folder(), 'zz-race-new.bib');
  let api: EvidenceLensApi;

  /** A fresh check from disk, with `noteText` for the scratch note: the findings of one file as rows. */
  async function fresh(file: vscode.Uri, noteText?: string): Promise<Row[]> {
    const { model } = api.services;
    const loaded = await loadWorkspace(nodeFileSystem, model.root!, model.config);
    if (noteText !== undefined) indexText(loaded.index, noteUri().fsPath, 'note', noteText);
    const note = loaded.index.note(file.fsPath);
    const findings = note ? checkNote(note, loaded.index, model.config, api.services.resolver) : checkLibraryFiles(loaded.index, model.config);
    return findings
      .filter((f) => f.file === file.fsPath && f.severity !== undefined)
      .map((f): Row => [f.range.start.line, f.code, f.message])
      .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));
  }

  before(async () => {
    api = (await vscode.extensions.getExtension('evidence-lens.evidence-lens')!.activate()) as EvidenceLensApi;
    await api.services.model.ready;
  });

  after(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === noteUri().toString());
    if (doc) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    for (const uri of [noteUri(), bibUri(), newBibUri()]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    const root = api.services.model.root!;
    await waitFor(
      () => (['notes/zz-race-scratch.md', 'zz-race-scratch.bib', 'zz-race-new.bib'].some((f) => api.services.model.index.kindOf(`${root}/${f}`)) ? undefined : true),
      'the scratch files gone from the index',
    );
  });

  it('rapid edits while "Check all notes" runs end with the diagnostics of a fresh check of the final text', async () => {
    fs.writeFileSync(bibUri().fsPath, bibOf(1));
    fs.writeFileSync(noteUri().fsPath, NOTE_LINES.slice(0, 2).join('\n') + '\n');
    const doc = await vscode.workspace.openTextDocument(noteUri());
    const editor = await vscode.window.showTextDocument(doc);
    const checking = vscode.commands.executeCommand('evidenceLens.checkAllNotes');
    for (const line of [...NOTE_LINES.slice(2), 'Another line [@race-missing2002].', 'And one more claim that 90% improved.']) {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), line + '\n')));
    }
    // and a deletion, so the final text is not just the last insert
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(doc.lineCount - 2, 0, doc.lineCount - 1, 0))));
    await checking;
    const expected = await fresh(noteUri(), doc.getText());
    assert.deepStrictEqual(
      expected.map((r) => [r[0], r[1]]),
      [
        [3, 'citation.unresolved'],
        [4, 'claim.unsupported'],
        [6, 'citation.unresolved'],
      ],
    );
    const same = () => JSON.stringify(shown(noteUri())) === JSON.stringify(expected);
    await waitFor(() => (same() ? true : undefined), 'the scratch note diagnostics to settle').catch(() => undefined);
    assert.deepStrictEqual(shown(noteUri()), expected);
  });

  it('a bibliography replaced by rename several times in a row leaves no duplicate or stale findings', async () => {
    const last = 6;
    for (let n = 2; n <= last; n++) {
      fs.writeFileSync(newBibUri().fsPath, bibOf(n));
      fs.renameSync(newBibUri().fsPath, bibUri().fsPath);
    }
    const { model } = api.services;
    const root = model.root!;
    await waitFor(
      () => (model.index.bibliography(`${root}/zz-race-scratch.bib`)?.entries.length === 1 && !model.index.kindOf(`${root}/zz-race-new.bib`) ? true : undefined),
      'the last replacement indexed and the temp name forgotten',
    );
    assert.deepStrictEqual(model.index.entries('racekey2001').map((e) => e.file), [`${root}/zz-race-scratch.bib`]);
    assert.deepStrictEqual(model.index.entries('racekey2002'), []);
    const bibExpected = await fresh(bibUri());
    await waitFor(() => (JSON.stringify(shown(bibUri())) === JSON.stringify(bibExpected) ? true : undefined), 'library diagnostics').catch(() => undefined);
    assert.deepStrictEqual(shown(bibUri()), bibExpected);
    assert.deepStrictEqual(shown(newBibUri()), []);
    // The note: racekey2002 is gone again, and nothing is reported twice.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === noteUri().toString())!;
    const noteExpected = await fresh(noteUri(), doc.getText());
    assert.ok(noteExpected.some((r) => r[1] === 'citation.unresolved' && r[2].includes('racekey2002')));
    await waitFor(() => (JSON.stringify(shown(noteUri())) === JSON.stringify(noteExpected) ? true : undefined), 'note diagnostics').catch(() => undefined);
    const rows = shown(noteUri());
    assert.deepStrictEqual(rows, noteExpected);
    assert.strictEqual(new Set(rows.map((r) => JSON.stringify(r))).size, rows.length, 'no duplicate diagnostics');
  });
});
