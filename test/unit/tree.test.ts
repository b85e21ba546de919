import * as assert from 'assert';
import { checkWorkspace } from '../../src/core/check';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config';
import type { MetadataLookup } from '../../src/core/resolver/types';
import { buildSources, buildStudies, doiUrl, filterTree, keyAt, studyRecordPath, studyRecordTemplate } from '../../src/core/tree';
import type { TreeInput, TreeNode } from '../../src/core/tree';
import type { Finding } from '../../src/core/types';
import { finding } from '../../src/core/types';
import { parseStudyRecord } from '../../src/core/studies/study';
import { loadWorkspace } from '../../src/core/workspace/load';
import { memoryFs } from './memory-fs';
import { r } from './helpers';

const HOSTILE = '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>';

const FILES: Record<string, string> = {
  '/ws/refs.bib': `@article{muller2020,
  author = {Müller, Anna and Smith, Bob},
  title = {Évaluation of psilocybin
    in depression},
  journal = {Journal of Tests},
  year = {2020},
  doi = {10.1000/abc}
}
@book{zeta2019,
  author = {Zeta, Carl},
  title = {${HOSTILE}},
  publisher = {Hostile Press},
  year = {2019}
}
@online{web2021,
  title = {A web page},
  year = {2021},
  url = {https://example.org}
}
`,
  '/ws/lib/data.json': JSON.stringify([
    { id: 'set2018', type: 'dataset', title: 'Trial data', author: [{ literal: 'Data Consortium' }], issued: { 'date-parts': [[2018]] }, DOI: '10.1000/abc' },
    { id: 'rep2017', type: 'report', title: 'A report', issued: { 'date-parts': [[2017]] } },
  ]),
  '/ws/notes/one.md': `# One

Müller found less depression [@muller2020]. Nothing else here.

The book says so [@zeta2019; @muller2020, p. 3].

A page [@web2021]. A record [@trialb].
`,
  '/ws/notes/two.md': `# Two

First claim [1]. Second claim [1, 2].

## References

1. Alpha A. A numbered source. doi:10.1000/num1
2. Beta B. Another one. doi:10.1000/num1
`,
  '/ws/studies/trial-a.yaml': `id: triala
title: Trial A
year: 2020
design: rct
population: MDD
n: 10
outcomes:
  - measure: HAM-D
    primary: true
    timepoint: week 6
    significant: false
`,
  '/ws/studies/trial-b.yaml': `id: trialb
title: Trial B
year: 2022
design: crossover-rct
population: TRD
n: 30
`,
  '/ws/studies/mice.yaml': `id: mice
year: 2021
design: animal
population: mice
species: mouse
retracted: true
`,
  '/ws/studies/meta.yaml': `id: meta
title: Meta-analysis of trials
year: 2018
design: meta-analysis
population: MDD
n: 900
`,
  '/ws/studies/same-year.yaml': `id: alpha2022
title: Alpha trial
year: 2022
design: rct
`,
};

async function fixture(extra: Finding[] = [], resolver?: MetadataLookup): Promise<TreeInput> {
  const { index } = await loadWorkspace(memoryFs(FILES), '/ws', DEFAULT_CONFIG);
  const findings = [...checkWorkspace(index, DEFAULT_CONFIG), ...extra];
  return { index, root: '/ws', findingsOf: (file) => findings.filter((f) => f.file === file), resolver };
}

/** label | description lines, indented by depth: what the user sees, in order. */
function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.label} | ${n.description ?? ''}`, ...outline(n.children, depth + 1)]);
}

const find = (nodes: readonly TreeNode[], label: string): TreeNode => {
  for (const n of nodes) {
    if (n.label === label) return n;
    const hit = n.children.length ? findOrUndefined(n.children, label) : undefined;
    if (hit) return hit;
  }
  throw new Error(`no row ${label}`);
};
const findOrUndefined = (nodes: readonly TreeNode[], label: string): TreeNode | undefined => {
  try {
    return find(nodes, label);
  } catch {
    return undefined;
  }
};

describe('sidebar: Sources', () => {
  it('groups entries by bibliography, then numbered references per note, with exact labels and order', async () => {
    assert.deepStrictEqual(outline(buildSources(await fixture())), [
      'lib/data.json | 2 entries',
      '  Trial data | Data Consortium 2018',
      '  A report | 2017',
      'refs.bib | 3 entries',
      '  Évaluation of psilocybin in depression | DOI conflict · Müller 2020 · Journal of Tests',
      '    notes/one.md:3 | Müller found less depression [@muller2020].',
      '    notes/one.md:5 | The book says so [@zeta2019; @muller2020, p. 3].',
      `  ${HOSTILE} | Zeta 2019 · Hostile Press`,
      '    notes/one.md:5 | The book says so [@zeta2019; @muller2020, p. 3].',
      '  A web page | 2021',
      '    notes/one.md:7 | A page [@web2021].',
      'Numbered references in notes | 1 note',
      '  notes/two.md | 2 references',
      '    1. Alpha A. A numbered source. doi:10.1000/num1 | 10.1000/num1',
      '      notes/two.md:3 | First claim [1].',
      '      notes/two.md:3 | Second claim [1, 2].',
      '    2. Beta B. Another one. doi:10.1000/num1 | DOI conflict · 10.1000/num1',
      '      notes/two.md:3 | Second claim [1, 2].',
    ]);
  });

  it('gives each entry its icon by type, key, DOI, file and range, and each citing place its range', async () => {
    const roots = buildSources(await fixture());
    const icons = roots.flatMap((g) => g.children).filter((n) => n.kind === 'entry').map((n) => [n.key, n.icon]);
    assert.deepStrictEqual(icons, [
      ['set2018', 'dataset'],
      ['rep2017', 'report'],
      ['muller2020', 'article-journal'],
      ['zeta2019', 'book'],
      ['web2021', 'webpage'],
    ]);
    const muller = find(roots, 'Évaluation of psilocybin in depression');
    assert.deepStrictEqual([muller.file, muller.range, muller.doi, muller.mismatched, muller.retracted], ['/ws/refs.bib', r(0, 0, 7, 1), '10.1000/abc', true, false]);
    assert.deepStrictEqual(muller.children.map((c) => [c.kind, c.file, c.range]), [
      ['citing', '/ws/notes/one.md', r(2, 30, 2, 41)],
      ['citing', '/ws/notes/one.md', r(4, 29, 4, 40)],
    ]);
    const item = find(roots, '2. Beta B. Another one. doi:10.1000/num1');
    assert.deepStrictEqual([item.kind, item.file, item.range], ['reference-item', '/ws/notes/two.md', r(7, 2, 7, 40)]);
    // Ids are unique, even for the two citing places of one sentence (reveal and expansion state rely on it).
    const ids = roots.flatMap(function ids(n): string[] {
      return [n.id, ...n.children.flatMap(ids)];
    });
    assert.deepStrictEqual([new Set(ids).size, ids.length], [18, 18]);
  });

  it('keeps a hostile title verbatim as plain text in the label and the details', async () => {
    const zeta = find(buildSources(await fixture()), HOSTILE);
    assert.strictEqual(zeta.label, HOSTILE);
    assert.deepStrictEqual(zeta.details?.[0], ['Title', HOSTILE]);
  });

  it('marks an entry retracted from a source.retracted finding at a citing place, or from the resolver', async () => {
    const atCitation = finding('source.retracted', '/ws/notes/one.md', r(6, 8, 6, 16), 'retracted (retraction list)');
    const resolver: MetadataLookup = {
      peek: (doi) =>
        doi === '10.1000/abc'
          ? { doi, status: 'found', source: 'test', fetchedAt: 0, item: { id: 'x', 'updated-by': [{ type: 'retraction', DOI: '10.1000/notice' }] } }
          : undefined,
    };
    const roots = buildSources(await fixture([atCitation], resolver));
    assert.deepStrictEqual([find(roots, 'A web page').retracted, find(roots, 'A web page').description], [true, 'Retracted · 2021']);
    assert.strictEqual(find(roots, 'Évaluation of psilocybin in depression').description, 'Retracted · DOI conflict · Müller 2020 · Journal of Tests');
    assert.strictEqual(find(roots, HOSTILE).retracted, false);
    // Without the finding and the resolver nothing is retracted.
    assert.deepStrictEqual(buildSources(await fixture()).flatMap((g) => g.children).filter((n) => n.retracted), []);
  });
});

describe('sidebar: Studies', () => {
  it('groups records by design in evidence order, newest first then by id, with outcomes then citing lines', async () => {
    assert.deepStrictEqual(outline(buildStudies(await fixture())), [
      'Meta-analyses and systematic reviews | 1 study',
      '  Meta-analysis of trials | 2018 · n=900 · MDD',
      'Randomised controlled trials | 3 studies',
      '  Alpha trial | 2022',
      '  Trial B | 2022 · n=30 · TRD',
      '    notes/one.md:7 | A record [@trialb].',
      '  Trial A | 2020 · n=10 · MDD',
      '    HAM-D | primary · week 6 · not significant',
      'Animal and in-vitro | 1 study',
      '  mice | Retracted · 2021 · mice · mouse',
    ]);
  });

  it('points a record at its id and an outcome at its list item', async () => {
    const roots = buildStudies(await fixture());
    const a = find(roots, 'Trial A');
    assert.deepStrictEqual([a.kind, a.key, a.file, a.range], ['record', 'triala', '/ws/studies/trial-a.yaml', r(0, 4, 0, 10)]);
    assert.deepStrictEqual([a.children[0].kind, a.children[0].significant, a.children[0].range?.start.line], ['outcome', false, 7]);
    assert.strictEqual(find(roots, 'mice').retracted, true);
  });

  it('shows a record without a valid design with the unspecified ones', async () => {
    const input = await fixture();
    input.index.setStudy(parseStudyRecord('id: odd\ndesign: guesswork\n', '/ws/studies/odd.yaml'));
    assert.deepStrictEqual(outline(buildStudies(input)).slice(-2), ['Other or unspecified design | 1 study', '  odd | ']);
  });
});

describe('sidebar: filter', () => {
  const labels = (nodes: TreeNode[]) => outline(nodes).map((l) => l.split(' | ')[0].trim());

  it('matches title, authors, year, key, journal and DOI ignoring case and accents, keeping matching groups only', async () => {
    const sources = buildSources(await fixture());
    const only = (q: string) => labels(filterTree(sources, q)).filter((l) => !l.startsWith('notes/'));
    assert.deepStrictEqual(only('EVALUATION'), ['refs.bib', 'Évaluation of psilocybin in depression']);
    assert.deepStrictEqual(only('muller'), ['refs.bib', 'Évaluation of psilocybin in depression']);
    assert.deepStrictEqual(only('smith'), ['refs.bib', 'Évaluation of psilocybin in depression']);
    assert.deepStrictEqual(only('2017'), ['lib/data.json', 'A report']);
    assert.deepStrictEqual(only('zeta2019'), ['refs.bib', HOSTILE]);
    assert.deepStrictEqual(only('journal of tests'), ['refs.bib', 'Évaluation of psilocybin in depression']);
    assert.deepStrictEqual(only('10.1000/ABC'), ['lib/data.json', 'Trial data', 'refs.bib', 'Évaluation of psilocybin in depression']);
    assert.deepStrictEqual(only('beta b'), ['Numbered references in notes', '2. Beta B. Another one. doi:10.1000/num1']);
    // A matching entry keeps its citing places; its group counts what is shown.
    assert.deepStrictEqual(outline(filterTree(sources, 'web page')), ['refs.bib | 1 of 3 entries', '  A web page | 2021', '    notes/one.md:7 | A page [@web2021].']);
  });

  it('matches population in studies and drops everything when nothing matches', async () => {
    const studies = buildStudies(await fixture());
    assert.deepStrictEqual(labels(filterTree(studies, 'trd')), ['Randomised controlled trials', 'Trial B', 'notes/one.md:7']);
    assert.deepStrictEqual(filterTree(studies, 'no such thing'), []);
    // Citing sentences are not matched: only the works themselves.
    assert.deepStrictEqual(filterTree(buildSources(await fixture()), 'book says'), []);
    assert.strictEqual(filterTree(studies, '  ').length, 3);
  });
});

describe('sidebar: helpers for the commands', () => {
  it('finds the key under the cursor in a note, a bibliography and a record', async () => {
    const { index } = await fixture();
    assert.strictEqual(keyAt(index, '/ws/notes/one.md', { line: 2, character: 35 }), 'muller2020');
    assert.strictEqual(keyAt(index, '/ws/notes/one.md', { line: 2, character: 5 }), undefined);
    assert.strictEqual(keyAt(index, '/ws/refs.bib', { line: 10, character: 3 }), 'zeta2019');
    assert.strictEqual(keyAt(index, '/ws/studies/trial-b.yaml', { line: 3, character: 0 }), 'trialb');
  });

  it('encodes a DOI into a doi.org link segment by segment', () => {
    assert.strictEqual(doiUrl('10.1016/S2215-0366(16)30065-7'), 'https://doi.org/10.1016/S2215-0366(16)30065-7');
    assert.strictEqual(doiUrl('10.1002/(sici)1097-4679<1>3.0.co;2-#'), 'https://doi.org/10.1002/(sici)1097-4679%3C1%3E3.0.co%3B2-%23');
  });

  it('puts a new record where the configured study globs read it', () => {
    assert.strictEqual(studyRecordPath('/ws', 'davis2021', DEFAULT_CONFIG), '/ws/studies/davis2021.yaml');
    assert.strictEqual(studyRecordPath('/ws', 'a:b/c', DEFAULT_CONFIG), '/ws/studies/a-b-c.yaml');
    const custom = mergeConfig(DEFAULT_CONFIG, { studies: ['research/records/*.yaml'] });
    assert.strictEqual(studyRecordPath('/ws', 'davis2021', custom), '/ws/research/records/davis2021.yaml');
    const suffixed = mergeConfig(DEFAULT_CONFIG, { studies: ['**/*.study.yaml'] });
    assert.strictEqual(studyRecordPath('/ws', 'davis2021', suffixed), '/ws/davis2021.study.yaml');
  });

  it('prefills a record from the entry, lists the allowed designs, and parses once filled in', async () => {
    const { index } = await fixture();
    const template = studyRecordTemplate('muller2020', index.entries('muller2020')[0].csl);
    assert.strictEqual(
      template.text,
      [
        'id: muller2020',
        'doi: 10.1000/abc',
        'title: Évaluation of psilocybin in depression',
        'year: 2020',
        '# design: one of rct | crossover-rct | non-randomised | open-label | cohort | case-control | case-series | case-report | animal | in-vitro | systematic-review | meta-analysis | narrative-review | other',
        'design: ',
        '# population: free text; common codes: TRD, MDD, cancer-distress, healthy',
        'population: ',
        'species: human',
        '# n: participants analysed (a number)',
        'n: ',
        'retracted: false',
        '',
      ].join('\n'),
    );
    assert.strictEqual(template.text.split('\n')[template.cursorLine], 'design: ');
    const filled = template.text.replace(/^design: $/m, 'design: rct').replace(/^population: $/m, 'population: MDD').replace(/^n: $/m, 'n: 12');
    const parsed = parseStudyRecord(filled, '/ws/studies/muller2020.yaml');
    assert.deepStrictEqual(parsed.findings, []);
    assert.deepStrictEqual([parsed.record?.design, parsed.record?.n, parsed.record?.doi], ['rct', 12, '10.1000/abc']);
    // A hostile title is quoted by the YAML library, not interpreted.
    const hostile = studyRecordTemplate('zeta2019', index.entries('zeta2019')[0].csl);
    assert.strictEqual(parseStudyRecord(hostile.text, '/ws/studies/zeta2019.yaml').record?.title, HOSTILE);
  });
});
