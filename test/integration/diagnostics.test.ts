import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from './wait';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

function summary(uri: vscode.Uri): [number, string][] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'evidence-lens')
    .map((d): [number, string] => [d.range.start.line + 1, codeOf(d)])
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
}

describe('diagnostics in a real VS Code', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const mistakes = () => vscode.Uri.joinPath(folder(), 'notes/04-mistakes.md');
  let original = '';

  before(async () => {
    original = Buffer.from(await vscode.workspace.fs.readFile(mistakes())).toString('utf8');
  });

  // The edits below must not reach the tests that run after these in the same workspace.
  after(async () => {
    const doc = await vscode.workspace.openTextDocument(mistakes());
    if (doc.getText() === original) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await doc.save();
    assert.strictEqual(doc.getText(), original);
  });

  it('activates on the review and reports each deliberate mistake of the note', async () => {
    const doc = await vscode.workspace.openTextDocument(mistakes());
    await vscode.window.showTextDocument(doc);
    const expected: [number, string][] = [
      [15, 'citation.unresolved'],
      [26, 'citation.out-of-range'],
      [29, 'reference.doi-malformed'],
      [32, 'reference.doi-unknown'],
      [35, 'source.retracted'],
      [40, 'claim.unsupported'],
      [43, 'claim.study-mismatch'],
      [46, 'claim.study-mismatch'],
      [49, 'claim.contradicts-finding'],
      [52, 'claim.overstated'],
      [52, 'claim.overstated'],
      [55, 'claim.implicit-citation'],
      [58, 'claim.inconsistent'],
      [58, 'claim.study-mismatch'],
      [66, 'reference.duplicate-doi'],
      [67, 'reference.doi-mismatch'],
      [68, 'reference.uncited'],
    ];
    const same = () => JSON.stringify(summary(mistakes())) === JSON.stringify(expected);
    await waitFor(() => (same() ? true : undefined), 'diagnostics of 04-mistakes.md', 30000).catch(() => undefined);
    assert.deepStrictEqual(summary(mistakes()), expected);
    const unresolved = vscode.languages.getDiagnostics(mistakes()).find((d) => codeOf(d) === 'citation.unresolved')!;
    assert.deepStrictEqual([unresolved.range.start.character, unresolved.range.end.character], [71, 81]);
    assert.strictEqual(unresolved.severity, vscode.DiagnosticSeverity.Error);
  });

  it('reports library faults in the bibliography and the study record', async () => {
    const bib = vscode.Uri.joinPath(folder(), 'references.bib');
    const study = vscode.Uri.joinPath(folder(), 'studies/broken-example.yaml');
    await waitFor(() => (summary(bib).length === 2 && summary(study).length === 1 ? true : undefined), 'library diagnostics');
    assert.deepStrictEqual(summary(bib), [
      [93, 'bibliography.invalid'],
      [132, 'reference.duplicate-doi'],
    ]);
    assert.deepStrictEqual(summary(study), [[8, 'study.invalid']]);
  });

  it('updates after an edit instead of keeping stale findings', async () => {
    const doc = await vscode.workspace.openTextDocument(mistakes());
    const line = doc.lineAt(14);
    const at = line.text.indexOf('@smith2019');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(14, at, 14, at + '@smith2019'.length), '@davis2021');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => (summary(mistakes()).some(([l, c]) => l === 15 && c === 'citation.unresolved') ? undefined : true), 'the unresolved key to clear');
    const edit2 = new vscode.WorkspaceEdit();
    edit2.replace(doc.uri, new vscode.Range(14, at, 14, at + '@davis2021'.length), '@nosuchkey');
    assert.ok(await vscode.workspace.applyEdit(edit2));
    await waitFor(() => (summary(mistakes()).some(([l, c]) => l === 15 && c === 'citation.unresolved') ? true : undefined), 'the new unresolved key');
  });

  it('offers quick fixes that repair from the record and that silence a line', async () => {
    const doc = await vscode.workspace.openTextDocument(mistakes());
    const lineText = doc.lineAt(42).text;
    const start = lineText.indexOf('216 patients');
    const range = new vscode.Range(42, start, 42, start + '216 patients'.length);
    const actions = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range);
      return list?.some((a) => a.title.includes('233 patients')) ? list : undefined;
    }, 'code actions on 216 patients');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Change to "233 patients" as the record says'), titles.join(' | '));
    assert.ok(titles.includes('Disable claim.study-mismatch for this line'), titles.join(' | '));
    const fix = actions.find((a) => a.title === 'Change to "233 patients" as the record says')!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.strictEqual(doc.lineAt(42).text, 'Goodwin and colleagues randomised 233 patients [@goodwin2022].');
    await waitFor(() => (summary(mistakes()).some(([l]) => l === 43) ? undefined : true), 'the fixed claim to clear');
  });

  it('checks all notes on command and keeps clean notes clean', async () => {
    await vscode.commands.executeCommand('evidenceLens.checkAllNotes');
    for (const name of ['01-overview.md', '02-trials.md', '03-press-coverage.md']) {
      assert.deepStrictEqual(summary(vscode.Uri.joinPath(folder(), 'notes', name)), [], name);
    }
  });
});
