import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseRis } from '../../src/core/bibliography/ris';
import { r, textAt, codes, keys } from './helpers';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/ris');
const FILE = '/ws/refs/psilocybin.ris';

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}


describe('RIS bibliography', () => {
  const text = fixture('psilocybin.ris');

  it('converts every record to CSL, keyed by ID or by first author and year', () => {
    const result = parseRis(text, FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.format, 'ris');
    assert.deepStrictEqual(keys(result), ['davis2021', 'goodwin2022', 'carhartharris2021']);
    const [davis, goodwin, carhart] = result.entries;
    assert.strictEqual(davis.format, 'ris');
    assert.strictEqual(davis.file, FILE);
    assert.strictEqual(davis.csl.id, 'davis2021');
    assert.strictEqual(davis.csl.type, 'article-journal');
    assert.strictEqual(davis.csl.title, 'Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder: A Randomized Clinical Trial');
    assert.deepStrictEqual(davis.csl.author?.[0], { family: 'Davis', given: 'Alan K.' });
    assert.strictEqual(davis.csl.author?.length, 4);
    assert.strictEqual(davis.csl['container-title'], 'JAMA Psychiatry');
    assert.strictEqual(davis.csl.volume, '78');
    assert.strictEqual(davis.csl.issue, '5');
    assert.strictEqual(davis.csl.page, '481-489');
    assert.deepStrictEqual(davis.csl.issued, { 'date-parts': [[2021]] });
    assert.strictEqual(davis.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
    assert.strictEqual(goodwin.csl.id, 'goodwin2022');
    assert.strictEqual(goodwin.csl['container-title'], 'New England Journal of Medicine');
    assert.strictEqual(goodwin.csl['container-title-short'], 'N Engl J Med');
    assert.deepStrictEqual(goodwin.csl.issued, { 'date-parts': [[2022, 11, 3]] }); // DA wins over PY
    assert.strictEqual(goodwin.csl.page, '1637-1648');
    assert.strictEqual(goodwin.csl.DOI, '10.1056/NEJMoa2206443');
    // A wrapped TI line is joined; a doi.org URL in DO becomes the bare DOI.
    assert.strictEqual(carhart.csl.title, 'Trial of Psilocybin versus Escitalopram for Depression');
    assert.strictEqual(carhart.csl.DOI, '10.1056/NEJMoa2032994');
    assert.strictEqual(carhart.csl.author?.[0].family, 'Carhart-Harris');
  });

  it('gives the range of each record, of its key and of its tag values', () => {
    const [davis, goodwin, carhart] = parseRis(text, FILE).entries;
    assert.deepStrictEqual(davis.range, r(0, 0, 14, 5));
    assert.deepStrictEqual(davis.keyRange, r(1, 6, 1, 15)); // the ID value
    assert.deepStrictEqual(davis.fieldRanges.DOI, r(13, 6, 13, 38));
    assert.deepStrictEqual(davis.fieldRanges.title, r(6, 6, 6, 102));
    assert.deepStrictEqual(davis.fieldRanges.author, r(2, 6, 5, 26)); // first AU value to last
    assert.deepStrictEqual(davis.fieldRanges.issued, r(8, 6, 8, 10));
    assert.deepStrictEqual(davis.fieldRanges['container-title'], r(7, 6, 7, 21));
    assert.deepStrictEqual(davis.fieldRanges.volume, r(9, 6, 9, 8));
    assert.deepStrictEqual(davis.fieldRanges.page, r(11, 6, 12, 9)); // SP to EP
    assert.deepStrictEqual(goodwin.range, r(16, 0, 30, 5));
    assert.deepStrictEqual(goodwin.keyRange, r(16, 0, 16, 10)); // no ID: the TY line
    assert.deepStrictEqual(goodwin.fieldRanges.DOI, r(29, 6, 29, 27));
    assert.deepStrictEqual(goodwin.fieldRanges.issued, r(23, 6, 23, 10));
    assert.deepStrictEqual(carhart.range, r(32, 0, 45, 5));
    assert.deepStrictEqual(carhart.fieldRanges.title, r(36, 6, 37, 20)); // with its continuation line
    assert.deepStrictEqual(carhart.fieldRanges.DOI, r(44, 6, 44, 43));
  });

  it('ranges cover exactly the tag values as written', () => {
    const [davis, goodwin, carhart] = parseRis(text, FILE).entries;
    assert.strictEqual(textAt(text, davis.keyRange), 'davis2021');
    assert.strictEqual(textAt(text, goodwin.keyRange), 'TY  - JOUR');
    assert.strictEqual(textAt(text, davis.fieldRanges.DOI!), '10.1001/jamapsychiatry.2020.3285');
    assert.strictEqual(textAt(text, goodwin.fieldRanges['container-title']!), 'New England Journal of Medicine');
    assert.strictEqual(textAt(text, carhart.fieldRanges.DOI!), 'https://doi.org/10.1056/NEJMoa2032994');
    assert.strictEqual(textAt(text, carhart.fieldRanges.title!), 'Trial of Psilocybin versus Escitalopram\n      for Depression');
    assert.strictEqual(textAt(text, davis.fieldRanges.page!), '481\nEP  - 489');
    assert.match(textAt(text, davis.range), /^TY {2}- JOUR\n[\s\S]*\nER {2}-$/);
  });

  it('makes generated keys unique in the file with a, b, c', () => {
    const ris = [
      'TY  - JOUR',
      'ID  - davis2021',
      'AU  - Davis, Alan K.',
      'PY  - 2021',
      'ER  - ',
      'TY  - JOUR',
      'AU  - Davis, Alan K.',
      'PY  - 2021',
      'ER  - ',
      'TY  - JOUR',
      'AU  - Davis, Alan K.',
      'DA  - 2021/05/01',
      'ER  - ',
      'TY  - JOUR',
      'AU  - Müller, Jörg',
      'PY  - 2019',
      'ER  - ',
      'TY  - JOUR',
      'TI  - Anonymous editorial',
      'ER  - ',
    ].join('\n');
    const result = parseRis(ris, FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.deepStrictEqual(keys(result), ['davis2021', 'davis2021a', 'davis2021b', 'muller2019', 'anon']);
    assert.deepStrictEqual(
      result.entries.map((e) => e.csl.id),
      keys(result),
    );
  });

  it('a record without ER before the next TY gives one finding at its TY line; every record loads', () => {
    const missing = fixture('missing-er.ris');
    const result = parseRis(missing, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(0, 0, 0, 10));
    assert.strictEqual(result.findings[0].message, "This RIS record has no 'ER  - ' line before the next record (line 8).");
    assert.deepStrictEqual(keys(result), ['davis2021', 'goodwin2022', 'carhartharris2021']);
    const davis = result.entries[0];
    assert.deepStrictEqual(davis.range, r(0, 0, 5, 38)); // ends at its last tag
    assert.strictEqual(davis.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
    assert.strictEqual(result.entries[1].csl.title, 'Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression');
  });

  it('a record without ER at the end of the file is reported and loaded', () => {
    const ris = 'TY  - JOUR\nID  - goodwin2022\nDO  - 10.1056/NEJMoa2206443\n\n';
    const result = parseRis(ris, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(0, 0, 0, 10));
    assert.strictEqual(result.findings[0].message, "This RIS record has no 'ER  - ' line before the end of the file.");
    assert.deepStrictEqual(keys(result), ['goodwin2022']);
    assert.deepStrictEqual(result.entries[0].range, r(0, 0, 2, 27));
  });

  it('a line that is not a tag inside a record gives one finding there; the record still loads', () => {
    const ris = [
      'TY  - JOUR',
      'ID  - goodwin2022',
      'TI - Single-Dose Psilocybin',
      'PY  - 2022',
      '',
      'stray text after a blank line',
      'ER  - ',
      'TY  - JOUR',
      'ID  - carhartharris2021',
      'ER  - ',
    ].join('\n');
    const result = parseRis(ris, FILE);
    // One finding per record: the stray line is not reported again.
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    // `TI - …` with one space is accepted as Zotero does; the stray line is the fault.
    assert.deepStrictEqual(result.findings[0].range, r(5, 0, 5, 29));
    assert.deepStrictEqual(keys(result), ['goodwin2022', 'carhartharris2021']);
    assert.strictEqual(result.entries[0].csl.title, 'Single-Dose Psilocybin');
    const malformed = parseRis('TY  - JOUR\nID  - x\nTI  -Single-Dose\nAU  --Goodwin\nER  - \n', FILE);
    assert.deepStrictEqual(codes(malformed), ['bibliography.invalid']);
    assert.deepStrictEqual(malformed.findings[0].range, r(2, 0, 2, 16));
    assert.strictEqual(malformed.findings[0].message, "'TI  -Single-Dose' is not a RIS tag line: a tag is written 'XX  - value'.");
  });

  it('takes a bare ER line as the end of a record', () => {
    const result = parseRis('TY  - JOUR\nID  - davis2021\nDO  - 10.1001/jamapsychiatry.2020.3285\nER\nTY  - JOUR\nID  - b\nER  -\n', FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.deepStrictEqual(keys(result), ['davis2021', 'b']);
    assert.strictEqual(result.entries[0].csl.DOI, '10.1001/jamapsychiatry.2020.3285');
    assert.deepStrictEqual(result.entries[0].range, r(0, 0, 3, 2));
  });

  it('reports text outside records once per stretch', () => {
    const ris = 'Exported from a reference manager\nversion 2\nTY  - JOUR\nID  - a\nER  - \nER  - \nTY  - JOUR\nID  - b\nER  - \n';
    const result = parseRis(ris, FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid', 'bibliography.invalid']);
    assert.deepStrictEqual(result.findings.map((f) => f.range), [r(0, 0, 0, 33), r(5, 0, 5, 5)]);
    assert.deepStrictEqual(keys(result), ['a', 'b']);
  });

  it('reads an unknown type as GEN and says so', () => {
    const result = parseRis('TY  - PSYCH\nID  - x\nTI  - Psilocybin\nER  - \n', FILE);
    assert.deepStrictEqual(codes(result), ['bibliography.invalid']);
    assert.deepStrictEqual(result.findings[0].range, r(0, 6, 0, 11));
    assert.strictEqual(result.entries[0].csl.type, 'document');
    assert.strictEqual(result.entries[0].csl.title, 'Psilocybin');
  });

  it('a malformed DO value gives reference.doi-malformed at its value and is kept as written', () => {
    const ris = 'TY  - JOUR\nID  - davis2021\nDO  - jamapsychiatry.2020.3285\nER  - \n';
    const result = parseRis(ris, FILE);
    assert.deepStrictEqual(codes(result), ['reference.doi-malformed']);
    assert.deepStrictEqual(result.findings[0].range, r(2, 6, 2, 30));
    assert.strictEqual(result.findings[0].message, "DOI 'jamapsychiatry.2020.3285' in entry 'davis2021' is not a valid DOI.");
    assert.strictEqual(result.entries[0].csl.DOI, 'jamapsychiatry.2020.3285');
    assert.deepStrictEqual(result.entries[0].fieldRanges.DOI, r(2, 6, 2, 30));
  });

  it('an empty or blank file is an empty bibliography', () => {
    for (const empty of ['', '\n\n', '   \r\n', '\ufeff']) {
      const result = parseRis(empty, FILE);
      assert.deepStrictEqual(result.entries, [], JSON.stringify(empty));
      assert.deepStrictEqual(result.findings, [], JSON.stringify(empty));
    }
  });

  it('reads CRLF files with the same positions as LF', () => {
    assert.deepStrictEqual(parseRis(text.replace(/\n/g, '\r\n'), FILE), parseRis(text, FILE));
    const missing = fixture('missing-er.ris');
    assert.deepStrictEqual(parseRis(missing.replace(/\n/g, '\r\n'), FILE), parseRis(missing, FILE));
  });

  it('keeps positions after a byte order mark', () => {
    const result = parseRis('\ufeff' + text, FILE);
    assert.deepStrictEqual(result.findings, []);
    assert.deepStrictEqual(result.entries[0].range, r(0, 1, 14, 5));
    assert.deepStrictEqual(result.entries[0].keyRange, r(1, 6, 1, 15));
  });

  it('never throws, whatever prefix of a file it is given', () => {
    const missing = fixture('missing-er.ris');
    for (const source of [text, missing]) {
      for (let i = 0; i <= source.length; i += 7) {
        const result = parseRis(source.slice(0, i), FILE);
        for (const f of result.findings) assert.ok(!/Could not read/.test(f.message), f.message);
      }
    }
  });
});
