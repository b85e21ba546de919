import * as assert from 'assert';
import * as path from 'path';
import { parseBibliography } from '../../src/core/bibliography';
import { studiesForSentence } from '../../src/core/claims/cited-studies';
import { checkStudyClaims } from '../../src/core/claims/study-claims';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { parseNote } from '../../src/core/notes/note';
import { parseStudyRecord } from '../../src/core/studies/study';
import type { Finding } from '../../src/core/types';
import { loadWorkspace } from '../../src/core/workspace/load';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { r, textAt } from './helpers';

const RECORDS: Record<string, string> = {
  goodwin2022: `id: goodwin2022
doi: 10.1056/NEJMoa2206443
title: "Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression"
year: 2022
design: rct
blinding: double
population: TRD
n: 233
enrolled: 233
followUp: 12 weeks
outcomes:
  - measure: MADRS (25 mg vs 1 mg)
    primary: true
    timepoint: week 3
    significant: true
  - measure: MADRS (10 mg vs 1 mg)
    primary: false
    timepoint: week 3
    significant: false
  - measure: MADRS response
    primary: false
    timepoint: week 3
    values: ["37% response (25 mg)", "18% response (1 mg)"]
`,
  davis2021: `id: davis2021
doi: 10.1001/jamapsychiatry.2020.3285
title: "Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial"
year: 2021
publishedOnline: 2020-11-04
design: rct
blinding: none
control: waiting-list
population: MDD
n: 24
enrolled: 27
followUp: 4 weeks
outcomes:
  - measure: GRID-HAMD
    primary: true
    timepoint: week 4
    significant: true
    values: ["71% response", "54% remission"]
`,
  'carhart-harris2016': `id: carhart-harris2016
doi: 10.1016/S2215-0366(16)30065-7
title: "Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study"
year: 2016
design: open-label
blinding: none
control: none
population: TRD
n: 12
enrolled: 12
followUp: 3 months
outcomes:
  - measure: QIDS-16
    primary: true
    timepoint: week 1
    significant: true
`,
  'carhart-harris2021': `id: carhart-harris2021
doi: 10.1056/NEJMoa2032994
title: "Trial of Psilocybin versus Escitalopram for Depression"
year: 2021
design: rct
blinding: double
control: active
population: MDD
n: 59
enrolled: 59
followUp: 6 weeks
outcomes:
  - measure: QIDS-SR-16
    primary: true
    timepoint: week 6
    significant: false
  - measure: QIDS-SR-16 response
    primary: false
    timepoint: week 6
    values: ["70% response (psilocybin)", "48% response (escitalopram)"]
`,
  griffiths2016: `id: griffiths2016
year: 2016
design: crossover-rct
blinding: double
population: cancer-distress
n: 51
followUp: 6 months
`,
  ross2016: `id: ross2016
year: 2016
design: crossover-rct
blinding: double
control: placebo
population: cancer-distress
n: 29
followUp: 6.5 months
`,
  shao2021: `id: shao2021
year: 2021
design: animal
population: "mice: frontal cortex"
species: mouse
followUp: 1 month
`,
  meta2023: `id: meta2023
year: 2023
design: meta-analysis
population: MDD
n: 1200
`,
  smallmeta2022: `id: smallmeta2022
year: 2022
design: meta-analysis
population: MDD
n: 80
`,
};

const BIB = `@article{review2020,
  title = {A narrative review of psychedelics},
  year = {2020}
}
`;

function setup(noteText: string): { index: WorkspaceIndex; findings: Finding[] } {
  const index = new WorkspaceIndex();
  for (const [id, text] of Object.entries(RECORDS)) {
    const parsed = parseStudyRecord(text, `/ws/studies/${id}.yaml`);
    assert.deepStrictEqual(parsed.findings, [], id);
    index.setStudy(parsed);
  }
  index.setBibliography(parseBibliography(BIB, '/ws/refs.bib'));
  const note = parseNote(noteText, '/ws/notes/a.md');
  index.setNote(note);
  return { index, findings: checkStudyClaims(note, index) };
}

/** [code, range, message] of each finding. */
function check(noteText: string): unknown[][] {
  return setup(noteText).findings.map((f) => [f.code, f.range, f.message]);
}

/** [code, text under the range] of each finding, for cases where the message is tested elsewhere. */
function flagged(noteText: string): string[][] {
  return setup(noteText).findings.map((f) => [f.code, textAt(noteText, f.range)]);
}

function only(noteText: string): Finding {
  const { findings } = setup(noteText);
  assert.strictEqual(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
  return findings[0];
}

describe('study claims', () => {
  describe('which records a sentence cites', () => {
    const LIST = `Goodwin and colleagues randomised 216 patients [1].

Davis and colleagues randomised 30 adults [2].

The escitalopram trial [3] and a review [4].

## References

1. Goodwin GM, Aaronson ST, et al. Single-dose psilocybin for a treatment-resistant episode of major depression. N Engl J Med. 2022. doi:10.1056/NEJMoa2206443
2. Davis AK, Barrett FS, et al. Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry. 2021. doi:10.1056/NEJMoa2206443
3. Carhart-Harris R, et al. Trial of psilocybin versus escitalopram for depression. N Engl J Med. 2021. doi:10.1000/not-a-record
4. Someone A. An unrelated review of something else. 2020. doi:10.1000/also-not-a-record
`;

    it('keys through the record with that id; numbers by DOI, or by title when the DOI is wrong or unknown', () => {
      const { index } = setup(LIST);
      const note = index.note('/ws/notes/a.md')!;
      const ids = note.sentences.map((s) => studiesForSentence(s, note, index).map((x) => x.id));
      assert.deepStrictEqual(ids.slice(0, 3), [['goodwin2022'], ['davis2021'], ['carhart-harris2021']]);
      const keyed = parseNote('Two trials [@goodwin2022; @davis2021; @review2020; @goodwin2022].', '/ws/notes/b.md');
      assert.deepStrictEqual(
        studiesForSentence(keyed.sentences[0], keyed, index).map((x) => x.id),
        ['goodwin2022', 'davis2021'],
      );
    });

    it('checks numbered citations against the record they resolve to', () => {
      assert.deepStrictEqual(check(LIST), [
        ['claim.study-mismatch', r(0, 34, 0, 46), 'Claim says 216 patients; study goodwin2022 records n = 233 (enrolled 233).'],
        ['claim.study-mismatch', r(2, 32, 2, 41), 'Claim says 30 adults; study davis2021 records n = 24 (enrolled 27).'],
      ]);
    });

    it('says nothing when one of the cited works has no record', () => {
      assert.deepStrictEqual(check('Goodwin and colleagues randomised 216 patients [@goodwin2022; @review2020].'), []);
      assert.deepStrictEqual(check('This review proves that psilocybin cures depression [@review2020].'), []);
    });

    it('skips headings, blockquotes and reference lists', () => {
      const text = [
        '# A double-blind trial in 216 patients [@carhart-harris2016]',
        '',
        '> The press said it proves psilocybin cures depression [@carhart-harris2016].',
        '',
        'Text [1].',
        '',
        '## References',
        '',
        '1. Goodwin GM. A double-blind trial that randomised 216 patients. doi:10.1056/NEJMoa2206443',
        '',
      ].join('\n');
      assert.deepStrictEqual(check(text), []);
    });
  });

  describe('claim.study-mismatch: sample size', () => {
    it('flags a trial size no record holds, with the record field and a replacement', () => {
      const f = only('Goodwin and colleagues randomised 216 patients [@goodwin2022].');
      assert.strictEqual(f.code, 'claim.study-mismatch');
      assert.strictEqual(f.severity, 'warning');
      assert.deepStrictEqual(f.range, r(0, 34, 0, 46));
      assert.strictEqual(f.message, 'Claim says 216 patients; study goodwin2022 records n = 233 (enrolled 233).');
      assert.deepStrictEqual(f.data, {
        studyId: 'goodwin2022',
        field: 'n',
        stated: '216 patients',
        recorded: 'n = 233 (enrolled 233)',
        replacement: '233 patients',
      });
      assert.deepStrictEqual(
        f.related!.map((x) => [x.file, x.range, x.message]),
        [
          ['/ws/studies/goodwin2022.yaml', r(7, 3, 7, 6), 'goodwin2022: n = 233 (enrolled 233)'],
          ['/ws/studies/goodwin2022.yaml', r(8, 10, 8, 13), 'goodwin2022: n = 233 (enrolled 233)'],
        ],
      );
    });

    it('recognises the ways a trial size is written', () => {
      assert.deepStrictEqual(
        flagged(
          [
            'A trial of 216 patients [@goodwin2022].',
            '',
            '216 patients took part [@goodwin2022].',
            '',
            'A 216-patient trial [@goodwin2022].',
            '',
            'Carhart-Harris and colleagues ran a double-blind trial in 216 patients [@carhart-harris2021].',
            '',
            'A double-blind trial (n = 216) [@goodwin2022].',
            '',
            'The trial enrolled twenty patients [@carhart-harris2016].',
          ].join('\n'),
        ),
        [
          ['claim.study-mismatch', '216 patients'],
          ['claim.study-mismatch', '216 patients'],
          ['claim.study-mismatch', '216-patient'],
          ['claim.study-mismatch', '216 patients'],
          ['claim.study-mismatch', 'n = 216'],
          ['claim.study-mismatch', 'twenty patients'],
        ],
      );
      assert.deepStrictEqual(only('The trial enrolled twenty patients [@carhart-harris2016].').data!.replacement, '12 patients');
    });

    it('accepts numbers in words, enrolled or analysed counts', () => {
      assert.deepStrictEqual(
        check(
          [
            'Carhart-Harris and colleagues enrolled twelve patients [@carhart-harris2016].',
            '',
            'An open-label study of a dozen patients [@carhart-harris2016].',
            '',
            'Davis et al. randomised 27 adults [@davis2021].',
            '',
            'Davis et al. analysed 24 adults [@davis2021].',
            '',
            'A trial of 233 patients [@goodwin2022].',
          ].join('\n'),
        ),
        [],
      );
      const f = only('Davis et al. randomised 30 adults [@davis2021].');
      assert.strictEqual(f.message, 'Claim says 30 adults; study davis2021 records n = 24 (enrolled 27).');
      assert.strictEqual(f.data!.replacement, '27 adults', 'a randomised count is replaced by the enrolled number');
    });

    it('compares approximate numbers with their tolerance or direction', () => {
      assert.deepStrictEqual(
        check(
          [
            'A trial of nearly 60 patients [@carhart-harris2021].',
            '',
            'A trial of about 55 patients [@carhart-harris2021].',
            '',
            'A trial of over 200 patients [@goodwin2022].',
            '',
            'A trial of fewer than 250 patients [@goodwin2022].',
          ].join('\n'),
        ),
        [],
      );
      assert.deepStrictEqual(
        check(
          [
            'A trial of about 30 patients [@carhart-harris2021].',
            '',
            'A trial of more than 250 patients [@goodwin2022].',
            '',
            'A trial of fewer than 30 patients [@carhart-harris2021].',
          ].join('\n'),
        ),
        [
          ['claim.study-mismatch', r(0, 11, 0, 28), 'Claim says about 30 patients; study carhart-harris2021 records n = 59 (enrolled 59).'],
          ['claim.study-mismatch', r(2, 11, 2, 33), 'Claim says more than 250 patients; study goodwin2022 records n = 233 (enrolled 233).'],
          ['claim.study-mismatch', r(4, 11, 4, 33), 'Claim says fewer than 30 patients; study carhart-harris2021 records n = 59 (enrolled 59).'],
        ],
      );
      assert.strictEqual(only('A trial of about 30 patients [@carhart-harris2021].').data!.replacement, undefined);
    });

    it('accepts a figure matching either of two cited studies, or their sum', () => {
      assert.deepStrictEqual(check('The trial enrolled 29 participants [@griffiths2016; @ross2016].'), []);
      assert.deepStrictEqual(check('Together the trials enrolled 80 participants [@griffiths2016; @ross2016].'), []);
      assert.deepStrictEqual(check('Two crossover trials, with 51 and 29 participants [@griffiths2016; @ross2016].'), []);
      assert.deepStrictEqual(check('The trial enrolled 40 participants [@griffiths2016; @ross2016].'), [
        [
          'claim.study-mismatch',
          r(0, 19, 0, 34),
          'Claim says 40 participants; none of the cited studies does: griffiths2016 records n = 51; ross2016 records n = 29.',
        ],
      ]);
    });

    it('leaves subgroups and numbers that are not sample sizes alone', () => {
      assert.deepStrictEqual(
        check(
          [
            'In the 25 mg arm, 79 patients received psilocybin [@goodwin2022].',
            '',
            'Of these, 30 patients responded by week 3 [@goodwin2022].',
            '',
            'Goodwin randomised 79 patients to 25 mg and 75 to 10 mg [@goodwin2022].',
            '',
            '30 participants were randomised to psilocybin [@carhart-harris2021].',
            '',
            'Adverse events occurred in 179 patients [@goodwin2022].',
            '',
            'Patients took 25 mg at week 4, were aged 18 or over and had two doses over 6 weeks in this phase 2 trial [@goodwin2022].',
            '',
            'In 2019 the trial began; 12 months later 100 patients had been screened [@goodwin2022].',
            '',
            'The three trials enrolled between 59 and 216 participants [@goodwin2022; @carhart-harris2021].',
          ].join('\n'),
        ),
        [],
      );
    });
  });

  describe('claim.study-mismatch: percentages', () => {
    it('flags a response rate the record does not list', () => {
      const f = only('At week 4, 67% of participants had responded [@davis2021].');
      assert.strictEqual(f.code, 'claim.study-mismatch');
      assert.deepStrictEqual(f.range, r(0, 11, 0, 14));
      assert.strictEqual(f.message, 'Claim says 67% (response); study davis2021 records 71% response (GRID-HAMD, week 4).');
      assert.deepStrictEqual(f.data, {
        studyId: 'davis2021',
        field: 'outcomes',
        stated: '67% (response)',
        recorded: '71% response (GRID-HAMD, week 4)',
        replacement: '71%',
      });
      assert.deepStrictEqual(f.related!.map((x) => x.range), [r(13, 4, 17, 45)]);
    });

    it('accepts listed figures and says nothing without listed values, outcome words or comparable time points', () => {
      assert.deepStrictEqual(
        check(
          [
            'At week 4, 71% had responded and 54% were in remission [@davis2021].',
            '',
            'Response was 37% with 25 mg against 18% with 1 mg [@goodwin2022].',
            '',
            'About 70% of participants responded [@davis2021].',
            '',
            'Half of them, 50%, responded [@carhart-harris2016].',
            '',
            'Scores fell by 40% [@davis2021].',
            '',
            'Relapse occurred in 20% [@davis2021].',
            '',
            'At 12 months, 60% had responded [@davis2021].',
            '',
            'Response rates of 60 to 80% were seen [@davis2021].',
            '',
            'Response was defined as a 50% reduction in GRID-HAMD [@davis2021].',
            '',
            'At week 4, remission in the delayed group was 4% [@davis2021].',
          ].join('\n'),
        ),
        [],
      );
      assert.deepStrictEqual(flagged('A response occurred in 20% of the psilocybin arm [@carhart-harris2021].'), [['claim.study-mismatch', '20%']]);
    });
  });

  describe('claim.study-mismatch: design, blinding and control', () => {
    it('flags design words the record contradicts', () => {
      assert.deepStrictEqual(
        check(
          [
            'Carhart-Harris and colleagues ran a double-blind trial in 12 patients [@carhart-harris2016].',
            '',
            'An open-label trial [@carhart-harris2021].',
            '',
            'The study randomised its participants [@carhart-harris2016].',
            '',
            'A placebo-controlled trial [@carhart-harris2021].',
            '',
            'A crossover trial [@goodwin2022].',
            '',
            'A meta-analysis [@goodwin2022].',
            '',
            'A wait-list controlled trial [@carhart-harris2021].',
          ].join('\n'),
        ),
        [
          ['claim.study-mismatch', r(0, 36, 0, 48), 'Claim says double-blind; study carhart-harris2016 records blinding: none (open-label).'],
          ['claim.study-mismatch', r(2, 3, 2, 13), 'Claim says open-label; study carhart-harris2021 records blinding: double.'],
          ['claim.study-mismatch', r(4, 10, 4, 20), 'Claim says randomised; study carhart-harris2016 records design: open-label.'],
          ['claim.study-mismatch', r(6, 2, 6, 20), 'Claim says placebo-controlled; study carhart-harris2021 records control: active.'],
          ['claim.study-mismatch', r(8, 2, 8, 11), 'Claim says crossover; study goodwin2022 records design: rct.'],
          ['claim.study-mismatch', r(10, 2, 10, 15), 'Claim says meta-analysis; study goodwin2022 records design: rct.'],
          ['claim.study-mismatch', r(12, 2, 12, 11), 'Claim says waiting-list; study carhart-harris2021 records control: active.'],
        ],
      );
      const f = only('Carhart-Harris and colleagues ran a double-blind trial in 12 patients [@carhart-harris2016].');
      assert.deepStrictEqual(f.data, {
        studyId: 'carhart-harris2016',
        field: 'blinding',
        stated: 'double-blind',
        recorded: 'blinding: none (open-label)',
        replacement: 'open-label',
      });
      assert.deepStrictEqual(f.related, [
        { file: '/ws/studies/carhart-harris2016.yaml', range: r(5, 10, 5, 14), message: 'carhart-harris2016: blinding: none (open-label)' },
      ]);
    });

    it('accepts matching words, unknown fields, and words about other studies', () => {
      assert.deepStrictEqual(
        check(
          [
            'A double-blind randomised trial [@carhart-harris2021].',
            '',
            'A small open-label study [@carhart-harris2016].',
            '',
            'A waiting-list randomised trial [@davis2021].',
            '',
            'A double-blind crossover trial [@griffiths2016; @ross2016].',
            '',
            'A placebo-controlled trial [@goodwin2022].',
            '',
            'A meta-analysis of randomised trials [@meta2023].',
            '',
            'Unlike later randomised trials, this study had no control group [@carhart-harris2016].',
            '',
            'A randomised trial is needed [@carhart-harris2016].',
            '',
            'No double-blind trial has been done [@carhart-harris2016].',
            '',
            'A placebo-controlled trial [@carhart-harris2021; @ross2016].',
            '',
            'In the open-label extension, patients received psilocybin [@goodwin2022].',
            '',
            'A crossover to treatment followed the waiting period [@davis2021].',
            '',
            'In this systematic review, the largest trial randomised 233 patients [@goodwin2022].',
            '',
            'A systematic review would settle this [@goodwin2022].',
          ].join('\n'),
        ),
        [],
      );
    });
  });

  describe('claim.study-mismatch: population and species', () => {
    it('flags a population or species the record contradicts', () => {
      assert.deepStrictEqual(
        check(
          [
            'It enrolled adults with treatment-resistant depression [@carhart-harris2021].',
            '',
            'It enrolled patients with advanced cancer [@davis2021].',
            '',
            'It enrolled healthy volunteers [@davis2021].',
            '',
            'It enrolled adults with major depression [@griffiths2016].',
            '',
            'One dose raised spine density in patients [@shao2021].',
            '',
            'In mice, one dose raised spine density [@goodwin2022].',
          ].join('\n'),
        ),
        [
          ['claim.study-mismatch', r(0, 24, 0, 43), 'Claim says treatment-resistant; study carhart-harris2021 records population: MDD.'],
          ['claim.study-mismatch', r(2, 12, 2, 41), 'Claim says patients with advanced cancer; study davis2021 records population: MDD.'],
          ['claim.study-mismatch', r(4, 12, 4, 30), 'Claim says healthy volunteers; study davis2021 records population: MDD.'],
          ['claim.study-mismatch', r(6, 24, 6, 40), 'Claim says major depression; study griffiths2016 records population: cancer-distress.'],
          ['claim.study-mismatch', r(8, 30, 8, 41), 'Claim says in patients; study shao2021 records species: mouse.'],
          ['claim.study-mismatch', r(10, 0, 10, 7), 'Claim says In mice; study goodwin2022 records species: human.'],
        ],
      );
    });

    it('accepts a subset population and matching species', () => {
      assert.deepStrictEqual(
        check(
          [
            'A trial in adults with major depression [@goodwin2022].',
            '',
            'Patients had treatment-resistant depression [@carhart-harris2016].',
            '',
            'Trials in patients with life-threatening cancer [@griffiths2016; @ross2016].',
            '',
            'In mice, one dose raised spine density [@shao2021].',
            '',
            'Whether this happens in patients is unknown [@shao2021].',
            '',
            'Unlike work in mice, this trial enrolled 233 patients [@goodwin2022].',
            '',
            'Psilocybin is being tested in patients after promising results in mice [@shao2021].',
            '',
            'Trials have enrolled people with TRD and with MDD [@carhart-harris2021].',
          ].join('\n'),
        ),
        [],
      );
    });
  });

  describe('claim.study-mismatch: year and follow-up', () => {
    it('flags a year that is neither the print nor the online year', () => {
      assert.deepStrictEqual(
        check(
          [
            'In 2019, Goodwin and colleagues reported a large effect [@goodwin2022].',
            '',
            'A 2019 trial [@davis2021].',
            '',
            'Davis et al. (2018) found large effects [@davis2021].',
          ].join('\n'),
        ),
        [
          ['claim.study-mismatch', r(0, 3, 0, 7), 'Claim says 2019; study goodwin2022 records year 2022.'],
          ['claim.study-mismatch', r(2, 2, 2, 6), 'Claim says 2019; study davis2021 records year 2021 (published online 2020-11-04).'],
          ['claim.study-mismatch', r(4, 14, 4, 18), 'Claim says 2018; study davis2021 records year 2021 (published online 2020-11-04).'],
        ],
      );
      assert.strictEqual(only('A 2019 trial [@davis2021].').data!.replacement, '2021');
      assert.deepStrictEqual(
        check(
          [
            'A 2020 trial [@davis2021].',
            '',
            'Davis et al. (2021) found large effects [@davis2021].',
            '',
            'In 2022, Goodwin and colleagues reported a large effect [@goodwin2022].',
            '',
            'In 2019, the trial began recruiting [@goodwin2022].',
          ].join('\n'),
        ),
        [],
      );
    });

    it('flags a stated follow-up length, not an earlier time point', () => {
      assert.deepStrictEqual(
        check(
          [
            'A 6-month follow-up showed lasting effects [@carhart-harris2016].',
            '',
            'Patients were followed for six months [@goodwin2022].',
          ].join('\n'),
        ),
        [
          ['claim.study-mismatch', r(0, 2, 0, 19), 'Claim says 6-month follow-up; study carhart-harris2016 records followUp: 3 months.'],
          ['claim.study-mismatch', r(2, 14, 2, 37), 'Claim says followed for six months; study goodwin2022 records followUp: 12 weeks.'],
        ],
      );
      assert.strictEqual(only('A 6-month follow-up showed lasting effects [@carhart-harris2016].').data!.replacement, '3-month follow-up');
      assert.deepStrictEqual(
        check(
          [
            'Patients were followed for three months [@carhart-harris2016].',
            '',
            'At the 1-month follow-up symptoms were lower [@carhart-harris2016].',
            '',
            'Symptoms were lower at six months [@carhart-harris2016].',
            '',
            'Patients were followed for 12 weeks [@goodwin2022].',
            '',
            'A 6.5-month follow-up [@ross2016].',
          ].join('\n'),
        ),
        [],
      );
    });
  });

  describe('claim.contradicts-finding', () => {
    it('flags superiority when the primary outcome was not significant', () => {
      const f = only('Psilocybin was significantly superior to escitalopram on the primary outcome [@carhart-harris2021]. It is psilocybin.');
      assert.strictEqual(f.code, 'claim.contradicts-finding');
      assert.strictEqual(f.severity, 'warning');
      assert.deepStrictEqual(f.range, r(0, 15, 0, 40));
      assert.strictEqual(
        f.message,
        'Claim says psilocybin was superior; study carhart-harris2021 records its primary outcome (QIDS-SR-16, week 6) as not significant.',
      );
      assert.deepStrictEqual(f.related!.map((x) => [x.range, x.message]), [
        [r(12, 4, 15, 22), 'carhart-harris2021: QIDS-SR-16, week 6, significant: false'],
      ]);
      assert.deepStrictEqual(flagged('Psilocybin outperformed escitalopram [@carhart-harris2021].'), [['claim.contradicts-finding', 'outperformed']]);
      assert.deepStrictEqual(flagged('The drug was effective [@carhart-harris2021].'), [['claim.contradicts-finding', 'was effective']]);
    });

    it('flags "no difference" when the primary outcome was significant', () => {
      assert.deepStrictEqual(check('The 25 mg dose did not differ significantly from 1 mg [@goodwin2022].'), [
        [
          'claim.contradicts-finding',
          r(0, 15, 0, 43),
          'Claim says there was no difference; study goodwin2022 records its primary outcome (MADRS (25 mg vs 1 mg), week 3) as significant.',
        ],
      ]);
    });

    it('accepts agreeing, negated, hedged and secondary-outcome statements', () => {
      assert.deepStrictEqual(
        check(
          [
            'The trial found no significant difference on its primary outcome [@carhart-harris2021].',
            '',
            'Psilocybin was not superior to escitalopram [@carhart-harris2021].',
            '',
            'The 25 mg dose outperformed 1 mg [@goodwin2022].',
            '',
            'The 10 mg dose did not differ significantly from 1 mg [@goodwin2022].',
            '',
            'Whether psilocybin is superior to escitalopram is unclear [@carhart-harris2021].',
            '',
            'More participants responded with psilocybin, a secondary outcome superior to escitalopram [@carhart-harris2021].',
            '',
            'Psilocybin was superior to escitalopram [@carhart-harris2021; @goodwin2022].',
            '',
            'At 6 months, psilocybin outperformed escitalopram [@carhart-harris2021].',
            '',
            'Psilocybin was effective, although not superior to escitalopram [@carhart-harris2021].',
            '',
            'Symptoms were significantly better than at baseline [@carhart-harris2021].',
            '',
            'Patients who failed to improve with two antidepressants were enrolled [@goodwin2022].',
          ].join('\n'),
        ),
        [],
      );
    });
  });

  describe('claim.overstated', () => {
    it('flags certainty words resting on a single small study', () => {
      const text = 'This small open-label study proves that psilocybin cures depression [@carhart-harris2016].';
      assert.deepStrictEqual(check(text), [
        [
          'claim.overstated',
          r(0, 28, 0, 34),
          '"proves" is stronger than the cited evidence: carhart-harris2016 is an open-label study of 12 participants.',
        ],
        [
          'claim.overstated',
          r(0, 51, 0, 56),
          '"cures" is stronger than the cited evidence: carhart-harris2016 is an open-label study of 12 participants.',
        ],
      ]);
      const [proves, cures] = setup(text).findings;
      assert.strictEqual(proves.severity, 'info');
      assert.deepStrictEqual(proves.data, { word: 'proves', softer: 'suggests', studyIds: ['carhart-harris2016'] });
      assert.strictEqual(cures.data!.softer, 'may help treat');
    });

    it('names every cited study and flags small syntheses', () => {
      assert.deepStrictEqual(check('Two trials conclusively show benefit [@goodwin2022; @smallmeta2022].'), [
        [
          'claim.overstated',
          r(0, 11, 0, 23),
          '"conclusively" is stronger than the cited evidence: goodwin2022 is a double-blind randomised controlled trial of 233 participants; smallmeta2022 is a meta-analysis of 80 participants.',
        ],
      ]);
      assert.deepStrictEqual(flagged('Psilocybin always works [@davis2021].'), [['claim.overstated', 'always']]);
      assert.deepStrictEqual(flagged('It is a cure for depression [@goodwin2022].'), [['claim.overstated', 'cure']]);
      assert.deepStrictEqual(check('Psilocybin is proven to work [@shao2021].'), [
        [
          'claim.overstated',
          r(0, 14, 0, 20),
          '"proven" is stronger than the cited evidence: shao2021 is an animal study in mice.',
        ],
      ]);
    });

    it('leaves negations, quotations, large syntheses and plain uses alone', () => {
      assert.deepStrictEqual(
        check(
          [
            'This study does not prove that psilocybin cures depression [@carhart-harris2016].',
            '',
            'Psilocybin is not a cure for depression [@carhart-harris2016].',
            '',
            'Its benefit has not been proven [@goodwin2022].',
            '',
            'The release said "psilocybin cures depression" [@davis2021].',
            '',
            'Headlines claimed that psilocybin cures depression [@davis2021].',
            '',
            'This meta-analysis proves a moderate benefit [@meta2023].',
            '',
            'Therapists were always present [@davis2021].',
            '',
            'Recruitment proved difficult and blinding has proven difficult [@davis2021].',
            '',
            'Evidence that psilocybin cures depression is lacking [@carhart-harris2016].',
            '',
            'Psilocybin was compared with escitalopram, a proven antidepressant [@carhart-harris2021].',
            '',
            'The press called it a miracle cure [@davis2021].',
          ].join('\n'),
        ),
        [],
      );
    });
  });

  describe('the example review', () => {
    const root = toCorePath(path.join(__dirname, '../../../examples/psilocybin-review'));
    const CODES = new Set(['claim.study-mismatch', 'claim.contradicts-finding', 'claim.overstated']);

    async function exampleFindings(): Promise<Map<string, string[][]>> {
      const loaded = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
      const out = new Map<string, string[][]>();
      for (const file of loaded.notes) {
        const note = loaded.index.note(file)!;
        const found = checkStudyClaims(note, loaded.index).filter((f) => CODES.has(f.code));
        out.set(path.basename(file), found.map((f) => [`${f.range.start.line + 1}`, f.code, textAt(note.text, f.range)]));
      }
      return out;
    }

    it('finds nothing in the clean notes and the deliberate mistakes in 04-mistakes.md', async () => {
      const found = await exampleFindings();
      assert.deepStrictEqual(found.get('01-overview.md'), []);
      assert.deepStrictEqual(found.get('02-trials.md'), []);
      assert.deepStrictEqual(found.get('03-press-coverage.md'), []);
      assert.deepStrictEqual(found.get('04-mistakes.md'), [
        ['43', 'claim.study-mismatch', '216 patients'],
        ['46', 'claim.study-mismatch', 'double-blind'],
        ['49', 'claim.contradicts-finding', 'significantly superior to'],
        ['52', 'claim.overstated', 'proves'],
        ['52', 'claim.overstated', 'cures'],
        // Also claim.inconsistent; the davis2021 record lists 71% response at week 4.
        ['58', 'claim.study-mismatch', '67%'],
      ]);
    });
  });
});
