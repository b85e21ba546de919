import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseBibtex } from '../../src/core/bibliography/bibtex';
import type { BibEntry, Finding, ParsedBibliography, Range } from '../../src/core/types';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/bibtex');

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

function parseFixture(name: string): ParsedBibliography {
  return parseBibtex(fixture(name), `/ws/${name}`);
}

function r(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

function entry(parsed: ParsedBibliography, key: string): BibEntry {
  const found = parsed.entries.find((e) => e.key === key);
  assert.ok(found, `no entry '${key}' in ${parsed.entries.map((e) => e.key).join(', ')}`);
  return found;
}

/** The text a range covers (lines split on \n). */
function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

function messages(findings: Finding[]): string {
  return JSON.stringify(findings.map((f) => `${f.code} ${f.message}`));
}

function assertFinding(f: Finding, code: Finding['code'], range: Range, message: string): void {
  assert.strictEqual(f.code, code);
  assert.deepStrictEqual(f.range, range);
  assert.strictEqual(f.message, message);
}

/** A deterministic pseudo-random generator, so the garbage tests are reproducible. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('parseBibtex', () => {
  describe('a normal file', () => {
    const parsed = parseFixture('psilocybin.bib');

    it('loads every entry in order with no findings, ignoring comments and text outside entries', () => {
      assert.deepStrictEqual(parsed.findings, [], messages(parsed.findings));
      assert.strictEqual(parsed.format, 'bibtex');
      assert.strictEqual(parsed.file, '/ws/psilocybin.bib');
      assert.deepStrictEqual(
        parsed.entries.map((e) => e.key),
        ['carhartharris2016', 'davis2021', 'goodwin2022'],
      );
      for (const e of parsed.entries) {
        assert.strictEqual(e.file, '/ws/psilocybin.bib');
        assert.strictEqual(e.format, 'bibtex');
        assert.strictEqual(e.csl.id, e.key);
        assert.strictEqual(e.csl['citation-key'], undefined);
        assert.strictEqual(e.csl._graph, undefined);
      }
    });

    it('converts BibLaTeX fields to CSL (Carhart-Harris 2016)', () => {
      const e = entry(parsed, 'carhartharris2016');
      assert.strictEqual(e.csl.type, 'article-journal');
      assert.strictEqual(
        e.csl.title,
        'Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study',
      );
      assert.strictEqual(e.csl['container-title'], 'The Lancet Psychiatry');
      assert.deepStrictEqual(e.csl.issued, { 'date-parts': [[2016, 7]] });
      assert.strictEqual(e.csl.volume, '3');
      assert.strictEqual(e.csl.issue, '7');
      assert.strictEqual(e.csl.page, '619-627');
      assert.strictEqual(e.csl.DOI, '10.1016/S2215-0366(16)30065-7');
      // `and others` is et al., not an author named "others".
      assert.deepStrictEqual(e.csl.author, [
        { family: 'Carhart-Harris', given: 'Robin L.' },
        { family: 'Bolstridge', given: 'Mark' },
        { family: 'Rucker', given: 'James' },
      ]);
    });

    it('gives the ranges of the entry, its key and its fields', () => {
      const e = entry(parsed, 'carhartharris2016');
      assert.deepStrictEqual(e.range, r(3, 0, 12, 1));
      assert.deepStrictEqual(e.keyRange, r(3, 9, 3, 26));
      assert.deepStrictEqual(e.fieldRanges.title, r(4, 11, 4, 116));
      assert.deepStrictEqual(e.fieldRanges.author, r(5, 12, 5, 86));
      assert.deepStrictEqual(e.fieldRanges.issued, r(6, 10, 6, 17));
      assert.deepStrictEqual(e.fieldRanges['container-title'], r(7, 18, 7, 39));
      assert.deepStrictEqual(e.fieldRanges.volume, r(8, 12, 8, 13));
      assert.deepStrictEqual(e.fieldRanges.page, r(10, 11, 10, 19));
      assert.deepStrictEqual(e.fieldRanges.DOI, r(11, 9, 11, 38));
    });

    it('reads BibTeX `journal` and `year` (Davis 2021) and a bare number (Goodwin 2022)', () => {
      const davis = entry(parsed, 'davis2021');
      assert.strictEqual(davis.csl['container-title'], 'JAMA Psychiatry');
      assert.deepStrictEqual(davis.csl.issued, { 'date-parts': [[2021]] });
      assert.strictEqual(davis.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
      assert.strictEqual(davis.csl.author?.length, 8);
      assert.deepStrictEqual(davis.fieldRanges['container-title'], r(18, 13, 18, 28));
      assert.deepStrictEqual(davis.fieldRanges.DOI, r(22, 9, 22, 41));

      const goodwin = entry(parsed, 'goodwin2022');
      assert.strictEqual(goodwin.csl['container-title'], 'New England Journal of Medicine');
      assert.deepStrictEqual(goodwin.csl.issued, { 'date-parts': [[2022]] });
      assert.strictEqual(goodwin.csl.DOI, '10.1056/NEJMoa2206443');
      assert.strictEqual(goodwin.csl.volume, '387');
      assert.strictEqual(goodwin.csl.page, '1637-1648');
      assert.deepStrictEqual(goodwin.range, r(26, 0, 35, 1));
      assert.deepStrictEqual(goodwin.keyRange, r(26, 9, 26, 20));
      assert.deepStrictEqual(goodwin.fieldRanges.issued, r(29, 9, 29, 13));
      assert.deepStrictEqual(goodwin.fieldRanges.DOI, r(34, 9, 34, 30));
    });

    it('gives the same ranges for CRLF line ends', () => {
      const crlf = parseBibtex(fixture('psilocybin.bib').replace(/\n/g, '\r\n'), '/ws/psilocybin.bib');
      assert.deepStrictEqual(crlf.findings, []);
      assert.deepStrictEqual(
        crlf.entries.map((e) => [e.key, e.range, e.keyRange, e.fieldRanges]),
        parsed.entries.map((e) => [e.key, e.range, e.keyRange, e.fieldRanges]),
      );
      assert.deepStrictEqual(entry(crlf, 'davis2021').csl, entry(parsed, 'davis2021').csl);
    });
  });

  describe('@string, month macros, parentheses and LaTeX', () => {
    const parsed = parseFixture('macros.bib');

    it('loads the three entries with no findings', () => {
      assert.deepStrictEqual(parsed.findings, [], messages(parsed.findings));
      assert.deepStrictEqual(
        parsed.entries.map((e) => e.key),
        ['carhartharris2016', 'goodwin2022', 'accents2020'],
      );
    });

    it('expands macros, month names and # in a parenthesised entry', () => {
      const e = entry(parsed, 'carhartharris2016');
      assert.strictEqual(e.csl['container-title'], 'The Lancet Psychiatry');
      assert.strictEqual(e.csl.title, 'Psilocybin with psychological support for treatment-resistant depression');
      assert.deepStrictEqual(e.csl.issued, { 'date-parts': [[2016, 7]] });
      assert.strictEqual(e.csl.DOI, '10.1016/S2215-0366(16)30065-7');
      assert.deepStrictEqual(e.range, r(4, 0, 13, 1));
      assert.deepStrictEqual(e.keyRange, r(4, 9, 4, 26));
      // A macro value is the macro name; a concatenation runs from the first part to the last.
      assert.deepStrictEqual(e.fieldRanges['container-title'], r(7, 14, 7, 23));
      assert.deepStrictEqual(e.fieldRanges.title, r(6, 15, 6, 92));
      assert.deepStrictEqual(e.fieldRanges.DOI, r(12, 15, 12, 44));
      assert.deepStrictEqual(e.fieldRanges.volume, r(10, 14, 10, 15));

      const goodwin = entry(parsed, 'goodwin2022');
      assert.strictEqual(goodwin.csl['container-title'], 'New England Journal of Medicine');
      assert.deepStrictEqual(goodwin.csl.issued, { 'date-parts': [[2022, 11]] });
      assert.deepStrictEqual(goodwin.range, r(15, 0, 15, 97));
    });

    it('decodes LaTeX accents', () => {
      const e = entry(parsed, 'accents2020');
      assert.strictEqual(e.csl.title, 'Café notes on Österreich and psilocybin');
      assert.deepStrictEqual(e.csl.author, [
        { family: 'Schönfeld', given: 'Jörg' },
        { family: 'Muñoz', given: 'Ana' },
        { family: 'Král', given: 'Petr' },
      ]);
      assert.deepStrictEqual(e.csl.issued, { 'date-parts': [[2020, 12]] });
      assert.deepStrictEqual(e.keyRange, r(17, 6, 17, 17));
    });
  });

  describe('malformed entries', () => {
    it('reports an empty field (two commas) at the second comma and still loads the entry with every field', () => {
      const text = [
        '@techreport{TBD, title = {Report},  , number = {2PTE3},',
        '  ,',
        '  institution = {X},,}',
        '@misc{next, title = {Next}}',
      ].join('\n');
      const parsed = parseBibtex(text, '/ws/e.bib');
      assert.deepStrictEqual(
        parsed.findings.map((f) => [f.code, f.range, f.message]),
        [
          ['bibliography.invalid', r(0, 36, 0, 37), "Empty field (a second ',') in entry 'TBD'; it is ignored."],
          ['bibliography.invalid', r(1, 2, 1, 3), "Empty field (a second ',') in entry 'TBD'; it is ignored."],
          ['bibliography.invalid', r(2, 20, 2, 21), "Empty field (a second ',') in entry 'TBD'; it is ignored."],
        ],
      );
      assert.deepStrictEqual(parsed.entries.map((e) => e.key), ['TBD', 'next']);
      const tbd = entry(parsed, 'TBD');
      assert.deepStrictEqual([tbd.csl.title, tbd.csl.number, tbd.csl.publisher], ['Report', '2PTE3', 'X']);
      assert.deepStrictEqual(tbd.range, r(0, 0, 2, 22));
    });

    it('reports an entry left open in the middle of a file once, and loads the entries around it', () => {
      const parsed = parseFixture('broken-middle.bib');
      assert.strictEqual(parsed.findings.length, 1, messages(parsed.findings));
      assertFinding(
        parsed.findings[0],
        'bibliography.invalid',
        r(9, 42, 9, 43),
        "Entry 'davis2021' is not closed: missing '}' before the next entry at line 12.",
      );
      assert.strictEqual(parsed.findings[0].severity, 'error');
      assert.strictEqual(parsed.findings[0].file, '/ws/broken-middle.bib');
      assert.deepStrictEqual(
        parsed.entries.map((e) => e.key),
        ['carhartharris2016', 'goodwin2022'],
      );
      const before = entry(parsed, 'carhartharris2016');
      assert.deepStrictEqual(before.keyRange, r(0, 9, 0, 26));
      assert.deepStrictEqual(before.range, r(0, 0, 4, 1));
      assert.strictEqual(before.csl.DOI, '10.1016/S2215-0366(16)30065-7');
      const after = entry(parsed, 'goodwin2022');
      assert.deepStrictEqual(after.keyRange, r(11, 9, 11, 20));
      assert.deepStrictEqual(after.range, r(11, 0, 15, 1));
      assert.deepStrictEqual(after.fieldRanges.DOI, r(14, 9, 14, 30));
      assert.strictEqual(after.csl.title, 'Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression');
    });

    it('reports a missing comma, a missing =, a missing value, a missing key and an open value, one finding each', () => {
      const parsed = parseFixture('syntax-errors.bib');
      assert.strictEqual(parsed.findings.length, 5, messages(parsed.findings));
      const [comma, equals, value, key, open] = parsed.findings;
      assertFinding(comma, 'bibliography.invalid', r(2, 2, 2, 6), "Missing ',' between fields 'title' and 'year' in entry 'missingcomma'.");
      assertFinding(equals, 'bibliography.invalid', r(7, 2, 7, 6), "Field 'year' in entry 'missingequals' is missing '=' before its value.");
      assertFinding(value, 'bibliography.invalid', r(11, 2, 11, 7), "Field 'title' in entry 'novalue' has no value.");
      assertFinding(key, 'bibliography.invalid', r(15, 9, 15, 10), "Entry '@article' at line 16 has no citation key.");
      assertFinding(
        open,
        'bibliography.invalid',
        r(20, 10, 20, 11),
        "Field 'title' in entry 'unclosedtitle' is not closed: missing '}' before the next entry at line 25.",
      );
      assert.deepStrictEqual(
        parsed.entries.map((e) => e.key),
        ['good2022'],
      );
      assert.deepStrictEqual(entry(parsed, 'good2022').keyRange, r(24, 9, 24, 17));
    });

    it('reports a missing comma after the key and an entry open at the end of the file', () => {
      const parsed = parseBibtex('@article{smith2020 title = {X}}\n@misc{ok, title = {Y}}\n@article{last, title = {Z}\n', '/ws/a.bib');
      assert.strictEqual(parsed.findings.length, 2, messages(parsed.findings));
      assertFinding(parsed.findings[0], 'bibliography.invalid', r(0, 19, 0, 24), "Missing ',' after the key 'smith2020', found 'title'.");
      assertFinding(
        parsed.findings[1],
        'bibliography.invalid',
        r(2, 25, 2, 26),
        "Entry 'last' is not closed: missing '}' at the end of the file.",
      );
      assert.deepStrictEqual(
        parsed.entries.map((e) => e.key),
        ['ok'],
      );
    });

    it('reports a brace closing a quoted value, and a wrong closing delimiter', () => {
      const parsed = parseBibtex('@article{a, title = "x}y"}\n@article(b, title = {x}}\n@misc{c}\n', '/ws/a.bib');
      assert.strictEqual(parsed.findings.length, 2, messages(parsed.findings));
      assertFinding(parsed.findings[0], 'bibliography.invalid', r(0, 22, 0, 23), "Field 'title' in entry 'a' has a '}' without a matching '{'.");
      assertFinding(parsed.findings[1], 'bibliography.invalid', r(1, 23, 1, 24), "Entry 'b' is opened with '(' but closed with '}'.");
      // An entry without fields is valid BibTeX.
      assert.deepStrictEqual(
        parsed.entries.map((e) => [e.key, e.csl.type]),
        [['c', 'document']],
      );
    });

    it('reports a duplicate key on the second one and keeps both entries in order', () => {
      const parsed = parseFixture('duplicates.bib');
      assert.strictEqual(parsed.findings.length, 1, messages(parsed.findings));
      assertFinding(parsed.findings[0], 'bibliography.invalid', r(5, 9, 5, 18), "Duplicate key 'davis2021': already defined at line 1.");
      assert.deepStrictEqual(parsed.findings[0].related?.[0].range, r(0, 9, 0, 18));
      assert.strictEqual(parsed.entries.length, 2);
      const [first, second] = parsed.entries;
      assert.deepStrictEqual(first.csl.issued, { 'date-parts': [[2021]] });
      assert.strictEqual(first.csl.DOI, undefined);
      assert.deepStrictEqual(first.keyRange, r(0, 9, 0, 18));
      assert.deepStrictEqual(second.csl.issued, { 'date-parts': [[2020]] });
      assert.strictEqual(second.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
      assert.deepStrictEqual(second.keyRange, r(5, 9, 5, 18));
    });
  });

  describe('DOI', () => {
    it('reports a malformed DOI on its value and keeps it as written; trims a valid one', () => {
      const parsed = parseFixture('bad-doi.bib');
      assert.strictEqual(parsed.findings.length, 1, messages(parsed.findings));
      assertFinding(
        parsed.findings[0],
        'reference.doi-malformed',
        r(3, 9, 3, 30),
        "DOI '10.1056 NEJMoa2206443' in entry 'goodwin2022' is not a valid DOI.",
      );
      assert.strictEqual(parsed.findings[0].severity, 'warning');
      const goodwin = entry(parsed, 'goodwin2022');
      assert.strictEqual(goodwin.csl.DOI, '10.1056 NEJMoa2206443');
      assert.deepStrictEqual(goodwin.fieldRanges.DOI, r(3, 9, 3, 30));
      const davis = entry(parsed, 'davis2021');
      assert.strictEqual(davis.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
      assert.deepStrictEqual(davis.fieldRanges.DOI, r(9, 10, 9, 42));
    });

    it('reads a LaTeX-escaped DOI as the DOI, its range on the text as written', () => {
      const text = [
        '@article{underscore, doi = {10.1000/abc\\_def}}',
        '@article{braced, doi = {10.1016/{S}0140-6736(16)30065-7}}',
        '@article{escapes, doi = " doi:10.1000/a\\%b\\&c\\#d "}',
        '@misc{linked, url = {https://doi.org/10.1000/u\\_v}}',
        '@misc{noted, note = {See doi:10.1000/n\\_1.}}',
      ].join('\n');
      const parsed = parseBibtex(text, '/ws/e.bib');
      assert.deepStrictEqual(parsed.findings, [], messages(parsed.findings));
      const doi = (key: string) => [entry(parsed, key).csl.DOI, entry(parsed, key).fieldRanges.DOI];
      assert.deepStrictEqual(doi('underscore'), ['10.1000/abc_def', r(0, 28, 0, 44)]);
      assert.deepStrictEqual(doi('braced'), ['10.1016/S0140-6736(16)30065-7', r(1, 24, 1, 55)]);
      assert.deepStrictEqual(doi('escapes'), ['10.1000/a%b&c#d', r(2, 30, 2, 48)]);
      assert.deepStrictEqual(doi('linked'), ['10.1000/u_v', r(3, 37, 3, 49)]);
      assert.deepStrictEqual(doi('noted'), ['10.1000/n_1', r(4, 29, 4, 41)]);
      assert.strictEqual(textAt(text, entry(parsed, 'underscore').fieldRanges.DOI!), '10.1000/abc\\_def');
      assert.strictEqual(textAt(text, entry(parsed, 'noted').fieldRanges.DOI!), '10.1000/n\\_1');
    });

    it('reports a malformed escaped DOI with the DOI as read, on the text as written; a DOI made with # on the whole value', () => {
      const text = [
        '@string{suffix = {a\\_b}}',
        '@article{short, doi = { 10.10/x\\_y }}',
        '@article{joined, doi = "10.1000/" # suffix}',
        '@article{joinedbad, doi = {10.1000} # suffix}',
        '@article{empty, doi = {}, url = {https://doi.org/10.1000/ignored}}',
      ].join('\n');
      const parsed = parseBibtex(text, '/ws/m.bib');
      assert.deepStrictEqual(
        parsed.findings.map((f) => [f.code, f.range, f.message]),
        [
          ['reference.doi-malformed', r(1, 24, 1, 34), "DOI '10.10/x_y' in entry 'short' is not a valid DOI."],
          ['reference.doi-malformed', r(3, 27, 3, 44), "DOI '10.1000a_b' in entry 'joinedbad' is not a valid DOI."],
        ],
      );
      assert.strictEqual(textAt(text, parsed.findings[0].range), '10.10/x\\_y');
      assert.strictEqual(textAt(text, parsed.findings[1].range), '10.1000} # suffix');
      assert.deepStrictEqual([entry(parsed, 'joined').csl.DOI, entry(parsed, 'joined').fieldRanges.DOI], ['10.1000/a_b', r(2, 24, 2, 42)]);
      assert.strictEqual(textAt(text, entry(parsed, 'joined').fieldRanges.DOI!), '10.1000/" # suffix');
      // An empty doi field is no DOI, and a link elsewhere does not stand in for it.
      assert.strictEqual(entry(parsed, 'empty').csl.DOI, undefined);
    });

    it('takes the DOI from a doi.org URL (or note) when there is no doi field', () => {
      const text = [
        '@online{goodwin2022,',
        '  title = {Single-Dose Psilocybin},',
        '  url = {https://doi.org/10.1056/NEJMoa2206443},',
        '}',
        '@misc{davis2021, note = {Published at https://doi.org/10.1001/jamapsychiatry.2020.3285.}}',
        '@misc{plain, url = {https://example.org/10.1000/xyz}}',
        '@article{aps, url = {https://link.example.org/doi/10.1103/PhysRevB.97.184301}}',
        '@article{wiley, url = {https://onlinelibrary.example.com/doi/abs/10.1002/anie.201000001/abstract}}',
      ].join('\n');
      const parsed = parseBibtex(text, '/ws/u.bib');
      assert.deepStrictEqual(parsed.findings, [], messages(parsed.findings));
      const goodwin = entry(parsed, 'goodwin2022');
      assert.strictEqual(goodwin.csl.DOI, '10.1056/NEJMoa2206443');
      assert.deepStrictEqual(goodwin.fieldRanges.DOI, r(2, 25, 2, 46));
      const davis = entry(parsed, 'davis2021');
      assert.strictEqual(davis.csl.DOI, '10.1001/jamapsychiatry.2020.3285');
      assert.deepStrictEqual(davis.fieldRanges.DOI, r(4, 54, 4, 86));
      assert.strictEqual(entry(parsed, 'plain').csl.DOI, undefined);
      // A publisher's landing page named by the DOI; a page suffix is no part of it.
      assert.strictEqual(entry(parsed, 'aps').csl.DOI, '10.1103/PhysRevB.97.184301');
      assert.deepStrictEqual(entry(parsed, 'aps').fieldRanges.DOI, r(6, 50, 6, 76));
      assert.strictEqual(entry(parsed, 'wiley').csl.DOI, '10.1002/anie.201000001');
      assert.deepStrictEqual(entry(parsed, 'wiley').fieldRanges.DOI, r(7, 65, 7, 87));
    });

    it('reads a DOI in double braces (Web of Science) or with a resolver or doi: prefix as the bare DOI, its range on the DOI alone', () => {
      const text = [
        '@article{wos, DOI = {{10.1016/j.buildenv.2018.07.033}}}',
        '@article{link, doi = {https://doi.org/10.1000/ABC}}',
        '@article{dx, doi = {http://dx.doi.org/10.1000/dx1}}',
        '@article{prefixed, doi = "doi:10.1000/p2"}',
        '@article{spaced, doi = { { 10.1000/s3 } }}',
      ].join('\n');
      const parsed = parseBibtex(text, '/ws/d.bib');
      assert.deepStrictEqual(parsed.findings, [], messages(parsed.findings));
      const doi = (key: string) => [entry(parsed, key).csl.DOI, entry(parsed, key).fieldRanges.DOI];
      assert.deepStrictEqual(doi('wos'), ['10.1016/j.buildenv.2018.07.033', r(0, 22, 0, 52)]);
      assert.deepStrictEqual(doi('link'), ['10.1000/ABC', r(1, 38, 1, 49)]);
      assert.deepStrictEqual(doi('dx'), ['10.1000/dx1', r(2, 38, 2, 49)]);
      assert.deepStrictEqual(doi('prefixed'), ['10.1000/p2', r(3, 30, 3, 40)]);
      assert.deepStrictEqual(doi('spaced'), ['10.1000/s3', r(4, 27, 4, 37)]);
    });

    it('takes a DOI from doi: in a note and from a doi.org link in BibDesk bdsk-url-N, not from a bare DOI in a note', () => {
      const text = [
        '@misc{noted, note = {doi:10.1000/xyz}}',
        '@misc{bibdesk, url = {https://example.org/a}, bdsk-url-1 = {https://example.org/a}, bdsk-url-2 = {https://doi.org/10.1016/j.ymeth.2018.04.026}}',
        '@misc{bare, note = {see 10.1000/xyz}}',
        '@misc{urlprefix, url = {doi:10.1000/u}}',
      ].join('\n');
      const parsed = parseBibtex(text, '/ws/n.bib');
      assert.deepStrictEqual(parsed.findings, [], messages(parsed.findings));
      assert.strictEqual(entry(parsed, 'noted').csl.DOI, '10.1000/xyz');
      assert.deepStrictEqual(entry(parsed, 'noted').fieldRanges.DOI, r(0, 25, 0, 36));
      assert.strictEqual(entry(parsed, 'bibdesk').csl.DOI, '10.1016/j.ymeth.2018.04.026');
      assert.deepStrictEqual(entry(parsed, 'bibdesk').fieldRanges.DOI, r(1, 114, 1, 141));
      assert.strictEqual(entry(parsed, 'bare').csl.DOI, undefined);
      assert.strictEqual(entry(parsed, 'urlprefix').csl.DOI, undefined);
    });
  });

  describe('what citation-js rejects after the scanner', () => {
    it('reads a field whose LaTeX cannot be fully decoded as well as it can, and reports it on its value', () => {
      const text = '@article{a, title = {Kept}}\n@article{b,\n  author = {G{\\"}del, Kurt},\n  title = {Still here}\n}\n';
      const parsed = parseBibtex(text, '/ws/l.bib');
      assert.strictEqual(parsed.findings.length, 1, messages(parsed.findings));
      const f = parsed.findings[0];
      assert.strictEqual(f.code, 'bibliography.invalid');
      assert.deepStrictEqual(f.range, r(2, 12, 2, 26));
      assert.strictEqual(f.message, "Field 'author' in entry 'b' is not valid LaTeX (the accent '\\\"' has no letter); it is read as well as possible.");
      assert.deepStrictEqual(
        parsed.entries.map((e) => [e.key, e.csl.title, e.csl.author]),
        [
          ['a', 'Kept', undefined],
          ['b', 'Still here', [{ family: 'G\u0308del', given: 'Kurt' }]],
        ],
      );
    });

    it('takes `@stringx` for an entry type, as BibTeX does, and keeps the macros for the entries around it', () => {
      const text = '@string{lp = {The Lancet Psychiatry}}\n@article{a, journal = lp}\n@stringx{b, title = {x}}\n@article{c, journal = lp}\n';
      const parsed = parseBibtex(text, '/ws/s.bib');
      assert.deepStrictEqual(parsed.findings, []);
      assert.deepStrictEqual(
        parsed.entries.map((e) => [e.key, e.csl.title, e.csl['container-title']]),
        [
          ['a', undefined, 'The Lancet Psychiatry'],
          ['b', 'x', undefined],
          ['c', undefined, 'The Lancet Psychiatry'],
        ],
      );
    });
  });

  describe('edge inputs', () => {
    it('reads empty input, only comments, and a BOM without findings', () => {
      for (const text of ['', '\n\n', '% nothing here\n@comment{jabref-meta: databaseType:bibtex;}\n', 'Just text, no entries.']) {
        const parsed = parseBibtex(text, '/ws/e.bib');
        assert.deepStrictEqual(parsed.entries, []);
        assert.deepStrictEqual(parsed.findings, []);
      }
      const bom = parseBibtex('\uFEFF@misc{a, title = {A}}\n', '/ws/bom.bib');
      assert.deepStrictEqual(bom.findings, []);
      assert.deepStrictEqual(bom.entries.map((e) => e.key), ['a']);
    });

    it('reads syntax BibTeX accepts: line breaks around the type, names with dots, a key with =, no fields; skips %-commented entries as biber does', () => {
      const parsed = parseFixture('bibtex-syntax.bib');
      assert.deepStrictEqual(
        parsed.entries.map((e) => [e.key, e.csl.type, e.csl.title]),
        [
          ['breaks', 'document', 'Type and brace on separate lines'],
          ['paren', 'report', 'Parenthesised, after a bare at sign'],
          ['spaced', 'chapter', 'Key on its own line'],
          ['dotted', 'document', 'Field names with dots'],
          ['style=authoryear', 'document', undefined],
          ['fieldless', 'document', undefined],
          ['fieldless=too', 'document', undefined],
          ['after', 'document', undefined],
          ['sameline', 'document', 'After a percent sign inside an entry'],
          ['umlaut', 'document', 'A macro named with a non-ASCII letter'],
        ],
      );
      assert.deepStrictEqual(entry(parsed, 'breaks').keyRange, r(4, 3, 4, 9));
      assert.deepStrictEqual(entry(parsed, 'paren').range, r(8, 34, 12, 1));
      assert.deepStrictEqual(entry(parsed, 'spaced').keyRange, r(15, 4, 15, 10));
      assert.deepStrictEqual(entry(parsed, 'style=authoryear').keyRange, r(24, 9, 24, 25));
      assert.strictEqual(entry(parsed, 'umlaut').csl['publisher-place'], 'Göttingen');
      // `author = {…}` right after the brace is still an entry that lost its key, not a key.
      assert.strictEqual(parsed.findings.length, 1, messages(parsed.findings));
      assertFinding(parsed.findings[0], 'bibliography.invalid', r(29, 9, 29, 15), "Entry '@article' at line 30 has no citation key: 'author' is followed by '='.");
    });

    it('ignores an @ in text outside entries', () => {
      const parsed = parseBibtex('Contact me@example.org about this file.\nOr me@example.org (at work).\n@misc{a, title = {A}}\n', '/ws/t.bib');
      assert.deepStrictEqual(parsed.findings, []);
      assert.deepStrictEqual(parsed.entries.map((e) => e.key), ['a']);
    });

    it('never throws on binary-ish or mangled input', () => {
      const rnd = prng(42);
      const alphabet = '@{}(),="#%\\\n\r \tabc19';
      const base = fixture('macros.bib');
      for (let round = 0; round < 300; round++) {
        let text: string;
        if (round % 3 === 0) {
          text = '';
          for (let i = 0; i < 2000; i++) text += String.fromCharCode(Math.floor(rnd() * 0x10000));
        } else if (round % 3 === 1) {
          text = '';
          for (let i = 0; i < 2000; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
        } else {
          text = base;
          for (let k = 0; k < 3; k++) {
            const i = Math.floor(rnd() * text.length);
            text = text.slice(0, i) + alphabet[Math.floor(rnd() * alphabet.length)] + text.slice(i + 1);
          }
        }
        const parsed = parseBibtex(text, '/ws/g.bib');
        assert.ok(Array.isArray(parsed.entries));
        for (const f of parsed.findings) assert.ok(!f.message.startsWith('Evidence Lens could not read'), f.message);
      }
    });

    it('parses 10,000 entries in a few seconds', function () {
      this.timeout(30000);
      let text = '@string{lp = {The Lancet Psychiatry}}\n';
      for (let i = 0; i < 10000; i++) {
        text +=
          `@article{trial${i},\n  author = {Carhart-Harris, Robin L. and Bolstridge, Mark},\n` +
          `  title = {Psilocybin with psychological support, report ${i}},\n  journal = lp,\n  year = {2016},\n` +
          `  month = jul,\n  volume = {3},\n  pages = {619--627},\n  doi = {10.1016/S2215-0366(16)${i}}\n}\n\n`;
      }
      const started = Date.now();
      const parsed = parseBibtex(text, '/ws/big.bib');
      const elapsed = Date.now() - started;
      assert.strictEqual(parsed.entries.length, 10000);
      assert.deepStrictEqual(parsed.findings, []);
      assert.deepStrictEqual(parsed.entries[9999].keyRange, r(109990, 9, 109990, 18));
      assert.ok(elapsed < 10000, `took ${elapsed} ms`);
    });
  });
});
