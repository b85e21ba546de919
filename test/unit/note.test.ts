import * as assert from 'assert';
import { parseNote } from '../../src/core/notes/note';
import type { KeyCitation, NumberedCitation } from '../../src/core/notes/types';
import { r, textAt } from './helpers';

const F = '/ws/notes/a.md';

function keys(text: string): string[] {
  return parseNote(text, F)
    .citations.filter((c): c is KeyCitation => c.kind === 'key')
    .map((c) => c.key);
}

describe('note parsing', () => {
  describe('pandoc citations', () => {
    it('finds bracketed, grouped, locator, suppressed-author and bare citations with exact ranges', () => {
      const text = 'Response was rapid [@davis2021]. Two trials [@a; @b, p. 3] agreed.\n@goodwin2022 found more [-@ross2016].';
      const note = parseNote(text, F);
      const cites = note.citations as KeyCitation[];
      assert.deepStrictEqual(
        cites.map((c) => [c.key, textAt(text, c.range), c.bracketed, c.suppressAuthor, c.locator]),
        [
          ['davis2021', '@davis2021', true, false, undefined],
          ['a', '@a', true, false, undefined],
          ['b', '@b', true, false, 'p. 3'],
          ['goodwin2022', '@goodwin2022', false, false, undefined],
          ['ross2016', '-@ross2016', true, true, undefined],
        ],
      );
      assert.deepStrictEqual(cites[0].range, r(0, 20, 0, 30));
      assert.deepStrictEqual(cites[0].keyRange, r(0, 21, 0, 30));
      assert.deepStrictEqual(cites[0].groupRange, r(0, 19, 0, 31));
      assert.deepStrictEqual(cites[3].range, r(1, 0, 1, 12));
    });

    it('keeps internal key punctuation but not trailing punctuation', () => {
      assert.deepStrictEqual(keys('As @carhart-harris2016. showed, and @doe:2020.'), ['carhart-harris2016', 'doe:2020']);
    });

    it('does not take e-mail addresses, code spans, fenced code, comments or link destinations as citations', () => {
      const text = [
        'Write to lab@example.org or see `@notakey` here.',
        '',
        '```',
        '[@fenced]',
        '```',
        '',
        '<!-- [@commented] -->',
        '',
        'A [link](https://example.org/@handle) and [@real].',
      ].join('\n');
      assert.deepStrictEqual(keys(text), ['real']);
    });

    it('ignores the front matter', () => {
      const text = '---\ntitle: "@notcited"\nbibliography: ../refs.bib\n---\n\nText [@k].\n';
      const note = parseNote(text, F);
      assert.deepStrictEqual(keys(text), ['k']);
      assert.deepStrictEqual(note.bibliographyPaths, [{ path: '../refs.bib', range: r(2, 14, 2, 25) }]);
      assert.strictEqual(note.frontMatterEnd, text.indexOf('\nText') );
    });

    it('reads a list of bibliography paths', () => {
      const note = parseNote('---\nbibliography:\n  - a.bib\n  - refs/b.json\n---\nx\n', F);
      assert.deepStrictEqual(
        note.bibliographyPaths.map((b) => b.path),
        ['a.bib', 'refs/b.json'],
      );
    });

    it('finds citations inside blockquotes, list items and table cells at their source columns', () => {
      const text = '> Quoted [@q].\n\n- Item [@li]\n  more [@li2]\n\n| a | b |\n|---|---|\n| x [@cell] | y |\n';
      const note = parseNote(text, F);
      const found = (note.citations as KeyCitation[]).map((c) => [c.key, c.range]);
      assert.deepStrictEqual(found, [
        ['q', r(0, 10, 0, 12)],
        ['li', r(2, 8, 2, 11)],
        ['li2', r(3, 8, 3, 12)],
        ['cell', r(7, 5, 7, 10)],
      ]);
    });
  });

  describe('numbered citations', () => {
    it('reads single numbers, lists and spans', () => {
      const text = 'A [1] and B [2,3] and C [4-6] and D [5, 7, 19].';
      const cites = parseNote(text, F).citations as NumberedCitation[];
      assert.deepStrictEqual(
        cites.map((c) => c.numbers),
        [[1], [2, 3], [4, 5, 6], [5, 7, 19]],
      );
      assert.deepStrictEqual(cites[2].range, r(0, 24, 0, 29));
      assert.deepStrictEqual(cites[2].parts[0].range, r(0, 25, 0, 28));
      assert.deepStrictEqual(
        cites[3].parts.map((p) => textAt(text, p.range)),
        ['5', '7', '19'],
      );
    });

    it('does not take links, reference links, images or footnotes as numbered citations', () => {
      const text = 'See [1](https://x.org), [text][2], ![3](i.png), [^4] and [5]: a.\n\n[2]: https://example.org\n';
      assert.deepStrictEqual(parseNote(text, F).citations, []);
    });
  });

  describe('reference list', () => {
    const text = [
      '# Trials', // 0
      '',
      'Psilocybin reduced symptoms [1]. Another trial [2].', // 2
      '',
      '## References', // 4
      '',
      '1. Davis AK, et al. Effects of psilocybin. JAMA Psychiatry. 2021. doi:10.1001/jamapsychiatry.2020.3285', // 6
      '2. Goodwin GM, et al. Single-dose psilocybin. N Engl J Med. 2022. https://doi.org/10.1056/NEJMoa2206443.', // 7
      '3) Carhart-Harris R. Psilocybin with psychological support. Lancet Psychiatry. 2016. 10.1016/S2215-0366(16)30065-7', // 8
    ].join('\n');

    it('finds items with their numbers, markers and DOIs', () => {
      const list = parseNote(text, F).referenceList!;
      assert.ok(list);
      assert.deepStrictEqual(list.headingRange, r(4, 3, 4, 13));
      assert.deepStrictEqual(
        list.items.map((i) => i.number),
        [1, 2, 3],
      );
      assert.deepStrictEqual(list.items[0].markerRange, r(6, 0, 6, 2));
      assert.deepStrictEqual(list.items[2].markerRange, r(8, 0, 8, 2));
      assert.deepStrictEqual(
        list.items.map((i) => i.dois.map((d) => [d.doi, textAt(text, d.doiRange)])),
        [
          [['10.1001/jamapsychiatry.2020.3285', '10.1001/jamapsychiatry.2020.3285']],
          [['10.1056/nejmoa2206443', '10.1056/NEJMoa2206443']],
          [['10.1016/s2215-0366(16)30065-7', '10.1016/S2215-0366(16)30065-7']],
        ],
      );
    });

    it('keeps list items out of prose sentences and citations', () => {
      const note = parseNote(text, F);
      assert.deepStrictEqual(
        note.sentences.map((s) => s.text),
        ['Trials', 'Psilocybin reduced symptoms [1].', 'Another trial [2].', 'References'],
      );
      assert.strictEqual(note.dois.length, 0);
    });

    it('reads "[n]" items written as plain lines', () => {
      const t = 'Text [2].\n\n# Sources\n\n[1] First ref. doi:10.1000/abc1\n[2] Second ref.\n  continued. 10.1000/abc2\n';
      const list = parseNote(t, F).referenceList!;
      assert.deepStrictEqual(
        list.items.map((i) => [i.number, i.text, i.dois.map((d) => d.doi)]),
        [
          [1, 'First ref. doi:10.1000/abc1', ['10.1000/abc1']],
          [2, 'Second ref.\n  continued. 10.1000/abc2', ['10.1000/abc2']],
        ],
      );
      assert.deepStrictEqual(list.items[1].markerRange, r(5, 0, 5, 3));
    });

    it('is absent when no heading names a reference list', () => {
      assert.strictEqual(parseNote('# Notes\n\n1. first\n2. second\n', F).referenceList, undefined);
    });
  });

  describe('sentences', () => {
    it('does not split at the abbreviations reviewers write', () => {
      const text =
        'Carhart-Harris et al. (2016) gave two doses, i.e. 10 mg and 25 mg, vs. none. See Fig. 2 and p. 3 for details. R. R. Griffiths led it. It worked.';
      assert.deepStrictEqual(
        parseNote(text, F).sentences.map((s) => s.text),
        [
          'Carhart-Harris et al. (2016) gave two doses, i.e. 10 mg and 25 mg, vs. none.',
          'See Fig. 2 and p. 3 for details.',
          'R. R. Griffiths led it.',
          'It worked.',
        ],
      );
    });

    it('gives a bracketed citation after the full stop to the sentence before it', () => {
      const text = 'Remission reached 54% at week 4. [@davis2021] The trial was small.\nIt used a waiting list. [3]';
      const note = parseNote(text, F);
      assert.deepStrictEqual(
        note.sentences.map((s) => [textAt(text, s.range), s.citations.length]),
        [
          ['Remission reached 54% at week 4. [@davis2021]', 1],
          ['The trial was small.', 0],
          ['It used a waiting list. [3]', 1],
        ],
      );
    });

    it('treats soft line breaks as spaces and headings as their own sentences', () => {
      const text = '## Results\n\nThe response rate\nwas 71% [@davis2021].\n';
      const note = parseNote(text, F);
      assert.deepStrictEqual(
        note.sentences.map((s) => [s.range, note.blocks[s.block].kind]),
        [
          [r(0, 3, 0, 10), 'heading'],
          [r(2, 0, 3, 21), 'paragraph'],
        ],
      );
    });

    it('keeps offsets right with CRLF line ends', () => {
      const text = 'First line [@a].\r\n\r\nSecond [@b].\r\n';
      const note = parseNote(text, F);
      assert.deepStrictEqual(
        note.citations.map((c) => c.range),
        [r(0, 12, 0, 14), r(2, 8, 2, 10)],
      );
    });
  });

  describe('DOIs in prose', () => {
    it('finds every written form with SPEC trailing punctuation', () => {
      const text =
        'See 10.1056/NEJMoa2032994, doi:10.1001/jamapsychiatry.2020.3285; (https://doi.org/10.1016/S2215-0366(16)30065-7). Also https://dx.doi.org/10.1177/0269881116675513" and DOI: 10.1177/02698811211073759.';
      const dois = parseNote(text, F).dois;
      assert.deepStrictEqual(
        dois.map((d) => [d.doi, textAt(text, d.range)]),
        [
          ['10.1056/nejmoa2032994', '10.1056/NEJMoa2032994'],
          ['10.1001/jamapsychiatry.2020.3285', 'doi:10.1001/jamapsychiatry.2020.3285'],
          ['10.1016/s2215-0366(16)30065-7', 'https://doi.org/10.1016/S2215-0366(16)30065-7'],
          ['10.1177/0269881116675513', 'https://dx.doi.org/10.1177/0269881116675513'],
          ['10.1177/02698811211073759', 'DOI: 10.1177/02698811211073759'],
        ],
      );
    });

    it('reports malformed DOIs after an explicit marker and leaves scores alone', () => {
      const text = 'Bad doi:10.1056NEJMoa2206443 and 10.105/nejm.x but rated 10.5/10.';
      const dois = parseNote(text, F).dois;
      assert.deepStrictEqual(
        dois.map((d) => [d.doi, d.raw, d.doiRange]),
        [
          [undefined, '10.1056NEJMoa2206443', r(0, 8, 0, 28)],
          [undefined, '10.105/nejm.x', r(0, 33, 0, 46)],
        ],
      );
    });

    it('ignores DOIs in link destinations and code', () => {
      const text = 'A [paper](https://doi.org/10.1056/NEJMoa2032994) and `10.1001/x.y`.';
      assert.deepStrictEqual(parseNote(text, F).dois, []);
    });
  });

  describe('suppressions', () => {
    it('silences the next line, a region, or every code', () => {
      const text = [
        '<!-- evidence-lens-disable-next-line claim.unsupported -->', // 0
        'line 1', // 1
        'line 2', // 2
        '<!-- evidence-lens-disable claim.overstated -->', // 3
        'line 4', // 4
        '<!-- evidence-lens-enable -->', // 5
        'line 6', // 6
        '<!-- evidence-lens-disable-next-line -->', // 7
        'line 8', // 8
      ].join('\n');
      const s = parseNote(text, F).suppressions;
      assert.strictEqual(s.isSuppressed('claim.unsupported', 1), true);
      assert.strictEqual(s.isSuppressed('claim.overstated', 1), false);
      assert.strictEqual(s.isSuppressed('claim.unsupported', 2), false);
      assert.strictEqual(s.isSuppressed('claim.overstated', 4), true);
      assert.strictEqual(s.isSuppressed('claim.overstated', 6), false);
      assert.strictEqual(s.isSuppressed('citation.unresolved', 8), true);
      assert.strictEqual(s.isSuppressed('citation.unresolved', 6), false);
    });
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\n\n', '[', '[@', '@', '---\n', '---\nfoo: [\n---\n', '```\nunclosed', '\u0000\u0001[@a]', '> > > [1]', '| | |\n|-|-|\n| | |']) {
      assert.doesNotThrow(() => parseNote(text, F), JSON.stringify(text));
    }
  });
});
