import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { checkNote } from '../../src/core/check';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { clearBlockCache } from '../../src/core/notes/block-parse';
import { parseNote } from '../../src/core/notes/note';
import { parseStudyRecord } from '../../src/core/studies/study';
import type { Finding } from '../../src/core/types';
import { loadWorkspace } from '../../src/core/workspace/load';

// The checks keep results between edits (sentence spans by paragraph, claim findings by sentence,
// shifted to where the sentence now is). These tests hold them to one rule: after any edit, a
// note's findings are exactly those of a fresh parse checked against a fresh index.

const example = path.join(__dirname, '../../../examples/psilocybin-review');
const mistakesPath = path.join(example, 'notes/04-mistakes.md');
const mistakesText = fs.readFileSync(mistakesPath, 'utf8');

async function loadExample(): Promise<{ index: WorkspaceIndex; file: string }> {
  const { index } = await loadWorkspace(nodeFileSystem, toCorePath(example), DEFAULT_CONFIG);
  return { index, file: toCorePath(mistakesPath) };
}

/** Parse, index and check the note's new text in an index that has checked earlier versions. */
function recheck(index: WorkspaceIndex, file: string, text: string): Finding[] {
  index.setNote(parseNote(text, file));
  return checkNote(index.note(file)!, index, DEFAULT_CONFIG);
}

/** The same text in a new index holding the same library and notes (so no result is kept from before). */
function freshCheck(index: WorkspaceIndex, file: string, text: string): Finding[] {
  clearBlockCache(); // so the note's blocks are parsed anew, not moved from an earlier parse
  const fresh = new WorkspaceIndex();
  for (const b of index.allBibliographies()) fresh.setBibliography(b);
  for (const s of index.allStudies()) fresh.setStudy(s);
  for (const n of index.notes()) fresh.setNote(n.file === file ? parseNote(text, file) : n);
  return checkNote(fresh.note(file)!, fresh, DEFAULT_CONFIG);
}

function lineOf(findings: Finding[], code: string): number[] {
  return findings.filter((f) => f.code === code).map((f) => f.range.start.line);
}

describe('incremental re-check', function () {
  this.timeout(60000);
  let index: WorkspaceIndex;
  let file: string;

  beforeEach(async () => {
    ({ index, file } = await loadExample());
    recheck(index, file, mistakesText); // fills the caches with the original text
  });

  it('shifts kept findings when lines are added above them', () => {
    const before = recheck(index, file, mistakesText);
    const edited = mistakesText.replace('Psilocybin reduced depressive', 'A new paragraph of two lines\nabout nothing in particular.\n\nPsilocybin reduced depressive');
    const after = recheck(index, file, edited);
    assert.deepStrictEqual(after, freshCheck(index, file, edited));
    // 0-based lines of the sample-size mismatch (line 43 of the file) before and after: three lines down.
    assert.deepStrictEqual(lineOf(before, 'claim.study-mismatch').slice(0, 1), [42]);
    assert.deepStrictEqual(lineOf(after, 'claim.study-mismatch').slice(0, 1), [45]);
  });

  it('shifts kept findings up when lines are removed above them', () => {
    const edited = mistakesText.replace('<!-- expected: claim.study-mismatch (sample size) -->\n', '');
    const after = recheck(index, file, edited);
    assert.deepStrictEqual(after, freshCheck(index, file, edited));
    assert.deepStrictEqual(lineOf(after, 'claim.implicit-citation'), [53]);
  });

  it('moves an implicit-citation fix (data.insertAt) with its sentence', () => {
    const edited = mistakesText.replace('Davis and colleagues reported large effects.', '  Davis and colleagues reported large effects.');
    const after = recheck(index, file, edited);
    assert.deepStrictEqual(after, freshCheck(index, file, edited));
    const implicit = after.find((f) => f.code === 'claim.implicit-citation')!;
    assert.deepStrictEqual(implicit.data?.insertAt, { line: 54, character: 45 });
  });

  it('checks a sentence again when its citation changes', () => {
    const edited = mistakesText.replace('randomised 216 patients [@goodwin2022]', 'randomised 216 patients [@carhart-harris2021]');
    const after = recheck(index, file, edited);
    assert.deepStrictEqual(after, freshCheck(index, file, edited));
    const mismatch = after.find((f) => f.range.start.line === 42 && f.code === 'claim.study-mismatch')!;
    assert.match(mismatch.message, /carhart-harris2021 records n = 59/);
  });

  it('checks every sentence again when a study record changes (libraryVersion)', () => {
    const before = recheck(index, file, mistakesText);
    assert.ok(before.some((f) => f.range.start.line === 42 && f.code === 'claim.study-mismatch'));
    const recordPath = path.join(example, 'studies/goodwin2022.yaml');
    const recordText = fs.readFileSync(recordPath, 'utf8').replace('n: 233', 'n: 216');
    const versionBefore = index.libraryVersion;
    index.setStudy(parseStudyRecord(recordText, toCorePath(recordPath)));
    assert.ok(index.libraryVersion > versionBefore);
    const after = recheck(index, file, mistakesText);
    assert.deepStrictEqual(after, freshCheck(index, file, mistakesText));
    assert.ok(!after.some((f) => f.range.start.line === 42 && f.code === 'claim.study-mismatch'));
  });

  it('resolves [n] again when the reference list changes', () => {
    const edited = mistakesText.replace(/^(## References[\s\S]*)$/m, (list) => list.replace(/10\.\d{4,}\/[^\s)>\]]+/, '10.9999/changed'));
    assert.notStrictEqual(edited, mistakesText);
    const after = recheck(index, file, edited);
    assert.deepStrictEqual(after, freshCheck(index, file, edited));
  });

  it('gives a fresh check\'s findings after any sequence of random edits (property)', () => {
    const lines = mistakesText.split('\n');
    const snippets = [
      '',
      'Goodwin and colleagues randomised 216 patients [@goodwin2022].',
      'Davis and colleagues reported large effects.',
      'At week 4, 71% of participants had responded [@davis2021].',
      'This trial proves that psilocybin cures depression [@davis2021].',
      'Psilocybin is effective for depression.',
      '- a list item citing [@unknownkey2020] and [2].',
      '> A quoted claim that psilocybin cures depression [@davis2021].',
      '`code [@goodwin2022]` and text',
      '# A heading [@ross2016]',
      'Carhart-Harris and colleagues ran a double-blind trial in 12 patients [@carhart-harris2016]. Davis et al. (2021) agreed.',
    ];
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...snippets) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), text: fc.constant('') }),
      fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom('x', ' word', '.', '[@davis2021]', '\n') }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const current = [...lines];
        for (const e of edits) {
          const at = e.at % (current.length + 1);
          if (e.kind === 'insert') current.splice(at, 0, e.text);
          else if (e.kind === 'delete') current.splice(Math.min(at, current.length - 1), 1);
          else {
            const line = Math.min(at, current.length - 1);
            const col = e.at % (current[line].length + 1);
            current[line] = current[line].slice(0, col) + e.text + current[line].slice(col);
          }
          const text = current.join('\n');
          assert.deepStrictEqual(recheck(index, file, text), freshCheck(index, file, text));
        }
      }),
      { numRuns: 40, seed: 20261121 },
    );
  });
});
