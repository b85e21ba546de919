import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseFollowUpWeeks, parseStudyRecord } from '../../src/core/studies/study';
import type { Finding, ParsedStudy, Range } from '../../src/core/types';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/studies');

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function parseFixture(name: string): ParsedStudy {
  return parseStudyRecord(fixture(name), `/ws/studies/${name}`);
}

function r(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The one finding of a parse, asserting there is exactly one. */
function only(parsed: ParsedStudy): Finding {
  assert.strictEqual(parsed.findings.length, 1, JSON.stringify(parsed.findings.map((f) => f.message)));
  return parsed.findings[0];
}

function assertFinding(f: Finding, range: Range, message: string): void {
  assert.strictEqual(f.code, 'study.invalid');
  assert.strictEqual(f.severity, 'error');
  assert.deepStrictEqual(f.range, range);
  assert.strictEqual(f.message, message);
}

describe('parseStudyRecord', () => {
  describe('valid records', () => {
    it('reads the Davis 2021 record with every field and no findings', () => {
      const parsed = parseFixture('davis2021.yaml');
      assert.deepStrictEqual(parsed.findings, []);
      assert.strictEqual(parsed.file, '/ws/studies/davis2021.yaml');
      const rec = parsed.record!;
      assert.ok(rec);
      assert.strictEqual(rec.id, 'davis2021');
      assert.strictEqual(rec.file, '/ws/studies/davis2021.yaml');
      assert.strictEqual(rec.doi, '10.1001/jamapsychiatry.2020.3285');
      assert.strictEqual(rec.title, 'Effects of psilocybin-assisted therapy on major depressive disorder');
      assert.strictEqual(rec.year, 2021);
      assert.strictEqual(rec.publishedOnline, '2020-11-04');
      assert.strictEqual(rec.design, 'rct');
      assert.strictEqual(rec.blinding, 'none');
      assert.strictEqual(rec.control, 'waiting-list');
      assert.strictEqual(rec.population, 'MDD');
      assert.strictEqual(rec.species, 'human');
      assert.strictEqual(rec.n, 24);
      assert.strictEqual(rec.enrolled, 27);
      assert.strictEqual(rec.followUp, '4 weeks');
      assert.strictEqual(rec.followUpWeeks, 4);
      assert.strictEqual(rec.retracted, false);
      assert.deepStrictEqual(rec.findings, [
        'Psilocybin with psychotherapy reduced depression scores compared with a delayed-treatment (waiting-list) group.',
      ]);
      assert.deepStrictEqual(rec.outcomes, [
        {
          measure: 'GRID-HAMD',
          primary: true,
          timepoint: 'week 4',
          significant: true,
          values: ['71% response at week 4', '54% remission at week 4'],
          range: r(15, 4, 19, 65),
        },
      ]);
    });

    it('gives the Davis 2021 record exact ranges', () => {
      const rec = parseFixture('davis2021.yaml').record!;
      assert.deepStrictEqual(rec.idRange, r(1, 4, 1, 13));
      assert.deepStrictEqual(rec.range, r(0, 0, 23, 0));
      assert.deepStrictEqual(rec.fieldRanges.id, r(1, 4, 1, 13));
      assert.deepStrictEqual(rec.fieldRanges.doi, r(2, 5, 2, 37));
      assert.deepStrictEqual(rec.fieldRanges.publishedOnline, r(5, 17, 5, 27));
      assert.deepStrictEqual(rec.fieldRanges.design, r(6, 8, 6, 11));
      assert.deepStrictEqual(rec.fieldRanges.n, r(11, 3, 11, 5));
      assert.deepStrictEqual(rec.fieldRanges.enrolled, r(12, 10, 12, 12));
      assert.deepStrictEqual(rec.fieldRanges.outcomes, r(15, 2, 19, 65));
      assert.deepStrictEqual(rec.fieldRanges.retracted, r(22, 11, 22, 16));
      assert.deepStrictEqual(Object.keys(rec.fieldRanges).sort(), [
        'blinding', 'control', 'design', 'doi', 'enrolled', 'findings', 'followUp', 'id', 'n', 'outcomes',
        'population', 'publishedOnline', 'retracted', 'species', 'title', 'year',
      ]);
    });

    it('reads the Shao 2021 animal record, normalising the DOI URL and lower-casing species', () => {
      const parsed = parseFixture('shao2021.yaml');
      assert.deepStrictEqual(parsed.findings, []);
      const rec = parsed.record!;
      assert.strictEqual(rec.id, 'shao2021');
      assert.strictEqual(rec.doi, '10.1016/j.neuron.2021.06.008');
      assert.deepStrictEqual(rec.fieldRanges.doi, r(2, 5, 2, 49));
      assert.strictEqual(rec.design, 'animal');
      assert.strictEqual(rec.species, 'mouse');
      assert.strictEqual(rec.year, 2021);
      assert.strictEqual(rec.n, undefined);
      assert.strictEqual(rec.blinding, undefined);
      assert.strictEqual(rec.followUpWeeks, 4.3);
      assert.strictEqual(rec.retracted, false);
      assert.strictEqual(rec.findings.length, 2);
      assert.strictEqual(rec.outcomes[0].measure, 'dendritic spine density');
      assert.strictEqual(rec.fieldRanges.n, undefined);
    });

    it('gives the same record and ranges for CRLF line endings', () => {
      const lf = parseStudyRecord(fixture('davis2021.yaml'), 'f');
      const crlf = parseStudyRecord(fixture('davis2021.yaml').replace(/\n/g, '\r\n'), 'f');
      assert.deepStrictEqual(crlf, lf);
    });

    it('keeps positions in the original text when it starts with a byte order mark', () => {
      const parsed = parseStudyRecord('\ufeffid: bom\nn: 3\n', 'f');
      assert.deepStrictEqual(parsed.findings, []);
      assert.deepStrictEqual(parsed.record!.idRange, r(0, 5, 0, 8));
    });

    it('applies defaults for a minimal record', () => {
      const parsed = parseStudyRecord('id: minimal\n', 'f');
      assert.deepStrictEqual(parsed.findings, []);
      const rec = parsed.record!;
      assert.strictEqual(rec.species, 'human');
      assert.deepStrictEqual(rec.outcomes, []);
      assert.deepStrictEqual(rec.findings, []);
      assert.strictEqual(rec.retracted, false);
    });

    it('accepts a number-like id, a year for publishedOnline and numeric outcome values', () => {
      const parsed = parseStudyRecord(
        'id: 2019\npublishedOnline: 2019\noutcomes:\n  - measure: MADRS\n    values: [0.5, "-12.3 points"]\n',
        'f',
      );
      assert.deepStrictEqual(parsed.findings, []);
      const rec = parsed.record!;
      assert.strictEqual(rec.id, '2019');
      assert.strictEqual(rec.publishedOnline, '2019');
      assert.deepStrictEqual(rec.outcomes[0].values, ['0.5', '-12.3 points']);
      assert.strictEqual(rec.outcomes[0].primary, false);
    });
  });

  describe('faults', () => {
    it('reports a design outside the enum at the value and leaves design undefined', () => {
      const parsed = parseFixture('invalid/bad-design.yaml');
      assertFinding(
        only(parsed),
        r(1, 8, 1, 18),
        "design 'randomised' is not one of rct, crossover-rct, non-randomised, open-label, cohort, case-control, " +
          'case-series, case-report, animal, in-vitro, systematic-review, meta-analysis, narrative-review, other',
      );
      assert.strictEqual(parsed.findings[0].file, '/ws/studies/invalid/bad-design.yaml');
      assert.strictEqual(parsed.record!.design, undefined);
      assert.strictEqual(parsed.record!.n, 10);
    });

    it('reports n written as words', () => {
      const parsed = parseFixture('invalid/n-string.yaml');
      assertFinding(only(parsed), r(1, 3, 1, 14), "n must be a whole number ≥ 0, got 'twenty-four'");
      assert.strictEqual(parsed.record!.n, undefined);
      assert.deepStrictEqual(parsed.record!.fieldRanges.n, r(1, 3, 1, 14));
    });

    it('reports a negative n', () => {
      const parsed = parseFixture('invalid/n-negative.yaml');
      assertFinding(only(parsed), r(1, 3, 1, 5), "n must be a whole number ≥ 0, got '-3'");
      assert.strictEqual(parsed.record!.n, undefined);
    });

    it('reports a fractional n', () => {
      assertFinding(only(parseStudyRecord('id: a\nn: 24.5\n', 'f')), r(1, 3, 1, 7), "n must be a whole number ≥ 0, got '24.5'");
    });

    it('reports a missing id at the first key and returns no record', () => {
      const parsed = parseFixture('invalid/missing-id.yaml');
      assertFinding(only(parsed), r(0, 0, 0, 6), 'Study record has no id.');
      assert.strictEqual(parsed.record, undefined);
    });

    it('still reports other faults when the id is missing', () => {
      const parsed = parseStudyRecord('design: trial\nn: -1\n', 'f');
      assert.strictEqual(parsed.record, undefined);
      assert.deepStrictEqual(
        parsed.findings.map((f) => f.message),
        [
          'Study record has no id.',
          "design 'trial' is not one of rct, crossover-rct, non-randomised, open-label, cohort, case-control, " +
            'case-series, case-report, animal, in-vitro, systematic-review, meta-analysis, narrative-review, other',
          "n must be a whole number ≥ 0, got '-1'",
        ],
      );
    });

    it('reports an empty mapping as having no id at 0:0–0:1', () => {
      assertFinding(only(parseStudyRecord('{}\n', 'f')), r(0, 0, 0, 1), 'Study record has no id.');
    });

    it('reports an id that is not a key at the value', () => {
      const parsed = parseStudyRecord('id: [a, b]\n', 'f');
      assertFinding(only(parsed), r(0, 4, 0, 10), "id must be a citation key such as 'davis2021', got a list");
      assert.strictEqual(parsed.record, undefined);
    });

    it('reports unknown keys at the key, suggesting a close field when there is one', () => {
      const parsed = parseFixture('invalid/unknown-key.yaml');
      assert.strictEqual(parsed.findings.length, 2);
      assertFinding(parsed.findings[0], r(1, 0, 1, 10), "Unknown field 'sampleSize' (did you mean 'n'?)");
      assertFinding(parsed.findings[1], r(2, 0, 2, 7), "Unknown field 'sponsor'");
      assert.strictEqual(parsed.record!.id, 'unknown-key');
    });

    it('suggests fields for typos by edit distance', () => {
      const messages = parseStudyRecord('id: a\ndesgin: rct\nfolowUp: 6 weeks\nN: 3\n', 'f').findings.map((f) => f.message);
      assert.deepStrictEqual(messages, [
        "Unknown field 'desgin' (did you mean 'design'?)",
        "Unknown field 'folowUp' (did you mean 'followUp'?)",
        "Unknown field 'N' (did you mean 'n'?)",
      ]);
    });

    it('reports an outcome without a measure at its first key and drops only that outcome', () => {
      const parsed = parseFixture('invalid/outcome-no-measure.yaml');
      assertFinding(only(parsed), r(2, 4, 2, 11), 'outcome 1 has no measure (the scale or endpoint, e.g. GRID-HAMD)');
      assert.deepStrictEqual(parsed.record!.outcomes, [{ measure: 'MADRS', primary: false, values: [], range: r(4, 4, 4, 18) }]);
    });

    it('reports each outcome fault at its own node', () => {
      const parsed = parseStudyRecord(
        'id: a\noutcomes:\n  - measure: MADRS\n    primary: yes\n    values: [ok, {x: 1}]\n    pvalue: 0.01\n  - plain text\n',
        'f',
      );
      assert.strictEqual(parsed.findings.length, 4);
      assertFinding(parsed.findings[0], r(3, 13, 3, 16), "outcome 1: primary must be true or false, got 'yes'");
      assertFinding(parsed.findings[1], r(4, 17, 4, 23), 'outcome 1: values item 2 must be text or a number, got a mapping');
      assertFinding(parsed.findings[2], r(5, 4, 5, 10), "outcome 1: unknown field 'pvalue' (did you mean 'values'?)");
      assertFinding(parsed.findings[3], r(6, 4, 6, 14), "outcome 2 must be a mapping with a measure, got 'plain text'");
      assert.deepStrictEqual(parsed.record!.outcomes, [
        { measure: 'MADRS', primary: false, values: ['ok'], range: r(2, 4, 5, 16) },
      ]);
    });

    it('reports an invalid DOI at the value', () => {
      const parsed = parseFixture('invalid/bad-doi.yaml');
      assertFinding(only(parsed), r(1, 5, 1, 20), "doi '10.10/not-a-doi' is not a valid DOI such as 10.1001/jamapsychiatry.2020.3285");
      assert.strictEqual(parsed.record!.doi, undefined);
    });

    it('reports a YAML syntax error at its position, and no consequential field fault', () => {
      const parsed = parseFixture('invalid/yaml-syntax.yaml');
      assertFinding(
        only(parsed),
        r(2, 0, 2, 1),
        'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      );
      assert.strictEqual(parsed.record!.id, 'syntax');
    });

    it('reports a duplicate key as a YAML error and keeps the first value', () => {
      const parsed = parseStudyRecord('id: a\nn: 3\nn: 4\n', 'f');
      assertFinding(only(parsed), r(2, 0, 2, 1), 'YAML: Map keys must be unique');
      assert.strictEqual(parsed.record!.n, 3);
    });

    it('reports a root that is not a mapping at 0:0 and returns no record', () => {
      const parsed = parseFixture('invalid/not-a-mapping.yaml');
      assertFinding(only(parsed), r(0, 0, 0, 1), 'A study record is a YAML mapping (id, design, n, …)');
      assert.strictEqual(parsed.record, undefined);
      assertFinding(only(parseStudyRecord('just a sentence\n', 'f')), r(0, 0, 0, 1), 'A study record is a YAML mapping (id, design, n, …)');
    });

    it('reports enrolled smaller than n at enrolled, keeping both values', () => {
      const parsed = parseFixture('invalid/enrolled-smaller.yaml');
      assertFinding(only(parsed), r(2, 10, 2, 12), 'enrolled (20) is smaller than n (24)');
      assert.strictEqual(parsed.record!.n, 24);
      assert.strictEqual(parsed.record!.enrolled, 20);
    });

    it('reports a followUp that is not a duration', () => {
      const parsed = parseFixture('invalid/bad-follow-up.yaml');
      assertFinding(only(parsed), r(1, 10, 1, 25), "followUp 'until remission' is not a duration such as '6 weeks' or '12 months'");
      assert.strictEqual(parsed.record!.followUp, undefined);
      assert.strictEqual(parsed.record!.followUpWeeks, undefined);
    });

    it('reports an empty file at 0:0', () => {
      const parsed = parseFixture('invalid/empty.yaml');
      assertFinding(only(parsed), r(0, 0, 0, 0), 'Empty study record');
      assert.strictEqual(parsed.record, undefined);
      assert.strictEqual(only(parseStudyRecord('# nothing yet\n', 'f')).message, 'Empty study record');
    });

    it('reports a null value at its key', () => {
      const parsed = parseStudyRecord('id: a\ndesign:\nretracted: yes\n', 'f');
      assert.strictEqual(parsed.findings.length, 2);
      assert.deepStrictEqual(parsed.findings[0].range, r(1, 0, 1, 6));
      assert.match(parsed.findings[0].message, /^design has no value; expected one of rct, /);
      assertFinding(parsed.findings[1], r(2, 11, 2, 14), "retracted must be true or false, got 'yes'");
      assert.deepStrictEqual(parsed.record!.fieldRanges.design, r(1, 0, 1, 6));
    });

    it('validates year, publishedOnline, blinding, control and findings', () => {
      const parsed = parseStudyRecord(
        'id: a\nyear: 21\npublishedOnline: 2020-02-30\nblinding: quadruple\ncontrol: [placebo]\nfindings: text\n',
        'f',
      );
      assert.deepStrictEqual(
        parsed.findings.map((f) => [f.range.start.line, f.message]),
        [
          [1, "year must be a whole number from 1800 to 2100, got '21'"],
          [2, "publishedOnline must be a date such as 2020-11-04 (or a year), got '2020-02-30'"],
          [3, "blinding 'quadruple' is not one of none, single, double, triple"],
          [4, 'control must be one of placebo, active, waiting-list, usual-care, none, got a list'],
          [5, "findings must be a list of short statements, got 'text'"],
        ],
      );
      const rec = parsed.record!;
      assert.deepStrictEqual([rec.year, rec.publishedOnline, rec.blinding, rec.control, rec.findings], [undefined, undefined, undefined, undefined, []]);
    });

    it('never throws, whatever the input', () => {
      const text = fixture('davis2021.yaml');
      for (let i = 0; i <= text.length; i += 7) {
        const parsed = parseStudyRecord(text.slice(0, i) + '\n  : - [{"\t', 'f');
        assert.ok(Array.isArray(parsed.findings));
      }
      for (const garbage of ['\0', ':', '- - -', '? [a]\n: b', '&a [*a]', '!!binary x', 'id: a\n' + 'x: *nope\n', '%YAML 9\n---\nid: a']) {
        assert.ok(Array.isArray(parseStudyRecord(garbage, 'f').findings));
      }
    });
  });
});

describe('parseFollowUpWeeks', () => {
  const cases: [string, number | undefined][] = [
    ['6 weeks', 6],
    ['6 months', 26],
    ['12 months', 52],
    ['4.5 years', 234],
    ['3 wk', 3],
    ['3wks', 3],
    ['1 year', 52],
    ['1 month', 4.3],
    ['18 mo', 78],
    ['14 days', 2],
    ['six months', 26],
    ['Twelve weeks', 12],
    ['twenty weeks', 20],
    ['a year', 52],
    ['6-month', 26],
    ['six-month follow-up', 26],
    ['6 months post-treatment', 26],
    ['until remission', undefined],
    ['6', undefined],
    ['', undefined],
    ['6-12 months', undefined],
    ['6 months to 2 years', undefined],
    ['twenty-one weeks', undefined],
    ['several weeks', undefined],
  ];
  for (const [text, weeks] of cases) {
    it(`${JSON.stringify(text)} → ${weeks}`, () => assert.strictEqual(parseFollowUpWeeks(text), weeks));
  }
});
