import * as assert from 'assert';
import * as vscode from 'vscode';
import type { EvidenceLensApi } from '../../src/extension';
import { waitFor } from './wait';

/** The claim.* codes of the expected findings of notes/04-mistakes.md in diagnostics.test.ts. */
const CLAIM_COUNTS = [
  'claim.contradicts-finding: 1',
  'claim.implicit-citation: 1',
  'claim.inconsistent: 1',
  'claim.overstated: 2',
  'claim.study-mismatch: 3',
  'claim.unsupported: 1',
];

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('claim problems in the status bar', () => {
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const mistakes = () => vscode.Uri.joinPath(folder(), 'notes/04-mistakes.md');
  let api: EvidenceLensApi;
  const probe = () => api.services.claimStatus!;
  const claimDiagnostics = () => vscode.languages.getDiagnostics(mistakes()).filter((d) => d.source === 'evidence-lens' && codeOf(d).startsWith('claim.'));

  before(async () => {
    api = await vscode.extensions.getExtension<EvidenceLensApi>('evidence-lens.evidence-lens')!.activate();
    await api.services.model.ready;
  });

  /**
   * Puts the note back as the example ships it (the copy inside the extension) and saves: earlier
   * suites edit it, and the workbench may have auto-saved their edits.
   */
  async function restore(doc: vscode.TextDocument): Promise<void> {
    const shipped = vscode.Uri.joinPath(vscode.extensions.getExtension('evidence-lens.evidence-lens')!.extensionUri, 'examples/psilocybin-review/notes/04-mistakes.md');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(shipped));
    if (doc.getText() !== text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    if (doc.isDirty) assert.ok(await doc.save());
  }

  async function showPristine(): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(mistakes());
    await vscode.window.showTextDocument(doc);
    await restore(doc);
    return doc;
  }

  it('counts the claim findings of 04-mistakes.md, by code in the tooltip', async () => {
    await showPristine();
    await waitFor(() => (probe().text === '$(beaker) 9 claim problems' ? true : undefined), `9 claim problems, not "${probe().text}"`);
    assert.ok(probe().visible);
    assert.strictEqual(claimDiagnostics().length, 9);
    assert.deepStrictEqual(probe().tooltip.split('\n'), ['Claim problems in this note:', ...CLAIM_COUNTS, 'Click to open the Problems panel.']);
  });

  it('follows edits of the note', async () => {
    const doc = await showPristine();
    const line = doc.lineAt(42);
    const at = line.text.indexOf('216 patients');
    assert.ok(at >= 0, line.text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(42, at, 42, at + 3), '233');
    try {
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor(() => (probe().text === '$(beaker) 8 claim problems' ? true : undefined), `8 claim problems, not "${probe().text}"`);
      assert.match(probe().tooltip, /claim\.study-mismatch: 2/);
    } finally {
      await restore(doc);
    }
    await waitFor(() => (probe().text === '$(beaker) 9 claim problems' ? true : undefined), 'the count to return to 9');
  });

  it('hides for files that are not notes and shows again for a clean note', async () => {
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder(), 'references.bib'));
    await waitFor(() => (probe().visible ? undefined : true), 'the item to hide on a bibliography');
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder(), 'notes/02-trials.md'));
    await waitFor(() => (probe().text === '$(beaker) No claim problems' && probe().visible ? true : undefined), `no claim problems, not "${probe().text}"`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
