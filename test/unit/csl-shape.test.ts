import * as assert from 'assert';
import { shapeCsl } from '../../src/core/bibliography/csl-shape';
import { parseRis } from '../../src/core/bibliography/ris';

describe('shapeCsl: CSL fields of the wrong type', () => {
  it('takes the first of a list, stringifies numbers, wraps string names and dates, drops what cannot be read', () => {
    const shaped = shapeCsl({
      id: 'g',
      title: ['First', 'Second'],
      'container-title': { x: 1 },
      page: 12,
      volume: [3, 4],
      issue: true,
      author: 'Goodwin',
      editor: [{ family: 'Ed' }, 7, null],
      issued: 2022,
      'published-online': [],
      custom: ['kept as is'],
    });
    assert.deepStrictEqual(shaped, {
      id: 'g',
      title: 'First',
      page: '12',
      volume: 3,
      author: [{ literal: 'Goodwin' }],
      editor: [{ family: 'Ed' }],
      issued: { raw: '2022' },
      custom: ['kept as is'],
    });
  });

  it('a RIS record that repeats TI and T2 gets string title and journal', () => {
    const { entries } = parseRis('TY  - JOUR\nID  - g\nTI  - A title\nTI  - Again\nT2  - J1\nT2  - J2\nER  - \n', '/a.ris');
    assert.deepStrictEqual([entries[0].csl.title, entries[0].csl['container-title']], ['A title', 'J1']);
  });
});
