import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseBibtex } from '../../src/core/bibliography/bibtex';
import { parseRis } from '../../src/core/bibliography/ris';
import { exportItems, formatBibliography, formatEntry, formatInText, registerCslStyle } from '../../src/core/format/citation-format';
import type { CslItem } from '../../src/core/types';

export const DAVIS: CslItem = {
  id: 'davis2021',
  type: 'article-journal',
  title: 'Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial',
  author: [
    { family: 'Davis', given: 'Alan K.' },
    { family: 'Barrett', given: 'Frederick S.' },
    { family: 'May', given: 'Darrick G.' },
  ],
  issued: { 'date-parts': [[2021, 5]] },
  'container-title': 'JAMA Psychiatry',
  volume: '78',
  issue: '5',
  page: '481-489',
  DOI: '10.1001/jamapsychiatry.2020.3285',
};

/** The hostile title of the team's standards, plus markup citeproc treats specially. */
export const HOSTILE_TITLE =
  '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)> <i>fine</i> <span style="background:url(https://evil.example/x.png)">bg</span>';

const MINIMAL_CSL = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/styles/minimal.csl'), 'utf8');

describe('citation-format: styles', () => {
  it('formats a real work in APA', () => {
    assert.strictEqual(
      formatEntry(DAVIS, 'apa'),
      'Davis, A. K., Barrett, F. S., & May, D. G. (2021). Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry, 78(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285',
    );
    assert.strictEqual(formatInText([DAVIS], 'apa'), '(Davis et al., 2021)');
  });

  it('formats it in Vancouver without the list number', () => {
    assert.strictEqual(
      formatEntry(DAVIS, 'vancouver'),
      'Davis AK, Barrett FS, May DG. Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry. 2021 May;78(5):481–9.',
    );
    assert.strictEqual(formatInText([DAVIS], 'vancouver'), '(1)');
    assert.strictEqual(
      formatBibliography([DAVIS, { ...DAVIS, id: 'again', title: 'Second' }], 'vancouver'),
      '1. Davis AK, Barrett FS, May DG. Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry. 2021 May;78(5):481–9.\n' +
        '2. Davis AK, Barrett FS, May DG. Second. JAMA Psychiatry. 2021 May;78(5):481–9.\n',
    );
  });

  it('formats it in Harvard', () => {
    assert.strictEqual(
      formatEntry(DAVIS, 'harvard'),
      'Davis, A.K., Barrett, F.S. and May, D.G. (2021) “Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial,” JAMA Psychiatry, 78(5), pp. 481–489. doi:10.1001/jamapsychiatry.2020.3285.',
    );
    assert.strictEqual(formatInText([DAVIS], 'harvard'), '(Davis, Barrett and May, 2021)');
  });

  it('keeps citeproc’s own markup in HTML and puts the key in data-csl-entry-id', () => {
    assert.strictEqual(
      formatEntry(DAVIS, 'apa', 'html'),
      '<div class="csl-bib-body">\n  <div data-csl-entry-id="davis2021" class="csl-entry">Davis, A. K., Barrett, F. S., &#38; May, D. G. (2021). Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. <i>JAMA Psychiatry</i>, <i>78</i>(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285</div>\n</div>',
    );
  });

  it('registers a .csl style from its XML and formats with it', () => {
    const template = registerCslStyle('minimal.csl', MINIMAL_CSL);
    assert.match(template, /^user-minimal\.csl-[0-9a-f]{12}$/);
    assert.strictEqual(formatInText([DAVIS], template), '<<Davis, Barrett, May 2021>>');
    assert.strictEqual(formatBibliography([DAVIS], template).trim(), 'EFFECTS OF PSILOCYBIN-ASSISTED THERAPY ON MAJOR DEPRESSIVE DISORDER: A RANDOMIZED CLINICAL TRIAL — JAMA Psychiatry');
  });

  it('uses the new XML when a style file changes under the same name', () => {
    const first = registerCslStyle('edited.csl', MINIMAL_CSL);
    const second = registerCslStyle('edited.csl', MINIMAL_CSL.replace('prefix="&lt;&lt;"', 'prefix="{"').replace('suffix="&gt;&gt;"', 'suffix="}"'));
    assert.notStrictEqual(first, second);
    assert.strictEqual(formatInText([DAVIS], first), '<<Davis, Barrett, May 2021>>');
    assert.strictEqual(formatInText([DAVIS], second), '{Davis, Barrett, May 2021}');
  });

  it('rejects XML that is not a CSL style, and a CSL style citeproc cannot use', () => {
    assert.throws(() => registerCslStyle('feed.csl', '<?xml version="1.0"?><rss version="2.0"><channel/></rss>'), /feed\.csl is not a CSL style/);
    assert.throws(
      () => registerCslStyle('empty.csl', '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"></style>'),
      /^Error: empty\.csl is not a usable CSL style: bibliography is not iterable$/,
    );
  });
});

describe('citation-format: hostile data in HTML', () => {
  const evil: CslItem = { ...DAVIS, id: 'evil', title: HOSTILE_TITLE, author: [{ family: '<b onclick="x()">Evil</b>', given: 'E.' }] };

  it('escapes every tag citeproc does not write itself and keeps <i>', () => {
    assert.strictEqual(
      formatEntry(evil, 'apa', 'html'),
      '<div class="csl-bib-body">\n  <div data-csl-entry-id="evil" class="csl-entry">&#60;b onclick="x()"&#62;Evil&#60;/b&#62;, E. (2021). [click](command:workbench.action.quit) &#60;script&#62;alert(1)&#60;/script&#62; &#60;img src=x onerror=alert(1)&#62; <i>fine</i> &#60;span style="background:url(https://evil.example/x.png)"&#62;bg&#60;/span&#62;. <i>JAMA Psychiatry</i>, <i>78</i>(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285</div>\n</div>',
    );
  });

  it('escapes a key that would otherwise break out of data-csl-entry-id', () => {
    const html = formatEntry({ ...DAVIS, id: 'x" onclick="alert(1)' }, 'apa', 'html');
    assert.ok(html.includes('data-csl-entry-id="x&quot; onclick=&quot;alert(1)" class="csl-entry"'), html);
    assert.ok(!html.includes('onclick="'), html);
  });

  it('keeps an in-text citation of a hostile author inert', () => {
    assert.strictEqual(formatInText([{ ...evil, author: [{ family: '<img src=x onerror=alert(1)>' }] }], 'apa', 'html'), '(&#60;img src=x onerror=alert(1)&#62;, 2021)');
  });
});

describe('citation-format: exports', () => {
  it('keeps the user’s key in BibTeX, and our BibTeX parser reads the export back', () => {
    const bib = exportItems([{ ...DAVIS, id: 'Davis:2021-jama' }], 'bibtex');
    assert.ok(bib.startsWith('@article{Davis:2021-jama,\n'), bib);
    const back = parseBibtex(bib, '/x/export.bib');
    assert.deepStrictEqual(back.findings, []);
    assert.deepStrictEqual(
      back.entries.map((e) => [e.key, e.csl.title, e.csl.DOI]),
      [['Davis:2021-jama', DAVIS.title, DAVIS.DOI]],
    );
  });

  it('keeps the key in BibLaTeX', () => {
    assert.ok(exportItems([DAVIS], 'biblatex').startsWith('@article{davis2021,\n'));
  });

  it('writes valid RIS for long titles: one line per value, read back with the same title', () => {
    const title = `${DAVIS.title} — and a much longer subtitle, so that the value passes seventy characters twice over at least`;
    const ris = exportItems([{ ...DAVIS, title }, { ...DAVIS, id: 'seventy', title: 'x'.repeat(70) }], 'ris');
    for (const line of ris.split('\n')) assert.match(line, /^(?:[A-Z][A-Z0-9] {2}- .*|)$/, `not a tag line: ${JSON.stringify(line)}`);
    assert.ok(ris.includes(`\nTI  - ${title}\n`), ris);
    const back = parseRis(ris, '/x/export.ris');
    assert.deepStrictEqual(back.findings, []);
    assert.deepStrictEqual(
      back.entries.map((e) => [e.key, e.csl.title]),
      [
        ['davis2021', title],
        ['seventy', 'x'.repeat(70)],
      ],
    );
  });

  it('writes CSL-JSON as given, and nothing for no items', () => {
    assert.deepStrictEqual(JSON.parse(exportItems([DAVIS], 'csl-json')), [DAVIS]);
    assert.strictEqual(exportItems([], 'bibtex'), '');
  });
});
