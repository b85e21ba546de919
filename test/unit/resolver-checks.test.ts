import * as assert from 'assert';
import * as fs from 'fs';
import { checkNote } from '../../src/core/check';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { parseCsv, parseRetractionList } from '../../src/core/resolver/retraction-list';
import type { MetadataLookup, ResolvedWork, RetractionNotice } from '../../src/core/resolver/types';
import { loadWorkspace } from '../../src/core/workspace/load';
import { fixturePath } from '../fixtures/resolver/server';
import { textAt } from './helpers';
import { memoryFs } from './memory-fs';

const WAKEFIELD = '10.1016/s0140-6736(97)11096-0';

describe('Retraction Watch list', () => {
  it('indexes retractions by the original paper DOI, naming the notice', () => {
    const { index, problems } = parseRetractionList(fs.readFileSync(fixturePath('retraction-watch.csv'), 'utf8'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual([...index.keys()], [WAKEFIELD], 'a correction is not a retraction');
    assert.deepStrictEqual(index.get(WAKEFIELD), { source: 'Retraction Watch list', noticeDoi: '10.1016/s0140-6736(10)60175-4', date: '2010-02-06' });
  });

  it('parses RFC 4180: quotes, doubled quotes, separators and newlines inside quotes, CRLF', () => {
    assert.deepStrictEqual(parseCsv('a,"b,c","say ""hi""\nthere"\r\n1,,3\n'), [
      ['a', 'b,c', 'say "hi"\nthere'],
      ['1', '', '3'],
    ]);
    assert.deepStrictEqual(parseCsv('x,y'), [['x', 'y']]);
  });

  it('says what is wrong with a file that is not the export', () => {
    assert.deepStrictEqual(parseRetractionList('DOI,Title\n10.1/x,y\n').problems, ['the retraction list has no OriginalPaperDOI column']);
  });
});

/** Answers as a resolver holds them in memory; the resolver itself is tested against a server. */
function lookupOf(works: ResolvedWork[], retractions: Record<string, RetractionNotice> = {}): MetadataLookup {
  const byDoi = new Map(works.map((w) => [w.doi, w]));
  return { peek: (doi) => byDoi.get(doi.toLowerCase()), retractionOf: (doi) => retractions[doi.toLowerCase()] };
}

const found = (doi: string, item: Record<string, unknown>): ResolvedWork => ({
  doi,
  status: 'found',
  source: 'doi.org',
  fetchedAt: 0,
  item: { id: doi, DOI: doi, ...item },
});

describe('checks with resolved metadata', () => {
  const NOTE = [
    '# Notes',
    '',
    'Open-label pilot [1]; later trial [2]; a preprint doi:10.9999/nobody-knows and 10.9999/no-answer.',
    '',
    '## References',
    '',
    '1. Carhart-Harris RL, Bolstridge M, Rucker J, et al. Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study. Lancet Psychiatry. 2016;3(7):619-627. doi:10.1016/S2215-0366(16)30065-7',
    '2. Smith J, Jones K. Ketamine infusions for bipolar depression: a pilot. J Affect Disord. 2019;245:100-105. doi:10.1056/NEJMoa2206443',
    '',
  ].join('\n');
  const BIB = '@article{wakefield1998,\n  title = {Ileal-lymphoid-nodular hyperplasia},\n  doi = {10.1016/S0140-6736(97)11096-0}\n}\n';

  async function check(lookup?: MetadataLookup, note = NOTE) {
    const ws = await loadWorkspace(memoryFs({ '/ws/notes/a.md': note, '/ws/refs.bib': BIB }), '/ws', DEFAULT_CONFIG);
    return checkNote(ws.index.note('/ws/notes/a.md')!, ws.index, DEFAULT_CONFIG, lookup).filter((f) => f.code.startsWith('reference.doi') || f.code === 'source.retracted');
  }
  const summary = (findings: Awaited<ReturnType<typeof check>>, text = NOTE) => findings.map((f) => [f.code, textAt(text, f.range), f.message]);

  const carhart = found('10.1016/s2215-0366(16)30065-7', {
    title: 'Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study',
    author: [{ family: 'Carhart-Harris', given: 'Robin L' }],
    'container-title': 'The Lancet Psychiatry',
    'container-title-short': 'Lancet Psychiatry',
    issued: { 'date-parts': [[2016, 7]] },
  });
  const goodwin = found('10.1056/nejmoa2206443', {
    title: 'Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression',
    author: [{ family: 'Goodwin', given: 'Guy M.' }],
    'container-title': 'New England Journal of Medicine',
    'container-title-short': 'N Engl J Med',
    issued: { 'date-parts': [[2022, 11, 3]] },
  });

  it('without a resolver, every DOI outside the library is unknown (as before)', async () => {
    assert.deepStrictEqual(summary(await check()).map((s) => s[0] + ' ' + s[1]), [
      'reference.doi-unknown 10.9999/nobody-knows',
      'reference.doi-unknown 10.9999/no-answer',
      'reference.doi-unknown 10.1016/S2215-0366(16)30065-7',
      'reference.doi-unknown 10.1056/NEJMoa2206443',
    ]);
  });

  it('drops doi-unknown for DOIs the resolver found, says so for 404s, and compares reference text with resolved metadata', async () => {
    const lookup = lookupOf([
      carhart,
      goodwin,
      { doi: '10.9999/nobody-knows', status: 'not-found', source: 'doi.org', fetchedAt: 0 },
      { doi: '10.9999/no-answer', status: 'error', source: 'doi.org', fetchedAt: 0, error: 'no answer within 8000 ms' },
    ]);
    assert.deepStrictEqual(summary(await check(lookup)), [
      ['reference.doi-unknown', '10.9999/nobody-knows', 'DOI 10.9999/nobody-knows is in no bibliography or study record, and doi.org does not know it.'],
      ['reference.doi-unknown', '10.9999/no-answer', 'DOI 10.9999/no-answer is in no bibliography or study record.'],
      [
        'reference.doi-mismatch',
        '10.1056/NEJMoa2206443',
        'Reference 2 says "Ketamine infusions for bipolar…" (Smith, J Affect Disord, 2019) but DOI 10.1056/NEJMoa2206443 is "Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression" (Goodwin, N Engl J Med, 2022) according to doi.org.',
      ],
    ]);
  });

  it('reports source.retracted from resolver relations and the retraction list, naming the notice', async () => {
    const text = 'Cited as [@wakefield1998] and by DOI 10.1016/S0140-6736(97)11096-0.\n';
    const notice: RetractionNotice = { source: 'Retraction Watch list', noticeDoi: '10.1016/s0140-6736(10)60175-4', date: '2010-02-06' };
    const findings = await check(lookupOf([], { [WAKEFIELD]: notice }), text);
    assert.deepStrictEqual(summary(findings, text), [
      [
        'source.retracted',
        '@wakefield1998',
        "'@wakefield1998' is a retracted work: \"Ileal-lymphoid-nodular hyperplasia\" (retraction notice 10.1016/s0140-6736(10)60175-4 of 2010-02-06, per Retraction Watch list).",
      ],
      [
        'source.retracted',
        '10.1016/S0140-6736(97)11096-0',
        'DOI 10.1016/S0140-6736(97)11096-0 is a retracted work: "Ileal-lymphoid-nodular hyperplasia" (retraction notice 10.1016/s0140-6736(10)60175-4 of 2010-02-06, per Retraction Watch list).',
      ],
    ]);
    assert.deepStrictEqual(await check(lookupOf([]), text), [], 'no notice, no finding');
  });
});
