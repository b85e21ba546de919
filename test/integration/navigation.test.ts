import * as assert from 'assert';
import * as vscode from 'vscode';
import { fileUri, open, rel, span } from './language-helpers';
import { waitFor } from './wait';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'evidence-lens')
    .map((d) => `${d.range.start.line + 1} ${codeOf(d)}`);
const where = (locations: (vscode.Location | vscode.LocationLink)[]) =>
  locations.map((l) => ('uri' in l ? [rel(l.uri), ...span(l.range)] : [rel(l.targetUri), ...span(l.targetSelectionRange ?? l.targetRange)]));

describe('navigation in a real VS Code', () => {
  it('goes from [@key] to its BibTeX entry and study record, and from [n] to its list item', async () => {
    const doc = await open('notes/01-overview.md');
    const found = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(17, 34));
      return list?.length ? list : undefined;
    }, 'definitions');
    assert.deepStrictEqual(where(found), [
      ['references.bib', 54, 9, 54, 18],
      ['studies/davis2021.yaml', 0, 4, 0, 13],
    ]);
    const trials = await open('notes/02-trials.md');
    const item = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', trials.uri, new vscode.Position(25, 25));
    assert.deepStrictEqual(where(item), [['notes/02-trials.md', 62, 0, 62, 211]]);
  });

  it('finds every citation of a key, from a note and from the bibliography', async () => {
    // VS Code's markdown extension also answers, taking "[@griffiths2016; @ross2016]" for a reference link: keep the key's own places.
    const keyOnly = async (locations: vscode.Location[]) => {
      const out: vscode.Location[] = [];
      for (const l of locations) if ((await vscode.workspace.openTextDocument(l.uri)).getText(l.range) === 'griffiths2016') out.push(l);
      return out;
    };
    const doc = await open('notes/01-overview.md');
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, new vscode.Position(30, 15));
    const expected = [
      ['notes/01-overview.md', 30, 13, 30, 26],
      ['notes/01-overview.md', 58, 3, 58, 16],
      ['references.bib', 30, 9, 30, 22],
      ['studies/griffiths2016.yaml', 0, 4, 0, 17],
    ];
    assert.deepStrictEqual(where(await keyOnly(refs)), expected);
    assert.ok(refs.length <= expected.length + 1, JSON.stringify(where(refs)));
    const bib = await vscode.workspace.openTextDocument(fileUri('references.bib'));
    const fromBib = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', bib.uri, new vscode.Position(30, 12));
    assert.deepStrictEqual(where(fromBib), expected);
  });

  it('links every DOI of the reference list to doi.org', async () => {
    const doc = await open('notes/02-trials.md');
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)).filter((l) =>
      l.target?.toString(true).startsWith('https://doi.org/'),
    );
    assert.strictEqual(links.length, 9);
    assert.deepStrictEqual(span(links[0].range), [58, 198, 58, 231]);
    assert.strictEqual(links[0].target!.toString(true), 'https://doi.org/10.1016/s2215-0366(16)30065-7');
    assert.deepStrictEqual(span(links[4].range), [62, 175, 62, 211]);
  });

  it('renames a key across the note, the bibliography and the record, and back to the same bytes', async () => {
    const files = ['notes/01-overview.md', 'references.bib', 'studies/griffiths2016.yaml'];
    const before = await Promise.all(files.map((f) => vscode.workspace.fs.readFile(fileUri(f))));
    const doc = await open('notes/01-overview.md');

    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>(
      'vscode.prepareRename',
      doc.uri,
      new vscode.Position(30, 20),
    );
    assert.deepStrictEqual([span(prepared.range), prepared.placeholder], [[30, 13, 30, 26], 'griffiths2016']);

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(30, 20), 'griffiths2016rct');
    const shape = edit
      .entries()
      .map(([uri, edits]) => [rel(uri), edits.map((e) => [...span(e.range), e.newText])])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepStrictEqual(shape, [
      ['notes/01-overview.md', [[30, 13, 30, 26, 'griffiths2016rct'], [58, 3, 58, 16, 'griffiths2016rct']]],
      ['references.bib', [[30, 9, 30, 22, 'griffiths2016rct']]],
      ['studies/griffiths2016.yaml', [[0, 4, 0, 17, 'griffiths2016rct']]],
    ]);
    try {
      assert.ok(await vscode.workspace.applyEdit(edit));
      // Every citation resolves under the new key; the bibliography keeps exactly its two deliberate faults.
      await waitFor(
        () =>
          ours(doc.uri).length === 0 && JSON.stringify(ours(fileUri('references.bib'))) === JSON.stringify(['93 bibliography.invalid', '132 reference.duplicate-doi'])
            ? true
            : undefined,
        'clean diagnostics after the rename',
      );
      assert.deepStrictEqual(ours(fileUri('studies/griffiths2016.yaml')), []);
      // A taken key: an empty edit (and an error message), so no other rename provider rewrites the citation.
      const collision = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(30, 20), 'ross2016');
      assert.strictEqual(collision.size, 0);
    } finally {
      const back = await waitFor(async () => {
        const e = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(30, 20), 'griffiths2016');
        return e && e.size === 3 ? e : undefined;
      }, 'the rename back');
      assert.ok(await vscode.workspace.applyEdit(back));
      for (const f of files) {
        const d = await vscode.workspace.openTextDocument(fileUri(f));
        if (d.isDirty) await d.save();
      }
    }
    const after = await Promise.all(files.map((f) => vscode.workspace.fs.readFile(fileUri(f))));
    files.forEach((f, i) => assert.ok(Buffer.from(after[i]).equals(Buffer.from(before[i])), `${f} differs after renaming back`));
  });

  it('starts a rename from the BibTeX entry key and from the study record id', async () => {
    for (const [file, position, expected] of [
      ['references.bib', new vscode.Position(30, 12), [30, 9, 30, 22]],
      ['studies/griffiths2016.yaml', new vscode.Position(0, 17), [0, 4, 0, 17]],
    ] as const) {
      const doc = await vscode.workspace.openTextDocument(fileUri(file));
      const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', doc.uri, position);
      assert.deepStrictEqual([span(prepared.range), prepared.placeholder], [expected, 'griffiths2016'], file);
    }
  });

  it('refuses to rename what is not a key', async () => {
    const doc = await open('notes/02-trials.md');
    const message = await Promise.resolve(
      vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', doc.uri, new vscode.Position(62, 180)),
    ).then(
      (p) => 'accepted ' + JSON.stringify(p && [span(p.range), p.placeholder]),
      (err: Error) => err.message,
    );
    assert.match(message, /Only a citation key \(@key, a bibliography entry key or a study record id\) can be renamed\./);
  });
});
