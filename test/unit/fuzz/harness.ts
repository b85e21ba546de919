// Shared by the unit suite's property tests (small budget) and `npm run fuzz` (long budget): the
// inputs fast-check generates, the mutations applied to real fixtures, and the properties every
// parser and the checker must keep on any input.
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { parseBibtex } from '../../../src/core/bibliography/bibtex';
import { parseCslJson } from '../../../src/core/bibliography/csl-json';
import { parseCslYaml } from '../../../src/core/bibliography/csl-yaml';
import { parseRis } from '../../../src/core/bibliography/ris';
import { checkWorkspace } from '../../../src/core/check';
import { DEFAULT_CONFIG, parseConfig } from '../../../src/core/config';
import { parseNote } from '../../../src/core/notes/note';
import { parseStudyRecord } from '../../../src/core/studies/study';
import type { Range } from '../../../src/core/types';
import { loadWorkspace } from '../../../src/core/workspace/load';
import { memoryFs } from '../memory-fs';

/** Repository root, found from this file whether it runs from test/ (tsc) or out/test/ (mocha). */
const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/** Every input a target gets: within this bound (measured: the slowest small input takes well under 100 ms). */
export const TIME_BOUND_MS = 2000;

function filesUnder(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(full);
    }
  };
  walk(path.join(ROOT, dir));
  return out.sort();
}

function read(files: string[]): string[] {
  return files.map((f) => fs.readFileSync(f, 'utf8'));
}

/** Real inputs the mutations start from: the fixtures and the example review. */
export const SEEDS = {
  bibtex: read([...filesUnder('test/fixtures/bibtex', ['.bib']), ...filesUnder('examples/psilocybin-review', ['.bib'])]),
  ris: read(filesUnder('test/fixtures/ris', ['.ris'])),
  cslJson: read(filesUnder('test/fixtures/csl', ['.json'])),
  cslYaml: read(filesUnder('test/fixtures/csl', ['.yaml'])),
  study: read([...filesUnder('test/fixtures/studies', ['.yaml']), ...filesUnder('examples/psilocybin-review/studies', ['.yaml'])]),
  note: read([...filesUnder('test/fixtures/workspace/notes', ['.md']), ...filesUnder('examples/psilocybin-review/notes', ['.md'])]),
  config: read(filesUnder('examples/psilocybin-review', ['evidence-lens.yaml'])),
};

/** Characters that have broken text tools before: controls, bidi overrides, BOMs, lone surrogates, odd line breaks. */
const NASTY = [
  '\0', '\r', '\r\n', '\n\r', '\u2028', '\u2029', '\u0085', '\uFEFF', '\u202E', '\u202D', '\u2066', '\u2067', '\u2069',
  '\u200B', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\uFFFD', '\uFFFF', '\t', '\\', '{', '}', '"', "'", '@', '[', ']', '---\n',
  '%', '#', '`', '```\n', '<!--', '-->', '- ', ': ', '&', '*', '|', 'TY  - ', 'ER  - ', '10.1000/', 'doi:', '[@', '@article{',
];

const nastyString = fc.array(fc.constantFrom(...NASTY), { maxLength: 8 }).map((a) => a.join(''));
/** Any UTF-16 string, lone surrogates included (fast-check's 'binary' unit keeps surrogates paired). */
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((a) => String.fromCharCode(...a));
const filler = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), anyUnits, nastyString);

type Mutation = (text: string, other: string) => string;

function at(text: string, ratio: number): number {
  return Math.floor(ratio * (text.length + 1));
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // byte flip: replace one code unit
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 0xffff })).map(
    ([p, c]) => (t: string) => { const i = at(t, p); return t.slice(0, i) + String.fromCharCode(c) + t.slice(i + 1); },
  ),
  // truncation
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((p) => (t: string) => t.slice(0, at(t, p))),
  // splice a slice of another seed in
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.nat(400)).map(
    ([p, q, n]) => (t: string, o: string) => { const i = at(t, p); const j = at(o, q); return t.slice(0, i) + o.slice(j, j + n) + t.slice(i); },
  ),
  // delete a run
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.nat(200)).map(
    ([p, n]) => (t: string) => { const i = at(t, p); return t.slice(0, i) + t.slice(i + n); },
  ),
  // duplicated braces, unbalanced quotes, random unicode
  fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.oneof(fc.constantFrom('{{{{', '}}}}', '{', '}', '"', "'", '"""', '[[', ']]'), filler)).map(
    ([p, s]) => (t: string) => { const i = at(t, p); return t.slice(0, i) + s + t.slice(i); },
  ),
  // duplicate a line
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((p) => (t: string) => {
    const lines = t.split('\n');
    const i = Math.floor(p * lines.length);
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  }),
  // line ends: all CRLF, all CR
  fc.constantFrom('\r\n', '\r').map((eol) => (t: string) => t.replace(/\r?\n/g, eol)),
);

/** A seed with up to six mutations, or text made from scratch. */
export function input(seeds: string[]): fc.Arbitrary<string> {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.constantFrom(...Object.values(SEEDS).flat()), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([seed, other, ms]) => ms.reduce((t, m) => m(t, other), seed));
  const fromScratch = fc.array(filler, { maxLength: 30 }).map((a) => a.join(''));
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: fromScratch });
}

/** Lines as VS Code counts them: \r\n, \r and \n end a line. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function isRange(v: unknown): v is Range {
  const r = v as Range;
  return typeof r === 'object' && r !== null && typeof r.start?.line === 'number' && typeof r.end?.character === 'number';
}

/** The first range found (anywhere in `value`) that lies outside its file's text, described; undefined when all fit. */
export function badRange(value: unknown, texts: Record<string, string>, file: string): string | undefined {
  const lengths = new Map(Object.entries(texts).map(([f, t]) => [f, lineLengths(t)]));
  const seen = new Set<object>();
  const visit = (v: unknown, where: string, trail: string): string | undefined => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return undefined;
    seen.add(v);
    if (isRange(v)) {
      const lines = lengths.get(where);
      if (!lines) return undefined;
      const inside = (p: { line: number; character: number }) =>
        Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.length && p.character <= lines[p.line];
      const ordered = v.start.line < v.end.line || (v.start.line === v.end.line && v.start.character <= v.end.character);
      if (!inside(v.start) || !inside(v.end) || !ordered) return `${trail} = ${JSON.stringify(v)} in ${where} (${lines.length} lines)`;
      return undefined;
    }
    const own = (v as { file?: unknown }).file;
    const next = typeof own === 'string' ? own : where;
    for (const [k, child] of Object.entries(v)) {
      if (typeof child === 'object' && child !== null && !(child instanceof Map)) {
        const problem = visit(child, next, `${trail}.${k}`);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return visit(value, file, '$');
}

/** The slowest input seen per target, for the fuzz report. */
export const slowest = new Map<string, { ms: number; texts: Record<string, string> }>();

function noteTime(name: string, ms: number, texts: Record<string, string>): void {
  if (ms > (slowest.get(name)?.ms ?? -1)) slowest.set(name, { ms, texts });
}

/** Runs `fn`, failing when it throws, exceeds the time bound, or returns a range outside the text. */
export function checked(name: string, texts: Record<string, string>, file: string, fn: () => unknown): void {
  const started = performance.now();
  const result = fn();
  const ms = performance.now() - started;
  noteTime(name, ms, texts);
  if (ms > TIME_BOUND_MS) throw new Error(`${name} took ${Math.round(ms)} ms (> ${TIME_BOUND_MS})`);
  const problem = badRange(result, texts, file);
  if (problem) throw new Error(`${name}: range outside the document: ${problem}`);
}

export interface RunOptions {
  numRuns?: number;
  seed?: number;
  /** Stops after this many ms without counting it a failure. */
  interruptAfterTimeLimit?: number;
}

export interface RunSummary {
  numRuns: number;
  seed: number;
  /** Set when a property failed: what replays it and what broke. */
  failure?: { path: string; counterexample: string; error: string };
}

export interface Target {
  name: string;
  run(options: RunOptions): Promise<RunSummary>;
  /** Checks one saved input (a regression fixture) against the same properties. */
  replay?(text: string): void;
  replayAsync?(text: string): Promise<void>;
}

async function run<Ts extends [unknown]>(property: fc.IRawProperty<Ts>, options: RunOptions): Promise<RunSummary> {
  const details = await fc.check(property, { ...options, markInterruptAsFailure: false });
  const summary: RunSummary = { numRuns: details.numRuns, seed: details.seed };
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    summary.failure = { path: details.counterexamplePath ?? '', counterexample: fc.stringify(details.counterexample), error };
  }
  return summary;
}

function parserTarget(name: string, seeds: string[], file: string, parse: (text: string, file: string) => unknown): Target {
  const replay = (text: string) => checked(name, { [file]: text }, file, () => parse(text, file));
  return { name, replay, run: (options) => run(fc.property(input(seeds), replay), options) };
}

const ROOT_DIR = '/ws';

/** CSL items whose fields hold any JSON value: the parsers must shape them before the checks read them. */
const anyShapeItems = fc
  .array(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('davis2021', 'goodwin2022', 'x'), fc.string({ maxLength: 8 })),
        type: fc.jsonValue({ maxDepth: 2 }),
        title: fc.oneof(fc.constant('Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression'), fc.jsonValue({ maxDepth: 2 })),
        author: fc.jsonValue({ maxDepth: 3 }),
        editor: fc.jsonValue({ maxDepth: 3 }),
        issued: fc.jsonValue({ maxDepth: 3 }),
        DOI: fc.oneof(fc.constantFrom('10.1056/NEJMoa2206443', '10.1001/jamapsychiatry.2020.3285'), fc.jsonValue({ maxDepth: 2 })),
        'container-title': fc.jsonValue({ maxDepth: 2 }),
        page: fc.jsonValue({ maxDepth: 2 }),
        volume: fc.jsonValue({ maxDepth: 2 }),
        URL: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['id'] },
    ),
    { maxLength: 4 },
  )
  .map((items) => JSON.stringify(items));

/** A workspace of random notes, a bibliography of each format and study records, as path → text. */
const workspace = fc
  .record({
    notes: fc.array(input(SEEDS.note), { minLength: 1, maxLength: 3 }),
    bib: input(SEEDS.bibtex),
    ris: input(SEEDS.ris),
    json: fc.oneof(input(SEEDS.cslJson), anyShapeItems),
    yaml: fc.oneof(input(SEEDS.cslYaml), anyShapeItems.map((items) => `references: ${items}\n`)),
    studies: fc.array(input(SEEDS.study), { maxLength: 4 }),
  })
  .map((w) => {
    const texts: Record<string, string> = {
      [`${ROOT_DIR}/refs.bib`]: w.bib,
      [`${ROOT_DIR}/refs.ris`]: w.ris,
      [`${ROOT_DIR}/refs.json`]: w.json,
      [`${ROOT_DIR}/references.yaml`]: w.yaml,
    };
    w.notes.forEach((t, i) => (texts[`${ROOT_DIR}/notes/n${i}.md`] = t));
    w.studies.forEach((t, i) => (texts[`${ROOT_DIR}/studies/s${i}.yaml`] = t));
    return texts;
  });

export const TARGETS: Target[] = [
  parserTarget('bibtex', SEEDS.bibtex, '/f.bib', parseBibtex),
  parserTarget('ris', SEEDS.ris, '/f.ris', parseRis),
  parserTarget('csl-json', SEEDS.cslJson, '/f.json', parseCslJson),
  parserTarget('csl-yaml', SEEDS.cslYaml, '/f.yaml', (t, f) => parseCslYaml(t, f, 'csl-yaml')),
  parserTarget('front-matter', [...SEEDS.cslYaml, ...SEEDS.note], '/f.md', (t, f) => parseCslYaml(t, f, 'front-matter')),
  parserTarget('study', SEEDS.study, '/studies/f.yaml', parseStudyRecord),
  parserTarget('note', SEEDS.note, '/f.md', parseNote),
  parserTarget('config', SEEDS.config, '/evidence-lens.yaml', (t) => parseConfig(t).problems),
  {
    name: 'checker',
    run: (options) => run(fc.asyncProperty(workspace, checkWorkspaceTexts), options),
    // A checker fixture is the JSON of its path → text map.
    replayAsync: (text) => checkWorkspaceTexts(JSON.parse(text) as Record<string, string>),
  },
];

/** Loads and checks a workspace of these texts: the properties hold for every finding in every file. */
async function checkWorkspaceTexts(texts: Record<string, string>): Promise<void> {
  const started = performance.now();
  const loaded = await loadWorkspace(memoryFs(texts), ROOT_DIR, DEFAULT_CONFIG);
  checked('checker', texts, ROOT_DIR, () => checkWorkspace(loaded.index, DEFAULT_CONFIG));
  const ms = performance.now() - started;
  noteTime('checker (load + check)', ms, texts);
  if (ms > TIME_BOUND_MS * 2) throw new Error(`load and check took ${Math.round(ms)} ms`);
}
