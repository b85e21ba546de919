import * as assert from 'assert';
import * as path from 'path';
import { parseBibtex } from '../../src/core/bibliography/bibtex';
import { parseCslJson } from '../../src/core/bibliography/csl-json';
import { parseRis } from '../../src/core/bibliography/ris';
import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { libraryItems } from '../../src/core/format/library-items';
import type { CslItem } from '../../src/core/types';
import { loadWorkspace } from '../../src/core/workspace/load';
import { runCli } from '../../src/cli/main';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import * as fs from 'fs';
import { titleOf } from '../../src/core/format/describe';

const repo = path.join(__dirname, '../../..');
const example = path.join(repo, 'examples/psilocybin-review');

async function run(args: string[], cwd = example) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTty: false });
  return { code, stdout, stderr };
}

/** [key, title, DOI] of what the index of the example holds, the facts an export must keep. */
async function indexFacts(): Promise<string[][]> {
  const config = parseConfig(fs.readFileSync(path.join(example, 'evidence-lens.yaml'), 'utf8')).config ?? DEFAULT_CONFIG;
  const { index } = await loadWorkspace(nodeFileSystem, toCorePath(example), config);
  return libraryItems(index).map(facts);
}

/** The title as text: a BibTeX export braces capitals, which read back as case protection. */
function facts(item: CslItem): string[] {
  return [item.id, titleOf(item), String(item.DOI ?? '').toLowerCase()];
}

const PROBLEMS = [
  'references.bib:93:3: error bibliography.invalid: Field \'title\' in entry \'nutt2020\' is missing \'=\' before its value.',
  'references.bib:132:19: warning reference.duplicate-doi: Entries \'goodwin2022\' and \'goodwin2022dup\' have the same DOI 10.1056/NEJMoa2206443.',
  'studies/broken-example.yaml:8:4: error study.invalid: n must be a whole number ≥ 0, got \'twenty\'',
  '',
  '2 errors, 1 warning, 0 infos, 0 hints in 13 files',
  '',
].join('\n');

describe('evidence-lens export (CLI)', () => {
  it('prints CSL-JSON that our parser reads back with the index’s keys, titles and DOIs; problems on stderr; exit 1', async () => {
    const { code, stdout, stderr } = await run(['export']);
    assert.strictEqual(code, 1);
    assert.strictEqual(stderr, PROBLEMS);
    const back = parseCslJson(stdout, '/x/export.json');
    assert.deepStrictEqual(back.findings, []);
    const expected = await indexFacts();
    assert.strictEqual(expected.length, 18);
    assert.deepStrictEqual(
      back.entries.map((e) => facts(e.csl)),
      expected,
    );
    assert.strictEqual(back.entries[0].key, 'carhart-harris2016');
    assert.strictEqual(back.entries.at(-1)!.key, 'broken-example'); // a study record no bibliography entry describes
  });

  it('decodes LaTeX in titles and keeps case-protection braces as CSL nocase spans', async () => {
    const items = JSON.parse((await run(['export'])).stdout) as CslItem[];
    assert.strictEqual(
      items.find((i) => i.id === 'mithoefer2019')!.title,
      '<span class="nocase">MDMA</span>-assisted psychotherapy for treatment of <span class="nocase">PTSD</span>: study design and rationale for phase 3 trials based on pooled analysis of six phase 2 randomized controlled trials',
    );
  });

  it('prints BibTeX that our BibTeX parser reads back with the same keys, titles and DOIs', async () => {
    const { code, stdout } = await run(['export', '--format', 'bibtex']);
    assert.strictEqual(code, 1);
    const back = parseBibtex(stdout, '/x/export.bib');
    assert.deepStrictEqual(back.findings, []);
    assert.deepStrictEqual(
      back.entries.map((e) => facts(e.csl)),
      await indexFacts(),
    );
  });

  it('prints RIS that our RIS parser reads back with the same keys and titles', async () => {
    const { stdout } = await run(['export', '--format', 'ris']);
    const back = parseRis(stdout, '/x/export.ris');
    assert.deepStrictEqual(back.findings, []);
    assert.deepStrictEqual(
      back.entries.map((e) => facts(e.csl).slice(0, 2)),
      (await indexFacts()).map((f) => f.slice(0, 2)),
    );
  });

  it('--cited-only exports exactly the works some note cites, in library order', async () => {
    const { stdout } = await run(['export', '--cited-only']);
    assert.deepStrictEqual(
      (JSON.parse(stdout) as CslItem[]).map((i) => i.id),
      ['carhart-harris2016', 'carhart-harris2018', 'griffiths2016', 'ross2016', 'davis2021', 'gukasyan2022', 'vollenweider2020', 'carhart-harris2021', 'goodwin2022', 'raison2023', 'shao2021', 'mithoefer2019', 'furukawa2014', 'hopkins2020release', 'hamilton2020npr', 'dolan2021psypost'],
    );
  });

  it('prints formatted text in APA by default, and Harvard as harvard or harvard1', async () => {
    const apa = (await run(['export', '--format', 'text', '--cited-only'])).stdout.split('\n');
    assert.ok(
      apa.includes(
        'Davis, A. K., Barrett, F. S., May, D. G., & Cosimano, M. P. (2021). Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial. JAMA Psychiatry, 78(5), 481–489. https://doi.org/10.1001/jamapsychiatry.2020.3285',
      ),
    );
    const harvard = (await run(['export', '--format=text', '--style=harvard'])).stdout;
    assert.strictEqual((await run(['export', '--format', 'text', '--style', 'harvard1'])).stdout, harvard);
    assert.ok(
      harvard.includes(
        'Davis, A.K. et al. (2021) “Effects of psilocybin-assisted therapy on major depressive disorder: a randomized clinical trial,” JAMA Psychiatry, 78(5), pp. 481–489. doi:10.1001/jamapsychiatry.2020.3285.\n',
      ),
      harvard,
    );
  });

  it('formats with a .csl file', async () => {
    const style = path.join(repo, 'test/fixtures/styles/minimal.csl');
    const { stdout } = await run(['export', '--format', 'text', '--style', style, '--cited-only']);
    assert.ok(stdout.includes('EFFECTS OF PSILOCYBIN-ASSISTED THERAPY ON MAJOR DEPRESSIVE DISORDER: A RANDOMIZED CLINICAL TRIAL — JAMA Psychiatry\n'), stdout);
  });

  it('exits 2 with a message for a bad --style, a missing or non-CSL style file, and a bad --format', async () => {
    const bad = await run(['export', '--format', 'text', '--style', 'chicago']);
    assert.strictEqual(bad.code, 2);
    assert.ok(bad.stderr.startsWith("evidence-lens: --style must be one of apa, vancouver, harvard, harvard1 or a .csl file; got 'chicago'.\n"), bad.stderr);
    assert.strictEqual(bad.stdout, '');
    const missing = await run(['export', '--format', 'text', '--style', 'nowhere.csl']);
    assert.deepStrictEqual([missing.code, missing.stderr, missing.stdout], [2, 'evidence-lens: cannot read style nowhere.csl\n', '']);
    const notCsl = await run(['export', '--format', 'text', '--style', path.join(repo, 'test/fixtures/bibtex/psilocybin.bib').replace(/\.bib$/, '.bib.csl')]);
    assert.strictEqual(notCsl.code, 2);
    const format = await run(['export', '--format', 'docx']);
    assert.strictEqual(format.code, 2);
    assert.ok(format.stderr.startsWith("evidence-lens: --format must be one of csl-json, bibtex, biblatex, ris, text; got 'docx'.\n"));
  });

  it('exits 0 when the inputs have warnings but no error, still printing them', async () => {
    const { code, stdout, stderr } = await run(['export', path.join(repo, 'test/fixtures/bibtex/psilocybin.bib')], repo);
    assert.deepStrictEqual(
      [code, stderr],
      [
        0,
        "test/fixtures/bibtex/psilocybin.bib:12:10: warning reference.duplicate-doi: Entries 'carhart-harris2016' and 'carhartharris2016' have the same DOI 10.1016/S2215-0366(16)30065-7.\n\n0 errors, 1 warning, 0 infos, 0 hints in 1 file\n",
      ],
    );
    assert.ok((JSON.parse(stdout) as CslItem[]).length > 0);
  });
});
