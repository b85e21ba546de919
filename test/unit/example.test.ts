import * as assert from 'assert';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { DIAGNOSTIC_CODES } from '../../src/core/types';

const example = path.join(__dirname, '../../../examples/psilocybin-review');

describe('the example review', () => {
  it('shows every diagnostic code exactly where its README says, and nothing in the clean notes', async () => {
    let stdout = '';
    const code = await runCli(['check', example, '--format', 'json', '--offline'], {
      stdout: (s) => (stdout += s),
      stderr: () => undefined,
      cwd: example,
      isTty: false,
    });
    assert.strictEqual(code, 1);
    const report = JSON.parse(stdout);
    const found = report.diagnostics.map((d: any) => [d.file, d.range.start.line + 1, d.code]);
    assert.deepStrictEqual(found, [
      ['notes/04-mistakes.md', 15, 'citation.unresolved'],
      ['notes/04-mistakes.md', 26, 'citation.out-of-range'],
      ['notes/04-mistakes.md', 29, 'reference.doi-malformed'],
      ['notes/04-mistakes.md', 32, 'reference.doi-unknown'],
      ['notes/04-mistakes.md', 35, 'source.retracted'],
      ['notes/04-mistakes.md', 40, 'claim.unsupported'],
      ['notes/04-mistakes.md', 43, 'claim.study-mismatch'],
      ['notes/04-mistakes.md', 46, 'claim.study-mismatch'],
      ['notes/04-mistakes.md', 49, 'claim.contradicts-finding'],
      ['notes/04-mistakes.md', 52, 'claim.overstated'],
      ['notes/04-mistakes.md', 52, 'claim.overstated'],
      ['notes/04-mistakes.md', 55, 'claim.implicit-citation'],
      ['notes/04-mistakes.md', 58, 'claim.inconsistent'],
      ['notes/04-mistakes.md', 58, 'claim.study-mismatch'],
      ['notes/04-mistakes.md', 66, 'reference.duplicate-doi'],
      ['notes/04-mistakes.md', 67, 'reference.doi-mismatch'],
      ['notes/04-mistakes.md', 68, 'reference.uncited'],
      ['references.bib', 93, 'bibliography.invalid'],
      ['references.bib', 132, 'reference.duplicate-doi'],
      ['studies/broken-example.yaml', 8, 'study.invalid'],
    ]);
    assert.deepStrictEqual([...new Set(found.map((f: any[]) => f[2]))].sort(), [...DIAGNOSTIC_CODES].sort());
  });
});
