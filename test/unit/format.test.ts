import * as assert from 'assert';
import { exitCodeFor, formatJson, formatSarif, formatText, toReport } from '../../src/cli/format';
import type { CheckReport } from '../../src/cli/format';
import { CODE_DESCRIPTIONS } from '../../src/core/codes';
import { DIAGNOSTIC_CODES } from '../../src/core/types';
import type { DiagnosticCode, Finding, Range, Severity } from '../../src/core/types';

function r(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

function f(file: string, range: Range, code: DiagnosticCode, severity: Severity, message = `${code} here`): Finding {
  return { file, range, code, severity, message };
}

const ROOT = '/work/review';

describe('format: toReport', () => {
  it('makes paths relative and sorts by file, start, end, code', () => {
    const report = toReport(ROOT, 3, [
      f('/work/review/notes/b.md', r(0, 0, 0, 1), 'claim.unsupported', 'warning'),
      f('/work/review/notes/a.md', r(2, 0, 2, 5), 'claim.overstated', 'info'),
      f('/work/review/notes/a.md', r(0, 4, 0, 12), 'claim.unsupported', 'warning'),
      f('/work/review/notes/a.md', r(0, 4, 0, 9), 'citation.unresolved', 'error'),
      f('/work/review/notes/a.md', r(0, 4, 0, 9), 'claim.implicit-citation', 'hint'),
      f('/work/review/notes/a.md', r(0, 2, 3, 0), 'claim.inconsistent', 'warning'),
      f('/work/review/refs.bib', r(5, 1, 5, 2), 'reference.uncited', 'info'),
    ]);
    assert.strictEqual(report.root, ROOT);
    assert.strictEqual(report.files, 3);
    assert.deepStrictEqual(
      report.diagnostics.map((d) => [d.file, d.range.start.line, d.range.start.character, d.range.end.character, d.code]),
      [
        ['notes/a.md', 0, 2, 0, 'claim.inconsistent'],
        ['notes/a.md', 0, 4, 9, 'citation.unresolved'],
        ['notes/a.md', 0, 4, 9, 'claim.implicit-citation'],
        ['notes/a.md', 0, 4, 12, 'claim.unsupported'],
        ['notes/a.md', 2, 0, 5, 'claim.overstated'],
        ['notes/b.md', 0, 0, 1, 'claim.unsupported'],
        ['refs.bib', 5, 1, 2, 'reference.uncited'],
      ],
    );
  });

  it('drops exact duplicates only, and keeps only the report fields', () => {
    const a = f('/work/review/a.md', r(0, 0, 0, 3), 'claim.unsupported', 'warning', 'one');
    const withExtras: Finding = { ...a, data: { x: 1 }, related: [] };
    const report = toReport(ROOT + '/', 1, [a, withExtras, { ...a }, { ...a, message: 'two' }]);
    assert.strictEqual(report.diagnostics.length, 2);
    assert.deepStrictEqual(report.diagnostics[0], {
      file: 'a.md',
      range: r(0, 0, 0, 3),
      severity: 'warning',
      code: 'claim.unsupported',
      message: 'one',
    });
  });

  it('does not depend on input order', () => {
    const input = [
      f('/work/review/a.md', r(1, 0, 1, 2), 'claim.unsupported', 'warning', 'b'),
      f('/work/review/a.md', r(1, 0, 1, 2), 'claim.unsupported', 'warning', 'a'),
      f('/work/review/B.md', r(0, 0, 0, 1), 'claim.unsupported', 'warning'),
    ];
    const forward = toReport(ROOT, 2, input);
    const backward = toReport(ROOT, 2, [...input].reverse());
    assert.deepStrictEqual(forward, backward);
    assert.deepStrictEqual(forward.diagnostics.map((d) => d.file + ':' + d.message), [
      'B.md:claim.unsupported here',
      'a.md:a',
      'a.md:b',
    ]);
  });
});

function sample(): CheckReport {
  return toReport(ROOT, 12, [
    f('/work/review/notes/a.md', r(0, 4, 0, 12), 'claim.unsupported', 'warning', 'Claim has no citation'),
    f('/work/review/notes/a.md', r(3, 0, 3, 10), 'citation.unresolved', 'error', 'No entry for @smith2020'),
    f('/work/review/refs/lib.bib', r(9, 1, 9, 8), 'reference.uncited', 'info', 'doe2019 is never cited'),
    f('/work/review/notes/b.md', r(1, 2, 1, 5), 'claim.implicit-citation', 'hint', 'Smith et al. is not cited'),
  ]);
}

describe('format: JSON', () => {
  it('exact shape for a small report', () => {
    const report = toReport(ROOT, 2, [
      f('/work/review/notes/a.md', r(0, 4, 0, 12), 'claim.unsupported', 'warning', 'Claim has no citation'),
    ]);
    const expected =
      '{\n' +
      '  "version": 1,\n' +
      '  "root": "/work/review",\n' +
      '  "diagnostics": [\n' +
      '    {\n' +
      '      "file": "notes/a.md",\n' +
      '      "range": {\n' +
      '        "start": {\n' +
      '          "line": 0,\n' +
      '          "character": 4\n' +
      '        },\n' +
      '        "end": {\n' +
      '          "line": 0,\n' +
      '          "character": 12\n' +
      '        }\n' +
      '      },\n' +
      '      "severity": "warning",\n' +
      '      "code": "claim.unsupported",\n' +
      '      "message": "Claim has no citation"\n' +
      '    }\n' +
      '  ],\n' +
      '  "summary": {\n' +
      '    "files": 2,\n' +
      '    "errors": 0,\n' +
      '    "warnings": 1,\n' +
      '    "infos": 0,\n' +
      '    "hints": 0\n' +
      '  }\n' +
      '}\n';
    assert.strictEqual(formatJson(report), expected);
  });

  it('empty report and summary counts', () => {
    assert.deepStrictEqual(JSON.parse(formatJson(toReport(ROOT, 0, []))), {
      version: 1,
      root: ROOT,
      diagnostics: [],
      summary: { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0 },
    });
    assert.deepStrictEqual(JSON.parse(formatJson(sample())).summary, { files: 12, errors: 1, warnings: 1, infos: 1, hints: 1 });
  });
});

describe('format: text', () => {
  it('one compiler-style line per diagnostic, a blank line, the summary', () => {
    assert.strictEqual(
      formatText(sample()),
      [
        'notes/a.md:1:5: warning claim.unsupported: Claim has no citation',
        'notes/a.md:4:1: error citation.unresolved: No entry for @smith2020',
        'notes/b.md:2:3: hint claim.implicit-citation: Smith et al. is not cited',
        'refs/lib.bib:10:2: info reference.uncited: doe2019 is never cited',
        '',
        '1 error, 1 warning, 1 info, 1 hint in 12 files',
        '',
      ].join('\n'),
    );
  });

  it('pluralises the summary and prints only it when clean', () => {
    assert.strictEqual(formatText(toReport(ROOT, 1, [])), '0 errors, 0 warnings, 0 infos, 0 hints in 1 file\n');
    const many = toReport(ROOT, 2, [
      f('/work/review/a.md', r(0, 0, 0, 1), 'citation.unresolved', 'error', 'x'),
      f('/work/review/a.md', r(1, 0, 1, 1), 'citation.unresolved', 'error', 'y'),
      f('/work/review/a.md', r(2, 0, 2, 1), 'reference.uncited', 'info', 'y'),
      f('/work/review/a.md', r(3, 0, 3, 1), 'reference.uncited', 'info', 'y'),
      f('/work/review/a.md', r(4, 0, 4, 1), 'claim.implicit-citation', 'hint', 'y'),
      f('/work/review/a.md', r(5, 0, 5, 1), 'claim.implicit-citation', 'hint', 'y'),
    ]);
    assert.ok(formatText(many).endsWith('\n2 errors, 0 warnings, 2 infos, 2 hints in 2 files\n'));
  });

  it('keeps a multi-line message on its line', () => {
    const report = toReport(ROOT, 1, [f('/work/review/a.md', r(0, 0, 0, 1), 'study.invalid', 'error', 'first\n  second')]);
    assert.strictEqual(formatText(report).split('\n')[0], 'a.md:1:1: error study.invalid: first second');
  });

  it('ANSI colour only when asked', () => {
    const ansi = /\u001b\[/;
    assert.ok(!ansi.test(formatText(sample())));
    assert.ok(!ansi.test(formatText(sample(), { color: false })));
    const colored = formatText(sample(), { color: true });
    assert.ok(ansi.test(colored));
    assert.strictEqual(colored.replace(/\u001b\[[0-9;]*m/g, ''), formatText(sample()));
    assert.ok(colored.includes('\u001b[31merror\u001b[0m'));
  });
});

describe('format: SARIF', () => {
  const sarif = JSON.parse(formatSarif(sample(), '1.2.3'));
  const run = sarif.runs[0];

  it('header, tool and base URI', () => {
    assert.strictEqual(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.strictEqual(sarif.version, '2.1.0');
    assert.strictEqual(sarif.runs.length, 1);
    assert.strictEqual(run.tool.driver.name, 'evidence-lens');
    assert.strictEqual(run.tool.driver.version, '1.2.3');
    assert.ok(!('informationUri' in run.tool.driver));
    assert.strictEqual(run.columnKind, 'utf16CodeUnits');
    assert.deepStrictEqual(run.originalUriBaseIds, { ROOT: { uri: 'file:///work/review/' } });
    assert.ok(formatSarif(sample(), '1').endsWith('}\n'));
  });

  it('one rule per code present, with description and default level', () => {
    assert.deepStrictEqual(run.tool.driver.rules, [
      { id: 'citation.unresolved', shortDescription: { text: CODE_DESCRIPTIONS['citation.unresolved'] }, defaultConfiguration: { level: 'error' } },
      { id: 'reference.uncited', shortDescription: { text: CODE_DESCRIPTIONS['reference.uncited'] }, defaultConfiguration: { level: 'note' } },
      { id: 'claim.unsupported', shortDescription: { text: CODE_DESCRIPTIONS['claim.unsupported'] }, defaultConfiguration: { level: 'warning' } },
      { id: 'claim.implicit-citation', shortDescription: { text: CODE_DESCRIPTIONS['claim.implicit-citation'] }, defaultConfiguration: { level: 'note' } },
    ]);
  });

  it('results: ruleId, level, message, 1-based region, relative URI', () => {
    assert.deepStrictEqual(
      run.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]),
      [
        ['claim.unsupported', 'warning'],
        ['citation.unresolved', 'error'],
        ['claim.implicit-citation', 'note'],
        ['reference.uncited', 'note'],
      ],
    );
    const first = run.results[0];
    assert.strictEqual(first.ruleIndex, 2);
    assert.deepStrictEqual(first.message, { text: 'Claim has no citation' });
    assert.deepStrictEqual(first.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'notes/a.md', uriBaseId: 'ROOT' },
          region: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 13 },
        },
      },
    ]);
    for (const res of run.results) assert.strictEqual(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  });

  it('encodes URIs and handles Windows roots', () => {
    const report = toReport('C:/My Review', 1, [f('C:/My Review/notes/a b#1.md', r(0, 0, 0, 1), 'claim.unsupported', 'warning')]);
    const out = JSON.parse(formatSarif(report, '0'));
    assert.strictEqual(out.runs[0].originalUriBaseIds.ROOT.uri, 'file:///C:/My%20Review/');
    assert.strictEqual(out.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'notes/a%20b%231.md');
  });

  it('an empty run is still valid', () => {
    const out = JSON.parse(formatSarif(toReport(ROOT + '/', 0, []), '0'));
    assert.deepStrictEqual(out.runs[0].tool.driver.rules, []);
    assert.deepStrictEqual(out.runs[0].results, []);
    assert.strictEqual(out.runs[0].originalUriBaseIds.ROOT.uri, 'file:///work/review/');
  });
});

describe('format: exit code', () => {
  const only = (s: Severity) => toReport(ROOT, 1, [f('/work/review/a.md', r(0, 0, 0, 1), 'claim.unsupported', s)]);

  it('fails at or above the threshold', () => {
    const table: [Severity, 'error' | 'warning' | 'info', 0 | 1][] = [
      ['error', 'error', 1],
      ['error', 'warning', 1],
      ['error', 'info', 1],
      ['warning', 'error', 0],
      ['warning', 'warning', 1],
      ['warning', 'info', 1],
      ['info', 'error', 0],
      ['info', 'warning', 0],
      ['info', 'info', 1],
      ['hint', 'error', 0],
      ['hint', 'warning', 0],
      ['hint', 'info', 0],
    ];
    for (const [severity, failOn, code] of table) assert.strictEqual(exitCodeFor(only(severity), failOn), code, `${severity} / ${failOn}`);
  });

  it('a clean report passes', () => {
    assert.strictEqual(exitCodeFor(toReport(ROOT, 3, []), 'info'), 0);
  });
});

describe('codes', () => {
  it('every code has a one-line description', () => {
    assert.deepStrictEqual(Object.keys(CODE_DESCRIPTIONS).sort(), [...DIAGNOSTIC_CODES].sort());
    for (const code of DIAGNOSTIC_CODES) {
      assert.ok(CODE_DESCRIPTIONS[code].length > 10 && !CODE_DESCRIPTIONS[code].includes('\n'), code);
    }
    assert.strictEqual(CODE_DESCRIPTIONS['citation.unresolved'], 'Citation key not defined in any bibliography or study record');
    assert.strictEqual(CODE_DESCRIPTIONS['citation.out-of-range'], 'Numbered citation with no matching reference-list item');
  });
});
