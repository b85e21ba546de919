import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCslYaml } from '../../src/core/bibliography/csl-yaml';
import { r, textAt, codes, keys } from './helpers';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/csl');
const FILE = '/ws/refs/psilocybin.yaml';

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}


/** What the note parser passes: the note with every line outside the front matter's YAML blanked. */
function frontMatterText(note: string): string {
  const lines = note.split('\n');
  const close = lines.indexOf('---', 1);
  return lines.map((line, i) => (i > 0 && i < close ? line : line.replace(/[^\r]/g, ' '))).join('\n');
}

describe('CSL-YAML bibliography', () => {
  const text = fixture('psilocybin.yaml');

  it('loads the references list with ids as keys', () => {
    const result = parseCslYaml(text, FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.format, 'csl-yaml');
    assert.deepStrictEqual(keys(result), ['davis2021', 'goodwin2022', 'carhartharris2021']);
    const [davis, goodwin, carhart] = result.entries;
    assert.strictEqual(davis.format, 'csl-yaml');
    assert.strictEqual(davis.file, FILE);
    assert.strictEqual(davis.csl.id, 'davis2021');
    assert.strictEqual(davis.csl.type, 'article-journal');
    assert.strictEqual(davis.csl.title, 'Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder: A Randomized Clinical Trial');
    assert.deepStrictEqual(davis.csl.author, [
      { family: 'Davis', given: 'Alan K.' },
      { family: 'Barrett', given: 'Frederick S.' },
      { family: 'Griffiths', given: 'Roland R.' },
    ]);
    assert.strictEqual(davis.csl['container-title'], 'JAMA Psychiatry');
    assert.strictEqual(davis.csl.volume, 78);
    assert.strictEqual(davis.csl.page, '481-489');
    assert.strictEqual(davis.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
    assert.strictEqual(goodwin.csl.DOI, '10.1056/NEJMoa2206443');
    assert.strictEqual(carhart.csl.title, 'Trial of Psilocybin versus Escitalopram for Depression');
    assert.strictEqual(carhart.csl.author?.[0].family, 'Carhart-Harris');
  });

  it('normalises the date forms of CSL-YAML to date-parts', () => {
    const [davis, goodwin, carhart] = parseCslYaml(text, FILE).entries;
    assert.deepStrictEqual(davis.csl.issued, { 'date-parts': [[2021, 5]] }); // issued: 2021-05
    assert.deepStrictEqual(goodwin.csl.issued, { 'date-parts': [[2022, 11, 3]] }); // - year/month/day
    assert.deepStrictEqual(carhart.csl.issued, { 'date-parts': [[2021]] }); // issued: 2021
    const more = parseCslYaml(
      [
        'references:',
        '- id: a',
        '  issued: 2020-11-04',
        '- id: b',
        '  issued: {year: 2021, month: 11}',
        '- id: c',
        "  issued: {'date-parts': [[2021, 5, 1]]}",
        '- id: d',
        '  issued: 2020-11/2021-05',
        '- id: e',
        '  issued: spring 2021',
        '- id: f',
        '  issued:',
        '  accessed: 2024-01-31',
      ].join('\n'),
      FILE,
    );
    assert.deepStrictEqual(more.findings, []);
    assert.deepStrictEqual(
      more.entries.map((e) => e.csl.issued),
      [
        { 'date-parts': [[2020, 11, 4]] },
        { 'date-parts': [[2021, 11]] },
        { 'date-parts': [[2021, 5, 1]] },
        { 'date-parts': [[2020, 11], [2021, 5]] },
        { raw: 'spring 2021' },
        undefined,
      ],
    );
    assert.deepStrictEqual(more.entries[5].csl.accessed, { 'date-parts': [[2024, 1, 31]] });
    assert.strictEqual('issued' in more.entries[5].csl, false);
  });

  it('gives the range of each item, of its id and of its field values', () => {
    const [davis, goodwin, carhart] = parseCslYaml(text, FILE).entries;
    assert.deepStrictEqual(davis.range, r(2, 2, 17, 39));
    assert.deepStrictEqual(davis.keyRange, r(2, 6, 2, 15));
    assert.deepStrictEqual(davis.fieldRanges.DOI, r(17, 7, 17, 39));
    assert.deepStrictEqual(davis.fieldRanges.title, r(4, 10, 4, 106)); // inside the single quotes
    assert.deepStrictEqual(davis.fieldRanges.author, r(6, 2, 11, 20));
    assert.deepStrictEqual(davis.fieldRanges.issued, r(16, 10, 16, 17));
    assert.deepStrictEqual(davis.fieldRanges['container-title'], r(12, 19, 12, 34));
    assert.deepStrictEqual(davis.fieldRanges.volume, r(13, 10, 13, 12));
    assert.deepStrictEqual(davis.fieldRanges.page, r(15, 8, 15, 15));
    assert.deepStrictEqual(goodwin.fieldRanges.issued, r(31, 2, 33, 10));
    assert.deepStrictEqual(goodwin.fieldRanges.title, r(20, 9, 20, 85));
    assert.deepStrictEqual(carhart.range, r(35, 2, 48, 28));
    assert.deepStrictEqual(carhart.keyRange, r(35, 6, 35, 23));
    assert.deepStrictEqual(carhart.fieldRanges.title, r(37, 10, 37, 64)); // inside the double quotes
    assert.deepStrictEqual(carhart.fieldRanges.DOI, r(48, 7, 48, 28));
  });

  it('ranges cover exactly the values as written', () => {
    for (const entry of parseCslYaml(text, FILE).entries) {
      assert.strictEqual(textAt(text, entry.keyRange), entry.key);
      for (const field of ['DOI', 'title', 'container-title', 'page']) {
        assert.strictEqual(textAt(text, entry.fieldRanges[field]!), entry.csl[field], `${entry.key} ${field}`);
      }
      assert.strictEqual(textAt(text, entry.fieldRanges.volume!), String(entry.csl.volume));
      assert.match(textAt(text, entry.fieldRanges.author!), /^- family: [\s\S]*\S$/);
      assert.match(textAt(text, entry.range), /^id: [\s\S]*DOI: \S+$/);
    }
  });

  it('reads the references of a front matter with note positions', () => {
    const note = [
      '---',
      'title: Psilocybin for depression',
      'references:',
      '- id: goodwin2022',
      '  title: Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression',
      '  DOI: 10.1056/NEJMoa2206443',
      '---',
      '',
      'A single 25 mg dose reduced depression scores at week 3 [@goodwin2022].',
      '',
    ].join('\n');
    const yaml = frontMatterText(note);
    assert.strictEqual(yaml.length, note.length);
    const result = parseCslYaml(yaml, '/ws/notes/review.md', 'front-matter');
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.format, 'front-matter');
    assert.deepStrictEqual(keys(result), ['goodwin2022']);
    const [goodwin] = result.entries;
    assert.strictEqual(goodwin.format, 'front-matter');
    assert.strictEqual(goodwin.file, '/ws/notes/review.md');
    assert.deepStrictEqual(goodwin.range, r(3, 2, 5, 28));
    assert.deepStrictEqual(goodwin.keyRange, r(3, 6, 3, 17));
    assert.deepStrictEqual(goodwin.fieldRanges.DOI, r(5, 7, 5, 28));
    assert.strictEqual(textAt(note, goodwin.fieldRanges.DOI!), '10.1056/NEJMoa2206443');
  });

  it('a front matter without references is no bibliography and no fault', () => {
    const result = parseCslYaml(frontMatterText('---\ntitle: Notes\n---\nText.\n'), '/ws/n.md', 'front-matter');
    assert.deepStrictEqual(result, { file: '/ws/n.md', format: 'front-matter', entries: [], findings: [] });
  });

  it('accepts a top-level list of items', () => {
    const result = parseCslYaml('- id: davis2021\n  DOI: 10.1001/jamapsychiatry.2020.3285\n- id: goodwin2022\n', FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.deepStrictEqual(keys(result), ['davis2021', 'goodwin2022']);
    assert.deepStrictEqual(result.entries[1].keyRange, r(2, 6, 2, 17));
  });

  it('accepts an indented list and a flow list', () => {
    const indented = parseCslYaml('references:\n  - id: davis2021\n    title: x\n  - id: goodwin2022\n', FILE);
    assert.deepStrictEqual(indented.findings, []);
    assert.deepStrictEqual(keys(indented), ['davis2021', 'goodwin2022']);
    const flow = parseCslYaml('references: [{id: davis2021}, {id: goodwin2022, DOI: 10.1056/NEJMoa2206443}]\n', FILE);
    assert.deepStrictEqual(flow.findings, []);
    assert.deepStrictEqual(keys(flow), ['davis2021', 'goodwin2022']);
    assert.deepStrictEqual(flow.entries[1].fieldRanges.DOI, r(0, 53, 0, 74));
  });

  it('a line indented out of its item gives one finding there; every item still loads', () => {
    const bad = fixture('bad-indent.yaml');
    const result = parseCslYaml(bad, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(5, 2, 5, 85));
    assert.strictEqual(textAt(bad, result.findings[0].range), 'title: Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression');
    assert.strictEqual(result.findings[0].message, 'This line is not part of a reference item; check its indentation.');
    assert.deepStrictEqual(keys(result), ['davis2021', 'goodwin2022', 'carhartharris2021']);
    const carhart = result.entries[2];
    assert.strictEqual(carhart.csl.DOI, '10.1056/NEJMoa2032994');
    assert.deepStrictEqual(carhart.keyRange, r(7, 8, 7, 25));
    assert.deepStrictEqual(carhart.fieldRanges.DOI, r(9, 9, 9, 30));
  });

  it('a line indented too deep inside an item gives one finding; the other items load', () => {
    const bad = [
      'references:',
      '- id: davis2021',
      '  DOI: 10.1001/jamapsychiatry.2020.3285',
      '- id: goodwin2022',
      '   DOI: 10.1056/NEJMoa2206443',
      '- id: carhartharris2021',
      '  DOI: 10.1056/NEJMoa2032994',
    ].join('\n');
    const result = parseCslYaml(bad, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(3, 6, 3, 7));
    assert.match(result.findings[0].message, /^Invalid YAML: /);
    assert.deepStrictEqual(keys(result), ['davis2021', 'carhartharris2021']);
    assert.deepStrictEqual(result.entries[1].fieldRanges.DOI, r(6, 7, 6, 28));
  });

  it('an unterminated quote is reported once and the following items load', () => {
    const bad = [
      'references:',
      '- id: davis2021',
      '  title: "Effects of Psilocybin-Assisted Therapy',
      '- id: goodwin2022',
      '  DOI: 10.1056/NEJMoa2206443',
    ].join('\n');
    const result = parseCslYaml(bad, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.strictEqual(result.findings[0].range.start.line, 2);
    assert.deepStrictEqual(keys(result), ['davis2021', 'goodwin2022']);
    assert.deepStrictEqual(result.entries[1].fieldRanges.DOI, r(4, 7, 4, 28));
  });

  it('a YAML error outside the list is reported and the list still loads', () => {
    const result = parseCslYaml('title: "Review\nreferences:\n- id: davis2021\n', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(keys(result), ['davis2021']);
  });

  it('a duplicate key in an item is reported at the key', () => {
    const result = parseCslYaml('references:\n- id: davis2021\n  title: a\n  title: b\n- id: goodwin2022\n', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(3, 2, 3, 3));
    assert.deepStrictEqual(keys(result), ['davis2021', 'goodwin2022']);
  });

  it('an item without an id gives one finding at its first key; the others load', () => {
    const result = parseCslYaml(
      'references:\n- id: davis2021\n- title: Single-Dose Psilocybin\n  DOI: 10.1056/NEJMoa2206443\n- id: carhartharris2021\n',
      FILE,
    );
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(2, 2, 2, 7));
    assert.strictEqual(result.findings[0].message, 'CSL item has no id.');
    assert.deepStrictEqual(keys(result), ['davis2021', 'carhartharris2021']);
  });

  it('an item that is not a mapping, or references that are not a list, are reported', () => {
    const notMap = parseCslYaml('references:\n- davis2021\n- id: goodwin2022\n', FILE);
    assert.deepStrictEqual(codes(notMap), ['bibliography.invalid']);
    assert.deepStrictEqual(notMap.findings[0].range, r(1, 2, 1, 11));
    assert.deepStrictEqual(keys(notMap), ['goodwin2022']);
    const notList = parseCslYaml('references:\n  id: davis2021\n', FILE);
    assert.deepStrictEqual(codes(notList), ['bibliography.invalid']);
    assert.deepStrictEqual(notList.findings[0].range, r(1, 2, 1, 15));
  });

  it('a CSL-YAML file without references gives one finding', () => {
    const result = parseCslYaml('title: Not a bibliography\n', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(0, 0, 0, 25));
  });

  it('a malformed DOI field gives reference.doi-malformed at its value', () => {
    const yaml = 'references:\n- id: goodwin2022\n  DOI: 10.1056\n- id: carhartharris2021\n  DOI: "doi: NEJMoa2032994"\n';
    const result = parseCslYaml(yaml, FILE);
    assert.deepStrictEqual(codes(result), ['reference.doi-malformed', 'reference.doi-malformed']);
    assert.deepStrictEqual(result.findings[0].range, r(2, 7, 2, 14));
    // A number to YAML, kept as written.
    assert.strictEqual(result.findings[0].message, "DOI '10.1056' in entry 'goodwin2022' is not a valid DOI.");
    assert.strictEqual(result.entries[0].csl.DOI, '10.1056');
    assert.deepStrictEqual(result.findings[1].range, r(4, 8, 4, 26));
    assert.strictEqual(result.findings[1].message, "DOI 'doi: NEJMoa2032994' in entry 'carhartharris2021' is not a valid DOI.");
    assert.deepStrictEqual(keys(result), ['goodwin2022', 'carhartharris2021']);
  });

  it('an empty, blank or comment-only file is an empty bibliography', () => {
    for (const empty of ['', '\n\n', '# references to come\n', '---\n...\n', 'references:\n', 'references: []\n']) {
      const result = parseCslYaml(empty, FILE);
      assert.deepStrictEqual(result.entries, [], JSON.stringify(empty));
      assert.deepStrictEqual(result.findings, [], JSON.stringify(empty));
    }
  });

  it('reads CRLF files with the same positions as LF', () => {
    assert.deepStrictEqual(parseCslYaml(text.replace(/\n/g, '\r\n'), FILE), parseCslYaml(text, FILE));
    const bad = fixture('bad-indent.yaml');
    assert.deepStrictEqual(parseCslYaml(bad.replace(/\n/g, '\r\n'), FILE), parseCslYaml(bad, FILE));
  });

  it('resolves aliases and keeps positions after a byte order mark', () => {
    const result = parseCslYaml('\ufeffreferences:\n- id: a\n  publisher: &p JAMA Network\n- id: b\n  publisher: *p\n', FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.entries[1].csl.publisher, 'JAMA Network');
    assert.deepStrictEqual(result.entries[0].keyRange, r(1, 6, 1, 7));
    const list = parseCslYaml('\ufeff- id: davis2021\n', FILE);
    assert.deepStrictEqual(list.findings, []);
    assert.deepStrictEqual(list.entries[0].keyRange, r(0, 7, 0, 16));
    assert.deepStrictEqual(list.entries[0].range, r(0, 3, 0, 16));
  });

  it('never throws, whatever prefix of a file it is given', () => {
    const bad = fixture('bad-indent.yaml');
    for (const source of [text, bad]) {
      for (let i = 0; i <= source.length; i += 3) {
        const result = parseCslYaml(source.slice(0, i), FILE);
        for (const f of result.findings) assert.ok(!/Could not read/.test(f.message), f.message);
      }
    }
  });
});
