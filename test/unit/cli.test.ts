import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { textAt } from './helpers';

const repo = path.join(__dirname, '../../..');
const fixture = path.join(repo, 'test/fixtures/workspace');

async function run(args: string[], cwd = repo) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTty: false });
  return { code, stdout, stderr };
}

describe('evidence-lens check (CLI)', () => {
  it('prints SPEC JSON with ranges on the offending characters', async () => {
    const { code, stdout } = await run(['check', fixture, '--format', 'json', '--offline']);
    assert.strictEqual(code, 1);
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(Object.keys(report), ['version', 'root', 'diagnostics', 'summary']);
    assert.strictEqual(report.version, 1);
    assert.strictEqual(report.root, fixture.split(path.sep).join('/'));
    const seen = report.diagnostics.map((d: any) => {
      const text = fs.readFileSync(path.join(fixture, d.file), 'utf8');
      return [d.file, d.code, d.severity, textAt(text, d.range)];
    });
    assert.deepStrictEqual(seen, [
      ['library.bib', 'bibliography.invalid', 'error', '{'],
      ['library.bib', 'reference.duplicate-doi', 'warning', '10.1056/nejmoa2206443'],
      ['notes/numbered.md', 'citation.out-of-range', 'error', '5'],
      ['notes/numbered.md', 'reference.duplicate-doi', 'warning', '10.1056/NEJMoa2206443'],
      ['notes/numbered.md', 'reference.uncited', 'info', '4.'],
      ['notes/numbered.md', 'reference.doi-malformed', 'warning', '10.1056NEJMoa2032994'],
      ['notes/pandoc.md', 'citation.unresolved', 'error', '@davis2012'],
      ['notes/pandoc.md', 'source.retracted', 'error', '@retracted-example'],
      ['studies/broken.yaml', 'study.invalid', 'error', 'randomised'],
    ]);
    assert.deepStrictEqual(report.summary, { files: 6, errors: 5, warnings: 3, infos: 1, hints: 0 });
    assert.deepStrictEqual(report.diagnostics[0].range, { start: { line: 14, character: 12 }, end: { line: 14, character: 13 } });
  });

  it('keeps loading the entries after a broken BibTeX entry', async () => {
    const { stdout } = await run(['check', fixture, '--format', 'json', '--offline']);
    const report = JSON.parse(stdout);
    const unresolved = report.diagnostics.filter((d: any) => d.code === 'citation.unresolved').map((d: any) => d.message);
    // goodwin2022 and carhart-harris2016 come after the broken entry and still resolve.
    assert.deepStrictEqual(unresolved, ["No bibliography or study record defines '@davis2012'. Did you mean '@davis2021'?"]);
  });

  it('prints text with 1-based positions and a summary', async () => {
    const { stdout } = await run(['check', 'notes/pandoc.md', '--offline'], fixture);
    assert.strictEqual(
      stdout,
      [
        "notes/pandoc.md:9:15: error citation.unresolved: No bibliography or study record defines '@davis2012'. Did you mean '@davis2021'?",
        'notes/pandoc.md:9:52: error source.retracted: \'@retracted-example\' is a retracted work: "[Fictional example] A withdrawn psilocybin report" (study record retracted-example marks it retracted).',
        '',
        '2 errors, 0 warnings, 0 infos, 0 hints in 1 file',
        '',
      ].join('\n'),
    );
  });

  it('prints SARIF 2.1.0', async () => {
    const { stdout } = await run(['check', fixture, '--format', 'sarif', '--offline']);
    const sarif = JSON.parse(stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const first = sarif.runs[0].results[0];
    assert.strictEqual(first.ruleId, 'bibliography.invalid');
    assert.deepStrictEqual(first.locations[0].physicalLocation.region, { startLine: 15, startColumn: 13, endLine: 15, endColumn: 14 });
  });

  it('exits by --fail-on', async () => {
    const notes = path.join(fixture, 'notes/numbered.md');
    assert.strictEqual((await run(['check', notes, '--fail-on', 'error', '--offline'])).code, 1);
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'el-cli-'));
    fs.writeFileSync(path.join(clean, 'a.md'), '# Plan\n\nRead the trials.\n\n1. one\n');
    fs.writeFileSync(path.join(clean, 'b.md'), 'See [1].\n\n## References\n\n1. Some ref. doi:10.1000/xyz\n');
    assert.strictEqual((await run(['check', clean, '--fail-on', 'error', '--offline'])).code, 0);
    assert.strictEqual((await run(['check', clean, '--fail-on', 'info', '--offline'])).code, 1); // doi-unknown is info
  });

  it('exits 2 on usage and config errors', async () => {
    assert.strictEqual((await run(['check', '--format', 'xml'])).code, 2);
    assert.strictEqual((await run(['frobnicate'])).code, 2);
    assert.strictEqual((await run(['check', 'no/such/path'])).code, 2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-cfg-'));
    fs.writeFileSync(path.join(dir, 'evidence-lens.yaml'), 'rules:\n  claim.unsuported: off\n');
    const bad = await run(['check', dir]);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /evidence-lens\.yaml:2:3: config error: .*claim\.unsupported/);
  });

  it('applies rule levels from evidence-lens.yaml', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-lvl-'));
    fs.writeFileSync(path.join(dir, 'evidence-lens.yaml'), 'rules:\n  citation.unresolved: off\n  reference.doi-unknown: warning\n');
    fs.writeFileSync(path.join(dir, 'a.md'), 'Text [@nokey] and doi:10.1000/xyz.\n');
    const { stdout } = await run(['check', dir, '--format', 'json', '--offline']);
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(
      report.diagnostics.map((d: any) => [d.code, d.severity]),
      [['reference.doi-unknown', 'warning']],
    );
  });
});
