import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/core/tree';
import type { EvidenceLensApi } from '../../src/extension';
import type { EvidenceTrees } from '../../src/vscode/tree/provider';
import { waitFor } from './wait';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const rows = (nodes: readonly TreeNode[]) => nodes.map((n) => `${n.label} | ${n.description ?? ''}`);

async function trees(): Promise<EvidenceTrees> {
  const api = (await vscode.extensions.getExtension<EvidenceLensApi>('evidence-lens.evidence-lens')!.activate()) as EvidenceLensApi;
  return waitFor(() => (api.services.tree && api.services.tree.sources.roots().length >= 2 ? api.services.tree : undefined), 'the Sources view to load');
}

/** Closes only this suite's editors: other suites' documents stay as they left them. */
async function closeTabsOf(uris: vscode.Uri[]): Promise<void> {
  const wanted = new Set(uris.map((u) => u.toString()));
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && wanted.has(tab.input.uri.toString()));
  await vscode.window.tabGroups.close(tabs);
}

const entry = (t: EvidenceTrees, key: string) => t.sources.find((n) => n.kind === 'entry' && n.key === key);

describe('sidebar in a real VS Code', () => {
  it('shows the review in Sources and Studies, groups and rows in order', async () => {
    const t = await trees();
    // Flags come from published findings; wait for the retracted and duplicate marks.
    await waitFor(() => (entry(t, 'mithoefer2019')?.retracted && entry(t, 'goodwin2022dup')?.mismatched ? true : undefined), 'flags');
    const [bib, numbered] = t.sources.roots();
    assert.deepStrictEqual(rows(t.sources.roots()), ['references.bib | 17 entries', 'Numbered references in notes | 2 notes']);
    assert.deepStrictEqual(rows(bib.children).slice(0, 2), [
      'Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study | Carhart-Harris 2016 · The Lancet Psychiatry',
      'Psilocybin with psychological support for treatment-resistant depression: six-month follow-up | Carhart-Harris 2018 · Psychopharmacology',
    ]);
    assert.deepStrictEqual(bib.children.map((n) => n.key), [
      'carhart-harris2016', 'carhart-harris2018', 'griffiths2016', 'ross2016', 'davis2021', 'gukasyan2022', 'vollenweider2020',
      'carhart-harris2021', 'goodwin2022', 'goodwin2022dup', 'raison2023', 'shao2021', 'mithoefer2019', 'furukawa2014',
      'hopkins2020release', 'hamilton2020npr', 'dolan2021psypost',
    ]);
    assert.strictEqual(entry(t, 'goodwin2022dup')!.description, 'DOI conflict · Goodwin 2022 · N Engl J Med');
    assert.match(entry(t, 'mithoefer2019')!.description!, /^Retracted · Mithoefer 2019 · Psychopharmacology$/);
    assert.deepStrictEqual(rows(numbered.children), ['notes/02-trials.md | 9 references', 'notes/04-mistakes.md | 5 references']);
    assert.deepStrictEqual(rows(t.studies.roots()), [
      'Randomised controlled trials | 7 studies',
      'Non-randomised and open-label | 2 studies',
      'Animal and in-vitro | 1 study',
      'Other or unspecified design | 2 studies',
    ]);
    assert.deepStrictEqual(rows(t.studies.roots()[1].children), [
      'Psilocybin with psychological support for treatment-resistant depression: six-month follow-up | 2018 · n=20 · TRD',
      'Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study | 2016 · n=12 · TRD',
    ]);
    const item = t.sources.getTreeItem(entry(t, 'mithoefer2019')!);
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.strictEqual(item.contextValue, 'entry hasDoi hasKey');
  });

  it("lists an entry's citing lines as its children, and a click opens the line", async () => {
    const t = await trees();
    const davis = entry(t, 'davis2021')!;
    assert.deepStrictEqual(davis.children.map((c) => c.label), [
      'notes/01-overview.md:18', 'notes/01-overview.md:33', 'notes/01-overview.md:35', 'notes/01-overview.md:61',
      'notes/03-press-coverage.md:15', 'notes/03-press-coverage.md:21', 'notes/03-press-coverage.md:22', 'notes/04-mistakes.md:58',
    ]);
    assert.strictEqual(davis.children[7].description, 'At week 4, 67% of participants had responded [@davis2021].');
    const click = t.sources.getTreeItem(davis.children[7]).command!;
    await vscode.commands.executeCommand(click.command, ...click.arguments!);
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/notes/04-mistakes.md') ? vscode.window.activeTextEditor : undefined),
      'the citing note to open',
    );
    assert.deepStrictEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.character], [57, 46, 56]);
    assert.strictEqual(editor.document.getText(editor.selection), '@davis2021');
  });

  it('copies an APA citation to the clipboard', async () => {
    const t = await trees();
    await vscode.commands.executeCommand('evidenceLens.copyCitation', entry(t, 'davis2021'), 'apa');
    assert.strictEqual(
      await vscode.env.clipboard.readText(),
      'Davis, A. K., Barrett, F. S., May, D. G., & Cosimano, M. P. (2021). Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry, 78(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285',
    );
  });

  it('creates a prefilled study record, opens it on the design, and never overwrites one', async () => {
    const t = await trees();
    const uri = vscode.Uri.joinPath(folder(), 'studies/vollenweider2020.yaml');
    try {
      await vscode.commands.executeCommand('evidenceLens.createStudyRecord', entry(t, 'vollenweider2020'));
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.strictEqual(
        text,
        'id: vollenweider2020\ndoi: 10.1038/s41583-020-0367-2\ntitle: "Psychedelic drugs: neurobiology and potential for treatment of psychiatric disorders"\nyear: 2020\n' +
          '# design: one of rct | crossover-rct | non-randomised | open-label | cohort | case-control | case-series | case-report | animal | in-vitro | systematic-review | meta-analysis | narrative-review | other\n' +
          'design: \n# population: free text; common codes: TRD, MDD, cancer-distress, healthy\npopulation: \nspecies: human\n# n: participants analysed (a number)\nn: \nretracted: false\n',
      );
      const editor = vscode.window.activeTextEditor!;
      assert.strictEqual(editor.document.uri.toString(), uri.toString());
      assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [5, 8]);
      // Run again on an existing record: the file is opened as it is.
      await vscode.commands.executeCommand('evidenceLens.createStudyRecord', 'davis2021');
      assert.ok(vscode.window.activeTextEditor!.document.uri.path.endsWith('/studies/davis2021.yaml'));
      assert.ok(vscode.window.activeTextEditor!.document.getText().startsWith('id: davis2021\n'));
    } finally {
      await closeTabsOf([uri, vscode.Uri.joinPath(folder(), 'studies/davis2021.yaml')]);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
    await waitFor(() => (t.studies.find((n) => n.key === 'vollenweider2020') ? undefined : true), 'the scratch record to leave the tree');
  });

  it('narrows both views with the filter and restores them when cleared', async () => {
    const t = await trees();
    try {
      await vscode.commands.executeCommand('evidenceLens.filterTree', 'GRIFFITHS');
      assert.deepStrictEqual(t.sources.roots().map((g) => [g.label, g.children.map((c) => c.label)]), [
        ['references.bib', ['Psilocybin produces substantial and sustained decreases in depression and anxiety in patients with life-threatening cancer: a randomized double-blind trial']],
        ['Numbered references in notes', ['notes/02-trials.md', 'notes/04-mistakes.md']],
      ]);
      assert.deepStrictEqual(rows(t.studies.roots()), ['Randomised controlled trials | 1 of 7 studies']);
      assert.deepStrictEqual(rows(t.sources.roots()).map((row) => row.split(' | ')[1]), ['1 of 17 entries', '2 notes']);
      assert.strictEqual(t.studies.roots()[0].children.length, 1);
      assert.strictEqual(t.sourcesView.description, 'filter: GRIFFITHS');
      await vscode.commands.executeCommand('evidenceLens.filterTree', 'no-such-source');
      assert.deepStrictEqual([t.sources.roots().length, t.studies.roots().length], [0, 0]);
    } finally {
      await vscode.commands.executeCommand('evidenceLens.clearTreeFilter');
    }
    assert.deepStrictEqual([t.sources.roots()[0].children.length, t.studies.roots().length, t.sourcesView.description], [17, 4, undefined]);
  });

  it('reveals and expands an entry from its context menu', async () => {
    const t = await trees();
    const shao = entry(t, 'shao2021')!;
    await vscode.commands.executeCommand('evidenceLens.revealCitingNotes', shao);
    await waitFor(() => (t.sourcesView.selection[0]?.id === shao.id ? true : undefined), 'the entry to be selected');
  });

  it('picks among citing places for the key under the cursor', async () => {
    const t = await trees();
    const record = vscode.Uri.joinPath(folder(), 'studies/shao2021.yaml');
    try {
      await vscode.window.showTextDocument(record, { selection: new vscode.Range(0, 5, 0, 5) });
      const running = vscode.commands.executeCommand('evidenceLens.revealCitingNotes');
      // The quick pick lists shao2021's citing places; accept the first.
      await waitFor(async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return vscode.window.activeTextEditor?.document.uri.path.endsWith('/notes/01-overview.md') ? true : undefined;
      }, 'the first citing note to open');
      await running;
      const first = entry(t, 'shao2021')!.children[0];
      assert.strictEqual(first.label, 'notes/01-overview.md:50');
      assert.strictEqual(vscode.window.activeTextEditor!.selection.start.line, 49);
    } finally {
      await closeTabsOf([record, vscode.Uri.joinPath(folder(), 'notes/01-overview.md')]);
    }
  });

  it('shows a hostile title as inert text in the row and its tooltip', async () => {
    const t = await trees();
    const hostile = '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>';
    const scratch = vscode.Uri.joinPath(folder(), 'scratch-hostile.bib');
    try {
      await vscode.workspace.fs.writeFile(scratch, new TextEncoder().encode(`@article{hostile2024,\n  title = {${hostile}},\n  year = {2024}\n}\n`));
      const row = await waitFor(() => entry(t, 'hostile2024'), 'the scratch bibliography in Sources');
      const item = t.sources.resolveTreeItem(t.sources.getTreeItem(row), row, new vscode.CancellationTokenSource().token);
      assert.strictEqual(item.label, hostile);
      const tooltip = item.tooltip as vscode.MarkdownString;
      assert.deepStrictEqual([tooltip.isTrusted, tooltip.supportHtml], [false, false]);
      assert.ok(!tooltip.value.includes('<script>') && !tooltip.value.includes('](command:'), tooltip.value);
      assert.ok(tooltip.value.includes('\\[click\\]'), tooltip.value);
    } finally {
      await vscode.workspace.fs.delete(scratch).then(undefined, () => undefined);
    }
    await waitFor(() => (entry(t, 'hostile2024') ? undefined : true), 'the scratch bibliography to leave Sources');
  });

  it('follows a bibliography replaced by rename (as reference managers export it)', async () => {
    const t = await trees();
    const bib = vscode.Uri.joinPath(folder(), 'references.bib');
    const temp = vscode.Uri.joinPath(folder(), 'references.bib.part');
    const original = await vscode.workspace.fs.readFile(bib);
    const text = new TextDecoder().decode(original);
    const changed = text.replace('Psychedelic drugs: neurobiology and potential for treatment of psychiatric disorders', 'Renamed into place for the tree test');
    assert.notStrictEqual(changed, text);
    try {
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(changed));
      await vscode.workspace.fs.rename(temp, bib, { overwrite: true });
      await waitFor(() => (entry(t, 'vollenweider2020')?.label === 'Renamed into place for the tree test' ? true : undefined), 'the renamed title in Sources');
    } finally {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      await vscode.workspace.fs.writeFile(bib, original);
    }
    await waitFor(
      () => (entry(t, 'vollenweider2020')?.label === 'Psychedelic drugs: neurobiology and potential for treatment of psychiatric disorders' ? true : undefined),
      'the original title to come back',
    );
  });
});
