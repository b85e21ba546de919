import * as assert from 'assert';
import * as path from 'path';
import { checkImplicitCitations } from '../../src/core/claims/implicit';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { parseBibliography } from '../../src/core/bibliography';
import { parseNote } from '../../src/core/notes/note';
import { parseStudyRecord } from '../../src/core/studies/study';
import { loadWorkspace } from '../../src/core/workspace/load';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { r, textAt } from './helpers';

const BIB = `@article{davis2021,
  author = {Davis, Alan K. and Barrett, Frederick S.},
  title = {Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder},
  year = {2021},
  doi = {10.1001/jamapsychiatry.2020.3285}
}
@article{davis2015,
  author = {Davis, Zoe and Smith, Anna},
  title = {Exercise and Mood},
  year = {2015}
}
@article{goodwin2022,
  author = {Goodwin, Guy M. and Aaronson, Scott T.},
  title = {Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression},
  year = {2022},
  doi = {10.1056/NEJMoa2206443}
}
@article{goodwin2022dup,
  author = {Goodwin, G. M. and Aaronson, S. T.},
  title = {Single-dose psilocybin for a treatment-resistant episode of major depression},
  year = {2022},
  doi = {10.1056/NEJMoa2206443}
}
@article{griffiths2016,
  author = {Griffiths, Roland R. and Johnson, Matthew W.},
  title = {Psilocybin produces substantial and sustained decreases in depression and anxiety in patients with life-threatening cancer},
  year = {2016}
}
@article{carhart-harris2016,
  author = {Carhart-Harris, Robin L. and Bolstridge, Mark},
  title = {Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study},
  year = {2016}
}
@article{carhart-harris2018,
  author = {Carhart-Harris, R. L. and Bolstridge, M.},
  title = {Psilocybin with psychological support for treatment-resistant depression: six-month follow-up},
  year = {2018}
}
@article{nunez2019,
  author = {N{\\'u}{\\~n}ez, Mar{\\'i}a},
  title = {Ketamine in primary care},
  year = {2019}
}
`;

const F = '/ws/notes/a.md';

function run(noteText: string, records = ['davis2021', 'goodwin2022', 'carhart-harris2016', 'carhart-harris2018']) {
  const index = new WorkspaceIndex();
  index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
  for (const id of records) index.setStudy(parseStudyRecord(`id: ${id}\n`, `/ws/studies/${id}.yaml`));
  const note = parseNote(noteText, F);
  index.setNote(note);
  return checkImplicitCitations(note, index);
}

describe('claim.implicit-citation', () => {
  it('flags "Davis and colleagues" in a sentence without a citation, preferring the work with a study record', () => {
    const text = 'Intro text [@goodwin2022].\n\nDavis and colleagues reported large effects.\n';
    const found = run(text);
    assert.strictEqual(found.length, 1);
    const f = found[0];
    assert.strictEqual(f.code, 'claim.implicit-citation');
    assert.strictEqual(f.severity, 'hint');
    assert.deepStrictEqual(f.range, r(2, 0, 2, 20));
    assert.strictEqual(textAt(text, f.range), 'Davis and colleagues');
    assert.strictEqual(
      f.message,
      '"Davis and colleagues" names a study in your library (davis2021: Effects of Psilocybin-Assisted Therapy…, 2021) but cites nothing.',
    );
    assert.deepStrictEqual(f.data, { keys: ['davis2021'], insertAt: { line: 2, character: 43 } });
  });

  it('recognises "et al." with and without a year, "the X trial", "X\'s team" and the first two authors', () => {
    const text = [
      'As Davis et al. (2021) reported, effects were large.',
      'Goodwin et al. found fewer responders with 1 mg.',
      'The Goodwin trial used three doses.',
      "Goodwin's team reported adverse events.",
      'Griffiths and Johnson described patients with cancer.',
      'Carhart-Harris and co-workers (2018) followed the cohort up.',
    ].join('\n\n');
    const found = run(text);
    assert.deepStrictEqual(
      found.map((f) => [textAt(text, f.range), f.data?.keys]),
      [
        ['Davis et al. (2021)', ['davis2021']],
        ['Goodwin et al.', ['goodwin2022']],
        ['The Goodwin trial', ['goodwin2022']],
        ["Goodwin's team", ['goodwin2022']],
        ['Griffiths and Johnson', ['griffiths2016']],
        ['Carhart-Harris and co-workers (2018)', ['carhart-harris2018']],
      ],
    );
    // The insertion point is before the final full stop.
    assert.deepStrictEqual(found[0].data?.insertAt, { line: 0, character: 51 });
  });

  it('does not flag a name whose written year matches none of its works', () => {
    assert.deepStrictEqual(run('Davis et al. (2019) reported large effects.\n'), []);
    assert.deepStrictEqual(run('Davis (2019) reported large effects.\n'), []);
  });

  it('does not flag a sentence that cites the named work, by key, by number or through a duplicate entry', () => {
    assert.deepStrictEqual(run('Davis and colleagues reported large effects [@davis2021].\n'), []);
    assert.deepStrictEqual(run('Davis et al. [-@davis2021] reported large effects.\n'), []);
    assert.deepStrictEqual(run('Goodwin et al. used three doses [@goodwin2022dup].\n'), []);
    assert.deepStrictEqual(run('Davis and colleagues reported large effects [1].\n\n## References\n\n1. Davis AK. Effects. doi:10.1001/jamapsychiatry.2020.3285\n'), []);
    // Any of the works an ambiguous name could mean.
    assert.deepStrictEqual(run('Carhart-Harris and colleagues followed the cohort up [@carhart-harris2018].\n'), []);
    // A numbered reference the library cannot place may be the named work.
    assert.deepStrictEqual(run('Davis and colleagues reported large effects [1].\n\n## References\n\n1. Davis AK. Effects. JAMA Psychiatry. 2021.\n'), []);
  });

  it('flags a sentence that cites only other works, unless told to report uncited sentences only', () => {
    const text = 'Davis and colleagues used a waiting list, unlike the later trial [@goodwin2022].\n';
    const found = run(text);
    assert.deepStrictEqual(
      found.map((f) => [f.range, f.message, f.data]),
      [
        [
          r(0, 0, 0, 20),
          '"Davis and colleagues" names a study in your library (davis2021: Effects of Psilocybin-Assisted Therapy…, 2021) but the sentence cites only @goodwin2022.',
          { keys: ['davis2021'], insertAt: { line: 0, character: 79 } },
        ],
      ],
    );
    const numbered = run('Davis and colleagues used a waiting list, unlike [1].\n\n## References\n\n1. Goodwin GM. Single dose. doi:10.1056/NEJMoa2206443\n');
    assert.deepStrictEqual(numbered.map((f) => f.message.slice(-32)), ['but the sentence cites only [1].']);
    const index = new WorkspaceIndex();
    index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
    const note = parseNote(text, F);
    index.setNote(note);
    assert.deepStrictEqual(checkImplicitCitations(note, index, { onlyUncited: true }), []);
  });

  it('skips headings, blockquotes and reference lists, and names that are not first authors', () => {
    assert.deepStrictEqual(run('# Davis and colleagues\n\n> Davis et al. reported large effects.\n'), []);
    assert.deepStrictEqual(run('Barrett and colleagues reported large effects.\n'), []);
    assert.deepStrictEqual(run('Davis and Goodwin disagreed.\n'), []);
    assert.deepStrictEqual(run('Davis reported large effects.\n'), []);
  });

  it('lists every candidate when the name stays ambiguous', () => {
    const text = 'Carhart-Harris and colleagues reported the first open-label results.\n';
    const found = run(text);
    assert.strictEqual(found.length, 1);
    assert.deepStrictEqual(found[0].range, r(0, 0, 0, 29));
    assert.strictEqual(
      found[0].message,
      '"Carhart-Harris and colleagues" could name 2 studies in your library (carhart-harris2016: Psilocybin with psychological support…, 2016; ' +
        'carhart-harris2018: Psilocybin with psychological support…, 2018) but cites nothing.',
    );
    assert.deepStrictEqual(found[0].data, { keys: ['carhart-harris2016', 'carhart-harris2018'], insertAt: { line: 0, character: 67 } });
    // Without study records, both Davis works stay candidates.
    assert.deepStrictEqual(run('Davis and colleagues reported large effects.\n', []).map((f) => f.data?.keys), [['davis2021', 'davis2015']]);
    // Entries that share a DOI are one work, cited by the key with a record.
    assert.deepStrictEqual(run('Goodwin et al. used three doses.\n', []).map((f) => f.data?.keys), [['goodwin2022']]);
  });

  it('matches names accent-insensitively', () => {
    assert.deepStrictEqual(run('Nunez et al. saw patients in primary care.\n').map((f) => f.data?.keys), [['nunez2019']]);
    assert.deepStrictEqual(run('Núñez et al. saw patients in primary care.\n').map((f) => f.data?.keys), [['nunez2019']]);
  });

  it('finds the deliberate mistake of the example review, and nothing in its clean notes', async () => {
    const root = toCorePath(path.join(__dirname, '../../../examples/psilocybin-review'));
    const { index } = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
    const found = index.notes().flatMap((n) => checkImplicitCitations(n, index));
    assert.deepStrictEqual(
      found.map((f) => [path.posix.relative(root, f.file), f.code, f.range.start.line + 1, f.data?.keys]),
      [['notes/04-mistakes.md', 'claim.implicit-citation', 55, ['davis2021']]],
    );
  });
});
