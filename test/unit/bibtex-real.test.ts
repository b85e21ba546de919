// Real-world .bib files from BibTeX tools' issue reports (test/fixtures/bibtex-real, sources in its
// README) through the loader the extension and CLI use. expected.json records what the loader gives
// today: exact entries (key, title, DOI) in file order, the keys a file holds that did not load, and
// every finding (line, code, message). Values named in a knownIssues line are wrong today and are
// recorded as they are; change them deliberately when the BibTeX-to-CSL conversion is fixed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { expectedItems, normaliseTitle, scanKeys } from '../../scripts/bib-corpus-lib';
import { parseBibliography } from '../../src/core/bibliography';
import type { ParsedBibliography } from '../../src/core/types';
import { decodeText } from '../../src/core/workspace/file-limits';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/bibtex-real');

interface Expected {
  entries: [string, string | null, string | null][];
  lostKeys: string[];
  findings: [number, string, string][];
  knownIssues?: string[];
}

const EXPECTED = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;

/**
 * The title without case-protection spans: these expectations record the decoded text (which
 * case protection the loader keeps is asserted in bibtex.test.ts). Other spans stay, matched by depth.
 */
function withoutNocase(title: string): string {
  const open: boolean[] = [];
  return title.replace(/<span[^>]*>|<\/span>/g, (tag) => {
    if (tag !== '</span>') {
      open.push(tag === '<span class="nocase">');
      return open[open.length - 1] ? '' : tag;
    }
    return open.pop() ? '' : tag;
  });
}

function fixtureFiles(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((name) => /\.(bib|bibtex)$/.test(name))
    .sort();
}

describe('real-world BibTeX files (test/fixtures/bibtex-real)', () => {
  it('has an expectation and a README source line for every file, and no expectation without a file', () => {
    const readme = fs.readFileSync(path.join(FIXTURES, 'README.md'), 'utf8');
    assert.deepStrictEqual(Object.keys(EXPECTED).sort(), fixtureFiles());
    for (const name of fixtureFiles()) assert.ok(readme.includes(`| ${name} |`), `README lists no source for ${name}`);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: loads without throwing, with exactly today's entries, lost keys and findings`, () => {
      const text = decodeText(fs.readFileSync(path.join(FIXTURES, name)));
      let parsed: ParsedBibliography | undefined;
      assert.doesNotThrow(() => {
        parsed = parseBibliography(text, name);
      });
      const result = parsed as ParsedBibliography;
      assert.deepStrictEqual(
        result.entries.map((e) => [e.key, typeof e.csl.title === 'string' ? withoutNocase(e.csl.title) : (e.csl.title ?? null), e.csl.DOI ?? null]),
        expected.entries,
      );
      const loaded = new Set(result.entries.map((e) => e.key));
      const lost = [...new Set(scanKeys(text).filter((k) => !loaded.has(k)))];
      assert.deepStrictEqual(lost, expected.lostKeys);
      assert.deepStrictEqual(
        result.findings.map((f) => [f.range.start.line + 1, f.code, f.message]),
        expected.findings,
      );
      // No key disappears silently: each one lost is accounted for by a bibliography.invalid finding.
      const invalid = result.findings.filter((f) => f.code === 'bibliography.invalid').length;
      assert.ok(invalid >= lost.length, `${lost.length} keys lost but ${invalid} bibliography.invalid findings`);
    });
  }
});

describe('corpus runner yardsticks (scripts/bib-corpus-lib)', () => {
  it('scanKeys finds entry keys in order and skips @comment, @string and @preamble bodies', () => {
    const text = [
      '@comment{@article{hidden, title={x}}}',
      '@string{s = "@book{alsohidden, }"}',
      '@preamble{"@misc{nope,}"}',
      'free text @ not an entry',
      '@Article{ first ,title={a {b} c}}',
      '@book(second, title = "x")',
      '@web_page{third,}',
      '@misc{,title={keyless}}',
    ].join('\n');
    assert.deepStrictEqual(scanKeys(text), ['first', 'second', 'third']);
  });

  it('scanKeys counts an entry with a key and no fields (bib2gls), in braces or parentheses', () => {
    assert.deepStrictEqual(scanKeys('@index{mineral}\n@index(animal)\n@index{ spaced }\n@index{broken'), ['mineral', 'animal', 'spaced']);
  });

  it('scanKeys keeps ( and ) in the key of a braced entry, as BibTeX does', () => {
    assert.deepStrictEqual(scanKeys('@book{a(1),title={x}}\n@book(b,title={y})'), ['a(1)', 'b']);
  });

  it('scanKeys skips an entry commented out with % (as biber does), not one after a % inside an entry', () => {
    assert.deepStrictEqual(scanKeys('%@article{gone, title={x}}\n  % @misc{gone2,\n@misc{a, note={50%}} @misc{b,}\nmail me@x.org % @misc{gone3,}'), ['a', 'b']);
  });

  it('scanKeys reads past an entry that never closes, so later keys still count', () => {
    assert.deepStrictEqual(scanKeys('@article{broken, title = {never closed\n@article{after, title={x}}'), ['broken', 'after']);
  });

  it('expectedItems reads Better BibTeX items (key in citationKey, extra or bibtex:, DOI in extra) and skips notes', () => {
    const items = expectedItems({
      items: [
        { itemType: 'journalArticle', citationKey: 'a', title: 'A', DOI: '10.1/a' },
        { itemType: 'book', extra: ['Citation Key: b', 'DOI: 10.1/b'], title: 'B' },
        { itemType: 'book', extra: 'bibtex: c', title: 'C' },
        { itemType: 'note', note: 'Import errors found' },
        { itemType: 'book', title: 'no key' },
      ],
    });
    assert.deepStrictEqual(items, [
      { key: 'a', title: 'A', doi: '10.1/a' },
      { key: 'b', title: 'B', doi: '10.1/b' },
      { key: 'c', title: 'C', doi: undefined },
      { key: undefined, title: 'no key', doi: undefined },
    ]);
  });

  it('expectedItems reads a condensed expectation and CSL-JSON, and nothing else', () => {
    assert.deepStrictEqual(expectedItems({ source: { repo: 'r' }, items: [{ key: 'k', title: 'T', doi: '10.1/x' }] }), [
      { key: 'k', title: 'T', doi: '10.1/x' },
    ]);
    assert.deepStrictEqual(expectedItems([{ id: 'k', title: 'T' }]), [{ key: 'k', title: 'T', doi: undefined }]);
    assert.strictEqual(expectedItems({ entries: [] }), undefined);
    assert.strictEqual(expectedItems('text'), undefined);
  });

  it('normaliseTitle drops Zotero rich-text markup and entities, composes to NFC and collapses whitespace', () => {
    assert.strictEqual(
      normaliseTitle(' Cuprous <span class="nocase">Cu₂O</span>  and <i>Natrix</i> &amp; <sup>3</sup>\u00a0e\u0301 '),
      'Cuprous Cu₂O and Natrix & 3 é',
    );
    assert.notStrictEqual(normaliseTitle('Case'), normaliseTitle('case'));
  });
});
