import * as assert from 'assert';
import { parseBibliography } from '../../src/core/bibliography';
import { plainCslText } from '../../src/core/format/csl-markup';
import { formatEntry, registerCslStyle } from '../../src/core/format/citation-format';
import { journalOf, titleOf } from '../../src/core/format/describe';

const LOWERCASE_TITLES = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Lower-case titles</title><id>http://example.org/lower</id><updated>2026-11-21T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" text-case="lowercase"/></layout></bibliography>
</style>`;

describe('CSL rich text shown as plain text', () => {
  it('removes the tags citeproc reads and nothing else', () => {
    assert.strictEqual(plainCslText('A <i>post hoc</i> look at H<sub>2</sub>O and x<sup>2</sup>, <b>bold</b>'), 'A post hoc look at H2O and x2, bold');
    assert.strictEqual(plainCslText('The <span class="nocase">DNA</span> of <span style="font-variant:small-caps;">Sc</span>'), 'The DNA of Sc');
    assert.strictEqual(plainCslText('<span class="nodecor">de</span> Vries'), 'de Vries');
  });

  it('keeps what only looks like markup: other tags, attributes, a lone closing span, a bare <', () => {
    assert.strictEqual(plainCslText('<script>alert(1)</script> and <img src=x onerror=y>'), '<script>alert(1)</script> and <img src=x onerror=y>');
    assert.strictEqual(plainCslText('<span class="evil">x</span>'), '<span class="evil">x</span>');
    assert.strictEqual(plainCslText('a </span> b'), 'a </span> b');
    assert.strictEqual(plainCslText('<span class="nocase">A</span></span>'), 'A</span>');
    assert.strictEqual(plainCslText('p < 0.05 and <i>n</i> > 20'), 'p < 0.05 and n > 20');
  });

  it('titleOf and journalOf give BibTeX markup as text: \\textit, sub- and superscripts, case protection', () => {
    const [entry] = parseBibliography('@article{a, title = {Effects of \\textit{post hoc} {DNA} tests on H$_2$O}, journal = {\\emph{The} Journal}}', '/a.bib').entries;
    assert.strictEqual(entry.csl.title, 'Effects of <i>post hoc</i> <span class="nocase">DNA</span> tests on H₂O');
    assert.strictEqual(titleOf(entry.csl), 'Effects of post hoc DNA tests on H₂O');
    assert.strictEqual(journalOf(entry.csl), 'The Journal');
  });

  it('keeps case-protection braces as knowledge for formatting: a style that changes case leaves them alone', () => {
    const lower = registerCslStyle('lower.csl', LOWERCASE_TITLES);
    const [entry] = parseBibliography('@article{a, title = {The {DNA} of {Homo sapiens} in {London}}, year = 2020}', '/a.bib').entries;
    assert.strictEqual(formatEntry(entry.csl, lower), 'the DNA of Homo sapiens in London');
    // Without the braces the same style lower-cases every word.
    const [bare] = parseBibliography('@article{b, title = {The DNA of Homo sapiens in London}, year = 2020}', '/b.bib').entries;
    assert.strictEqual(formatEntry(bare.csl, lower), 'the dna of homo sapiens in london');
  });
});
