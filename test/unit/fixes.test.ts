import * as assert from 'assert';
import { fixAll, fixesFor } from '../../src/core/fixes';
import { LineIndex } from '../../src/core/text';
import { finding } from '../../src/core/types';
import { r } from './helpers';

const F = '/ws/a.md';

function apply(text: string, edits: { range: ReturnType<typeof r>; newText: string }[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

describe('quick fix plans', () => {
  it('replaces an unresolved key with the suggestion, preferred', () => {
    const text = 'See [@davis2012].\n';
    const f = finding('citation.unresolved', F, r(0, 5, 0, 15), 'x', { data: { key: 'davis2012', suggestion: 'davis2021' } });
    const plans = fixesFor(f, new LineIndex(text));
    assert.deepStrictEqual(
      plans.map((p) => [p.kind, p.title, !!p.preferred]),
      [
        ['replace-key', 'Change to @davis2021', true],
        ['disable-line', 'Disable citation.unresolved for this line', false],
        ['disable-file', 'Disable citation.unresolved for this file', false],
      ],
    );
    assert.strictEqual(apply(text, plans[0].edits), 'See [@davis2021].\n');
  });

  it('disables for a line keeping its indentation, and for the file after the front matter', () => {
    const text = '---\ntitle: x\n---\n\n  - Claim [@k].\n';
    const f = finding('claim.unsupported', F, r(4, 4, 4, 16), 'x');
    const plans = fixesFor(f, new LineIndex(text), text.indexOf('\n\n') + 1);
    assert.strictEqual(
      apply(text, plans[0].edits),
      '---\ntitle: x\n---\n\n  <!-- evidence-lens-disable-next-line claim.unsupported -->\n  - Claim [@k].\n',
    );
    assert.strictEqual(apply(text, plans[1].edits), '---\ntitle: x\n---\n<!-- evidence-lens-disable claim.unsupported -->\n\n  - Claim [@k].\n');
  });

  it('offers each candidate citation for an implicit citation and the data-driven replacements', () => {
    const text = 'Davis and colleagues reported large effects.\n';
    const implicit = finding('claim.implicit-citation', F, r(0, 0, 0, 20), 'x', { data: { keys: ['davis2021', 'davis2020'], insertAt: { line: 0, character: 43 } } });
    const plans = fixesFor(implicit, new LineIndex(text)).filter((p) => p.kind === 'insert-citation');
    assert.deepStrictEqual(plans.map((p) => [p.title, !!p.preferred]), [['Cite @davis2021', false], ['Cite @davis2020', false]]);
    assert.strictEqual(apply(text, plans[0].edits), 'Davis and colleagues reported large effects [@davis2021].\n');
    const figure = finding('claim.study-mismatch', F, r(0, 0, 0, 3), 'x', { data: { replacement: '233 patients' } });
    assert.strictEqual(fixesFor(figure, new LineIndex(text))[0].kind, 'replace-figure');
    const none = finding('claim.study-mismatch', F, r(0, 0, 0, 3), 'x');
    assert.deepStrictEqual(fixesFor(none, new LineIndex(text)).map((p) => p.kind), ['disable-line', 'disable-file']);
  });

  it('fixes all of one kind in a file without overlapping edits', () => {
    const text = 'A [@davis2012] and [@goodwn2022].\n';
    const findings = [
      finding('citation.unresolved', F, r(0, 3, 0, 13), 'x', { data: { suggestion: 'davis2021' } }),
      finding('citation.unresolved', F, r(0, 20, 0, 31), 'y', { data: { suggestion: 'goodwin2022' } }),
      finding('citation.unresolved', F, r(0, 20, 0, 31), 'dup', { data: { suggestion: 'other' } }),
    ];
    const edits = fixAll(findings, 'citation.unresolved', 'replace-key', new LineIndex(text));
    assert.strictEqual(edits.length, 2);
    assert.strictEqual(apply(text, edits), 'A [@davis2021] and [@goodwin2022].\n');
  });
});
