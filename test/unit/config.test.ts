import * as assert from 'assert';
import {
  DEFAULT_CONFIG,
  applyLevels,
  createPathMatcher,
  mergeConfig,
  parseConfig,
  severityFor,
} from '../../src/core/config';
import type { ConfigProblem, EvidenceLensConfig } from '../../src/core/config';
import type { Finding, Range } from '../../src/core/types';

function r(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The one problem of a text, checked to be alone. */
function only(text: string): ConfigProblem & { config: EvidenceLensConfig } {
  const { config, problems } = parseConfig(text);
  assert.strictEqual(problems.length, 1, JSON.stringify(problems));
  return { ...problems[0], config };
}

describe('config: defaults', () => {
  it('has the documented defaults', () => {
    assert.deepStrictEqual(DEFAULT_CONFIG, {
      notes: ['**/*.md'],
      bibliographies: ['**/*.bib', '**/*.bibtex', '**/*.ris', '**/*.json', '**/references.{yaml,yml}', '**/*.bib.{yaml,yml}'],
      studies: ['**/studies/**/*.{yaml,yml}', '**/*.study.{yaml,yml}'],
      exclude: ['**/node_modules/**', '**/.git/**'],
      rules: {},
      resolver: { url: 'https://doi.org/', timeoutMs: 8000, online: true },
    });
  });

  it('an empty or comment-only file gives the defaults and no problem', () => {
    for (const text of ['', '\n', '# nothing yet\n', '\ufeff']) {
      const { config, problems } = parseConfig(text);
      assert.deepStrictEqual(problems, []);
      assert.deepStrictEqual(config, DEFAULT_CONFIG);
    }
  });

  it('returns a copy that can be changed without touching DEFAULT_CONFIG', () => {
    const { config } = parseConfig('');
    config.notes.push('x/**');
    config.rules['claim.overstated'] = 'off';
    config.resolver.online = false;
    assert.deepStrictEqual(DEFAULT_CONFIG.notes, ['**/*.md']);
    assert.deepStrictEqual(DEFAULT_CONFIG.rules, {});
    assert.strictEqual(DEFAULT_CONFIG.resolver.online, true);
  });
});

describe('config: full file', () => {
  it('reads every setting', () => {
    const text = [
      'notes:',
      '  - reviews/**/*.md',
      '  - "!reviews/drafts/**"',
      'bibliographies: refs/*.bib',
      'studies: [records/**/*.yaml]',
      'exclude:',
      '  - "**/archive/**"',
      'rules:',
      '  claim.overstated: off',
      '  reference.uncited: warning',
      '  claim.implicit-citation: info # comment',
      'resolver:',
      '  url: https://api.crossref.org/works',
      '  timeoutMs: 2500',
      '  mailto: me@example.org',
      'online: false',
      '',
    ].join('\n');
    const { config, problems } = parseConfig(text);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(config, {
      notes: ['reviews/**/*.md', '!reviews/drafts/**'],
      bibliographies: ['refs/*.bib'],
      studies: ['records/**/*.yaml'],
      exclude: ['**/archive/**'],
      rules: { 'claim.overstated': 'off', 'reference.uncited': 'warning', 'claim.implicit-citation': 'info' },
      resolver: { url: 'https://api.crossref.org/works/', timeoutMs: 2500, online: false, mailto: 'me@example.org' },
    });
  });

  it('resolver.online wins over the online shorthand, in either order', () => {
    assert.strictEqual(parseConfig('resolver:\n  online: true\nonline: false\n').config.resolver.online, true);
    assert.strictEqual(parseConfig('online: true\nresolver:\n  online: false\n').config.resolver.online, false);
    assert.strictEqual(parseConfig('online: false\n').config.resolver.online, false);
  });

  it('keeps a resolver URL that ends with a slash or has a query', () => {
    assert.strictEqual(parseConfig('resolver: {url: "http://localhost:9/doi/"}').config.resolver.url, 'http://localhost:9/doi/');
    assert.strictEqual(parseConfig('resolver: {url: "https://x.org/api?doi="}').config.resolver.url, 'https://x.org/api?doi=');
  });

  it('follows aliases', () => {
    const { config, problems } = parseConfig('x-globs: &g [a/**/*.md]\nnotes: *g\n');
    assert.deepStrictEqual(config.notes, ['a/**/*.md']);
    assert.strictEqual(problems.length, 1); // the unknown key x-globs
  });

  it('strips a byte order mark before computing positions', () => {
    const p = only('\ufeffonline: maybe\n');
    assert.deepStrictEqual(p.range, r(0, 8, 0, 13));
  });
});

describe('config: problems', () => {
  it('syntax error: at the position yaml gives, and the rest still applies', () => {
    const compact = parseConfig('online: false\nrules: x: y\n');
    assert.deepStrictEqual(compact.problems, [
      { message: 'YAML: Nested mappings are not allowed in compact mappings', range: r(1, 7, 1, 8) },
    ]);
    assert.strictEqual(compact.config.resolver.online, false);
    const flow = parseConfig('online: false\nnotes: [a.md]]\n');
    assert.deepStrictEqual(flow.problems, [{ message: 'YAML: Unexpected flow-seq-end token in YAML stream: "]"', range: r(1, 13, 1, 14) }]);
    assert.deepStrictEqual(flow.config.notes, ['a.md']);
    assert.strictEqual(flow.config.resolver.online, false);
  });

  it('duplicate key: at the second key; the later value applies', () => {
    const p = only('online: true\nonline: false\n');
    assert.strictEqual(p.message, 'Duplicate setting "online"; the last one applies');
    assert.deepStrictEqual(p.range, r(1, 0, 1, 6));
    assert.strictEqual(p.config.resolver.online, false);
    const rule = only('rules:\n  claim.overstated: off\n  claim.overstated: error\n');
    assert.strictEqual(rule.message, 'Duplicate rule "claim.overstated"; the last one applies');
    assert.deepStrictEqual(rule.range, r(2, 2, 2, 18));
    assert.deepStrictEqual(rule.config.rules, { 'claim.overstated': 'error' });
  });

  it('unknown top-level key: at the key, with a suggestion', () => {
    const p = only('notes: "*.md"\nbibliography: refs.bib\n');
    assert.strictEqual(p.message, 'Unknown setting "bibliography" (did you mean "bibliographies"?)');
    assert.deepStrictEqual(p.range, r(1, 0, 1, 12));
    assert.deepStrictEqual(p.config.notes, ['*.md']);
    assert.deepStrictEqual(p.config.bibliographies, DEFAULT_CONFIG.bibliographies);
  });

  it('unknown key with nothing close lists the known ones', () => {
    const p = only('colour: blue\n');
    assert.strictEqual(p.message, 'Unknown setting "colour"; expected one of notes, bibliographies, studies, exclude, rules, resolver, online, retractionList');
    assert.deepStrictEqual(p.range, r(0, 0, 0, 6));
  });

  it('unknown code: at the code, "did you mean" for typos and bare names', () => {
    const p = only('rules:\n  claim.unsuported: off\n  reference.uncited: off\n');
    assert.strictEqual(p.message, 'Unknown diagnostic code "claim.unsuported" (did you mean "claim.unsupported"?)');
    assert.deepStrictEqual(p.range, r(1, 2, 1, 18));
    assert.deepStrictEqual(p.config.rules, { 'reference.uncited': 'off' });
    assert.strictEqual(only('rules:\n  zzz: off\n').message, 'Unknown diagnostic code "zzz"');
    assert.strictEqual(only('rules:\n  overstated: off\n').message, 'Unknown diagnostic code "overstated" (did you mean "claim.overstated"?)');
    assert.strictEqual(only('rules:\n  Claim.Overstated: off\n').message, 'Unknown diagnostic code "Claim.Overstated" (did you mean "claim.overstated"?)');
  });

  it('bad level: at the value, with a suggestion', () => {
    const p = only('rules:\n  claim.overstated: warn\n');
    assert.strictEqual(p.message, 'Invalid level "warn" for claim.overstated: expected error, warning, info, hint or off (did you mean "warning"?)');
    assert.deepStrictEqual(p.range, r(1, 20, 1, 24));
    assert.deepStrictEqual(p.config.rules, {});
    assert.match(only('rules:\n  claim.overstated: false\n').message, /did you mean "off"/);
    assert.match(only('rules:\n  claim.overstated: Error\n').message, /did you mean "error"/);
  });

  it('missing level: at the code', () => {
    const p = only('rules:\n  claim.overstated:\n');
    assert.deepStrictEqual(p.range, r(1, 2, 1, 18));
    assert.match(p.message, /^Invalid level for claim\.overstated/);
  });

  it('wrong type of a glob setting: at the value, default kept', () => {
    const p = only('notes:\n  key: value\n');
    assert.strictEqual(p.message, '"notes" must be a glob or a list of globs');
    assert.deepStrictEqual(p.range, r(1, 2, 1, 12));
    assert.deepStrictEqual(p.config.notes, DEFAULT_CONFIG.notes);
    assert.deepStrictEqual(only('exclude: 12\n').range, r(0, 9, 0, 11));
  });

  it('empty glob setting: at the key', () => {
    const p = only('studies:\nonline: true\n');
    assert.strictEqual(p.message, '"studies" must be a glob or a list of globs');
    assert.deepStrictEqual(p.range, r(0, 0, 0, 7));
  });

  it('bad list entry: at the entry, the other entries kept', () => {
    const p = only('notes:\n  - a/*.md\n  - [nested]\n  - b/*.md\n');
    assert.strictEqual(p.message, 'Each entry of "notes" must be a glob (text)');
    assert.deepStrictEqual(p.range, r(2, 4, 2, 12));
    assert.deepStrictEqual(p.config.notes, ['a/*.md', 'b/*.md']);
  });

  it('empty glob and leading slash: at the entry', () => {
    const empty = only('notes: ["a.md", ""]\n');
    assert.strictEqual(empty.message, 'Empty glob in "notes"');
    assert.deepStrictEqual(empty.range, r(0, 16, 0, 18));
    const slash = only('bibliographies: /refs/*.bib\n');
    assert.match(slash.message, /relative to the workspace root/);
    assert.deepStrictEqual(slash.range, r(0, 16, 0, 27));
  });

  it('rules that is not a mapping: at the value', () => {
    const p = only('rules:\n  - claim.overstated\n');
    assert.match(p.message, /^"rules" must be a mapping/);
    assert.deepStrictEqual(p.range, r(1, 2, 1, 20));
  });

  it('resolver faults: each at its value or key', () => {
    const text = 'resolver:\n  url: ftp://x.org/\n  timeoutMs: 10\n  online: yes\n  mailto: nobody\n  proxy: x\n';
    const { config, problems } = parseConfig(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.message, p.range]),
      [
        ['"resolver.url" must be an http or https URL', r(1, 7, 1, 19)],
        ['"resolver.timeoutMs" must be a number of milliseconds, at least 100', r(2, 13, 2, 15)],
        ['"resolver.online" must be true or false (YAML 1.2 reads "yes" as text; write true)', r(3, 10, 3, 13)],
        ['"resolver.mailto" must be an e-mail address', r(4, 10, 4, 16)],
        ['Unknown resolver setting "proxy"; expected one of url, timeoutMs, online, mailto, crossref', r(5, 2, 5, 7)],
      ],
    );
    assert.deepStrictEqual(config.resolver, DEFAULT_CONFIG.resolver);
  });

  it('resolver that is not a mapping, online that is not a boolean: at the value', () => {
    assert.deepStrictEqual(only('resolver: https://doi.org/\n').range, r(0, 10, 0, 26));
    const p = only('online: "false"\n');
    assert.strictEqual(p.message, '"online" must be true or false');
    assert.deepStrictEqual(p.range, r(0, 8, 0, 15));
    assert.strictEqual(p.config.resolver.online, true);
  });

  it('a document that is not a mapping: at the document', () => {
    const p = only('- notes\n- rules\n');
    assert.match(p.message, /must be a mapping of settings/);
    assert.deepStrictEqual(p.range, r(0, 0, 1, 7));
    assert.deepStrictEqual(p.config, DEFAULT_CONFIG);
  });

  it('a block list value ends at its last entry, not the next line', () => {
    const p = only('rules:\n  - a\n  - b\n\nonline: true\n');
    assert.deepStrictEqual(p.range, r(1, 2, 2, 5));
  });

  it('never throws on odd input', () => {
    for (const text of ['{', ']]', '!!binary x', '? [a]\n: b\n', '---\na: 1\n---\nb: 2\n', '*x', 'a: *undefined\n', '\t\u0000']) {
      const { config, problems } = parseConfig(text);
      assert.ok(config);
      assert.ok(Array.isArray(problems));
      for (const p of problems) assert.ok(p.range.start.line >= 0 && typeof p.message === 'string');
    }
  });
});

describe('config: merge', () => {
  const file = parseConfig('notes: [a/**/*.md]\nrules:\n  claim.overstated: off\n  reference.uncited: warning\nonline: false\n').config;

  it('settings override the file: arrays replace, rules merge per code, resolver per field', () => {
    const merged = mergeConfig(file, {
      exclude: ['tmp/**'],
      rules: { 'reference.uncited': 'error', 'claim.unsupported': 'hint' },
      resolver: { url: 'https://example.org/doi', timeoutMs: 500 },
    });
    assert.deepStrictEqual(merged, {
      notes: ['a/**/*.md'],
      bibliographies: DEFAULT_CONFIG.bibliographies,
      studies: DEFAULT_CONFIG.studies,
      exclude: ['tmp/**'],
      rules: { 'claim.overstated': 'off', 'reference.uncited': 'error', 'claim.unsupported': 'hint' },
      resolver: { url: 'https://example.org/doi/', timeoutMs: 500, online: false },
    });
  });

  it('an empty override changes nothing and does not share state', () => {
    const merged = mergeConfig(file, {});
    assert.deepStrictEqual(merged, file);
    merged.rules['claim.overstated'] = 'error';
    merged.notes.push('x');
    assert.strictEqual(file.rules['claim.overstated'], 'off');
    assert.deepStrictEqual(file.notes, ['a/**/*.md']);
  });

  it('online shorthand and resolver.online', () => {
    assert.strictEqual(mergeConfig(file, { online: true }).resolver.online, true);
    assert.strictEqual(mergeConfig(file, { online: true, resolver: { online: false } }).resolver.online, false);
    assert.strictEqual(mergeConfig(DEFAULT_CONFIG, { resolver: { online: false } }).resolver.online, false);
  });

  it('ignores invalid values from settings', () => {
    const merged = mergeConfig(file, {
      rules: { 'claim.overstated': 'loud', 'no.such': 'error', 'claim.unsupported': undefined },
      resolver: { url: 'not a url', timeoutMs: 5 },
    });
    assert.deepStrictEqual(merged, file);
  });

  it('an empty array replaces', () => {
    assert.deepStrictEqual(mergeConfig(file, { exclude: [] }).exclude, []);
  });
});

describe('config: levels', () => {
  const config = parseConfig('rules:\n  claim.overstated: off\n  reference.uncited: error\n').config;
  const f = (code: Finding['code']): Finding => ({
    code,
    severity: 'warning',
    message: code,
    file: '/w/a.md',
    range: r(0, 0, 0, 1),
  });

  it('severityFor: the rule, else the default', () => {
    assert.strictEqual(severityFor(config, 'claim.overstated'), 'off');
    assert.strictEqual(severityFor(config, 'reference.uncited'), 'error');
    assert.strictEqual(severityFor(config, 'claim.implicit-citation'), 'hint');
    assert.strictEqual(severityFor(DEFAULT_CONFIG, 'citation.unresolved'), 'error');
  });

  it('applyLevels sets severities and drops off, without mutating its input', () => {
    const input = [f('claim.overstated'), f('reference.uncited'), f('claim.unsupported'), f('claim.implicit-citation')];
    const out = applyLevels(input, config);
    assert.deepStrictEqual(
      out.map((x) => [x.code, x.severity]),
      [
        ['reference.uncited', 'error'],
        ['claim.unsupported', 'warning'],
        ['claim.implicit-citation', 'hint'],
      ],
    );
    assert.ok(input.every((x) => x.severity === 'warning'));
  });
});

describe('config: path matcher', () => {
  const m = createPathMatcher(DEFAULT_CONFIG);

  it('notes', () => {
    assert.ok(m.isNote('notes/a.md'));
    assert.ok(m.isNote('README.md'));
    assert.ok(m.isNote('./notes/a.md'));
    assert.ok(!m.isNote('notes/a.markdown.txt'));
    assert.ok(!m.isNote('.github/a.md'));
    assert.ok(!m.isNote('node_modules/pkg/README.md'));
  });

  it('studies are studies and not bibliographies', () => {
    for (const p of ['studies/x.yaml', 'review/studies/2020/x.yml', 'a/smith2020.study.yaml']) {
      assert.ok(m.isStudy(p), p);
      assert.ok(!m.isBibliography(p), p);
      assert.ok(!m.isNote(p), p);
    }
    assert.ok(m.isStudy('studies/references.yaml'));
    assert.ok(!m.isBibliography('studies/references.yaml'));
    assert.ok(!m.isStudy('notes/x.yaml'));
  });

  it('bibliographies', () => {
    for (const p of ['refs/lib.bib', 'lib.bibtex', 'a/b.ris', 'refs/items.json', 'references.yml', 'refs/my.bib.yaml']) {
      assert.ok(m.isBibliography(p), p);
      assert.ok(!m.isStudy(p), p);
    }
    assert.ok(!m.isBibliography('refs/other.yaml'));
    assert.ok(!m.isBibliography('notes/a.md'));
  });

  it('evidence-lens.yaml is neither a study nor a bibliography', () => {
    const all = createPathMatcher({ ...DEFAULT_CONFIG, bibliographies: ['**/*.yaml'], studies: ['**/*.yaml'] });
    assert.ok(!all.isStudy('evidence-lens.yaml'));
    assert.ok(!all.isBibliography('evidence-lens.yaml'));
    assert.ok(all.isStudy('other.yaml'));
  });

  it('exclude wins', () => {
    assert.ok(m.isExcluded('node_modules/x/a.md'));
    assert.ok(m.isExcluded('a/node_modules/x/refs.bib'));
    assert.ok(m.isExcluded('.git/studies/x.yaml'));
    assert.ok(!m.isNote('a/node_modules/x/a.md'));
    assert.ok(!m.isBibliography('node_modules/x/refs.bib'));
    assert.ok(!m.isStudy('node_modules/studies/x.yaml'));
    assert.ok(!m.isExcluded('notes/a.md'));
    const custom = createPathMatcher({ ...DEFAULT_CONFIG, exclude: ['**/drafts/**'] });
    assert.ok(custom.isExcluded('.obsidian/drafts/a.md'));
    assert.ok(!custom.isNote('notes/drafts/a.md'));
  });

  it('a "!" glob removes matches within its list', () => {
    const custom = createPathMatcher({ ...DEFAULT_CONFIG, notes: ['reviews/**/*.md', '!reviews/drafts/**'] });
    assert.ok(custom.isNote('reviews/a.md'));
    assert.ok(!custom.isNote('reviews/drafts/a.md'));
    assert.ok(!custom.isNote('other/a.md'));
  });

  it('an empty list matches nothing', () => {
    const none = createPathMatcher({ ...DEFAULT_CONFIG, notes: [], exclude: [] });
    assert.ok(!none.isNote('a.md'));
    assert.ok(!none.isExcluded('node_modules/a.md'));
  });
});
