import * as assert from 'assert';
import { normaliseDoi } from '../../src/core/doi';

describe('normaliseDoi', () => {
  it('lower-cases a bare DOI as it stands, and gives the same key for its other forms', () => {
    for (const input of [
      '10.1056/NEJMoa2206443',
      ' 10.1056/NEJMoa2206443 ',
      'https://doi.org/10.1056/NEJMoa2206443',
      'http://dx.doi.org/10.1056/nejmoa2206443',
      'doi: 10.1056/NEJMoa2206443',
      '10.1056/NEJMoa2206443.',
      '10.1056%2FNEJMoa2206443',
    ]) {
      assert.strictEqual(normaliseDoi(input), '10.1056/nejmoa2206443', input);
    }
    assert.strictEqual(normaliseDoi('10.1016/S2215-0366(16)30065-7'), '10.1016/s2215-0366(16)30065-7');
    assert.strictEqual(normaliseDoi('10.1016/S2215-0366(16)30065-7).'), '10.1016/s2215-0366(16)30065-7');
    assert.strictEqual(normaliseDoi('10.1000.5/a%zz'), '10.1000.5/a%zz', 'a stray % stays');
  });

  it('rejects what is not a DOI', () => {
    for (const input of ['', '10.1056', '10.1056/', '10.12/abc', '11.1056/abc', '10.1056/ab c', 'doi.org/', '10.1056/.']) {
      assert.strictEqual(normaliseDoi(input), undefined, input);
    }
  });
});
