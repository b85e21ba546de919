import * as assert from 'assert';
import * as path from 'path';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { COLUMNS, DEFAULT_VIEW, csvField, evidenceRows, isColumnKey, rowOf, toCsv, viewRows } from '../../src/core/evidence/table';
import type { EvidenceRow } from '../../src/core/evidence/table';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { parseStudyRecord } from '../../src/core/studies/study';
import { loadWorkspace } from '../../src/core/workspace/load';

const root = toCorePath(path.join(__dirname, '../../../examples/psilocybin-review'));
const HOSTILE = '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>';

async function exampleRows(): Promise<EvidenceRow[]> {
  const { index } = await loadWorkspace(nodeFileSystem, root, DEFAULT_CONFIG);
  return evidenceRows(index);
}

/** A row with only the fields a test cares about set. */
function row(fields: Partial<EvidenceRow> & { id: string }): EvidenceRow {
  return { file: `/ws/studies/${fields.id}.yaml`, title: '', groupId: 'other', group: 'Other or unspecified design', species: 'human', significant: 'unknown', retracted: 'no', citingNotes: 0, ...fields };
}

const ids = (rows: EvidenceRow[]) => rows.map((r) => r.id);

describe('evidence table rows', () => {
  it('has one row per record of the example review, in evidence order and newest first', async () => {
    const rows = await exampleRows();
    assert.deepStrictEqual(
      rows.map((r) => [r.id, r.groupId, r.year, r.n, r.outcome, r.significant, r.retracted, r.citingNotes]),
      [
        ['broken-example', 'rct', 2024, undefined, undefined, 'unknown', 'no', 0],
        ['raison2023', 'rct', 2023, 104, 'MADRS', 'yes', 'no', 1],
        ['goodwin2022', 'rct', 2022, 233, 'MADRS (25 mg vs 1 mg)', 'yes', 'no', 3],
        ['carhart-harris2021', 'rct', 2021, 59, 'QIDS-SR-16', 'no', 'no', 3],
        ['davis2021', 'rct', 2021, 24, 'GRID-HAMD', 'yes', 'no', 3],
        ['griffiths2016', 'rct', 2016, 51, 'GRID-HAMD-17', 'yes', 'no', 1],
        ['ross2016', 'rct', 2016, 29, 'anxiety and depression', 'yes', 'no', 1],
        ['carhart-harris2018', 'non-randomised', 2018, 20, 'QIDS-SR-16', 'yes', 'no', 1],
        ['carhart-harris2016', 'non-randomised', 2016, 12, 'QIDS-16', 'yes', 'no', 2],
        ['shao2021', 'preclinical', 2021, undefined, 'dendritic spine density and size', 'yes', 'no', 2],
        ['gukasyan2022', 'other', 2022, 24, 'GRID-HAMD', 'yes', 'no', 1],
        ['mithoefer2019', 'other', 2019, 103, 'CAPS-IV total score', 'yes', 'yes', 1],
      ],
    );
  });

  it('carries every field of a record', async () => {
    const davis = (await exampleRows()).find((r) => r.id === 'davis2021');
    assert.deepStrictEqual(davis, {
      id: 'davis2021',
      file: `${root}/studies/davis2021.yaml`,
      title: 'Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial',
      year: 2021,
      design: 'rct',
      groupId: 'rct',
      group: 'Randomised controlled trials',
      n: 24,
      enrolled: 27,
      population: 'MDD',
      species: 'human',
      followUp: '4 weeks',
      outcome: 'GRID-HAMD',
      timepoint: 'week 4',
      significant: 'yes',
      blinding: 'none',
      control: 'waiting-list',
      retracted: 'no',
      doi: '10.1001/jamapsychiatry.2020.3285',
      citingNotes: 3,
    });
  });

  it('puts a record without a valid design last, in an unknown group', () => {
    const index = new WorkspaceIndex();
    const parsed = parseStudyRecord('id: x\ntitle: X\ndesign: anecdote\n', '/ws/studies/x.yaml');
    assert.ok(parsed.record);
    const r = rowOf(parsed.record!, index);
    assert.deepStrictEqual([r.groupId, r.group, r.design, r.significant, r.title], ['unknown', 'Unknown design', undefined, 'unknown', 'X']);
    const sorted = viewRows([r, row({ id: 'y', groupId: 'narrative', group: 'Narrative reviews' })], DEFAULT_VIEW);
    assert.deepStrictEqual(ids(sorted), ['y', 'x']);
  });
});

describe('evidence table view', () => {
  const rows = [
    row({ id: 'a', groupId: 'rct', year: 2020, n: 30, title: 'Alpha trial' }),
    row({ id: 'b', groupId: 'synthesis', year: 2018, n: 500, title: 'Beta review' }),
    row({ id: 'c', groupId: 'rct', year: 2022, title: 'Gamma trial' }),
    row({ id: 'd', groupId: 'rct', year: 2020, n: 8, title: 'Delta pilot', population: 'TRD' }),
  ];

  it('sorts by evidence order, then year descending, then id by default', () => {
    assert.deepStrictEqual(ids(viewRows(rows, DEFAULT_VIEW)), ['b', 'c', 'a', 'd']);
  });

  it('sorts numbers numerically both ways, blanks last either way', () => {
    assert.deepStrictEqual(ids(viewRows(rows, { sort: 'n', descending: false, filter: '' })), ['d', 'a', 'b', 'c']);
    assert.deepStrictEqual(ids(viewRows(rows, { sort: 'n', descending: true, filter: '' })), ['b', 'a', 'd', 'c']);
  });

  it('sorts text without regard to case, with ties in evidence order', () => {
    const titled = [row({ id: 'p', title: 'beta' }), row({ id: 'q', title: 'Alpha' }), row({ id: 'r', title: 'Beta' })];
    assert.deepStrictEqual(ids(viewRows(titled, { sort: 'title', descending: false, filter: '' })), ['q', 'p', 'r']);
  });

  it('keeps rows where every term of the filter occurs in some cell', () => {
    assert.deepStrictEqual(ids(viewRows(rows, { ...DEFAULT_VIEW, filter: 'TRIAL' })), ['c', 'a']);
    assert.deepStrictEqual(ids(viewRows(rows, { ...DEFAULT_VIEW, filter: 'pilot trd' })), ['d']);
    assert.deepStrictEqual(ids(viewRows(rows, { ...DEFAULT_VIEW, filter: 'pilot 2022' })), []);
    assert.deepStrictEqual(ids(viewRows(rows, { ...DEFAULT_VIEW, filter: '  ' })), ['b', 'c', 'a', 'd']);
  });

  it('knows its column keys', () => {
    assert.ok(isColumnKey('citingNotes'));
    assert.ok(!isColumnKey('file'));
    assert.ok(!isColumnKey('__proto__'));
  });
});

describe('evidence table CSV', () => {
  it('writes a header row and the rows in the given order, CRLF after each', async () => {
    const rows = await exampleRows();
    const csv = toCsv(viewRows(rows, { sort: 'n', descending: true, filter: 'madrs' }));
    assert.strictEqual(
      csv,
      'ID,Title,Year,Design,Design group,N,Enrolled,Population,Species,Follow-up,Primary outcome,Timepoint,Significant,Blinding,Control,Retracted,DOI,Citing notes\r\n' +
        'goodwin2022,Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression,2022,rct,Randomised controlled trials,233,233,TRD,human,12 weeks,MADRS (25 mg vs 1 mg),week 3,yes,double,,no,10.1056/nejmoa2206443,3\r\n' +
        'raison2023,Single-Dose Psilocybin Treatment for Major Depressive Disorder: A Randomized Clinical Trial,2023,rct,Randomised controlled trials,104,104,MDD,human,6 weeks,MADRS,day 43,yes,double,placebo,no,10.1001/jama.2023.14530,1\r\n',
    );
    assert.strictEqual(toCsv([]).split('\r\n').length, 2);
    assert.strictEqual(COLUMNS.length, 18);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    assert.strictEqual(csvField('mice: layer 5, frontal cortex'), '"mice: layer 5, frontal cortex"');
    assert.strictEqual(csvField('the "active" placebo'), '"the ""active"" placebo"');
    assert.strictEqual(csvField('two\nlines'), '"two\nlines"');
    assert.strictEqual(csvField('plain'), 'plain');
    assert.strictEqual(csvField(undefined), '');
    assert.strictEqual(csvField(0), '0');
  });

  it('makes text a spreadsheet would run as a formula literal', () => {
    assert.strictEqual(csvField('=HYPERLINK("http://evil.example","x")'), `"'=HYPERLINK(""http://evil.example"",""x"")"`);
    assert.strictEqual(csvField('+1'), "'+1");
    assert.strictEqual(csvField('-2+3'), "'-2+3");
    assert.strictEqual(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.strictEqual(csvField('\t=1'), "'\t=1");
    assert.strictEqual(csvField('\r=1'), `"'\r=1"`);
    assert.strictEqual(csvField('a=b'), 'a=b');
    const csv = toCsv([row({ id: '=cmd|/c calc!A1', title: HOSTILE })]);
    assert.strictEqual(
      csv.split('\r\n')[1],
      `'=cmd|/c calc!A1,${HOSTILE},,,Other or unspecified design,,,,human,,,,unknown,,,no,,0`,
    );
  });
});
