import * as assert from 'assert';
import * as vscode from 'vscode';
import { removeScratch, scratch, span } from './language-helpers';
import { waitFor } from './wait';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('completion in a real VS Code', () => {
  let uri: vscode.Uri;
  before(async () => {
    uri = await scratch('zz-completion-scratch.md', '# Scratch\n\nAs shown \n\n## References\n\n1. Davis AK. Effects of psilocybin-assisted therapy. doi:10.1001/jamapsychiatry.2020.3285\n');
  });
  after(async () => removeScratch(uri));

  async function typeAndComplete(text: string, trigger: string): Promise<{ items: vscode.CompletionItem[]; at: vscode.Position }> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(2);
    await editor.edit((b) => b.replace(line.range, `As shown ${text}`));
    const at = new vscode.Position(2, `As shown ${text}`.length);
    const items = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at, trigger);
      const ours = list.items.filter((i) => i.filterText);
      return ours.length ? ours : undefined;
    }, `completions after ${text}`);
    return { items, at };
  }

  it('offers citation keys after [@ with title, authors and year to filter by', async () => {
    const { items, at } = await typeAndComplete('[@', '@');
    const labels = items.map(labelOf);
    for (const key of ['carhart-harris2016', 'davis2021', 'goodwin2022', 'shao2021']) assert.ok(labels.includes(key), labels.join(' '));
    const davis = items.find((i) => labelOf(i) === 'davis2021')!;
    assert.strictEqual(davis.insertText, 'davis2021');
    assert.match(davis.filterText!, /^davis2021 Effects of psilocybin-assisted therapy .* Davis Barrett May .* 2021$/);
    const range = davis.range as { inserting: vscode.Range; replacing: vscode.Range };
    assert.deepStrictEqual(span(range.inserting), [2, at.character, 2, at.character]);
  });

  it('offers the note\'s reference numbers after [', async () => {
    const { items, at } = await typeAndComplete('[', '[');
    assert.deepStrictEqual(items.map(labelOf), ['1']);
    assert.match(String(items[0].detail), /^Davis AK\. Effects of psilocybin-assisted therapy/);
    assert.deepStrictEqual(span((items[0].range as { inserting: vscode.Range }).inserting), [2, at.character, 2, at.character]);
  });
});
