// The injection grammar's patterns, run as JavaScript regular expressions: every pattern uses only
// syntax Oniguruma and JS (with the u flag) read the same way (\p{L}, lookbehind, no (?i), no \h).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  patterns?: { include: string }[];
}
const grammar = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../syntaxes/evidence-lens.markdown.tmLanguage.json'), 'utf8')) as {
  injectionSelector: string;
  patterns: { include: string }[];
  repository: Record<string, Rule>;
};
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; injectTo: string[]; path: string }[] };
};
const rule = (name: string) => grammar.repository[name];
const re = (source: string) => new RegExp(source, 'gu');

/** Every match of a `match` rule in a line, as the matched text. */
function matches(name: string, line: string): string[] {
  return [...line.matchAll(re(rule(name).match!))].map((m) => m[0]);
}

/** The keys a bracketed citation scopes: its begin, then the key rule up to the end bracket. */
function bracketedKeys(line: string): string[][] {
  const groups: string[][] = [];
  const begin = re(rule('bracketed-citation').begin!);
  for (const b of line.matchAll(begin)) {
    const start = b.index! + b[0].length;
    const end = line.indexOf(']', start);
    const key = re(rule('key').match!);
    key.lastIndex = start;
    const keys: string[] = [];
    for (let m = key.exec(line); m && m.index < end; m = key.exec(line)) keys.push(m[0]);
    groups.push(keys);
  }
  return groups;
}

describe('markdown injection grammar', () => {
  it('is injected into markdown only, outside code, raw blocks, comments, front matter and link destinations', () => {
    const contribution = pkg.contributes.grammars.find((g) => g.scopeName === 'evidence-lens.citations.injection')!;
    assert.deepStrictEqual(contribution.injectTo, ['text.html.markdown']);
    assert.strictEqual(contribution.path, './syntaxes/evidence-lens.markdown.tmLanguage.json');
    const [scope, ...excluded] = grammar.injectionSelector.split(/\s+/);
    assert.strictEqual(scope, 'L:text.html.markdown');
    assert.deepStrictEqual(excluded.sort(), [
      '-comment',
      '-markup.fenced_code',
      '-markup.inline.raw',
      '-markup.raw',
      '-markup.underline.link',
      '-meta.embedded',
    ]);
    assert.deepStrictEqual(grammar.patterns.map((p) => p.include), ['#bracketed-citation', '#numbered-citation', '#doi', '#bare-key']);
  });

  it('uses no Oniguruma-only syntax, so these tests see what VS Code sees', () => {
    for (const [name, r] of Object.entries(grammar.repository)) {
      for (const source of [r.match, r.begin, r.end].filter((s): s is string => !!s)) {
        assert.doesNotMatch(source, /\(\?[imx]|\\[hHAGzZ]|\(\?>|\*\+|\+\+/, name);
        assert.doesNotThrow(() => re(source), name);
      }
    }
  });

  it('scopes [@key], [@a; @b, p. 3] and [-@key] key by key', () => {
    assert.deepStrictEqual(bracketedKeys('As shown [@davis2021].'), [['@davis2021']]);
    assert.deepStrictEqual(bracketedKeys('[@a; @b, p. 3] and [see @carhart-harris2016, p. 619]'), [['@a', '@b'], ['@carhart-harris2016']]);
    assert.deepStrictEqual(bracketedKeys('Davis [-@davis2021] said'), [['-@davis2021']]);
    assert.deepStrictEqual(bracketedKeys('[@doe:2020.a]'), [['@doe:2020.a']]);
  });

  it('does not open a citation for links, reference definitions or addresses in brackets', () => {
    assert.deepStrictEqual(bracketedKeys('[@x](https://example.org)'), []);
    assert.deepStrictEqual(bracketedKeys('[@x]: https://example.org'), []);
    assert.deepStrictEqual(bracketedKeys('[write to me@example.org]'), []);
    assert.deepStrictEqual(bracketedKeys('[@a\n]'), []);
  });

  it('scopes a bare @key in running text but not an e-mail address', () => {
    assert.deepStrictEqual(matches('bare-key', '@goodwin2022 randomised 233 and -@ross2016 too.'), ['@goodwin2022', '-@ross2016']);
    assert.deepStrictEqual(matches('bare-key', 'As @davis2021. says'), ['@davis2021']);
    assert.deepStrictEqual(matches('bare-key', 'someone@example.org josé@example.org a.b@c.d x_y@z 2@x'), []);
    assert.deepStrictEqual(matches('bare-key', '@ alone, @- and @.'), []);
  });

  it('scopes [n], [2,3], [4-6] and [5, 7, 19] but not links, images or footnotes', () => {
    assert.deepStrictEqual(matches('numbered-citation', 'one [1] two [2,3] range [4-6] [4–6] list [5, 7, 19].'), [
      '[1]',
      '[2,3]',
      '[4-6]',
      '[4–6]',
      '[5, 7, 19]',
    ]);
    assert.deepStrictEqual(matches('numbered-citation', 'see [text][1] ![2] [3](http://x) [4]: http://x [^5] [a1] word[6] [12345]'), []);
  });

  it('scopes DOIs in every SPEC form and stops before trailing punctuation', () => {
    const line =
      'a 10.1016/S2215-0366(16)30065-7. b doi:10.1056/NEJMoa2206443, c DOI: 10.1001/jama.2023.14530; ' +
      'd https://doi.org/10.1177/0269881116675513) e https://dx.doi.org/10.1000/x.y. f http://doi.org/10.1000/ABC" ' +
      "g (10.1234/hostile(1)) h '10.1000/q' i <https://doi.org/10.1000/z>";
    assert.deepStrictEqual(matches('doi', line), [
      '10.1016/S2215-0366(16)30065-7',
      'doi:10.1056/NEJMoa2206443',
      'DOI: 10.1001/jama.2023.14530',
      'https://doi.org/10.1177/0269881116675513',
      'https://dx.doi.org/10.1000/x.y',
      'http://doi.org/10.1000/ABC',
      '10.1234/hostile(1)',
      '10.1000/q',
      'https://doi.org/10.1000/z',
    ]);
  });

  it('leaves scores, versions, short prefixes and DOIs inside words alone', () => {
    assert.deepStrictEqual(matches('doi', 'scored 10.5/10, version 1.10.1000/x, 10.12/abc, x10.1000/abc, a/10.1000/abc'), []);
  });
});
