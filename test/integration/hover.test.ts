import * as assert from 'assert';
import * as vscode from 'vscode';
import type { EvidenceLensApi } from '../../src/extension';
import { hoverAt, open, removeScratch, scratch, span, unescape } from './language-helpers';

/** Which notes the index has citing davis2021, for the failure message of a wrong count. */
function citingSummary(): string {
  const { services } = vscode.extensions.getExtension<EvidenceLensApi>('evidence-lens.evidence-lens')!.exports;
  const idx = services.model.index;
  return JSON.stringify([idx.citationsOf('davis2021').map((c) => c.file), idx.worksForDoi('10.1001/jamapsychiatry.2020.3285').map((w) => [w.kind, w.file]), idx.notes().map((n) => n.file)]);
}

describe('hovers in a real VS Code', () => {
  it('shows a [@key] with its entry, formatted citation, study record and citing notes, untrusted', async () => {
    const doc = await open('notes/01-overview.md');
    const { hover, md } = await hoverAt(doc.uri, new vscode.Position(17, 34));
    assert.deepStrictEqual(span(hover.range!), [17, 30, 17, 40]);
    assert.ok(!md.isTrusted);
    assert.ok(!md.supportHtml);
    const text = unescape(md.value);
    assert.ok(md.value.startsWith('**Effects of psilocybin\\-assisted therapy on major depressive disorder'), md.value);
    for (const part of [
      'Davis, Alan K.; Barrett, Frederick S.; May, Darrick G.; et al.',
      'JAMA Psychiatry 2021; 78(5): 481-489',
      'DOI [10.1001/jamapsychiatry.2020.3285](https://doi.org/10.1001/jamapsychiatry.2020.3285)',
      'Davis, A. K., Barrett, F. S., May, D. G.',
      'Study record davis2021 · design: rct · n = 24 · population: MDD · primary outcome: GRID-HAMD at week 4, significant',
      'Cited in 4 notes',
    ]) {
      assert.ok(text.includes(part), `${part}\n---\n${text}\n${citingSummary()}`);
    }
  });

  it('shows a DOI in a reference list with the work it names', async () => {
    const doc = await open('notes/02-trials.md');
    const { hover, md } = await hoverAt(doc.uri, new vscode.Position(62, 180));
    assert.deepStrictEqual(span(hover.range!), [62, 175, 62, 211]);
    assert.ok(!md.isTrusted);
    const text = unescape(md.value);
    assert.ok(text.startsWith('**Effects of psilocybin-assisted therapy'), text);
    assert.ok(text.includes('(https://doi.org/10.1001/jamapsychiatry.2020.3285)'), text);
    assert.ok(text.includes('Study record davis2021'), text);
  });

  it('shows [n] with its reference list item and the work it links to', async () => {
    const doc = await open('notes/02-trials.md');
    const { hover, md } = await hoverAt(doc.uri, new vscode.Position(25, 25));
    assert.deepStrictEqual(span(hover.range!), [25, 25, 25, 26]);
    const text = unescape(md.value);
    assert.ok(text.startsWith('**Reference [5]**'), text);
    assert.ok(text.includes('Davis AK, Barrett FS, May DG, et al. Effects of psilocybin-assisted therapy'), text);
    assert.ok(text.includes('In your library as @davis2021:'), text);
    assert.ok(text.includes('n = 24'), text);
  });

  it('warns about a retracted source once, without repeating its finding', async () => {
    const doc = await open('notes/04-mistakes.md');
    const { md } = await hoverAt(doc.uri, new vscode.Position(34, 96));
    const text = unescape(md.value);
    assert.ok(text.includes('**⚠ Retracted**: Study record mithoefer2019 marks it retracted.'), text);
    assert.ok(!text.includes('`source.retracted`'), text);
  });

  it('lists the findings on a citation: [n] with no item in the list', async () => {
    const doc = await open('notes/04-mistakes.md');
    const column = doc.lineAt(25).text.indexOf('[7]') + 1;
    const { hover, md } = await hoverAt(doc.uri, new vscode.Position(25, column));
    assert.deepStrictEqual(span(hover.range!), [25, column, 25, column + 1]);
    const text = unescape(md.value);
    assert.ok(text.startsWith("**Reference [7]**  \n*No item 7 in this note's reference list.*"), text);
    assert.ok(/- `citation\.out-of-range` .*7/.test(md.value), md.value);
  });

  it('shows a hostile title as inert text', async () => {
    const hostile = '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>';
    const uri = await scratch(
      'zz-hover-scratch.md',
      `---\nreferences:\n  - id: hostile2024\n    title: "${hostile}"\n    DOI: "10.1234/x)(y"\n---\n\nSee [@hostile2024].\n`,
    );
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const { md } = await hoverAt(uri, new vscode.Position(7, 8));
      assert.ok(!md.isTrusted && !md.supportHtml);
      assert.ok(md.value.startsWith('**\\[click\\]\\(command\\:workbench\\.action\\.quit\\) \\<script\\>'), md.value);
      assert.ok(!/[^\\][<>]|\]\(command/.test(md.value.replace(/\(https:\/\/doi\.org\/[^)\s]*\)/, '')), md.value);
      assert.ok(md.value.includes('(https://doi.org/10.1234/x%29%28y)'), md.value);
    } finally {
      await removeScratch(uri);
    }
  });
});
