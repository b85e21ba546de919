import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkUnsupportedClaims, classifySentence } from '../../src/core/claims/unsupported';
import { parseNote } from '../../src/core/notes/note';
import { r, textAt } from './helpers';

const F = '/ws/notes/a.md';

/** The sentences of a note that claim.unsupported reports, as the user sees them. */
function flagged(text: string): string[] {
  const note = parseNote(text, F);
  return checkUnsupportedClaims(note).map((f) => textAt(text, f.range));
}

function example(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../../../examples/psilocybin-review/notes', name), 'utf8');
}

describe('claim.unsupported', () => {
  describe('classifySentence: claims', () => {
    const claims: [string, RegExp][] = [
      // results
      ['Psilocybin reduced depressive symptoms in most patients within a week.', /^a result \(reduced\)$/],
      ['Mystical experiences predicted better outcomes at six months.', /result \(predicted\)/],
      ['The treatment had no effect on anxiety scores.', /result/],
      ['Ratings of expectancy did not predict treatment response.', /result \(did not predict\)/],
      ['Psilocybin is safe and well tolerated in healthy volunteers.', /result \(is safe\)/],
      ['Esketamine was associated with a higher rate of dissociation.', /associated with/],
      ['Depressive symptoms decreased significantly from baseline to week 6.', /result/],
      ['Adverse events were mostly mild and resolved within a day.', /result/],
      ['Benefits persisted for twelve months after a single session.', /result \(Benefits persisted\)/],
      // hedged results
      ['Psilocybin may reduce depressive symptoms in treatment-resistant depression.', /^a hedged result \(may reduce\)$/],
      ['Psilocybin appears to improve mood for several weeks after one dose.', /hedged result \(appears to improve\)/],
      ['The drug seems to improve sleep quality in older adults.', /hedged result \(seems to improve\)/],
      ['Omega-3 supplements might protect against cognitive decline.', /hedged result/],
      // figures
      ['71% of participants responded to treatment at week 4.', /^a figure \(71%\)$/],
      ['In 12 of 20 patients, symptoms fell below the remission threshold.', /figure \(12 of 20\)/],
      ['Response rates of about 60% have been seen in open-label studies.', /figure/],
      ['The difference was significant (p < 0.01).', /figure \(p < 0\.01\)/],
      ['The effect size was large (d = 1.2) at the primary endpoint.', /figure/],
      ['Seventy-one percent of participants had a clinically significant response.', /figure \(Seventy-one percent\)/],
      ['Roughly one in five participants had a headache the day after dosing.', /figure \(one in five\)/],
      ['Melatonin shortened sleep onset by about seven minutes.', /figure/],
      ['A dose-finding trial randomised 233 participants to three doses.', /figure \(233 participants\)/],
      // comparisons
      ['Psilocybin was more effective than escitalopram on most secondary outcomes.', /^a comparison \(more effective than\)$/],
      ['Psilocybin is superior to placebo for depression.', /comparison \(superior to\)/],
      ['Patients in the high-dose group improved faster than those in the low-dose group.', /comparison \(faster than\)/],
      ['Adherence was lower among older participants.', /comparison/],
      ['Headache, nausea and dizziness were the most common adverse events.', /comparison \(the most common\)/],
      // evidential statements
      ['Research has shown that psychedelics increase neuroplasticity.', /^an evidential statement \(Research has shown\)$/],
      ['Studies suggest that psilocybin helps people quit smoking.', /evidential/],
      ['Evidence from cohort studies indicates that a single dose has lasting effects.', /evidential/],
      ['Data show a clear dose-response relationship.', /evidential statement \(Data show\)/],
      ['Psilocybin is known to increase cortical glutamate.', /evidential statement \(is known to\)/],
      ['There is good evidence that psilocybin reduces anxiety in cancer patients.', /evidential/],
      // causal statements
      ['Psilocybin caused transient increases in blood pressure.', /^a causal statement \(caused\)$/],
      ['Ketamine leads to rapid relief of suicidal thoughts.', /causal statement \(leads to\)/],
      ['Therapists who guide the sessions play a big role in how well patients do.', /causal/],
      // press-release and social-media style
      ['Magic mushrooms reset the depressed brain, scientists say.', /evidential statement \(scientists say\)/],
      ['A new study finds psilocybin works better than antidepressants.', /comparison/],
      ['Psilocybin just beat Lexapro in a head-to-head trial.', /comparison/],
      ['Huge: one dose of psilocybin cut depression scores in half.', /figure|result/],
      // a definition or an "arguably" that states a figure (not a threshold) is still a claim
      ['Treatment-resistant depression is defined as non-response to two antidepressants and affects 30% of patients.', /figure \(30%\)/],
      ['Psilocybin is arguably as effective as SSRIs, with 70% of patients responding.', /figure \(70%\)/],
    ];
    for (const [text, reason] of claims) {
      it(`claim: ${text}`, () => {
        const v = classifySentence(text);
        assert.strictEqual(v.claim, true, v.reason);
        assert.match(v.reason, reason);
      });
    }
  });

  describe('classifySentence: not claims', () => {
    const notClaims: [string, RegExp][] = [
      // questions
      ['What dose did the trial use?', /^question/],
      ['Does psilocybin work in bipolar depression?', /^question/],
      // to-dos and plans
      ['TODO: check the dropout rates in Goodwin.', /^to-do/],
      ['- [ ] read the supplementary appendix of the NEJM paper', /^to-do/],
      ['Next: read the 12-month follow-up and compare response rates.', /^to-do/],
      ['Check whether the primary outcome changed after registration.', /^to-do/],
      ['I need to check whether the 71% figure is response or remission.', /^plan/],
      ['We should look at the long-term data before writing this section.', /^plan/],
      ['Two trials are still to be read.', /^plan/],
      // aims
      ['This review explores whether psilocybin reduces depressive symptoms.', /^aim/],
      ['The aim of this review is to summarise the trials of psilocybin in depression.', /^aim/],
      ['Out of scope for now: microdosing and recreational use.', /^aim/],
      // methods of the note itself
      ['We searched PubMed for randomised trials of psilocybin published before 2024.', /^method/],
      ['I included trials that reported a depression outcome at four weeks or later.', /^method/],
      ['Trials were excluded if they enrolled fewer than ten participants.', /^method/],
      ['Where a trial reported several time points, we used the one closest to six weeks.', /^method/],
      ['Of 1,243 records screened, 14 trials met the inclusion criteria.', /^method/],
      // opinions
      ['In my view the effect is smaller than the headlines suggest.', /^opinion/],
      ['I think the trials overstate the benefit because blinding failed.', /^opinion/],
      ['My impression is that expectancy drives much of the effect.', /^opinion/],
      ['Arguably, the field has moved faster than the evidence.', /^opinion/],
      // speculation about the future
      ['Future trials will need to show that psilocybin is more effective than escitalopram.', /^speculation/],
      ['It remains to be seen whether the effects last beyond a year.', /^speculation|^no claim cue/],
      ['Whether psilocybin reduces relapse is still an open question.', /^speculation/],
      ['Larger and longer trials are needed to establish durability and safety.', /no claim cue|speculation/],
      // definitions (a threshold belongs to the definition)
      ['Treatment-resistant depression is usually defined as failure to respond to two antidepressants.', /definition|no claim cue/],
      ['Here "response" means a drop of at least 50% from baseline on the primary scale.', /^definition/],
      ['A psychedelic is a drug that alters perception, mood and thought.', /^definition/],
      // signposts and naming
      ['The trial is described below.', /./],
      ['The results are shown in the table below.', /^signpost/],
      ['See the notes on each trial in 02-trials.md.', /^cross-reference/],
      ['Points to check in any story about this trial:', /^introduces a list/],
      ['Effect sizes are reported as standardised mean differences throughout.', /^convention/],
      // other non-claims
      ['Psilocybin is a tryptamine psychedelic found in several mushroom species.', /no claim cue/],
      ['Thread on what the psilocybin trials actually found (1/8)', /^topic/],
      ['Psilocybin works.', /^too short$/],
    ];
    for (const [text, reason] of notClaims) {
      it(`not a claim: ${text}`, () => {
        const v = classifySentence(text);
        assert.strictEqual(v.claim, false, v.reason);
        assert.match(v.reason, reason);
      });
    }

    it('ignores cues inside a quotation that is only part of the sentence', () => {
      assert.strictEqual(classifySentence('So "four times larger" compares effect sizes across different studies.').claim, false);
      assert.strictEqual(classifySentence('"Psilocybin works better than antidepressants," the headline said.').claim, false);
      assert.strictEqual(classifySentence('"Psilocybin works better than antidepressants."').claim, true);
    });

    it('ignores citations when it reads the sentence', () => {
      assert.strictEqual(classifySentence('See [4] and [@davis2021, p. 3].').claim, false);
      assert.strictEqual(classifySentence('@goodwin2022 randomised 233 participants.').claim, true);
    });
  });

  describe('coverage', () => {
    it('a citation in the sentence covers it', () => {
      assert.deepStrictEqual(flagged('Psilocybin reduced depressive symptoms within a week [@davis2021].\n'), []);
      assert.deepStrictEqual(flagged('Psilocybin reduced depressive symptoms within a week [5].\n\n## References\n\n5. Davis AK. 2021.\n'), []);
      assert.deepStrictEqual(flagged('As @davis2021 showed, 71% of participants responded.\n'), []);
    });

    it('a bracketed citation written right after the full stop covers the sentence before it', () => {
      assert.deepStrictEqual(flagged('Response was defined on the GRID-HAMD and 71% responded. [@davis2021]\n'), []);
    });

    it('reports the uncited claim and not the cited one', () => {
      const text = 'Psilocybin reduced symptoms at week 1 [@a]. Psilocybin also doubled remission rates at week 4.\n';
      assert.deepStrictEqual(flagged(text), ['Psilocybin also doubled remission rates at week 4.']);
    });

    it('a sentence that continues the subject of a cited sentence inherits its citation', () => {
      assert.deepStrictEqual(flagged('A trial randomised 59 patients [@c2021]. They also found fewer side effects with psilocybin.\n'), []);
      assert.deepStrictEqual(flagged('A trial compared psilocybin with escitalopram [@c2021]. The trial found no difference at week 6.\n'), []);
      assert.deepStrictEqual(flagged('A trial enrolled 27 adults [@d2021]. At week 4, 71% had responded.\n'), []);
      assert.deepStrictEqual(flagged('Griffiths gave two doses [@g2016]. Among those given the high dose first, 92% responded.\n'), []);
      assert.deepStrictEqual(flagged('Ross compared psilocybin with niacin [@r2016]. Before the crossover, anxiety fell more with psilocybin.\n'), []);
      assert.deepStrictEqual(
        flagged('A trial enrolled 233 adults [@g2022]. Its participants were mostly women. Dropout was higher in the 1 mg arm.\n'),
        [],
      );
      assert.deepStrictEqual(flagged('A cohort of 24 was followed [@g2022]. In addition, the same team reported that 75% still responded.\n'), []);
    });

    it('a new subject breaks inheritance', () => {
      assert.deepStrictEqual(flagged('A trial randomised 59 patients [@c2021]. Another study found no benefit of escitalopram.\n'), [
        'Another study found no benefit of escitalopram.',
      ]);
      assert.deepStrictEqual(flagged('The trial compared two doses [@g2022]. In mice, one dose increased spine density by 10%.\n'), [
        'In mice, one dose increased spine density by 10%.',
      ]);
      assert.deepStrictEqual(flagged('Response was 71% [@d2021]. Psilocybin also helps smokers quit.\n'), ['Psilocybin also helps smokers quit.']);
    });

    it('inheritance stays within one block', () => {
      assert.deepStrictEqual(flagged('A trial randomised 59 patients [@c2021].\n\nThey found no difference in the primary outcome.\n'), [
        'They found no difference in the primary outcome.',
      ]);
    });

    it('an opinion between a cited sentence and its continuation does not break the chain', () => {
      const text = 'CBT-I outperformed medication at one year [@m2009]. In my view this is the strongest trial. It also had the lowest dropout.\n';
      assert.deepStrictEqual(flagged(text), []);
    });

    it('a cited next sentence that gives the source covers the claim before it', () => {
      assert.deepStrictEqual(flagged('Sleep restriction works quickly. This was shown in two trials [@a; @b].\n'), []);
      assert.deepStrictEqual(flagged('Insomnia is common in older adults. It affects up to 40% of people over 65 [@o2002].\n'), [
        'Insomnia is common in older adults.',
      ]);
    });

    it('leaves sentences that name their source in prose to claim.implicit-citation', () => {
      assert.deepStrictEqual(flagged('Davis and colleagues reported large effects. They also found 54% in remission.\n'), []);
      assert.deepStrictEqual(flagged('Smith et al. (2020) found that sleep restriction halved sleep onset latency.\n'), []);
    });
  });

  describe('what is skipped', () => {
    it('skips headings, blockquotes, table cells and reference lists', () => {
      const text = [
        '# Psilocybin reduced depression in 71% of patients', // 0
        '',
        '> Psilocybin reduced depressive symptoms in most patients within a week.', // 2
        '',
        '| Study | Finding |', // 4
        '|---|---|',
        '| Trial A | Psilocybin reduced symptoms in 71% of patients |', // 6
        '',
        '## References', // 8
        '',
        '1. Psilocybin produces substantial and sustained decreases in depression in 51 patients. 2016.', // 10
        '',
      ].join('\n');
      assert.deepStrictEqual(flagged(text), []);
    });

    it('skips sentences of fewer than four words, questions and to-dos in lists', () => {
      const text = ['Psilocybin works.', '', '- [ ] read the 12-month follow-up', '- Did remission last beyond 12 weeks?', ''].join('\n');
      assert.deepStrictEqual(flagged(text), []);
    });

    it('reports claims in list items', () => {
      assert.deepStrictEqual(flagged('- adverse events were reported by 77% of participants\n'), ['adverse events were reported by 77% of participants']);
    });
  });

  describe('the finding', () => {
    it('has the sentence range, message and cue', () => {
      const text = 'Intro line with nothing in it.\n\nIn short, psilocybin reduced depressive symptoms in most patients within a week of the dose.\n';
      const [f, ...rest] = checkUnsupportedClaims(parseNote(text, F));
      assert.deepStrictEqual(rest, []);
      assert.strictEqual(f.code, 'claim.unsupported');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(f.file, F);
      assert.deepStrictEqual(f.range, r(2, 0, 2, 92));
      assert.strictEqual(
        f.message,
        'Claim has no citation: "In short, psilocybin reduced depressive symptoms in most…" states a result (reduced). Cite the study that supports it.',
      );
      assert.deepStrictEqual(f.data, { cue: 'a result (reduced)' });
    });

    it('quotes a short sentence whole', () => {
      const [f] = checkUnsupportedClaims(parseNote('Psilocybin doubled remission rates.\n', F));
      assert.strictEqual(f.message, 'Claim has no citation: "Psilocybin doubled remission rates." states a result (doubled). Cite the study that supports it.');
    });

    it('spans a sentence over several lines', () => {
      const text = 'A placebo-controlled trial found\na larger reduction with psilocybin.\n';
      const [f] = checkUnsupportedClaims(parseNote(text, F));
      assert.deepStrictEqual(f.range, r(0, 0, 1, 35));
    });
  });

  describe('the example review', () => {
    for (const name of ['01-overview.md', '02-trials.md', '03-press-coverage.md']) {
      it(`${name} has no unsupported claim`, () => {
        const file = `/ws/notes/${name}`;
        const findings = checkUnsupportedClaims(parseNote(example(name), file));
        assert.deepStrictEqual(
          findings.map((f) => `${f.range.start.line + 1}: ${f.message}`),
          [],
        );
      });
    }

    it('04-mistakes.md has exactly the sentence on line 40', () => {
      const text = example('04-mistakes.md');
      const findings = checkUnsupportedClaims(parseNote(text, '/ws/notes/04-mistakes.md'));
      assert.strictEqual(findings.length, 1);
      assert.deepStrictEqual(findings[0].range, r(39, 0, 39, 70));
      assert.strictEqual(textAt(text, findings[0].range), 'Psilocybin reduced depressive symptoms in most patients within a week.');
      assert.strictEqual(
        findings[0].message,
        'Claim has no citation: "Psilocybin reduced depressive symptoms in most patients…" states a result (reduced). Cite the study that supports it.',
      );
    });
  });
});
