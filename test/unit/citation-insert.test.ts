import * as assert from 'assert';
import { planCitationInsert } from '../../src/core/notes/citation-insert';

describe('Insert citation: where the key goes', () => {
  it('wraps the key in brackets in plain text', () => {
    assert.deepStrictEqual(planCitationInsert('Responses were rapid.', 20, 'davis2021'), { at: 20, text: '[@davis2021]' });
  });

  it('adds to an existing cluster before its closing bracket', () => {
    const line = 'Two trials [@griffiths2016, p. 3] agree.';
    assert.deepStrictEqual(planCitationInsert(line, 14, 'ross2016'), { at: 32, text: '; @ross2016' });
  });

  it('writes only the key after a typed @, and closes a fresh [@', () => {
    assert.deepStrictEqual(planCitationInsert('As @', 4, 'davis2021'), { at: 4, text: 'davis2021' });
    assert.deepStrictEqual(planCitationInsert('Rapid [@', 8, 'davis2021'), { at: 8, text: 'davis2021]' });
    assert.deepStrictEqual(planCitationInsert('Rapid [@]', 8, 'davis2021'), { at: 8, text: 'davis2021' });
    assert.deepStrictEqual(planCitationInsert('Both [@a; @]', 11, 'b'), { at: 11, text: 'b' });
  });

  it('does not treat an e-mail address or a numbered citation as a citation context', () => {
    assert.deepStrictEqual(planCitationInsert('mail me@', 8, 'k'), { at: 8, text: '[@k]' });
    assert.deepStrictEqual(planCitationInsert('see [3] here', 6, 'k'), { at: 6, text: '[@k]' });
  });
});
