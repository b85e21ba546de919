import * as assert from 'assert';
import fc from 'fast-check';
import { asciiSentenceEnds } from '../../src/core/notes/sentences';

// The hand-written sentence boundaries for ASCII text must be exactly ICU's, which they replace.
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const icuEnds = (text: string) => [...segmenter.segment(text)].map((s) => s.index + s.segment.length);

// Every Sentence_Break class printable ASCII has, several times over, and pieces that exercise
// the rules (abbreviations, initials, numbers after a full stop, runs of terminators).
const PIECES = [
  'a', 'z', 'A', 'Q', '0', '7', '.', '.', '.', '!', '?', '"', "'", '(', ')', '[', ']', '{', '}', ',', '-', ':', ';',
  ' ', ' ', ' ', '  ', '\t', '\v', '\f', '#', '%', '&', '*', '+', '/', '<', '=', '>', '@', '\\', '^', '_', '`', '|', '~',
  'et al.', 'e.g.', 'U.S.', 'Fig. 2', ' the', ' The', ' A.', 'R. R.', '3.5', '...', '?!', '." ', '.) ', 'word',
];

describe('asciiSentenceEnds: ICU sentence boundaries for ASCII text', () => {
  it('equals Intl.Segmenter on random strings of every ASCII sentence-break class', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        assert.deepStrictEqual(asciiSentenceEnds(text), icuEnds(text), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('equals Intl.Segmenter on random printable ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }), (text) => {
        assert.deepStrictEqual(asciiSentenceEnds(text), icuEnds(text), JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the rules that hold a sentence together, and breaks where ICU does', () => {
    const cases: [string, number[]][] = [
      ['', []],
      ['One. Two.', [5, 9]],
      ['Rose 3.5 points. Then', [17, 21]], // SB6: a full stop before a digit
      ['Read e.g.The trial', [18]], // SB7: letter, full stop, capital
      ['The U.S. Army', [9, 13]], // a space between: a break
      ['See e.g. the trial. Next', [20, 24]], // SB8: a lower-case word follows
      ['He said "Stop." Then left.', [16, 26]], // SB9/SB10: closing quote and space stay with the sentence
      ['Wait?! No.', [7, 10]], // SB8a: terminators run on
      ['Yes. , no', [9]], // SB8a: a comma continues
    ];
    for (const [text, ends] of cases) {
      assert.deepStrictEqual(asciiSentenceEnds(text), ends, text);
      assert.deepStrictEqual(icuEnds(text), ends, text);
    }
  });

  it('leaves anything but printable ASCII, tabs and form feeds to ICU', () => {
    for (const text of ['Line\nbreak.', 'Carriage\rreturn', 'Ünïcode. Text', 'nbsp\u00a0here', 'nul\u0000', 'del\u007f']) {
      assert.strictEqual(asciiSentenceEnds(text), undefined, JSON.stringify(text));
    }
  });
});
