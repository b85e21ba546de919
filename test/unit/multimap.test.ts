import * as assert from 'assert';
import { FileMultiMap } from '../../src/core/index/multimap';

type V = { file: string; n: number };
const v = (file: string, n: number): V => ({ file, n });
const ns = (map: FileMultiMap<V>, key: string) => map.get(key).map((x) => `${x.file}${x.n}`);

describe('FileMultiMap', () => {
  it('keeps values per key in the order added and drops one file’s values, repeated and interleaved keys included', () => {
    const map = new FileMultiMap<V>((x) => x.file);
    map.add('k', v('a', 1));
    map.add('k', v('a', 2)); // the same key twice from one file (a duplicate BibTeX key)
    map.add('j', v('a', 3));
    map.add('k', v('b', 1));
    map.add('i', v('b', 2));
    map.add('k', v('a', 4)); // back to a file seen before, the last one added before removal
    assert.deepStrictEqual(ns(map, 'k'), ['a1', 'a2', 'b1', 'a4']);

    map.removeFile('a');
    assert.deepStrictEqual(ns(map, 'k'), ['b1']);
    assert.ok(!map.has('j'));
    assert.deepStrictEqual([...map.keys()].sort(), ['i', 'k']);
    map.removeFile('a'); // nothing left of it
    assert.deepStrictEqual(ns(map, 'k'), ['b1']);

    // A file added again after removal is tracked again, so it can be removed again.
    map.add('k', v('a', 5));
    map.add('h', v('a', 6));
    assert.deepStrictEqual(ns(map, 'k'), ['b1', 'a5']);
    map.removeFile('a');
    assert.deepStrictEqual(ns(map, 'k'), ['b1']);
    assert.ok(!map.has('h'));

    map.removeFile('b');
    assert.deepStrictEqual([...map.keys()], []);
    assert.deepStrictEqual(map.get('k'), []);
  });

  it('after clear() tracks files afresh', () => {
    const map = new FileMultiMap<V>((x) => x.file);
    map.add('k', v('a', 1));
    map.clear();
    map.add('k', v('a', 2));
    map.add('k', v('b', 1));
    map.removeFile('a');
    assert.deepStrictEqual(ns(map, 'k'), ['b1']);
  });
});
