import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi } from './api';

const DAVIS_BIBTEX = `@article{davis2021,
\tauthor = {Davis, Alan K. and Barrett, Frederick S. and May, Darrick G. and Cosimano, Mary P.},
`;
const DAVIS_APA =
  'Davis, A. K., Barrett, F. S., May, D. G., & Cosimano, M. P. (2021). Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry, 78(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285';

describe('Insert citation and Export bibliography in a real VS Code', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;

  it('inserts [@key] at the cursor, then adds to the cluster when the cursor is inside it', async () => {
    await extensionApi();
    // Outside notes/: not a note of the example, so no other test's findings change.
    const scratch = vscode.Uri.joinPath(folder(), 'scratch-insert-citation.md');
    await vscode.workspace.fs.writeFile(scratch, new TextEncoder().encode('Responses were rapid .\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(scratch);
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 21, 0, 21);
      assert.strictEqual(await vscode.commands.executeCommand('evidenceLens.insertCitation', 'davis2021'), true);
      assert.strictEqual(doc.lineAt(0).text, 'Responses were rapid [@davis2021].');
      editor.selection = new vscode.Selection(0, 25, 0, 25);
      await vscode.commands.executeCommand('evidenceLens.insertCitation', 'goodwin2022');
      assert.strictEqual(doc.lineAt(0).text, 'Responses were rapid [@davis2021; @goodwin2022].');
      assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [0, 46]);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(scratch);
    }
  });

  it('exports the whole library as BibTeX to a file, replacing an existing one without leaving a temporary file', async () => {
    await extensionApi();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-export-'));
    const target = vscode.Uri.file(path.join(dir, 'library.bib'));
    try {
      fs.writeFileSync(target.fsPath, 'old content\n');
      const text = await vscode.commands.executeCommand<string>('evidenceLens.exportBibliography', { scope: 'library', format: 'bibtex', target });
      const written = fs.readFileSync(target.fsPath, 'utf8');
      assert.strictEqual(written, text);
      assert.ok(written.includes(DAVIS_BIBTEX), written);
      assert.ok(written.includes('\tdoi = {10.1001/jamapsychiatry.2020.3285},\n'));
      assert.strictEqual(written.match(/^@\w+\{/gm)?.length, 18);
      assert.deepStrictEqual(fs.readdirSync(dir), ['library.bib']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports the works cited anywhere as APA text to a new file', async () => {
    await extensionApi();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-export-'));
    const target = vscode.Uri.file(path.join(dir, 'cited.txt'));
    try {
      await vscode.commands.executeCommand('evidenceLens.exportBibliography', { scope: 'cited', format: 'text', style: 'apa', target });
      const lines = fs.readFileSync(target.fsPath, 'utf8').split('\n').filter(Boolean);
      assert.strictEqual(lines.length, 16);
      assert.ok(lines.includes(DAVIS_APA), lines.join('\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports the active note’s citations in citation order as Vancouver text', async () => {
    await extensionApi();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'notes/03-press-coverage.md'));
    await vscode.window.showTextDocument(doc);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-export-'));
    const target = vscode.Uri.file(path.join(dir, 'note.txt'));
    try {
      const text = await vscode.commands.executeCommand<string>('evidenceLens.exportBibliography', { scope: 'note', format: 'text', style: 'vancouver', target });
      const lines = text.split('\n').filter(Boolean);
      assert.ok(lines[0].startsWith('1. '), lines[0]);
      assert.strictEqual(
        lines[1],
        '2. Davis AK, Barrett FS, May DG, Cosimano MP. Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry. 2021;78(5):481–9.',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
