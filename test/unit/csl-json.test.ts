import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCslJson } from '../../src/core/bibliography/csl-json';
import { r, textAt, codes } from './helpers';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/csl');
const FILE = '/ws/refs/psilocybin.json';

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

describe('CSL-JSON bibliography', () => {
  const text = fixture('psilocybin.json');

  it('loads every item with its id as key and the item as CSL', () => {
    const result = parseCslJson(text, FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.format, 'csl-json');
    assert.strictEqual(result.file, FILE);
    assert.deepStrictEqual(
      result.entries.map((e) => e.key),
      ['davis2021', 'goodwin2022', 'carhartharris2021'],
    );
    const [davis, goodwin, carhart] = result.entries;
    assert.strictEqual(davis.csl.id, 'davis2021');
    assert.strictEqual(davis.csl.title, 'Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder: A Randomized Clinical Trial');
    assert.strictEqual(davis.csl['container-title'], 'JAMA Psychiatry');
    assert.strictEqual(davis.csl.volume, '78');
    assert.strictEqual(davis.csl.issue, '5');
    assert.strictEqual(davis.csl.page, '481-489');
    assert.deepStrictEqual(davis.csl.issued, { 'date-parts': [[2021, 5]] });
    assert.strictEqual(davis.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
    assert.strictEqual(davis.csl.author?.length, 8);
    assert.deepStrictEqual(davis.csl.author?.[0], { family: 'Davis', given: 'Alan K.' });
    assert.strictEqual(davis.format, 'csl-json');
    assert.strictEqual(davis.file, FILE);
    assert.strictEqual(goodwin.csl.DOI, '10.1056/NEJMoa2206443');
    assert.strictEqual(goodwin.csl['container-title-short'], 'N Engl J Med');
    assert.deepStrictEqual(goodwin.csl.issued, { 'date-parts': [[2022, 11, 3]] });
    assert.strictEqual(carhart.csl.title, 'Trial of Psilocybin versus Escitalopram for Depression');
    assert.strictEqual(carhart.csl.author?.[0].family, 'Carhart-Harris');
    assert.strictEqual(carhart.csl.page, '1402-1411');
  });

  it('gives the range of each item, of its id and of its field values', () => {
    const davis = parseCslJson(text, FILE).entries[0];
    assert.deepStrictEqual(davis.range, r(1, 2, 21, 3));
    assert.deepStrictEqual(davis.keyRange, r(2, 11, 2, 20));
    assert.deepStrictEqual(davis.fieldRanges.DOI, r(20, 12, 20, 44));
    assert.deepStrictEqual(davis.fieldRanges.title, r(4, 14, 4, 110));
    assert.deepStrictEqual(davis.fieldRanges.author, r(5, 14, 14, 5));
    assert.deepStrictEqual(davis.fieldRanges.issued, r(19, 14, 19, 43));
    assert.deepStrictEqual(davis.fieldRanges['container-title'], r(15, 24, 15, 39));
    assert.deepStrictEqual(davis.fieldRanges.volume, r(16, 15, 16, 17));
    assert.deepStrictEqual(davis.fieldRanges.page, r(18, 13, 18, 20));
    const carhart = parseCslJson(text, FILE).entries[2];
    assert.deepStrictEqual(carhart.range, r(40, 2, 57, 3));
    assert.deepStrictEqual(carhart.keyRange, r(41, 11, 41, 28));
    assert.deepStrictEqual(carhart.fieldRanges.DOI, r(56, 12, 56, 33));
  });

  it('ranges cover exactly the values as written (strings without their quotes)', () => {
    for (const entry of parseCslJson(text, FILE).entries) {
      assert.strictEqual(textAt(text, entry.keyRange), entry.key);
      for (const field of ['DOI', 'title', 'container-title', 'volume', 'page']) {
        assert.strictEqual(textAt(text, entry.fieldRanges[field]!), entry.csl[field], `${entry.key} ${field}`);
      }
      assert.match(textAt(text, entry.fieldRanges.author!), /^\[[\s\S]*\]$/);
      assert.match(textAt(text, entry.fieldRanges.issued!), /^\{ "date-parts": \[\[[\d, ]+\]\] \}$/);
      assert.match(textAt(text, entry.range), /^\{[\s\S]*\}$/);
    }
  });

  it('a syntax error in the middle item gives one finding at the error; all items load', () => {
    const broken = fixture('broken-middle.json');
    const result = parseCslJson(broken, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    // The comma missing after the title: jsonc-parser reports it at the next property name.
    assert.deepStrictEqual(result.findings[0].range, r(9, 4, 9, 9));
    assert.strictEqual(textAt(broken, result.findings[0].range), '"DOI"');
    assert.strictEqual(result.findings[0].message, 'Invalid JSON: comma expected.');
    assert.strictEqual(result.findings[0].severity, 'error');
    assert.strictEqual(result.findings[0].file, FILE);
    assert.deepStrictEqual(
      result.entries.map((e) => e.key),
      ['davis2021', 'goodwin2022', 'carhartharris2021'],
    );
    assert.strictEqual(result.entries[2].csl.DOI, '10.1056/NEJMoa2032994');
  });

  it('recovers the items an unterminated string swallowed', () => {
    const broken = [
      '[',
      '  { "id": "davis2021", "title": "Effects of Psilocybin-Assisted Therapy },',
      '  { "id": "goodwin2022", "DOI": "10.1056/NEJMoa2206443" },',
      '  { "id": "carhartharris2021", "DOI": "10.1056/NEJMoa2032994" }',
      ']',
    ].join('\n');
    const result = parseCslJson(broken, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range.start, { line: 1, character: 32 });
    assert.strictEqual(textAt(broken, result.findings[0].range), '"Effects of Psilocybin-Assisted Therapy },');
    assert.deepStrictEqual(
      result.entries.map((e) => e.key),
      ['davis2021', 'goodwin2022', 'carhartharris2021'],
    );
    assert.deepStrictEqual(result.entries[1].range, r(2, 2, 2, 57));
    assert.deepStrictEqual(result.entries[1].keyRange, r(2, 11, 2, 22));
    assert.deepStrictEqual(result.entries[2].fieldRanges.DOI, r(3, 39, 3, 60));
  });

  it('recovers the item after an item whose closing brace is missing', () => {
    const broken = [
      '[',
      '  { "id": "davis2021", "title": "Effects",',
      '  { "id": "goodwin2022" }',
      ']',
    ].join('\n');
    const result = parseCslJson(broken, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(
      result.entries.map((e) => e.key),
      ['davis2021', 'goodwin2022'],
    );
    assert.deepStrictEqual(result.entries[0].range, r(1, 2, 1, 41));
    assert.deepStrictEqual(result.entries[1].range, r(2, 2, 2, 25));
  });

  it('an error that ends the array early is reported once and the items after it recovered', () => {
    const items = ['davis2021', 'goodwin2022', 'carhartharris2021'].map((id) => ({ id, author: [{ family: 'X' }] }));
    const broken = JSON.stringify(items, null, 2).replace('"id": "goodwin2022",', '"id": "goodwin2022", "DOI": ');
    const result = parseCslJson(broken, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.strictEqual(result.findings[0].message, 'Invalid JSON: comma expected.');
    assert.deepStrictEqual(
      result.entries.map((e) => e.key),
      ['davis2021', 'goodwin2022', 'carhartharris2021'],
    );
    assert.deepStrictEqual(result.entries[2].csl, { id: 'carhartharris2021', author: [{ family: 'X' }] });
  });

  it('a file cut short keeps the complete items and reports once', () => {
    const cut = text.slice(0, text.indexOf('"goodwin2022"') + 20);
    const result = parseCslJson(cut, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(
      result.entries.map((e) => e.key),
      ['davis2021'],
    );
  });

  it('an item without an id gives one finding at its start; the others load', () => {
    const result = parseCslJson(fixture('no-id.json'), FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(5, 2, 5, 3));
    assert.strictEqual(result.findings[0].message, 'CSL item has no id.');
    assert.deepStrictEqual(
      result.entries.map((e) => e.key),
      ['davis2021', 'carhartharris2021'],
    );
  });

  it('an empty or non-string id is no id; a number id becomes a string key', () => {
    const result = parseCslJson('[{"id": ""}, {"id": {"x": 1}}, {"id": 42, "title": "Numbered"}]', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid', 'bibliography.invalid']);
    assert.deepStrictEqual(result.findings.map((f) => f.range), [r(0, 1, 0, 2), r(0, 13, 0, 14)]);
    assert.deepStrictEqual(result.entries.map((e) => e.key), ['42']);
    assert.strictEqual(result.entries[0].csl.id, '42');
    assert.deepStrictEqual(result.entries[0].keyRange, r(0, 38, 0, 40));
  });

  it('an item that is not an object is reported at the item', () => {
    const result = parseCslJson('[\n  "davis2021",\n  {"id": "goodwin2022"}\n]', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(1, 2, 1, 13));
    assert.deepStrictEqual(result.entries.map((e) => e.key), ['goodwin2022']);
  });

  it('a malformed DOI field gives reference.doi-malformed at its value; the entry still loads', () => {
    const json = [
      '[',
      '  {',
      '    "id": "goodwin2022",',
      '    "title": "Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression",',
      '    "DOI": "10.1056/"',
      '  }',
      ']',
    ].join('\n');
    const result = parseCslJson(json, FILE);
    assert.deepStrictEqual(codes(result), ['reference.doi-malformed']);
    assert.deepStrictEqual(result.findings[0].range, r(4, 12, 4, 20));
    assert.strictEqual(result.findings[0].message, "DOI '10.1056/' in entry 'goodwin2022' is not a valid DOI.");
    assert.strictEqual(result.findings[0].severity, 'warning');
    assert.strictEqual(result.entries.length, 1);
    assert.strictEqual(result.entries[0].csl.DOI, '10.1056/');
    assert.deepStrictEqual(result.entries[0].fieldRanges.DOI, r(4, 12, 4, 20));
  });

  it('accepts a DOI with a resolver prefix; an empty DOI is no DOI', () => {
    const result = parseCslJson(
      '[{"id": "a", "DOI": "https://doi.org/10.1056/NEJMoa2206443"}, {"id": "b", "DOI": ""}, {"id": "c", "DOI": null}]',
      FILE,
    );
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.entries[0].csl.DOI, 'https://doi.org/10.1056/NEJMoa2206443');
    assert.strictEqual('DOI' in result.entries[2].csl, false);
  });

  it('a top-level value that is not an array gives one finding at its start', () => {
    const result = parseCslJson('{\n  "items": [{"id": "davis2021"}]\n}\n', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(0, 0, 0, 1));
    assert.deepStrictEqual(result.entries, []);
  });

  it('text that is not JSON gives one finding', () => {
    const result = parseCslJson('not json at all', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.entries, []);
  });

  it('an empty file, blank file or empty array is an empty bibliography', () => {
    for (const empty of ['', '  \n\n', '[]', '[\n]\n', '\ufeff']) {
      const result = parseCslJson(empty, FILE);
      assert.deepStrictEqual(result.entries, [], JSON.stringify(empty));
      assert.deepStrictEqual(result.findings, [], JSON.stringify(empty));
    }
  });

  it('reads CRLF files with the same positions as LF', () => {
    const lf = parseCslJson(text, FILE);
    const crlf = parseCslJson(text.replace(/\n/g, '\r\n'), FILE);
    assert.deepStrictEqual(crlf, lf);
    const broken = fixture('broken-middle.json');
    assert.deepStrictEqual(parseCslJson(broken.replace(/\n/g, '\r\n'), FILE), parseCslJson(broken, FILE));
  });

  it('keeps positions after a byte order mark', () => {
    const result = parseCslJson('\ufeff' + text, FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.deepStrictEqual(result.entries[0].keyRange, r(2, 11, 2, 20));
  });

  it('accepts trailing commas and comments', () => {
    const result = parseCslJson('[\n  // trial\n  {"id": "davis2021",},\n]', FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.deepStrictEqual(result.entries.map((e) => e.key), ['davis2021']);
  });

  it('never throws, whatever prefix of a file it is given', () => {
    const broken = fixture('broken-middle.json');
    for (const source of [text, broken]) {
      for (let i = 0; i <= source.length; i += 3) {
        const result = parseCslJson(source.slice(0, i), FILE);
        assert.ok(Array.isArray(result.entries) && Array.isArray(result.findings));
        for (const f of result.findings) assert.ok(!/Could not read/.test(f.message), f.message);
      }
    }
  });
});
