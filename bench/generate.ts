/**
 * Writes a realistic review workspace for the bench: BibTeX libraries of several sizes, study
 * records and notes, all from a fixed seed. Entries mix what real exports hold (accented and
 * particle names, braces and LaTeX in titles, @string journals, month macros, DOIs, abstracts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Random } from './random';

const FAMILIES = [
  'Smith', 'M{\\"u}ller', 'Garc{\\\'\\i}a', 'van der Berg', 'de la Cruz', 'O\'Brien', 'Nguyễn', '{\\O}stergaard',
  'Kowalski', 'Dupont', 'Schr{\\"o}der', 'Carhart-Harris', 'Johnson', 'Rossi', 'Tanaka', 'Ivanov', 'Lefèvre',
  'd\'Alembert', 'von Neumann', 'Nu{\\~n}ez', '{\\v{C}}ech', 'Andersson', 'Kim', 'Chen', 'Okafor', 'Silva',
  'Brown', 'Wilson', 'Moreau', 'Bj{\\"o}rk', 'Ha{\\ss}ler', 'Fran{\\c{c}}ois', '{\\.I}nan', 'Petrov', 'Singh',
];
const GIVENS = ['J.', 'Maria', 'Robin L.', 'Jos{\\\'e}', 'A. K.', 'Zo{\\"e}', 'Fran\\c{c}oise', 'Li', 'Peter', 'Ana', 'Jörg', 'S{\\o}ren', 'Mei', 'Olu'];
const CORPORATE = ['{World Health Organization}', '{National Institute for Health and Care Excellence}', '{Cochrane Collaboration}'];
const TOPICS = ['psilocybin', 'ketamine', 'escitalopram', 'mindfulness', 'exercise', 'cognitive behavioural therapy', 'esketamine', 'MDMA', 'lithium', 'sertraline'];
const CONDITIONS = ['major depressive disorder', 'treatment-resistant depression', 'generalised anxiety', 'PTSD', 'alcohol use disorder', 'bipolar depression', 'obsessive-compulsive disorder'];
const TITLE_FORMS = [
  (t: string, c: string) => `Effects of ${t} on {${c.toUpperCase().slice(0, 3)}} symptoms: a randomized controlled trial`,
  (t: string, c: string) => `{${cap(t)}} versus placebo in ${c}: a {\\textit{post hoc}} analysis`,
  (t: string, c: string) => `The 5-{HT}$_{2A}$ receptor and ${t} response in ${c}`,
  (t: string, c: string) => `Long-term outcomes of ${t} for ${c} -- a 12-month follow-up`,
  (t: string, c: string) => `{${cap(t)}} \\& psychotherapy in ${c}: systematic review and meta-analysis`,
  (t: string, c: string) => `Dose--response of ${t} in {${c}}: results from the {ACT-${t.length}} study`,
];
const JOURNALS: [string, string][] = [
  ['jpsych', 'Journal of Psychopharmacology'],
  ['lancetpsy', 'The Lancet Psychiatry'],
  ['nejm', 'New England Journal of Medicine'],
  ['jamapsy', 'JAMA Psychiatry'],
  ['biolpsy', 'Biological Psychiatry'],
];
const PLAIN_JOURNALS = ['Psychological Medicine', 'Neuropsychopharmacology', 'BMJ', 'Journal of Affective Disorders', 'Frontiers in Psychiatry', 'Translational Psychiatry'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WORDS = (
  'participants were randomised to receive the intervention or control and outcomes were assessed at baseline week ' +
  'month follow-up with validated scales the primary outcome was change in depression severity secondary outcomes ' +
  'included response remission anxiety quality of life and adverse events analyses followed the intention to treat ' +
  'principle with mixed models for repeated measures results showed a significant reduction compared with placebo'
).split(' ');
const DESIGNS = ['rct', 'open-label', 'cohort', 'case-control', 'systematic-review', 'meta-analysis', 'crossover'];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function asciiKey(s: string): string {
  return s.replace(/\\[a-zA-Z]+|\\.|[{}'"]/g, '').normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase() || 'anon';
}

export interface GeneratedEntry {
  key: string;
  doi?: string;
  year: number;
  firstFamily: string;
  title: string;
}

export interface GeneratedWorkspace {
  root: string;
  /** BibTeX files by entry count (outside the workspace folder). */
  libraries: Map<number, string>;
  workspace: string;
  notes: string[];
  bigNote: string;
  entries: GeneratedEntry[];
}

function sentence(r: Random, min: number, max: number): string {
  const n = r.int(min, max);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  return cap(words.join(' ')) + '.';
}

function bibEntry(r: Random, i: number, used: Set<string>): { text: string; meta: GeneratedEntry } {
  const year = r.int(1985, 2025);
  const authors: string[] = [];
  if (r.chance(0.03)) authors.push(r.pick(CORPORATE));
  else {
    const count = r.int(1, 8);
    for (let a = 0; a < count; a++) authors.push(`${r.pick(FAMILIES)}, ${r.pick(GIVENS)}`);
    if (r.chance(0.2)) authors.push('others');
  }
  const first = authors[0].split(',')[0];
  let key = `${asciiKey(first.split(' ').pop() ?? first)}${year}`;
  for (let s = 0; used.has(key); s++) key = `${asciiKey(first)}${year}${String.fromCharCode(97 + (s % 26))}${s >= 26 ? s : ''}`;
  used.add(key);
  const title = r.pick(TITLE_FORMS)(r.pick(TOPICS), r.pick(CONDITIONS));
  const type = r.chance(0.85) ? 'article' : r.pick(['book', 'inproceedings', 'incollection', 'misc', 'phdthesis']);
  const doi = r.chance(0.85) ? `10.${r.int(1000, 9999)}/${r.pick(['j.jad', 'S0140-6736', 'jamapsychiatry', 'nejmoa', 'bmj'])}.${year}.${i}` : undefined;
  const fields: string[] = [`  author    = {${authors.join(' and ')}}`, `  title     = {${title}}`];
  if (type === 'article') {
    fields.push(r.chance(0.5) ? `  journal   = ${r.pick(JOURNALS)[0]}` : `  journal   = {${r.pick(PLAIN_JOURNALS)}}`);
    fields.push(`  volume    = {${r.int(1, 400)}}`, `  number    = ${r.int(1, 12)}`);
    const page = r.int(1, 2000);
    fields.push(`  pages     = {${page}--${page + r.int(3, 20)}}`);
  } else if (type === 'book' || type === 'incollection') {
    fields.push(`  publisher = {${r.pick(['Oxford University Press', 'Springer', 'Wiley \\& Sons'])}}`);
    if (type === 'incollection') fields.push(`  booktitle = {Handbook of {${cap(r.pick(TOPICS))}}}`);
  } else if (type === 'inproceedings') {
    fields.push(`  booktitle = {Proceedings of the {${year}} Congress on ${cap(r.pick(CONDITIONS))}}`);
  } else if (type === 'phdthesis') {
    fields.push(`  school    = {Universit{\\"a}t ${r.pick(['Wien', 'Z{\\"u}rich', 'M{\\"u}nchen'])}}`);
  } else {
    fields.push(`  url       = {https://example.org/${key}}`);
  }
  fields.push(r.chance(0.7) ? `  year      = {${year}}` : `  year      = ${year}`);
  if (r.chance(0.4)) fields.push(`  month     = ${r.pick(MONTHS)}`);
  if (doi) fields.push(`  doi       = {${doi}}`);
  if (r.chance(0.8)) {
    const parts: string[] = [];
    for (let s = 0; s < r.int(4, 8); s++) parts.push(sentence(r, 8, 18));
    if (r.chance(0.3)) parts.push('Effect sizes were $d = 0.{8}$ and 95\\% {CI} 0.5--1.1.');
    fields.push(`  abstract  = {${parts.join(' ')}}`);
  }
  if (r.chance(0.5)) fields.push(`  keywords  = {${r.pick(TOPICS)}, ${r.pick(CONDITIONS)}}`);
  const text = `@${type}{${key},\n${fields.join(',\n')},\n}\n`;
  return { text, meta: { key, doi, year, firstFamily: first, title } };
}

const LIBRARY_HEADER =
  '% Generated by bench/generate.ts: synthetic entries, fixed seed.\n' + JOURNALS.map(([k, v]) => `@string{${k} = {${v}}}\n`).join('') + '\n';

/** A BibTeX library of `count` generated entries (with its @string macros), and what each entry is. */
export function bibtexLibrary(count: number, seed = 20261121): { text: string; entries: GeneratedEntry[] } {
  const r = new Random(seed);
  const used = new Set<string>();
  const texts: string[] = [];
  const entries: GeneratedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const { text, meta } = bibEntry(r, i, used);
    texts.push(text);
    entries.push(meta);
  }
  return { text: LIBRARY_HEADER + texts.join('\n'), entries };
}

function writeLibraries(root: string, r: Random, sizes: number[]): { libraries: Map<number, string>; entries: GeneratedEntry[] } {
  const max = Math.max(...sizes);
  const used = new Set<string>();
  const texts: string[] = [];
  const entries: GeneratedEntry[] = [];
  for (let i = 0; i < max; i++) {
    const { text, meta } = bibEntry(r, i, used);
    texts.push(text);
    entries.push(meta);
  }
  const libraries = new Map<number, string>();
  for (const size of sizes) {
    const file = path.join(root, `library-${size}.bib`);
    fs.writeFileSync(file, LIBRARY_HEADER + texts.slice(0, size).join('\n'));
    libraries.set(size, file);
  }
  return { libraries, entries };
}

function studyRecord(r: Random, e: GeneratedEntry): string {
  const n = r.int(12, 600);
  return [
    `id: ${e.key}`,
    e.doi ? `doi: ${e.doi}` : undefined,
    `title: "${e.title.replace(/[{}\\$"]/g, '')}"`,
    `year: ${e.year}`,
    `design: ${r.pick(DESIGNS)}`,
    `population: ${r.pick(CONDITIONS)}`,
    'species: human',
    `n: ${n}`,
    `enrolled: ${n + r.int(0, 40)}`,
    `followUp: ${r.int(2, 52)} weeks`,
    'outcomes:',
    `  - measure: ${r.pick(['MADRS', 'HAM-D', 'QIDS-SR-16', 'BDI-II'])}`,
    '    primary: true',
    `    timepoint: week ${r.int(2, 12)}`,
    `    significant: ${r.chance(0.6)}`,
    `    values: ["${r.int(20, 80)}% response"]`,
    'findings:',
    `  - "${sentence(r, 8, 16)}"`,
    'retracted: false',
    '',
  ]
    .filter((l) => l !== undefined)
    .join('\n');
}

/** One markdown note of about `lines` lines: prose with pandoc and numbered citations, claims, DOIs. */
function note(r: Random, title: string, lines: number, entries: GeneratedEntry[], studies: GeneratedEntry[]): string {
  const out: string[] = ['---', `title: "${title}"`, 'bibliography: ../references.bib', '---', '', `# ${title}`, ''];
  const numbered: GeneratedEntry[] = [];
  const cite = (): string => {
    const roll = r.next();
    const key = (roll < 0.3 ? r.pick(studies) : r.pick(entries)).key;
    if (roll < 0.02) return `[@${key}missing]`;
    if (roll < 0.1) return `[@${key}, p. ${r.int(1, 300)}]`;
    if (roll < 0.2) return `[@${key}; @${r.pick(entries).key}]`;
    if (roll < 0.3) {
      numbered.push(r.pick(entries));
      return `[${numbered.length}]`;
    }
    return `[@${key}]`;
  };
  const budget = lines - 12;
  while (out.length < budget) {
    const roll = r.next();
    if (roll < 0.08) {
      out.push(`## ${cap(r.pick(TOPICS))} in ${r.pick(CONDITIONS)}`, '');
    } else if (roll < 0.13) {
      for (let i = 0; i < r.int(2, 4); i++) out.push(`- ${sentence(r, 5, 10)} ${cite()}`);
      out.push('');
    } else if (roll < 0.16) {
      const s = r.pick(studies);
      out.push('| Study | n | Design |', '|---|---|---|', `| @${s.key} | ${r.int(10, 400)} | ${r.pick(DESIGNS)} |`, '');
    } else if (roll < 0.18) {
      out.push('```', 'code block: [@notacitation] doi:10.1000/ignored', '```', '');
    } else {
      // A paragraph of wrapped prose: plain sentences, study claims and a DOI now and then.
      const text: string[] = [];
      for (let s = 0; s < r.int(2, 5); s++) {
        const kind = r.next();
        if (kind < 0.25) {
          const st = r.pick(studies);
          text.push(`${st.firstFamily.replace(/[{}\\"']/g, '')} and colleagues randomised ${r.int(12, 600)} patients with ${r.pick(CONDITIONS)} [@${st.key}].`);
        } else if (kind < 0.35) {
          text.push(`Response was ${r.int(10, 90)}% with ${r.pick(TOPICS)} against ${r.int(5, 40)}% with placebo ${cite()}.`);
        } else if (kind < 0.4) {
          text.push(`See doi:${r.pick(entries).doi ?? '10.1000/none'} for the protocol.`);
        } else if (kind < 0.45) {
          text.push(`${cap(r.pick(TOPICS))} significantly reduced symptoms in most patients.`);
        } else {
          text.push(`${sentence(r, 8, 20).slice(0, -1)} ${cite()}.`);
        }
      }
      const words = text.join(' ').split(' ');
      let line = '';
      for (const w of words) {
        if (line.length + w.length > 90) {
          out.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      if (line) out.push(line);
      out.push('');
    }
  }
  if (numbered.length) {
    out.push('## References', '');
    numbered.forEach((e, i) => out.push(`${i + 1}. ${e.firstFamily.replace(/[{}\\"']/g, '')} et al. ${e.title.replace(/[{}\\$]/g, '')}. ${e.year}. ${e.doi ? `doi:${e.doi}` : ''}`));
  }
  return out.join('\n') + '\n';
}

export interface GenerateOptions {
  seed?: number;
  sizes?: number[];
  studies?: number;
  notes?: number;
  noteLines?: number;
  bigNoteLines?: number;
  /** Entries of the workspace's own references.bib. */
  workspaceLibrary?: number;
}

export function generateWorkspace(root: string, options: GenerateOptions = {}): GeneratedWorkspace {
  const {
    seed = 20261121,
    sizes = [1000, 10000, 50000],
    studies: studyCount = 500,
    notes: noteCount = 1000,
    noteLines = 200,
    bigNoteLines = 5000,
    workspaceLibrary = 10000,
  } = options;
  const r = new Random(seed);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const { libraries, entries } = writeLibraries(root, r, [...new Set([...sizes, workspaceLibrary])]);
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(path.join(workspace, 'studies'), { recursive: true });
  fs.mkdirSync(path.join(workspace, 'notes'), { recursive: true });
  fs.copyFileSync(libraries.get(workspaceLibrary)!, path.join(workspace, 'references.bib'));
  if (!sizes.includes(workspaceLibrary)) libraries.delete(workspaceLibrary);
  const inWorkspace = entries.slice(0, workspaceLibrary);
  const studyEntries = inWorkspace.slice(0, studyCount);
  for (const e of studyEntries) fs.writeFileSync(path.join(workspace, 'studies', `${e.key}.yaml`), studyRecord(r, e));
  const notes: string[] = [];
  for (let i = 0; i < noteCount; i++) {
    const file = path.join(workspace, 'notes', `note-${String(i).padStart(4, '0')}.md`);
    fs.writeFileSync(file, note(r, `Note ${i}: ${r.pick(TOPICS)} in ${r.pick(CONDITIONS)}`, noteLines, inWorkspace, studyEntries));
    notes.push(file);
  }
  const bigNote = path.join(workspace, 'notes', 'big-review.md');
  fs.writeFileSync(bigNote, note(r, 'The whole review in one note', bigNoteLines, inWorkspace, studyEntries));
  return { root, libraries, workspace, notes, bigNote, entries };
}
