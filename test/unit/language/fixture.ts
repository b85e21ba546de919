// A small workspace with every bibliography format, two study records and two notes, for the
// language feature tests. Line numbers in the tests refer to these texts.
import { WorkspaceIndex } from '../../../src/core/index/workspace-index';
import { indexText } from '../../../src/core/workspace/load';

export const HOSTILE = '[click](command:workbench.action.quit) <script>alert(1)</script> <img src=x onerror=alert(1)>';

export const FILES: Record<string, { kind: 'note' | 'bibliography' | 'study'; text: string }> = {
  '/ws/refs.bib': {
    kind: 'bibliography',
    text: `@article{davis2021,
  author = {Davis, Alan K. and Barrett, Frederick S. and May, Darrick G. and Cosimano, Mary P.},
  title = {Effects of Psilocybin-Assisted Therapy on Major Depressive Disorder},
  journal = {JAMA Psychiatry},
  year = {2021},
  volume = {78},
  number = {5},
  pages = {481--489},
  doi = {10.1001/jamapsychiatry.2020.3285}
}
@article{hostile2020,
  author = {Evil, Eve},
  title = {${HOSTILE}},
  year = {2020},
  doi = {10.1234/hostile(1)}
}
`,
  },
  '/ws/lib.json': {
    kind: 'bibliography',
    text: `[
  {"id": "goodwin2022", "type": "article-journal", "title": "Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression",
   "author": [{"family": "Goodwin", "given": "Guy M."}], "issued": {"date-parts": [[2022]]}, "DOI": "10.1056/NEJMoa2206443"}
]
`,
  },
  '/ws/lib.yaml': {
    kind: 'bibliography',
    text: `references:
  - id: "shao2021"
    type: article-journal
    title: Psilocybin induces rapid and persistent growth of dendritic spines
    author:
      - family: Shao
        given: Ling-Xiao
    issued:
      date-parts: [[2021]]
`,
  },
  '/ws/lib.ris': {
    kind: 'bibliography',
    text: `TY  - JOUR
ID  - ris2019
AU  - Mithoefer, Michael C.
TI  - MDMA-assisted psychotherapy for treatment of PTSD
PY  - 2019
ER  - 
`,
  },
  '/ws/studies/davis2021.yaml': {
    kind: 'study',
    text: `id: davis2021
doi: 10.1001/jamapsychiatry.2020.3285
title: "Effects of psilocybin-assisted therapy on major depressive disorder"
year: 2021
design: rct
population: MDD
n: 24
outcomes:
  - measure: GRID-HAMD
    primary: true
    timepoint: week 4
    significant: true
`,
  },
  '/ws/studies/retracted.yaml': {
    kind: 'study',
    text: `id: "gone2018"
doi: 10.5555/gone.2018
title: A retracted trial of something
design: rct
retracted: true
`,
  },
  '/ws/notes/a.md': {
    kind: 'note',
    text: `---
references:
  - id: local2020
    title: A front matter work
---
One [@davis2021] two [@davis2021; @goodwin2022, p. 3] three @davis2021 four [-@shao2021].
Mail someone@example.org. Unknown [@nokey] and [@gone2018] and [@local2020].
DOI doi:10.1001/jamapsychiatry.2020.3285 or https://doi.org/10.9999/unknown.x or 10.1234/hostile(1).
See [1] and [2,3] and [1-3].

## References

1. Davis AK. Effects of psilocybin-assisted therapy on major depressive disorder. JAMA Psychiatry. 2021. doi:10.1001/jamapsychiatry.2020.3285
2. Goodwin GM. Single-dose psilocybin. N Engl J Med. 2022. doi:10.1056/NEJMoa2206443
3. Someone. An unknown paper. doi:10.5555/nothing.here
`,
  },
  '/ws/notes/b.md': {
    kind: 'note',
    text: `Another note citing [@davis2021] and [@ris2019].
`,
  },
};

export function buildIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [file, { kind, text }] of Object.entries(FILES)) indexText(index, file, kind, text);
  return index;
}
