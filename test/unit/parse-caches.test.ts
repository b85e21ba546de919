import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LruCache, own, ownStrings } from '../../src/core/lru';
import { clearBlockCache } from '../../src/core/notes/block-parse';
import { parseNote, parseNoteInSlices } from '../../src/core/notes/note';

const notesDir = path.join(__dirname, '../../../examples/psilocybin-review/notes');

describe('parse caches', () => {
  it('parses a note in slices to exactly what the one-piece parse gives', async () => {
    for (const name of fs.readdirSync(notesDir)) {
      const text = fs.readFileSync(path.join(notesDir, name), 'utf8');
      // A budget of 0 yields after every block, the most slices there can be.
      const sliced = await parseNoteInSlices(text, name, 0);
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
