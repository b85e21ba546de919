import * as assert from 'assert';
import fc from 'fast-check';
import { simpleFields, yamlFields } from '../../src/core/notes/frontmatter';

// The scan for simple front matter must read exactly what the YAML parser reads, or leave it to it.
const OPEN = '---\n';
const fields = (body: string) => {
  const text = `${OPEN}${body}---\n# Note\n`;
  const close = OPEN.length + body.length;
  return { simple: simpleFields(text, OPEN.length, close), yaml: yamlFields(text, OPEN.length, close) };
};

describe('front matter: the simple scan agrees with the YAML parser', () => {
  it('reads title, bibliography and other plain or quoted values as the parser does', () => {
    const { simple, yaml } = fields('title: "Note 1: psilocybin in TRD"\nbibliography: ../references.bib\n\ndate: 2026-11-21\n');
    assert.deepStrictEqual(simple, { bibliographies: [{ path: '../references.bib', start: 53, end: 70 }], hasReferences: false });
    assert.deepStrictEqual(simple, yaml);
  });

  it('leaves to the parser what it does not read itself', () => {
    for (const body of [
      'bibliography:\n  - a.bib\n  - b.bib\n', // a list
      'bibliography: "a.bib"\n', // quoted path
      'bibliography: true\n', // not a string
      'bibliography: 12\n',
      'bibliography: a.bib\nbibliography: b.bib\n', // duplicate key
      'references:\n  - id: x\n', // inline references
      'title: a: b\n', // a nested mapping
      'title: x # comment\n',
      'title: "esc\\"aped"\n',
      'title: x\r\n',
      '  \n',
      'title:\n',
    ]) {
      assert.strictEqual(fields(body).simple, undefined, JSON.stringify(body));
    }
  });

  it('agrees with the parser on random front matter whenever it answers', () => {
    const key = fc.constantFrom('title', 'bibliography', 'author', 'date', 'tags', 'references', 'bib', 'x-y_z', 'Title');
    const value = fc.constantFrom(
      '../references.bib', 'refs.bib', 'a b', 'a, b (c)', '.', './x/y.json', '"quoted: text"', '"Nguyễn"', '""', 'null', '~', 'true',
      '0x1F', '1.5e3', '+3', '.inf', 'x:y', '-a', '[a]', '{a: b}', '|', "'single'", 'a #b', 'a  ', '', '2021-01-01',
    );
    const line = fc.oneof(fc.tuple(key, fc.constantFrom(': ', ':  ', ':'), value).map(([k, s, v]) => `${k}${s}${v}`), fc.constantFrom('', ' ', '- item', '# c'));
    let answered = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const body = lines.map((l) => `${l}\n`).join('');
        const { simple, yaml } = fields(body);
        if (simple === undefined) return;
        answered++;
        assert.deepStrictEqual(simple, yaml, JSON.stringify(body));
      }),
      { numRuns: 3000 },
    );
    assert.ok(answered > 300, `the scan answered only ${answered} of 3000`);
  });
});
