import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

describe('walkthrough', () => {
  it('copies the bundled example review into a picked folder, next to an existing copy', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'el-example-copy-'));
    try {
      const first = await vscode.commands.executeCommand<vscode.Uri>('evidenceLens.openExampleReview', vscode.Uri.file(parent));
      assert.strictEqual(first?.fsPath, path.join(parent, 'psilocybin-review'));
      assert.deepStrictEqual(fs.readdirSync(path.join(first.fsPath, 'notes')).sort(), ['01-overview.md', '02-trials.md', '03-press-coverage.md', '04-mistakes.md']);
      assert.strictEqual(fs.readdirSync(path.join(first.fsPath, 'studies')).length, 12);
      const second = await vscode.commands.executeCommand<vscode.Uri>('evidenceLens.openExampleReview', vscode.Uri.file(parent));
      assert.strictEqual(second?.fsPath, path.join(parent, 'psilocybin-review-2'));
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  it('declares the walkthrough with the example review as its first step', () => {
    const pkg = vscode.extensions.getExtension('evidence-lens.evidence-lens')!.packageJSON;
    const walkthrough = pkg.contributes.walkthroughs[0];
    assert.strictEqual(walkthrough.id, 'evidenceLens.gettingStarted');
    assert.deepStrictEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['openExample', 'views', 'hover', 'diagnostics', 'table', 'cli']);
  });
});
