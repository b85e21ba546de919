import * as assert from 'assert';
import * as path from 'path';
import { checkDoiMismatch, describeReference, journalMentioned, metadataForDoi, titleSimilarity } from '../../src/core/checks/doi-mismatch';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { parseBibliography } from '../../src/core/bibliography';
import { parseNote } from '../../src/core/notes/note';
import { parseStudyRecord } from '../../src/core/studies/study';
import { loadWorkspace } from '../../src/core/workspace/load';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { r, textAt } from './helpers';

const BIB = `@article{davis2021,
  author = {Davis, Alan K. and Barrett, Frederick S. and May, Darrick G.},
  title = {Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial},
  journal = {JAMA Psychiatry},
  year = {2021},
  volume = {78},
  number = {5},
  pages = {481--489},
  doi = {10.1001/jamapsychiatry.2020.3285}
}
@article{goodwin2022,
  author = {Goodwin, Guy M. and Aaronson, Scott T.},
  title = {Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression},
  journal = {New England Journal of Medicine},
  shortjournal = {N Engl J Med},
  year = {2022},
  volume = {387},
  number = {18},
  pages = {1637--1648},
  doi = {10.1056/NEJMoa2206443}
}
@article{griffiths2016,
  author = {Griffiths, Roland R. and Johnson, Matthew W.},
  title = {Psilocybin produces substantial and sustained decreases in depression and anxiety in patients with life-threatening cancer: a randomized double-blind trial},
  journal = {Journal of Psychopharmacology},
  year = {2016},
  volume = {30},
  pages = {1181--1197},
  doi = {10.1177/0269881116675513}
}
@article{muller2020,
  author = {M{\\"u}ller, J{\\"o}rg and Smith, Anna},
  title = {Ketamine for depression in older adults: a pilot study},
  journal = {Journal of Affective Disorders},
  year = {2020},
  volume = {12},
  pages = {100--110},
  doi = {10.1016/j.jad.2020.01.001}
}
@article{carhart-harris2016,
  author = {Carhart-Harris, Robin L. and Bolstridge, Mark},
  title = {Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study},
  journal = {The Lancet Psychiatry},
  year = {2016},
  doi = {10.1016/S2215-0366(16)30065-7}
}
@article{carhart-harris2018,
  author = {Carhart-Harris, R. L. and Bolstridge, M.},
  title = {Psilocybin with psychological support for treatment-resistant depression: six-month follow-up},
  journal = {Psychopharmacology},
  year = {2018},
  doi = {10.1007/s00213-017-4771-x}
}
`;

const DAVIS_RECORD = 'id: davis2021\ndoi: 10.1001/jamapsychiatry.2020.3285\ntitle: "Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial"\nyear: 2021\npublishedOnline: 2020-11-04\n';

const F = '/ws/notes/a.md';

function setup(items: string[], withRecord = true): { index: WorkspaceIndex; text: string; run: () => ReturnType<typeof checkDoiMismatch> } {
  const index = new WorkspaceIndex();
  index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
  if (withRecord) index.setStudy(parseStudyRecord(DAVIS_RECORD, '/ws/studies/davis2021.yaml'));
  const text = `See [1].\n\n## References\n\n${items.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n`;
  const note = parseNote(text, F);
  index.setNote(note);
  return { index, text, run: () => checkDoiMismatch(note, index) };
}

const DAVIS_TEXT =
  'Davis AK, Barrett FS, May DG, et al. Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry. 2021;78(5):481-489.';

describe('reference.doi-mismatch', () => {
  it('flags an item whose text is another work than its DOI, and names the library DOI for its title', () => {
    const { run, text } = setup([`${DAVIS_TEXT} doi:10.1056/NEJMoa2206443`]);
    const found = run();
    assert.strictEqual(found.length, 1);
    const f = found[0];
    assert.strictEqual(f.code, 'reference.doi-mismatch');
    assert.strictEqual(f.severity, 'warning');
    assert.deepStrictEqual(f.range, r(4, 179, 4, 200));
    assert.strictEqual(textAt(text, f.range), '10.1056/NEJMoa2206443');
    assert.strictEqual(
      f.message,
      'Reference 1 says "Effects of psilocybin-assisted therapy…" (Davis, JAMA Psychiatry, 2021) but DOI 10.1056/NEJMoa2206443 is ' +
        '"Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression" (Goodwin, N Engl J Med, 2022). ' +
        "The library's DOI for this title is 10.1001/jamapsychiatry.2020.3285 (davis2021).",
    );
    assert.strictEqual(f.data?.replacementDoi, '10.1001/jamapsychiatry.2020.3285');
    assert.strictEqual(f.data?.replacementKey, 'davis2021');
    assert.deepStrictEqual(f.data?.conflicts, ['title', 'author', 'journal', 'volume', 'pages']);
    assert.deepStrictEqual(
      f.related?.map((l) => [l.file, l.range.start.line, l.message]),
      [
        ['/ws/refs.bib', 19, 'goodwin2022 has DOI 10.1056/NEJMoa2206443.'],
        ['/ws/refs.bib', 8, 'davis2021 has DOI 10.1001/jamapsychiatry.2020.3285 for this title.'],
        ['/ws/studies/davis2021.yaml', 1, 'davis2021 has DOI 10.1001/jamapsychiatry.2020.3285 for this title.'],
      ],
    );
  });

  it('does not flag a correct item, nor one with the subtitle missing, other case, punctuation and spelling', () => {
    const { run } = setup([
      `${DAVIS_TEXT} doi:10.1001/jamapsychiatry.2020.3285`,
      'Davis AK, et al. Effects of Psilocybin Assisted Therapy on Major Depressive Disorder. JAMA Psychiatry 2021;78:481-9. https://doi.org/10.1001/jamapsychiatry.2020.3285',
      'Davis, A. K., Barrett, F. S., & May, D. G. (2020). Effects of psilocybin-assisted therapy on major depressive disorder: A randomised clinical trial. JAMA Psychiatry, 78(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285',
      'Goodwin GM, Aaronson ST. Single-dose psilocybin for a treatment-resistant episode of major depression. N. Engl. J. Med. 2022;387(18):1637-1648. doi:10.1056/NEJMoa2206443',
    ]);
    assert.deepStrictEqual(run(), []);
  });

  it('treats full and abbreviated journal names as the same journal', () => {
    assert.ok(journalMentioned('New England Journal of Medicine', 'Smith J. A title. N Engl J Med. 2022;1:1-2.'));
    assert.ok(journalMentioned('N Engl J Med', 'Smith J. A title. New England Journal of Medicine, 1(1), 1-2.'));
    assert.ok(journalMentioned('Journal of Psychopharmacology', 'J Psychopharmacol. 2016;30(12):1181-1197.'));
    assert.ok(journalMentioned('The Lancet Psychiatry', 'Lancet Psychiatry. 2016;3(7):619-627.'));
    assert.ok(journalMentioned('Journal of the American Medical Association', 'JAMA. 2023;330(9):843-853.'));
    assert.ok(journalMentioned('JAMA Psychiatry', 'JAMA Psychiatry. 2021;78(5):481-489.'));
    assert.ok(!journalMentioned('JAMA Psychiatry', 'N Engl J Med. 2022;387:1637-48.'));
    assert.ok(!journalMentioned('Journal of Psychopharmacology', 'Psychopharmacology (Berl). 2018;235(2):399-408.'));
    assert.ok(!journalMentioned('Cell', 'Day C, Watts R. Psychedelics. Neuron. 2020;1:1-2.'));

    // The item's title is loose, but its first author and abbreviated journal are the DOI's: no finding.
    const agreeing = setup(['Goodwin GM, et al. Psilocybin in resistant depression. N Engl J Med. 2022;387(18):1637-1648. doi:10.1056/NEJMoa2206443']);
    assert.deepStrictEqual(agreeing.run(), []);
    // The same loose title with another author and journal is another work.
    const other = setup(['Smith J, et al. Psilocybin in resistant depression. J Psychopharmacol. 2022;387(18):1637-1648. doi:10.1056/NEJMoa2206443']);
    assert.deepStrictEqual(
      other.run().map((f) => [f.code, f.message]),
      [
        [
          'reference.doi-mismatch',
          'Reference 1 says "Psilocybin in resistant depression" (Smith, J Psychopharmacol, 2022) but DOI 10.1056/NEJMoa2206443 is ' +
            '"Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression" (Goodwin, N Engl J Med, 2022).',
        ],
      ],
    );
  });

  it('matches the first author accent-insensitively', () => {
    const same = setup(['Muller J, Smith A. Ketamine in late-life mood disorders. J Affect Disord. 2020;12:100-110. doi:10.1016/j.jad.2020.01.001']);
    assert.deepStrictEqual(same.run(), []);
    const other = setup(['Schmidt J, Smith A. Ketamine in late-life mood disorders. Biol Psychiatry. 2020;12:100-110. doi:10.1016/j.jad.2020.01.001']);
    assert.deepStrictEqual(other.run().map((f) => f.data?.conflicts), [['title', 'author', 'journal']]);
  });

  it('flags a year off by more than one together with another field, counting the online year', () => {
    const wrongYear = setup(['Goodwin GM, Aaronson ST. Single-dose psilocybin for a treatment-resistant episode of major depression. N Engl J Med. 2019;300(1):10-20. doi:10.1056/NEJMoa2206443']);
    assert.deepStrictEqual(wrongYear.run().map((f) => f.data?.conflicts), [['year', 'volume', 'pages']]);
    // A year off by one alone is fine (online-first and print years differ).
    const oneOff = setup(['Goodwin GM, Aaronson ST. Single-dose psilocybin for a treatment-resistant episode of major depression. N Engl J Med. 2021;387(18):1637-1648. doi:10.1056/NEJMoa2206443']);
    assert.deepStrictEqual(oneOff.run(), []);
    // davis2021 was issued in 2021 but published online in 2020 (its record says so).
    const davis2019 = `Davis AK, et al. Effects of psilocybin-assisted therapy on major depressive disorder. JAMA Psychiatry. 2019;77(5):481-489. doi:10.1001/jamapsychiatry.2020.3285`;
    assert.deepStrictEqual(setup([davis2019]).run(), []);
    assert.deepStrictEqual(setup([davis2019], false).run().map((f) => f.data?.conflicts), [['year', 'volume']]);
  });

  it("names the library's DOI when the item's title is a known work's and its DOI is unknown", () => {
    const { run, text } = setup([`${DAVIS_TEXT} doi:10.1001/jamapsychiatry.2020.3258`]);
    const found = run();
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].code, 'reference.doi-mismatch');
    assert.strictEqual(textAt(text, found[0].range), '10.1001/jamapsychiatry.2020.3258');
    assert.strictEqual(
      found[0].message,
      'Reference 1 matches "Effects of psilocybin-assisted therapy…" (davis2021), whose DOI in the library is 10.1001/jamapsychiatry.2020.3285, not 10.1001/jamapsychiatry.2020.3258.',
    );
    assert.deepStrictEqual(found[0].data, {
      doi: '10.1001/jamapsychiatry.2020.3258',
      replacementDoi: '10.1001/jamapsychiatry.2020.3285',
      replacementKey: 'davis2021',
      conflicts: ['doi'],
    });
    assert.deepStrictEqual(
      found[0].related?.map((l) => l.file),
      ['/ws/refs.bib', '/ws/studies/davis2021.yaml'],
    );
  });

  it('does not take a title for another work when author or year disagree, or when only the main title matches a sibling', () => {
    // Same title words, other first author: not the library's work.
    const otherAuthor = setup([
      'Smith J, et al. Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry. 2021;78(5):481-489. doi:10.1000/unknown.1',
    ]);
    assert.deepStrictEqual(otherAuthor.run(), []);
    // Items without any DOI, or whose DOI the library does not know and title matches nothing: nothing to say.
    const nothing = setup(['Davis AK, et al. Something else entirely. Some Journal. 2021;1:1-2.', 'Nobody N. Unknown work. Journal. 2020;1:1-2. doi:10.1000/unknown.2']);
    assert.deepStrictEqual(nothing.run(), []);
    // The 2016 report with a mistyped DOI: the 2018 follow-up shares its main title, but not its year.
    const sibling = setup([
      'Carhart-Harris RL, Bolstridge M. Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study. Lancet Psychiatry. 2016;3(7):619-627. doi:10.1016/S2215-0366(16)30065-8',
    ]);
    assert.deepStrictEqual(sibling.run().map((f) => f.data?.replacementDoi), ['10.1016/S2215-0366(16)30065-7']);
    // Correct items of both reports: nothing.
    const both = setup([
      'Carhart-Harris RL, Bolstridge M. Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study. Lancet Psychiatry. 2016;3(7):619-627. doi:10.1016/S2215-0366(16)30065-7',
      'Carhart-Harris RL, Bolstridge M. Psilocybin with psychological support for treatment-resistant depression: six-month follow-up. Psychopharmacology (Berl). 2018;235(2):399-408. doi:10.1007/s00213-017-4771-x',
    ]);
    assert.deepStrictEqual(both.run(), []);
  });

  it('merges bibliography and study record metadata for a DOI', () => {
    const { index } = setup([]);
    const meta = metadataForDoi('https://doi.org/10.1001/JAMAPSYCHIATRY.2020.3285', index);
    assert.strictEqual(meta?.title, 'Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial');
    assert.deepStrictEqual(meta?.issued, { 'date-parts': [[2021]] });
    assert.deepStrictEqual(meta?.['published-online'], { 'date-parts': [[2020, 11, 4]] });
    assert.strictEqual(meta?.['container-title'], 'JAMA Psychiatry');
    assert.strictEqual(metadataForDoi('10.1000/nothing', index), undefined);
  });

  it('reads free-text references in common formats', () => {
    assert.deepStrictEqual(
      describeReference('Davis AK, Barrett FS. Effects of therapy. JAMA Psychiatry. 2021;78(5):481-489. doi:10.1/x'),
      {
        cleaned: 'Davis AK, Barrett FS. Effects of therapy. JAMA Psychiatry. 2021;78(5):481-489.',
        author: 'Davis',
        year: 2021,
        volume: '78',
        issue: '5',
        firstPage: '481',
        title: 'Effects of therapy',
        journal: 'JAMA Psychiatry',
      },
    );
    const apa = describeReference('Davis, A. K., & Barrett, F. S. (2021). Effects of therapy. JAMA Psychiatry, 78(5), 481–489.');
    assert.deepStrictEqual([apa.author, apa.year, apa.volume, apa.firstPage, apa.title, apa.journal], ['Davis', 2021, '78', '481', 'Effects of therapy', 'JAMA Psychiatry']);
    const md = describeReference('Davis AK, et al. Effects of therapy. *JAMA Psychiatry*. 2021;78(5):481-489. [doi:10.1001/x](https://doi.org/10.1001/x)');
    assert.deepStrictEqual([md.cleaned, md.journal, md.title], ['Davis AK, et al. Effects of therapy. JAMA Psychiatry. 2021;78(5):481-489.', 'JAMA Psychiatry', 'Effects of therapy']);
    const ieee = describeReference('A. K. Davis, "Effects of therapy," JAMA Psychiatry, vol. 78, no. 5, pp. 481-489, 2021.');
    assert.deepStrictEqual([ieee.volume, ieee.issue, ieee.firstPage, ieee.year], ['78', '5', '481', 2021]);
    assert.ok(titleSimilarity('Effects of Psilocybin Therapy: A Randomized Trial', 'Effects of psilocybin therapy.') === 1);
    assert.ok(titleSimilarity('Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression', DAVIS_TEXT) < 0.5);
  });

  it('finds the deliberate mistake of the example review, and nothing in its clean notes', async () => {
    const root = toCorePath(path.join(__dirname, '../../../examples/psilocybin-review'));
    const { index } = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
    const found = index.notes().flatMap((n) => checkDoiMismatch(n, index));
    assert.deepStrictEqual(
      found.map((f) => [path.posix.relative(root, f.file), f.code, f.range.start.line + 1, f.data?.replacementDoi]),
      [['notes/04-mistakes.md', 'reference.doi-mismatch', 67, '10.1001/jamapsychiatry.2020.3285']],
    );
  });
});
