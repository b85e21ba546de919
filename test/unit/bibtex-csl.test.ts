import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { convertEntries, type ConvertOptions } from '../../src/core/bibliography/bibtex-csl/convert';
import type { CslItem } from '../../src/core/types';
import { DIFFERENCES, compareWithCitationJs, emptyReport } from './bibtex-csl-diff';
import { generateBibtex } from './bibtex-generate';
import { readRawBibtex } from './bibtex-raw';

const root = path.join(__dirname, '..', '..', '..');
const fidelity = path.join(root, 'test', 'fixtures', 'bibtex-fidelity');

function convert(file: string, options: ConvertOptions = {}): Map<string, CslItem> {
  const raw = readRawBibtex(fs.readFileSync(path.join(fidelity, file), 'utf8'));
  return new Map(convertEntries(raw.entries, raw.macros, options).map((item) => [item.id, item]));
}

function pick(item: CslItem | undefined, ...fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => item?.[f] !== undefined).map((f) => [f, item![f]]));
}

describe('bibtex-csl: LaTeX to Unicode', () => {
  const items = convert('latex.bib');
  const title = (key: string) => items.get(key)?.title;

  it('decodes accents in every form', () => {
    assert.strictEqual(title('accents'), 'ö ö ö ő č ç ą ā ż ă å ñ ê é à');
    assert.deepStrictEqual(items.get('accents')?.author, [
      { family: 'Erdős', given: 'Pál' },
      { family: 'Dvořák', given: 'Antonín' },
    ]);
  });

  it('decodes special letters, and an accent on a dotless i as í', () => {
    assert.strictEqual(title('letters'), 'ß å Å ø Ø æ Æ œ ł Ł ı ȷ í Josías');
  });

  it('turns math sub- and superscripts and Greek into Unicode, and other scripts into markup', () => {
    assert.strictEqual(title('math'), 'CO₂ and ¹³C in H₂O: α-, β- and Γ waves, x<sup>ab</sup> and xₙ₊₁');
  });

  it('decodes dashes, ties (no-break space, as citation-js), escapes and quotes', () => {
    assert.strictEqual(title('punctuation'), 'Pages 1–2, a—b, x\u00a0y, & % $ _ # “quoted” –');
  });

  it('keeps formatting as CSL rich text; \\url gives the URL and \\href its text', () => {
    assert.strictEqual(
      title('markup'),
      '<i>In vivo</i> <i>Psilocybe</i> <b>bold</b> <span style="font-variant:small-caps;">Caps</span> 5<sup>th</sup> H<sub>2</sub> <i>switch</i> https://x.org/a the site',
    );
  });

  it('keeps unknown commands readably and drops sort-only arguments', () => {
    assert.strictEqual(title('unknown'), 'bar and LaTeX users Zeta \u2009thin');
  });

  it('puts accents on a dotless i in every bracing', () => {
    assert.strictEqual(title('dotlessforms'), '\u00ed and \u00ed and \u00ef');
  });

  it('turns math symbols, math accents, sizing, fractions and degrees into text', () => {
    assert.strictEqual(
      title('mathsymbols'),
      '\u27e8001\u0305\u27e9 1\u0304 ( x ) \u00b10.1 \u2264\u03c9 n/2 1/2 30\u00b0C a\u00d7b\u22c5c\u2248d\u2260e\u2265f\u221e\u2192g\u03bc',
    );
  });

  it('sets TeX spacing commands as Unicode spaces and reads \\mbox as its argument', () => {
    assert.strictEqual(title('spacing'), '200\u2009mm a\u2003b c\u205fd e\u205ff \u03bcJ');
  });

  it('reads a \\url argument verbatim: a tilde stays, escapes lose their backslash', () => {
    assert.strictEqual(title('urltilde'), 'see http://example.com/~user and http://x.org/a_b');
  });

  it('spells TeX logos, braces, double accents, and the slash, dash and backslash macros of TeX bibliographies', () => {
    assert.strictEqual(title('logos'), 'BibTeX and LaTeX: {x}, a\u0304\u0301, BibTeX and LaTeX2\u03b5s TeX book, VAX/VMS, TeX\u2014A \u2014 \\def, \u00a31, GAP\u00a04'.normalize('NFC'));
  });

  it('reads a starred command (csquotes inner quotes) and a one-token \\sb or \\sp argument in math, without a report', () => {
    assert.strictEqual(title('starred'), '\u2018inner\u2019 and \u201couter\u201d, U<sub>p</sub> and x<sup>2</sup>');
    const problems: string[] = [];
    convertEntries([{ type: 'article', key: 's', fields: [{ name: 'title', parts: [{ kind: 'braced', text: '\\enquote*{a} $U\\sb p$' }] }] }], [], {
      onLatexProblem: (_i, _f, problem) => problems.push(problem),
    });
    assert.deepStrictEqual(problems, []);
  });

  it('sets an accent over an empty group as the accent by itself (\\~{} is ~), without a report', () => {
    const problems: string[] = [];
    const [item] = convertEntries(
      [{ type: 'article', key: 'a', fields: [{ name: 'title', parts: [{ kind: 'braced', text: 'P.{\\~{}}de{\\~{}}Casteljau, \\^{}, \\"{} and \\\'{}' }] }] }],
      [],
      { onLatexProblem: (_i, _f, problem) => problems.push(problem) },
    );
    assert.strictEqual(item.title, 'P.~de~Casteljau, ^, \u00a8 and \u00b4');
    assert.deepStrictEqual(problems, []);
  });

  it('trims the spaces around a value', () => {
    assert.strictEqual(title('padded'), 'The impossible book');
  });

  it('drops case-protection braces by default, as citation-js, and keeps them as nocase spans on request', () => {
    assert.strictEqual(title('protected'), 'The DNA of Bayesian Methods in MRI');
    assert.strictEqual(
      convert('latex.bib', { protectCase: true }).get('protected')?.title,
      'The <span class="nocase">DNA</span> of <span class="nocase">Bayesian</span> <span class="nocase">Methods</span> in <span class="nocase">MRI</span>',
    );
    // A braced accent is a special character, not protection.
    assert.strictEqual(convert('latex.bib', { protectCase: true }).get('letters')?.title, 'ß å Å ø Ø æ Æ œ ł Ł ı ȷ í Josías');
  });
});

describe('bibtex-csl: names', () => {
  const items = convert('names.bib');

  it('reads a doubled "and" as one separator, and keeps "and" inside a word', () => {
    assert.deepStrictEqual(items.get('doubledand')?.author, [
      { family: 'Glimm', given: 'J.' },
      { family: 'Jaffe', given: 'A.' },
    ]);
    assert.deepStrictEqual(items.get('doubledand')?.editor, [
      { family: 'Sand', given: 'Anna' },
      { family: 'Anderson', given: 'Bo' },
    ]);
  });

  it('reads every BibTeX name form, particles, suffixes, initials and corporate names', () => {
    assert.deepStrictEqual(items.get('forms')?.author, [
      { family: 'Smith', given: 'John' },
      { family: 'Doe', given: 'Jane Q.' },
      { family: 'Berg', 'non-dropping-particle': 'van der', given: 'Anna' },
      { family: 'Beethoven', 'non-dropping-particle': 'van', given: 'Ludwig' },
      { family: 'Smith', given: 'John', suffix: 'Jr' },
      { family: 'Sartre', given: 'Jean-Paul' },
      { family: 'Knuth', given: 'D. E.' },
      { family: 'Knuth', given: 'D.E.' },
      { family: 'García Márquez', given: 'Gabriel' },
      { family: 'Özil', given: 'Mesut' },
      { literal: 'World Health Organization' },
      { literal: 'Barnes and Noble' },
    ]);
  });

  it('drops "and others" and reads particles in editors', () => {
    assert.deepStrictEqual(items.get('etal')?.author, [
      { family: 'Carhart-Harris', given: 'Robin L.' },
      { family: 'Bolstridge', given: 'Mark' },
    ]);
    assert.deepStrictEqual(items.get('etal')?.editor, [
      { family: 'Cruz', 'non-dropping-particle': 'de la', given: 'Maria' },
      { family: 'La Fontaine', 'non-dropping-particle': 'de', given: 'Jean' },
    ]);
  });
});

describe('bibtex-csl: macros, inheritance and BibLaTeX fields', () => {
  it('expands @string with #, month macros and numbers; keeps an undefined macro by name and reports it', () => {
    const raw = readRawBibtex(fs.readFileSync(path.join(fidelity, 'macros.bib'), 'utf8'));
    const missing: string[] = [];
    const items = new Map(convertEntries(raw.entries, raw.macros, { onUndefinedMacro: (i, field, macro) => missing.push(`${raw.entries[i].key}.${field}=${macro}`) }).map((x) => [x.id, x]));
    assert.deepStrictEqual(pick(items.get('concat'), 'title', 'container-title', 'issued', 'volume', 'issue', 'page'), {
      title: 'Quoted and braced parts',
      'container-title': 'The Lancet Psychiatry',
      issued: { 'date-parts': [[2016, 7]] },
      volume: '7',
      issue: '3',
      page: '619-627',
    });
    assert.deepStrictEqual(items.get('monthname')?.issued, { 'date-parts': [[2019, 3]] });
    assert.strictEqual(items.get('monthname')?.['container-title'], 'New England Journal of Medicine');
    assert.strictEqual(items.get('undefined')?.['container-title'], 'jpsychopharm');
    assert.deepStrictEqual(missing, ['undefined.journal=jpsychopharm']);
    assert.deepStrictEqual([...items.keys()], ['concat', 'monthname', 'undefined']);
  });

  it('inherits crossref in either order (booktitle from the parent title) and xdata; own fields win', () => {
    const items = convert('inheritance.bib');
    const book = 'Handbook of Psychedelics: Clinical Use';
    assert.deepStrictEqual(pick(items.get('chapter-before'), 'title', 'container-title', 'editor', 'publisher', 'publisher-place', 'issued', 'page'), {
      title: 'Chapter before its book',
      'container-title': book,
      editor: [{ family: 'Nutt', given: 'David' }],
      publisher: 'Springer',
      'publisher-place': 'Berlin',
      issued: { 'date-parts': [[2021]] },
      page: '10-20',
    });
    assert.deepStrictEqual(pick(items.get('chapter-after'), 'title', 'container-title', 'issued'), {
      title: 'Chapter after its book',
      'container-title': book,
      issued: { 'date-parts': [[2022]] },
    });
    assert.strictEqual(items.get('paper')?.['container-title'], 'Proceedings of the Psychedelic Science Congress');
    assert.deepStrictEqual(pick(items.get('with-xdata'), 'publisher', 'publisher-place', 'title'), { publisher: 'Springer', 'publisher-place': 'Berlin', title: 'Uses xdata' });
    // A child's own title does not take the parent's subtitle (biber's reading); a child without
    // one inherits the whole title.
    assert.strictEqual(items.get('part-of-article')?.title, 'A part with its own title');
    assert.strictEqual(items.get('part-without-title')?.title, 'The article: Edition and translation');
  });

  it('maps BibLaTeX fields: date ranges, journaltitle, subtitle, eprints, DOI in url or note', () => {
    const items = convert('biblatex.bib');
    assert.deepStrictEqual(pick(items.get('bl-article'), 'type', 'title', 'container-title', 'issued', 'volume', 'issue', 'page', 'DOI', 'ISSN', 'keyword', 'abstract', 'language'), {
      type: 'article-journal',
      title: 'Single-dose psilocybin: A randomized trial',
      'container-title': 'New England Journal of Medicine',
      issued: { 'date-parts': [[2022, 11, 3]] },
      volume: '387',
      issue: '18',
      page: '1637-1648',
      DOI: '10.1056/NEJMoa2206443',
      ISSN: '0028-4793',
      keyword: 'psilocybin,depression',
      abstract: 'A phase 2 trial.',
      language: 'english',
    });
    assert.deepStrictEqual(pick(items.get('bl-online'), 'type', 'author', 'URL', 'accessed', 'issued'), {
      type: 'webpage',
      author: [{ literal: 'Compass Pathways' }],
      URL: 'https://example.org/results',
      accessed: { 'date-parts': [[2023, 1, 15]] },
      issued: { 'date-parts': [[2022], [2023]] },
    });
    assert.strictEqual(items.get('bl-arxiv')?.URL, 'https://arxiv.org/abs/2101.00001');
    assert.strictEqual(items.get('bl-pubmed')?.PMID, '12345678');
    assert.strictEqual(items.get('doi-in-url')?.DOI, '10.1000/xyz123');
    assert.strictEqual(items.get('doi-in-note')?.DOI, '10.1000/abc456');
    assert.strictEqual(items.get('doi-prefixed-note')?.DOI, '10.1000/n789');
    assert.strictEqual(items.get('doi-bibdesk')?.DOI, '10.1000/bd1');
    assert.strictEqual(items.get('doi-wos')?.DOI, '10.1000/wos1');
    assert.strictEqual(items.get('doi-resolver')?.DOI, '10.1000/ABC');
    assert.strictEqual(items.get('doi-publisher')?.DOI, '10.1000/PhysRevB.97.1');
    assert.strictEqual(items.get('doi-publisher-abs')?.DOI, '10.1000/anie.2010.01');
    assert.strictEqual(items.get('doi-publisher-pdf')?.DOI, '10.1000/0001-2');
    assert.strictEqual(items.get('no-doi-in-path')?.DOI, undefined);
    assert.strictEqual(items.get('no-doi-in-path')?.URL, 'https://example.org/files/10.1000/x.pdf');
    assert.deepStrictEqual(pick(items.get('bl-book'), 'edition', 'publisher', 'publisher-place', 'ISBN'), {
      edition: '2',
      publisher: 'Oxford University Press; Wiley',
      'publisher-place': 'Oxford',
      ISBN: '978-0-19-000000-0',
    });
  });

  it('maps entry types as citation-js does', () => {
    const items = convert('biblatex.bib');
    const types = Object.fromEntries([...items.values()].map((x) => [x.id, [x.type, x.genre ?? '', x.publisher ?? ''].join('|')]));
    assert.deepStrictEqual(types, {
      'bl-article': 'article-journal||',
      'bl-online': 'webpage||',
      'bl-arxiv': 'article-journal||',
      'bl-pubmed': 'article-journal||',
      'doi-in-url': 'article-journal||',
      'doi-in-note': 'article-journal||',
      'doi-prefixed-note': 'article-journal||',
      'doi-bibdesk': 'article-journal||',
      'doi-wos': 'article-journal||',
      'doi-resolver': 'article-journal||',
      'doi-publisher': 'article-journal||',
      'doi-publisher-abs': 'article-journal||',
      'doi-publisher-pdf': 'article-journal||',
      'no-doi-in-path': 'article-journal||',
      'bl-book': 'book||Oxford University Press; Wiley',
      'th-phd': 'thesis|phdthesis|ETH Zürich',
      'th-ma': 'thesis|mathesis|MIT',
      'th-typed': 'thesis|Habilitation|LMU',
      rep: 'report|techreport|RAND',
      rep2: 'report|Technical Report|WHO',
      man: 'report||R Core Team',
      misc: 'document||Poster',
      www: 'webpage||',
      unpub: 'manuscript||',
      data: 'dataset||Zenodo',
      soft: 'software||',
      pat: 'patent||',
      conf: 'paper-conference||',
    });
  });

  it('reads values and entries citation-js rejects: a command without braces, unclosed math, a crossref cycle', () => {
    const braced = (text: string) => [{ kind: 'braced' as const, text }];
    const items = convertEntries([
      { type: 'article', key: 'a', fields: [{ name: 'title', parts: braced('\\textbf x and $x^2 and \\\'') }, { name: 'crossref', parts: braced('b') }] },
      { type: 'article', key: 'b', fields: [{ name: 'journal', parts: braced('J') }, { name: 'crossref', parts: braced('a') }] },
    ]);
    assert.deepStrictEqual(
      items.map((x) => pick(x, 'title', 'container-title')),
      [{ title: '<b>x</b> and x² and \u0301', 'container-title': 'J' }, { title: '<b>x</b> and x² and \u0301', 'container-title': 'J' }],
    );
  });

  it('reports LaTeX that citation-js rejects, once, on the entry that holds it, and still reads the value', () => {
    const braced = (text: string) => [{ kind: 'braced' as const, text }];
    const problems: string[] = [];
    const items = convertEntries(
      [
        { type: 'incollection', key: 'child', fields: [{ name: 'author', parts: braced('G{\\"}del, Kurt') }, { name: 'crossref', parts: braced('parent') }] },
        { type: 'book', key: 'parent', fields: [{ name: 'title', parts: braced('\\textbf x $y') }, { name: 'note', parts: braced('\\begin{it}z') }] },
      ],
      [],
      { onLatexProblem: (i, field, problem) => problems.push(`${i} ${field}: ${problem}`) },
    );
    assert.deepStrictEqual(problems.sort(), [
      "0 author: the accent '\\\"' has no letter",
      "1 note: '\\begin{it}' has no '\\end{it}'",
      "1 title: '\\textbf' expects its argument in braces",
      "1 title: math ('$') is not closed",
    ]);
    assert.deepStrictEqual(items[0].author, [{ family: 'G\u0308del', given: 'Kurt' }]);
    assert.strictEqual(items[0]['container-title'], '<b>x</b> y');
    assert.strictEqual(items[1].note, '<i>z</i>');
  });

  it('uses eprinttype doi and pmcid, and a DOI field over an eprint', () => {
    const braced = (text: string) => [{ kind: 'braced' as const, text }];
    const [doi, pmc, both] = convertEntries([
      { type: 'article', key: 'd', fields: [{ name: 'eprint', parts: braced('10.1/x') }, { name: 'eprinttype', parts: braced('doi') }] },
      { type: 'article', key: 'p', fields: [{ name: 'eprint', parts: braced('PMC123') }, { name: 'eprinttype', parts: braced('pmcid') }] },
      { type: 'article', key: 'b', fields: [{ name: 'doi', parts: braced('10.2/y') }, { name: 'eprint', parts: braced('10.1/x') }, { name: 'eprinttype', parts: braced('doi') }] },
    ]);
    assert.strictEqual(doi.DOI, '10.1/x');
    assert.strictEqual(pmc.PMCID, 'PMC123');
    assert.strictEqual(both.DOI, '10.2/y');
  });

  it('derives the DOI once: bare and unescaped, from doi, a doi.org link as written, or an eprint; reports where it stands', () => {
    const braced = (text: string, start?: number) => [{ kind: 'braced' as const, text, start }];
    const sources: string[] = [];
    const items = convertEntries(
      [
        { type: 'article', key: 'a', fields: [{ name: 'DOI', parts: braced(' {https://doi.org/10.1000/a\\_b} ', 100) }] },
        { type: 'misc', key: 'n', fields: [{ name: 'note', parts: braced('at doi:10.1000/{N}1.', 200) }] },
        { type: 'article', key: 'e', fields: [{ name: 'eprint', parts: braced('10.1/x') }, { name: 'eprinttype', parts: braced('doi') }] },
        { type: 'article', key: 'none', fields: [{ name: 'url', parts: braced('https://example.org/10.1000/x') }] },
      ],
      [],
      { onDoi: (i, d) => sources.push(`${i} ${d.field} ${d.start}-${d.end}`) },
    );
    assert.deepStrictEqual(
      items.map((x) => x.DOI),
      ['10.1000/a_b', '10.1000/N1', '10.1/x', undefined],
    );
    // ' {https://doi.org/' is 18 characters; 'at doi:' 7; the note's DOI ends before the full stop.
    assert.deepStrictEqual(sources, ['0 doi 118-130', '1 note 207-219']);
  });

  it('never throws on random LaTeX-like values in any field (fixed seed)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const atoms = ['{', '}', '\\', '$', '~', '^', '_', ' ', ' and ', ',', '-', '=', '--', "''", '\\"', '\\textit', '\\begin{it}', '\\end{it}', '\\end', 'a', 'B', 'ı', '\\i', '\\url', '\\href', '\\noopsort', "\\'", 'é', '\n', '\\ ', '12', 'others', 'van', '\\ElsevierGlyph{zz}', '"', '%'];
    const names = ['author', 'editor', 'title', 'publisher', 'keywords', 'date', 'year', 'month', 'pages', 'url', 'doi', 'crossref', 'xdata', 'note', 'journal', 'type', 'eprint', 'eprinttype'];
    for (let i = 0; i < 5000; i++) {
      const fields = Array.from({ length: 4 }, () => ({
        name: names[Math.floor(rnd() * names.length)],
        parts: [{ kind: 'braced' as const, text: Array.from({ length: Math.floor(rnd() * 12) }, () => atoms[Math.floor(rnd() * atoms.length)]).join('') }],
      }));
      const items = convertEntries([
        { type: ['article', 'book', 'inbook', 'xdata'][i % 4], key: `k${i % 3}`, fields },
        { type: 'book', key: 'k1', fields: fields.slice(0, 2) },
      ]);
      assert.strictEqual(items.length, 2);
    }
  });

  it('does not trip over object property names used as commands, macros or types', () => {
    const [item] = convertEntries([
      { type: 'constructor', key: 'k', fields: [{ name: 'title', parts: [{ kind: 'braced', text: '\\constructor{x} \\toString' }] }, { name: 'journal', parts: [{ kind: 'macro', text: 'hasOwnProperty' }] }] },
    ]);
    assert.deepStrictEqual(pick(item, 'type', 'title', 'container-title'), { type: 'document', title: 'x toString', 'container-title': 'hasOwnProperty' });
  });
});

describe('bibtex-csl: differential test against citation-js', function () {
  this.timeout(120000);

  function bibFiles(dir: string): string[] {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bib'))
      .map((f) => path.join(dir, f));
  }

  it('agrees with citation-js on every CSL field of every fixture and 2,000 generated entries, except the listed differences', () => {
    const files = [
      ...bibFiles(path.join(root, 'test', 'fixtures', 'bibtex')),
      ...bibFiles(fidelity),
      path.join(root, 'examples', 'psilocybin-review', 'references.bib'),
    ];
    const report = emptyReport();
    for (const file of files) compareWithCitationJs(fs.readFileSync(file, 'utf8'), report);
    const fixtures = { ...report, explained: { ...report.explained } };
    compareWithCitationJs(generateBibtex(2000), report);
    const rate = (a: number, b: number) => `${((100 * a) / b).toFixed(2)}%`;
    console.log(
      `      fixtures: ${fixtures.entries} entries; generated: ${report.entries - fixtures.entries}.\n` +
        `      fields Evidence Lens reads: entries agreeing on all ${report.agreeingUsed}/${report.entries} (${rate(report.agreeingUsed, report.entries)}), ` +
        `fields ${report.agreeingUsedFields}/${report.usedFields} (${rate(report.agreeingUsedFields, report.usedFields)}).\n` +
        `      every CSL field: entries agreeing on all ${report.agreeing}/${report.entries} (${rate(report.agreeing, report.entries)}), ` +
        `fields ${report.agreeingFields}/${report.fields} (${rate(report.agreeingFields, report.fields)}).`,
    );
    console.log(`      field mismatches, all deliberate, by difference: ${JSON.stringify(report.explained)}; unexplained: ${report.unexplained.length}.`);
    assert.deepStrictEqual(report.unexplained, []);
    for (const id of Object.keys(report.explained)) assert.ok(DIFFERENCES[id], id);
    assert.ok(report.entries > 2100, String(report.entries));
    // Every field that differs is one of the deliberate differences; most differ for none.
    assert.ok(report.agreeingUsedFields / report.usedFields > 0.9, rate(report.agreeingUsedFields, report.usedFields));
  });
});
