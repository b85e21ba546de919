import * as assert from 'assert';
import * as path from 'path';
import { checkInconsistentFigures, figuresOf } from '../../src/core/claims/inconsistent';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { parseBibliography } from '../../src/core/bibliography';
import { parseNote } from '../../src/core/notes/note';
import { parseStudyRecord } from '../../src/core/studies/study';
import { loadWorkspace } from '../../src/core/workspace/load';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { r } from './helpers';

const BIB = `@article{davis2021,
  title = {Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder},
  year = {2021},
  doi = {10.1001/jamapsychiatry.2020.3285}
}
@article{davis2021b,
  title = {Effects of psilocybin-assisted therapy on major depressive disorder},
  year = {2021},
  doi = {10.1001/jamapsychiatry.2020.3285}
}
@article{goodwin2022,
  title = {Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression},
  year = {2022},
  doi = {10.1056/NEJMoa2206443}
}
`;

function run(notes: Record<string, string>) {
  const index = new WorkspaceIndex();
  index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
  index.setStudy(parseStudyRecord('id: davis2021\ndoi: 10.1001/jamapsychiatry.2020.3285\n', '/ws/studies/davis2021.yaml'));
  for (const [file, text] of Object.entries(notes)) index.setNote(parseNote(text, file));
  return checkInconsistentFigures(index);
}

describe('claim.inconsistent', () => {
  it('reports the note that disagrees with the majority, naming the first agreeing note', () => {
    const found = run({
      '/ws/notes/a.md': 'Intro.\n\nOf the 24 who completed it, 71% had responded at week 4 [@davis2021].\n',
      '/ws/notes/b.md': 'At week 4, 71% had responded and 54% were in remission [@davis2021].\n',
      '/ws/notes/c.md': '# C\n\nAt week 4, 67% of participants had responded [@davis2021].\n',
    });
    assert.strictEqual(found.length, 1);
    const f = found[0];
    assert.strictEqual(f.code, 'claim.inconsistent');
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(f.file, '/ws/notes/c.md');
    assert.deepStrictEqual(f.range, r(2, 11, 2, 14));
    assert.strictEqual(f.message, 'This note says 67% response for davis2021 at week 4; notes/a.md:3 says 71%.');
    assert.deepStrictEqual(f.related, [
      { file: '/ws/notes/a.md', range: r(2, 28, 2, 31), message: 'notes/a.md:3 says 71% response for davis2021 at week 4.' },
      { file: '/ws/notes/b.md', range: r(0, 11, 0, 14), message: 'notes/b.md:1 says 71% response for davis2021 at week 4.' },
    ]);
    assert.deepStrictEqual(f.data, { key: 'davis2021', measure: 'response', timepoint: 'week 4', value: 67 });
  });

  it('reports both statements when two notes disagree with no majority', () => {
    const found = run({
      '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n',
      '/ws/b.md': 'Response at week 4 was 67% [@davis2021].\n',
    });
    assert.deepStrictEqual(
      found.map((f) => [f.file, f.range, f.message]),
      [
        ['/ws/a.md', r(0, 11, 0, 14), 'This note says 71% response for davis2021 at week 4; b.md:1 says 67%.'],
        ['/ws/b.md', r(0, 23, 0, 26), 'This note says 67% response for davis2021 at week 4; a.md:1 says 71%.'],
      ],
    );
  });

  it('says nothing when the notes agree, or round the same figure differently', () => {
    assert.deepStrictEqual(
      run({
        '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n',
        '/ws/b.md': 'At 4 weeks, 71% of participants met response criteria [@davis2021].\n',
        '/ws/c.md': 'At week four, 70.8% had responded [@davis2021].\n',
      }),
      [],
    );
  });

  it('keeps time points, measures, studies and notes apart', () => {
    // Different time points.
    assert.deepStrictEqual(
      run({
        '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n',
        '/ws/b.md': 'At 12 months, 75% had responded [@davis2021].\n',
      }),
      [],
    );
    // A time point against none.
    assert.deepStrictEqual(
      run({
        '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n',
        '/ws/b.md': 'Overall, 60% had responded [@davis2021].\n',
      }),
      [],
    );
    // Different measures.
    assert.deepStrictEqual(
      run({
        '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n',
        '/ws/b.md': 'At week 4, 54% were in remission [@davis2021].\n',
      }),
      [],
    );
    // Different studies.
    assert.deepStrictEqual(
      run({
        '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n',
        '/ws/b.md': 'At week 4, 30% had responded [@goodwin2022].\n',
      }),
      [],
    );
    // Within one note only.
    assert.deepStrictEqual(run({ '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n\nAt week 4, 67% had responded [@davis2021].\n' }), []);
  });

  it('leaves out sentences citing several studies, approximations, ranges and arm comparisons', () => {
    const base = { '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n' };
    for (const other of [
      'At week 4, 67% had responded [@davis2021; @goodwin2022].\n',
      'At week 4, about 67% had responded [@davis2021].\n',
      'At week 4, 60-67% had responded [@davis2021].\n',
      'At week 4, 67% had responded in the immediate-treatment group [@davis2021].\n',
      'At week 4, 67% had responded against 10% on the waiting list [@davis2021].\n',
      'Response at week 4 was 67% with 25 mg and 20% with 1 mg [@davis2021].\n',
      '> At week 4, 67% had responded [@davis2021].\n',
      'At week 4, 67% had responded.\n',
    ]) {
      assert.deepStrictEqual(run({ ...base, '/ws/b.md': other }), [], other);
    }
  });

  it('reads past an interval or count in parentheses, which is no figure of its own', () => {
    const found = run({
      '/ws/a.md': 'At week 4, 71% had responded [@davis2021].\n',
      '/ws/b.md': 'At week 4, 67% (95% CI, 50% to 80%) had responded [@davis2021].\n',
    });
    assert.deepStrictEqual(
      found.map((f) => [f.file, f.range]),
      [
        ['/ws/a.md', r(0, 11, 0, 14)],
        ['/ws/b.md', r(0, 11, 0, 14)],
      ],
    );
  });

  it('resolves a numbered citation to its study through the reference item DOI, and duplicate keys to one study', () => {
    const found = run({
      '/ws/a.md': 'At week 4, 71% had responded [1].\n\n## References\n\n1. Davis AK, et al. Effects. doi:10.1001/jamapsychiatry.2020.3285\n',
      '/ws/b.md': 'At week 4, 67% had responded [@davis2021b].\n',
    });
    assert.deepStrictEqual(
      found.map((f) => f.message),
      ['This note says 71% response for davis2021 at week 4; b.md:1 says 67%.', 'This note says 67% response for davis2021 at week 4; a.md:1 says 71%.'],
    );
  });

  it('reads figures, measures and time points', () => {
    assert.deepStrictEqual(
      figuresOf('Of the 24 who completed it, 71% had responded and 54% were in remission at week 4.').map((f) => [f.number, f.measure, f.timepoint]),
      [
        ['71', 'response', 'week 4'],
        ['54', 'remission', 'week 4'],
      ],
    );
    assert.deepStrictEqual(
      figuresOf('When extended to 20 patients, 45% met response criteria at week 5 and improvement persisted at six months.').map((f) => [f.number, f.measure, f.timepoint]),
      [['45', 'response', 'week 5']],
    );
    assert.deepStrictEqual(
      figuresOf('A sustained response was seen in 41.7 per cent at day 43; dropout was 12% at week 2.').map((f) => [f.number, f.measure, f.timepoint]),
      [
        ['41.7', 'sustained response', 'day 43'],
        ['12', 'dropout', 'week 2'],
      ],
    );
    assert.deepStrictEqual(
      figuresOf('17 of 24 participants (71%) had responded by week 4.').map((f) => [f.number, f.measure, f.timepoint]),
      [['71', 'response', 'week 4']],
    );
    assert.deepStrictEqual(
      figuresOf('Relapse occurred in 20% by month 6 and in 35% by month 12.').map((f) => [f.number, f.measure, f.timepoint]),
      [
        ['20', 'relapse', 'month 6'],
        ['35', 'relapse', 'month 12'],
      ],
    );
    // Two figures for one measure and time point are arms or samples; neither is kept.
    assert.deepStrictEqual(figuresOf('Response was 71% in completers and 60% in the intention-to-treat sample.'), []);
    assert.deepStrictEqual(figuresOf('Response at week 3 was 37% with 25 mg against 18% with 1 mg, and remission 29% against 8%.'), []);
    // The sentence's only time point holds for every clause.
    assert.deepStrictEqual(figuresOf('At 12 months, 75% had responded; 58% were in remission.').map((f) => f.timepoint), ['month 12', 'month 12']);
    assert.deepStrictEqual(figuresOf('Adverse events were reported by 77% of participants, and self-injury occurred in every dose group.').map((f) => f.measure), [
      'adverse events',
    ]);
  });

  it('finds the deliberate mistake of the example review, and nothing in its clean notes', async () => {
    const root = toCorePath(path.join(__dirname, '../../../examples/psilocybin-review'));
    const { index } = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
    const found = checkInconsistentFigures(index);
    assert.deepStrictEqual(
      found.map((f) => [path.posix.relative(root, f.file), f.code, f.range.start.line + 1, f.message]),
      [
        [
          'notes/04-mistakes.md',
          'claim.inconsistent',
          58,
          'This note says 67% response for davis2021 at week 4; notes/01-overview.md:34 says 71%.',
        ],
      ],
    );
    assert.deepStrictEqual(
      found[0].related?.map((l) => [path.posix.relative(root, l.file), l.range.start.line + 1]),
      [
        ['notes/01-overview.md', 34],
        ['notes/02-trials.md', 26],
      ],
    );
  });
});
