import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LruCache, own, ownStrings } from '../../src/core/lru';
import fc from 'fast-check';
import { clearBlockCache, keepNoteParse, keptNoteParse } from '../../src/core/notes/block-parse';
import { parseNote, parseNoteInSlices } from '../../src/core/notes/note';
import type { ParsedNote } from '../../src/core/notes/types';

const notesDir = path.join(__dirname, '../../../examples/psilocybin-review/notes');

describe('parse caches', () => {
  it('parses a note in slices to exactly what the one-piece parse gives', async () => {
    const crlf = fs.readFileSync(path.join(notesDir, '02-trials.md'), 'utf8').replace(/\n/g, '\r\n').replace('the', 'th\u0000e');
    const texts: [string, string][] = fs.readdirSync(notesDir).map((name) => [name, fs.readFileSync(path.join(notesDir, name), 'utf8')]);
    for (const [name, text] of [...texts, ['crlf.md', crlf] as [string, string]]) {
      // A budget of 0 yields after every block, the most slices there can be. Nothing kept from the
      // other parse: the sliced one runs markdown-it's block loop itself (parseMarkdownSteps).
      clearBlockCache();
      const sliced = await parseNoteInSlices(text, name, 0);
      clearBlockCache();
      const whole = parseNote(text, name);
      assert.deepStrictEqual({ ...sliced, suppressions: undefined }, { ...whole, suppressions: undefined }, name);
    }
  });

  it('gives a paragraph moved down the same sentences and citations as a fresh parse, at the new place', () => {
    const text = fs.readFileSync(path.join(notesDir, '04-mistakes.md'), 'utf8');
    const first = parseNote(text, 'n.md');
    // Two lines and a few characters inserted at the top of the body; every block below moves.
    const moved = text.replace('# ', 'Inserted.\n\n# ');
    const again = parseNote(moved, 'n.md');
    clearBlockCache();
    const fresh = parseNote(moved, 'n.md');
    assert.deepStrictEqual({ ...again, suppressions: undefined }, { ...fresh, suppressions: undefined });
    const last = first.sentences[first.sentences.length - 1];
    const lastAgain = again.sentences[again.sentences.length - 1];
    assert.strictEqual(lastAgain.text, last.text);
    assert.strictEqual(lastAgain.range.start.line, last.range.start.line + 2);
    assert.strictEqual(lastAgain.start, last.start + 'Inserted.\n\n'.length);
  });

  /** The note parsed with nothing kept from an earlier parse, the kept parse of `file` left as it was. */
  function freshParse(text: string, file: string): ParsedNote {
    const kept = keptNoteParse(file);
    clearBlockCache();
    const fresh = parseNote(text, `fresh-${file}`);
    keepNoteParse(file, kept);
    return { ...fresh, file };
  }

  const comparable = (n: ParsedNote) => ({ ...n, suppressions: undefined });

  it('re-reads only the blocks near an edit: blocks before it are the same objects, those after moved copies', () => {
    const text = fs.readFileSync(path.join(notesDir, '04-mistakes.md'), 'utf8');
    clearBlockCache();
    const first = parseNote(text, 'n.md');
    const at = text.indexOf('Psilocybin reduced depressive');
    const edited = text.slice(0, at) + 'Two new lines\nof prose. ' + text.slice(at);
    const again = parseNote(edited, 'n.md');
    assert.deepStrictEqual(comparable(again), comparable(freshParse(edited, 'n.md')));
    const before = first.sentences.filter((s) => s.end < at - 200);
    const after = first.sentences.filter((s) => s.start > at + 200);
    assert.ok(before.length > 0 && after.length > 0);
    for (const s of before) assert.ok(again.sentences.includes(s), 'a sentence before the edit is kept as it was');
    for (const s of after) {
      assert.ok(!again.sentences.includes(s), 'a sentence after the edit is a new object');
      const moved = again.sentences.find((m) => m.start === s.start + 'Two new lines\nof prose. '.length)!;
      assert.strictEqual(moved.range.start.line, s.range.start.line + 1);
      assert.strictEqual(moved.range.start.character, s.range.start.character);
    }
  });

  it('reads the block above an edit again when the edit joins a line to it or makes it a heading', () => {
    const base = '# Title\n\nFirst paragraph of prose [@a].\nSecond line of it.\n# Heading under it\n\nA later paragraph [@b].\n';
    const edits: [string, string][] = [
      ['# Heading under it', 'Heading under it'], // no longer interrupts: it continues the paragraph above
      ['# Heading under it', '==='], // a setext underline: the paragraph above becomes a heading
      ['# Heading under it', '- item'], // a list interrupting the paragraph
      ['Second line of it.', '```'], // an unclosed fence swallows the rest
    ];
    for (const [from, to] of edits) {
      clearBlockCache();
      parseNote(base, 'h.md');
      const edited = base.replace(from, to);
      assert.deepStrictEqual(comparable(parseNote(edited, 'h.md')), comparable(freshParse(edited, 'h.md')), `${from} → ${to}`);
    }
  });

  it('gives a fresh parse after any sequence of edits, block structure changes included (property)', () => {
    const texts = fs.readdirSync(notesDir).map((name) => fs.readFileSync(path.join(notesDir, name), 'utf8'));
    // Pieces that open and close blocks markdown-it reads across lines: fences, lists, quotes,
    // tables, setext underlines, HTML blocks, link reference definitions, front matter fences.
    const pieces = ['word ', ' ', '\n', '\n\n', '# ', '- ', '1. ', '> ', '```\n', '|', '|---|', '[@davis2021]', '[1]', '`', '<!-- x -->', '---\n', '***', '===\n', '    ', '[1]: https://x.org\n', '. ', '42% ', 'doi:10.1000/xyz ', '<div>\n', '</div>\n', '\r\n', 'a\u0000b'];
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fc.constantFrom(...pieces) });
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
        let text = texts[which];
        clearBlockCache();
        parseNote(text, 'p.md');
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          assert.deepStrictEqual(comparable(parseNote(text, 'p.md')), comparable(freshParse(text, 'p.md')));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps at most twice its limit of entries, forgetting those not used since the last two generations', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // the young map was full: a and b become the old generation
    assert.strictEqual(cache.get('a'), 1); // used again: back in the young generation
    cache.set('d', 4); // young (c, a) full again: it becomes old, b is forgotten
    assert.strictEqual(cache.get('b'), undefined);
    assert.strictEqual(cache.size, 3);
    assert.deepStrictEqual(['a', 'c', 'd'].map((k) => cache.get(k)), [1, 3, 4]);
    for (let i = 0; i < 100; i++) cache.set(`k${i}`, i);
    assert.ok(cache.size <= 4);
  });

  it('copies strings without changing them', () => {
    const long = 'x'.repeat(100) + 'tail';
    assert.strictEqual(own(long.slice(50)), long.slice(50));
    assert.deepStrictEqual(ownStrings({ a: [long, 1, { b: 'short', c: undefined }] }), { a: [long, 1, { b: 'short', c: undefined }] });
  });
});
