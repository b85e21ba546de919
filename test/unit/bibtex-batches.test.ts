import * as assert from 'assert';
import { bibtexLibrary } from '../../bench/generate';
import { BATCH, parseBibtex } from '../../src/core/bibliography/bibtex';
import { citeParse } from '../../src/core/bibliography/cite';
import type { CslItem } from '../../src/core/types';

/** What parseBibtex makes of one citation-js item (see toEntry), for entries with clean DOIs. */
function asEntry(item: Record<string, unknown>): CslItem {
  const csl = { ...item } as CslItem & Record<string, unknown>;
  const key = String(csl['citation-key']);
  delete csl._graph;
  delete csl['citation-key'];
  csl.id = key;
  for (const role of ['author', 'editor'] as const) {
    const names = csl[role];
    if (Array.isArray(names)) csl[role] = names.filter((n) => !(n.family === 'others' && n.given === undefined && Object.keys(n).length === 1));
  }
  return csl;
}

describe('parseBibtex in batches (citation-js called per batch, not once per file)', function () {
  this.timeout(60000);

  it('gives exactly what one citation-js call for the whole file gives, crossref and @string across batches included', () => {
    const { text } = bibtexLibrary(BATCH * 2 + 300, 7);
    // A parent at the start, children in other batches, one of them through a parent that is itself a child.
    const parent = '@book{bigbook,\n  title = {The Big Book of {LaTeX}},\n  publisher = {Springer},\n  year = {2001},\n  author = {M{\\"u}ller, J{\\"o}rg}\n}\n';
    const middle = '@book{volume2,\n  crossref = {bigbook},\n  volume = {2}\n}\n';
    const child = '@incollection{chapter9,\n  crossref = {volume2},\n  title = {A chapter},\n  journal = jpsych,\n  pages = {1--9}\n}\n';
    const cut = text.indexOf('\n@', text.length / 2);
    const whole = `${text.slice(0, text.indexOf('\n@', 200))}\n${parent}${text.slice(text.indexOf('\n@', 200), cut)}\n${middle}${text.slice(cut)}\n${child}`;
    const parsed = parseBibtex(whole, '/ws/big.bib');
    assert.deepStrictEqual(parsed.findings, []);
    const expected = citeParse(whole, '@biblatex/text').map(asEntry);
    assert.strictEqual(parsed.entries.length, expected.length);
    assert.ok(parsed.entries.length > BATCH * 2);
    parsed.entries.forEach((e, i) => assert.deepStrictEqual(e.csl, expected[i], `entry ${e.key}`));
    const chapter = parsed.entries.find((e) => e.key === 'chapter9')!.csl;
    assert.strictEqual(chapter.publisher, 'Springer');
    assert.strictEqual(chapter['container-title'], 'Journal of Psychopharmacology'); // its own field, through a macro defined batches earlier
    assert.strictEqual(chapter.title, 'A chapter');
  });

  it('keeps every good entry and reports the bad one when a batch fails in citation-js', () => {
    const { text } = bibtexLibrary(BATCH + 50, 11);
    // An accent without its letter: the scanner accepts it, citation-js rejects the field.
    const bad = '@article{badaccent,\n  author = {G{\\"}del, Kurt},\n  title = {Still here}\n}\n';
    const at = text.indexOf('\n@', text.length / 3);
    const parsed = parseBibtex(`${text.slice(0, at)}\n${bad}${text.slice(at)}`, '/ws/big.bib');
    assert.strictEqual(parsed.entries.length, BATCH + 51);
    assert.deepStrictEqual(
      parsed.findings.map((f) => f.message.slice(0, 58)),
      ["Field 'author' in entry 'badaccent' could not be read and "],
    );
    assert.strictEqual(parsed.entries.find((e) => e.key === 'badaccent')!.csl.title, 'Still here');
  });
});
