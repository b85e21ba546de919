// Micro-benchmark: 50,000 generated BibTeX entries converted to CSL-JSON by bibtex-csl (from the
// scanner's raw fields) and by citation-js (`citeParse`) on the same text; also the existing
// scanner alone and `parseBibtex` as a whole. Medians of several runs in this process.
// Run: node esbuild.js && node out/scripts/bench-bibtex-csl.js [entries] [runs]
//
// The scanner class is not exported from src/core/bibliography/bibtex.ts (another branch owns that
// file), so this script bundles that file in memory with added exports, and with @string parts
// kept as the lead's wiring will keep them. Nothing under src/ is modified. Bundling also makes the
// code the same as in dist/ (const enums inlined across files, no CommonJS export getters).
// Besides wall time, CPU time of this process: the machines are shared, and wall time there
// includes waiting for a core.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import type { ScannedEntryLike, ScannedPartLike } from '../src/core/bibliography/bibtex-csl/adapt';
import type { RawEntry, RawMacro, convertEntries } from '../src/core/bibliography/bibtex-csl/convert';
import type { parseBibtex } from '../src/core/bibliography/bibtex';
import { citeParse } from '../src/core/bibliography/cite';
import { generateBibtex } from '../test/unit/bibtex-generate';

interface BundledModule {
  parseBibtex: typeof parseBibtex;
  convertEntries: typeof convertEntries;
  rawEntry: (source: string, e: ScannedEntryLike) => RawEntry;
  rawMacro: (source: string, name: string, parts: readonly ScannedPartLike[]) => RawMacro;
  Scanner: new (text: string, index: unknown, file: string, findings: unknown[]) => {
    scan(): void;
    entries: ScannedEntryLike[];
    strings: { start: number; end: number; name: string; parts: ScannedPartLike[] }[];
  };
  LineIndex: new (text: string) => unknown;
}

function loadBundle(root: string): BundledModule {
  const file = path.join(root, 'src', 'core', 'bibliography', 'bibtex.ts');
  let source = fs.readFileSync(file, 'utf8');
  const from = 'p = this.value(p, macro, name, close, []);';
  const push = 'this.strings.push({ start: at, end: p + 1 });';
  if (!source.includes(from) || !source.includes(push)) throw new Error('bibtex.ts changed: update the in-memory patch');
  source = source.replace(from, 'const parts: ValuePart[] = [];\n    p = this.value(p, macro, name, close, parts);').replace(push, 'this.strings.push({ start: at, end: p + 1, name: macro, parts } as ScannedString);');
  source += `
export { Scanner, LineIndex };
export { convertEntries } from './bibtex-csl/convert';
export { rawEntry, rawMacro } from './bibtex-csl/adapt';
`;
  const out = esbuild.buildSync({
    stdin: { contents: source, resolveDir: path.dirname(file), sourcefile: 'bibtex.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const bundled = path.join(root, 'out', 'scripts', 'bibtex-scanner.bench.js');
  fs.writeFileSync(bundled, out.outputFiles[0].text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundled) as BundledModule;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Timing<T> {
  ms: number;
  cpu: number;
  all: number[];
  result: T;
}

function time<T>(runs: number, f: () => T): Timing<T> {
  const all: number[] = [];
  const cpus: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    result = undefined;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    result = f();
    all.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { ms: median(all), cpu: median(cpus), all, result: result as T };
}

function main(): void {
  const count = Number(process.argv[2] ?? 50000);
  const runs = Number(process.argv[3] ?? 5);
  const slowRuns = Math.max(1, Math.min(runs, 3));
  const root = path.join(__dirname, '..', '..');
  const text = generateBibtex(count, 42, { inbook: false });
  console.log(`${count} generated entries, ${(text.length / 1e6).toFixed(1)} MB; medians of ${runs} runs (${slowRuns} for citation-js); node ${process.version}`);

  const { Scanner, LineIndex, convertEntries, rawEntry, rawMacro, parseBibtex } = loadBundle(root);
  const scan = time(runs, () => {
    const s = new Scanner(text, new LineIndex(text), 'bench.bib', []);
    s.scan();
    return s;
  });
  const scanner = scan.result;
  const adapt = time(runs, () => ({
    entries: scanner.entries.map((e) => rawEntry(text, e)),
    macros: scanner.strings.map((s) => rawMacro(text, s.name, s.parts)),
  }));
  const { entries, macros } = adapt.result;
  const ours = time(runs, () => convertEntries(entries, macros));
  const cite = time(slowRuns, () => citeParse(text, '@biblatex/text'));
  const whole = time(slowRuns, () => parseBibtex(text, 'bench.bib'));

  const row = (name: string, t: { ms: number; cpu: number; all: number[] }) =>
    console.log(`${name.padEnd(58)} ${t.ms.toFixed(0).padStart(7)} ms wall ${t.cpu.toFixed(0).padStart(7)} ms cpu   (wall runs: ${t.all.map((x) => x.toFixed(0)).join(', ')})`);
  row('scanner (bibtex.ts Scanner.scan)', scan);
  row('adapt scanner output to raw fields', adapt);
  row('bibtex-csl convertEntries (LaTeX, names, dates, mapping)', ours);
  const pipeline = scan.ms + adapt.ms + ours.ms;
  console.log(`${'scan + adapt + convert'.padEnd(58)} ${pipeline.toFixed(0).padStart(7)} ms wall ${(scan.cpu + adapt.cpu + ours.cpu).toFixed(0).padStart(7)} ms cpu`);
  row('citation-js citeParse(text, @biblatex/text)', cite);
  row('parseBibtex today (scanner + citation-js + positions)', whole);
  console.log(`citation-js / bibtex-csl conversion: ${(cite.ms / ours.ms).toFixed(1)}x wall, ${(cite.cpu / ours.cpu).toFixed(1)}x cpu`);
  console.log(`citation-js / (scan + adapt + convert): ${(cite.ms / pipeline).toFixed(1)}x wall, ${(cite.cpu / (scan.cpu + adapt.cpu + ours.cpu)).toFixed(1)}x cpu`);
  console.log(`items: ours ${ours.result.length}, citation-js ${cite.result.length}, parseBibtex ${whole.result.entries.length}`);
}

main();
