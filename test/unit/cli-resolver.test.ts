import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { fixturePath, startFixtureServer } from '../fixtures/resolver/server';
import type { FixtureServer } from '../fixtures/resolver/server';

const NOTE = [
  '# Trials',
  '',
  'The open-label pilot [1] and a later trial [2]; see also doi:10.9999/unregistered.',
  '',
  '## References',
  '',
  '1. Carhart-Harris RL, Bolstridge M, Rucker J, et al. Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study. Lancet Psychiatry. 2016;3(7):619-627. doi:10.1016/S2215-0366(16)30065-7',
  '2. Smith J, Jones K. Ketamine infusions for bipolar depression: a pilot. J Affect Disord. 2019;245:100-105. doi:10.1056/NEJMoa2206443',
  '',
].join('\n');

interface Diagnostic {
  file: string;
  code: string;
  message: string;
  range: { start: { line: number; character: number } };
}

describe('evidence-lens check with a resolver (CLI)', () => {
  let server: FixtureServer;
  let dir: string;
  let cacheHome: string;
  beforeEach(async () => {
    server = await startFixtureServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-cli-resolver-'));
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'el-cli-cache-'));
    fs.mkdirSync(path.join(dir, 'notes'));
    fs.writeFileSync(path.join(dir, 'notes/trials.md'), NOTE);
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{other2020,\n  title = {Something else},\n  doi = {10.1234/other}\n}\n');
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheHome, { recursive: true, force: true });
  });

  async function check(...extra: string[]) {
    let stdout = '';
    let stderr = '';
    const start = Date.now();
    const code = await runCli(['check', dir, '--format', 'json', ...extra], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      cwd: dir,
      isTty: false,
      env: { XDG_CACHE_HOME: cacheHome },
    });
    const diagnostics = (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics.filter((d) => d.code.startsWith('reference.doi') || d.code === 'source.retracted');
    return { code, stderr, ms: Date.now() - start, found: diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`) };
  }

  it('asks the resolver about DOIs in no bibliography: known ones are not unknown, disagreeing text is a mismatch', async () => {
    const { found, stderr } = await check('--resolver', server.doiBase);
    const host = new URL(server.doiBase).host;
    assert.deepStrictEqual(found, [
      `3 reference.doi-unknown: DOI 10.9999/unregistered is in no bibliography or study record, and ${host} does not know it.`,
      `8 reference.doi-mismatch: Reference 2 says "Ketamine infusions for bipolar…" (Smith, J Affect Disord, 2019) but DOI 10.1056/NEJMoa2206443 is "Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression" (Goodwin, N Engl J Med, 2022) according to ${host}.`,
    ]);
    assert.strictEqual(stderr, '');
    assert.deepStrictEqual(server.requests.map((r) => decodeURIComponent(r.path)).sort(), [
      '/doi/10.1016/s2215-0366(16)30065-7',
      '/doi/10.1056/nejmoa2206443',
      '/doi/10.9999/unregistered',
    ]);
    assert.ok(fs.existsSync(path.join(cacheHome, 'evidence-lens', 'doi-cache.json')));
  });

  it('makes no request with --offline', async () => {
    const { found } = await check('--resolver', server.doiBase, '--offline');
    assert.strictEqual(server.requests.length, 0);
    assert.deepStrictEqual(
      found.map((f) => f.slice(0, f.indexOf(':'))),
      ['3 reference.doi-unknown', '7 reference.doi-unknown', '8 reference.doi-unknown'],
    );
  });

  it('finishes when the server is down, and serves answers cached by an earlier run', async () => {
    await check('--resolver', server.doiBase);
    const base = server.doiBase;
    await server.close();
    const { found, stderr, ms } = await check('--resolver', base);
    assert.ok(ms < 5000, `took ${ms} ms`);
    assert.strictEqual(found.length, 2, 'the same findings as online: answers came from the cache');
    assert.strictEqual(stderr, '');

    fs.rmSync(cacheHome, { recursive: true, force: true });
    const cold = await check('--resolver', base);
    assert.ok(cold.ms < 5000, `took ${cold.ms} ms`);
    assert.deepStrictEqual(
      cold.found.map((f) => f.slice(0, f.indexOf(':'))),
      ['3 reference.doi-unknown', '7 reference.doi-unknown', '8 reference.doi-unknown'],
    );
    assert.match(cold.stderr, /^evidence-lens: 3 of 3 DOIs could not be resolved \(.*network error \(ECONNREFUSED\)\); they are reported as unknown\.\n$/);
  });

  it('reports a cited DOI on the retraction list named in evidence-lens.yaml', async () => {
    fs.copyFileSync(fixturePath('retraction-watch.csv'), path.join(dir, 'retractions.csv'));
    fs.writeFileSync(path.join(dir, 'evidence-lens.yaml'), 'retractionList: retractions.csv\n');
    fs.writeFileSync(path.join(dir, 'notes/retracted.md'), 'The old paper doi:10.1016/S0140-6736(97)11096-0 is still cited.\n');
    const { found } = await check('--offline');
    assert.ok(
      found.includes(
        '1 source.retracted: DOI 10.1016/S0140-6736(97)11096-0 is a retracted work (retraction notice 10.1016/s0140-6736(10)60175-4 of 2010-02-06, per Retraction Watch list).',
      ),
      found.join('\n'),
    );
  });
});
