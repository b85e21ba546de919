import * as assert from 'assert';
import * as fs from 'fs';
import { parseBibliography } from '../../src/core/bibliography';
import { appendBibtex, citationKeyFor, entryItem, insertCslJson } from '../../src/core/resolver/add-source';
import type { CslItem } from '../../src/core/types';
import { fixturePath } from '../fixtures/resolver/server';
import { titleOf } from '../../src/core/format/describe';

const resolved = (name: string) => JSON.parse(fs.readFileSync(fixturePath('csl', name), 'utf8')) as CslItem;

/** The original text is the result with one contiguous piece inserted: every other byte kept. */
function assertOneInsertion(original: string, result: string): string {
  let prefix = 0;
  while (prefix < original.length && original[prefix] === result[prefix]) prefix++;
  let suffix = 0;
  while (suffix < original.length - prefix && original[original.length - 1 - suffix] === result[result.length - 1 - suffix]) suffix++;
  assert.strictEqual(prefix + suffix, original.length, 'bytes of the original file changed');
  return result.slice(prefix, result.length - suffix);
}

describe('adding a source from a DOI', () => {
  it('generates author+year keys, ASCII-folded, with a, b, c on collision', () => {
    const goodwin = resolved('goodwin2022.json');
    assert.strictEqual(citationKeyFor(goodwin, []), 'goodwin2022');
    assert.strictEqual(citationKeyFor(goodwin, ['Goodwin2022']), 'goodwin2022a');
    assert.strictEqual(citationKeyFor(goodwin, ['goodwin2022', 'goodwin2022a']), 'goodwin2022b');
    assert.strictEqual(citationKeyFor(resolved('carhart-harris2016.json'), []), 'carhartharris2016');
    assert.strictEqual(citationKeyFor({ id: 'x', author: [{ family: 'Páleníček' }], issued: { 'date-parts': [[2019]] } }, []), 'palenicek2019');
    assert.strictEqual(citationKeyFor({ id: 'x', author: [{ family: "O'Keane" }], issued: { 'date-parts': [[2020]] } }, []), 'okeane2020');
    const many = ['smith2020', ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `smith2020${c}`)];
    assert.strictEqual(citationKeyFor({ id: 'x', author: [{ family: 'Smith' }], issued: { 'date-parts': [[2020]] } }, many), 'smith2020aa');
  });

  it('keeps bibliographic fields and joins the subtitle', () => {
    const item = entryItem(resolved('davis2021.json'), 'davis2021');
    assert.deepStrictEqual(Object.keys(item), ['id', 'type', 'title', 'author', 'container-title', 'container-title-short', 'issued', 'volume', 'issue', 'page', 'DOI']);
    assert.strictEqual(item.title, 'Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder: A Randomized Clinical Trial');
    assert.deepStrictEqual(item.issued, { 'date-parts': [[2021, 5]] });
  });

  it('appends BibTeX after the last byte of the file, which stays byte for byte, and the entry parses back', () => {
    const original = '% my library\r\n@article{x2020,\r\n  title = {{DNA} and {\\"o}},\r\n  year = {2020}\r\n}';
    const item = entryItem(resolved('goodwin2022.json'), 'goodwin2022');
    const result = appendBibtex(original, item);
    assert.strictEqual(result.slice(0, original.length), original);
    const added = result.slice(original.length);
    assert.match(added, /^\r\n\r\n@article\{goodwin2022,\r\n/);
    assert.ok(added.endsWith('}\r\n'));
    assert.ok(!/(?<!\r)\n/.test(added), 'the file\'s CRLF line ends are kept');
    const parsed = parseBibliography(result, '/lib.bib');
    assert.deepStrictEqual(parsed.findings, []);
    const entry = parsed.entries.find((e) => e.key === 'goodwin2022')!;
    assert.strictEqual(titleOf(entry.csl), 'Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression');
    assert.strictEqual(entry.csl.DOI, '10.1056/NEJMoa2206443');
    assert.strictEqual(entry.csl.author?.[0].family, 'Goodwin');
    assert.strictEqual(appendBibtex('', item).startsWith('@article{goodwin2022,\n'), true);
    assert.strictEqual(appendBibtex('@misc{a}\n', item).slice(0, 10), '@misc{a}\n\n');
  });

  it('inserts into a CSL-JSON array as its last element, keeping every other byte and the file\'s indent', () => {
    const original = '[\n\t{\n\t\t"id": "x2020",\n\t\t"title": "Keep   my spacing"\n\t}\n]\n';
    const item = entryItem(resolved('carhart-harris2016.json'), 'carhartharris2016');
    const result = insertCslJson(original, item);
    const inserted = assertOneInsertion(original, result);
    assert.match(inserted, /^,\n\t\{\n\t\t"id": "carhartharris2016",\n\t\t"type": "article-journal",/);
    const parsed = parseBibliography(result, '/lib.json');
    assert.deepStrictEqual(parsed.findings, []);
    assert.deepStrictEqual(parsed.entries.map((e) => e.key), ['x2020', 'carhartharris2016']);
    assert.strictEqual(parsed.entries[1].csl['container-title-short'], 'Lancet Psychiatry');

    const empty = insertCslJson('[]\n', item);
    assert.deepStrictEqual((JSON.parse(empty) as CslItem[]).map((i) => i.id), ['carhartharris2016']);
    assert.throws(() => insertCslJson('{"items": []}', item), /not a CSL-JSON array/);
  });
});
