// `node out/scripts/bib-corpus.js DIR [--out FILE] [--limit-ms N]`: loads every .bib under DIR
// through the loader the extension and CLI use and measures it against what the file holds and,
// where a sibling .json gives one (a Better BibTeX fixture: Zotero items), the expected parse.
// Prints a summary table; writes every per-entry mismatch to FILE (default
// test-results/bib-corpus.json) for inspection. Exits 1 when a file crashed the loader.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { parseBibliography } from '../src/core/bibliography';
import { normaliseDoi } from '../src/core/doi';
import { decodeText } from '../src/core/workspace/file-limits';
import { expectedItems, listBib, scanKeys, normaliseTitle, type ExpectedItem } from './bib-corpus-lib';

interface Mismatch {
  file: string;
  kind: 'key-missing' | 'key-extra' | 'expected-key-missing' | 'title' | 'doi' | 'unmatched-item';
  key?: string;
  expected?: string;
  actual?: string;
}

interface FileResult {
  file: string;
  ms: number;
  crashed?: string;
  entries: number;
  keysInFile: number;
  keysFound: number;
  invalid: { line: number; message: string }[];
  malformedDois: string[];
}

const DEFAULT_LIMIT_MS = 2000;

/** The Better BibTeX fixture beside a .bib (`X.json`, or a condensed `X.expected.json`). */
function siblingExpectation(bibFile: string): ExpectedItem[] | undefined {
  const base = bibFile.replace(/\.(bib|bibtex)$/i, '');
  for (const candidate of [`${base}.expected.json`, `${base}.json`]) {
    if (!fs.existsSync(candidate)) continue;
    try {
      return expectedItems(JSON.parse(fs.readFileSync(candidate, 'utf8')));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A finding's message with its particulars (quoted names, line numbers) blanked, to count kinds. */
function messageShape(message: string): string {
  return message.replace(/'[^']*'/g, "'…'").replace(/\d+/g, '…');
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: path.join('test-results', 'bib-corpus.json') }, 'limit-ms': { type: 'string' } },
  });
  const dir = positionals[0];
  if (!dir || positionals.length > 1) throw new Error('usage: bib-corpus DIR [--out FILE] [--limit-ms N]');
  const outFile = values.out;
  const limitMs = Number(values['limit-ms'] ?? DEFAULT_LIMIT_MS);
  if (!(limitMs > 0)) throw new Error(`--limit-ms must be a positive number, got '${values['limit-ms']}'`);

  const files = listBib(dir);
  const results: FileResult[] = [];
  const mismatches: Mismatch[] = [];
  let titlesCompared = 0;
  let titlesMatched = 0;
  let titlesMatchedIgnoringCase = 0;
  let doisCompared = 0;
  let doisMatched = 0;
  let expectedKeys = 0;
  let expectedKeysFound = 0;
  const started = Date.now();

  for (const file of files) {
    const rel = path.relative(dir, file);
    const text = decodeText(fs.readFileSync(file));
    const t0 = performance.now();
    let parsed;
    try {
      parsed = parseBibliography(text, file);
    } catch (err) {
      results.push({ file: rel, ms: performance.now() - t0, crashed: String(err), entries: 0, keysInFile: 0, keysFound: 0, invalid: [], malformedDois: [] });
      continue;
    }
    const ms = performance.now() - t0;
    const byKey = new Map(parsed.entries.map((e) => [e.key, e]));
    const inFile = scanKeys(text);
    const found = inFile.filter((k) => byKey.has(k));
    for (const k of inFile) if (!byKey.has(k)) mismatches.push({ file: rel, kind: 'key-missing', key: k });
    const inFileSet = new Set(inFile);
    for (const e of parsed.entries) if (!inFileSet.has(e.key)) mismatches.push({ file: rel, kind: 'key-extra', key: e.key });
    const invalid = parsed.findings
      .filter((f) => f.code === 'bibliography.invalid')
      .map((f) => ({ line: f.range.start.line + 1, message: f.message }));
    // The loader catches a parser exception and reports it as this finding: that is a crash too.
    const crashed = invalid.find((f) => f.message.startsWith('Could not read this bibliography'))?.message;
    // A DOI the file gives but the loader cannot read counts even where no expectation exists.
    const malformedDois = parsed.findings.filter((f) => f.code === 'reference.doi-malformed').map((f) => f.message);
    results.push({ file: rel, ms, crashed, entries: parsed.entries.length, keysInFile: inFile.length, keysFound: found.length, invalid, malformedDois });

    const expected = siblingExpectation(file);
    if (!expected) continue;
    // Items match entries by citation key; fixtures without keys match by position when counts agree.
    const positional = expected.every((item) => !item.key) && expected.length === parsed.entries.length;
    expected.forEach((item, i) => {
      const entry = item.key ? byKey.get(item.key) : positional ? parsed.entries[i] : undefined;
      if (item.key) {
        expectedKeys++;
        if (entry) expectedKeysFound++;
        else mismatches.push({ file: rel, kind: 'expected-key-missing', key: item.key });
      }
      if (!entry) {
        if (!item.key) mismatches.push({ file: rel, kind: 'unmatched-item', expected: item.title });
        return;
      }
      if (item.title !== undefined) {
        titlesCompared++;
        const want = normaliseTitle(item.title);
        const got = normaliseTitle(String(entry.csl.title ?? ''));
        if (want === got) titlesMatched++;
        // Better BibTeX sentence-cases titles on import; a match but for case is that convention.
        if (want.toLowerCase() === got.toLowerCase()) titlesMatchedIgnoringCase++;
        if (want !== got) mismatches.push({ file: rel, kind: 'title', key: entry.key, expected: want, actual: got });
      }
      if (item.doi !== undefined) {
        doisCompared++;
        const want = normaliseDoi(item.doi);
        const got = entry.csl.DOI ? normaliseDoi(String(entry.csl.DOI)) : '';
        if (want === got) doisMatched++;
        else mismatches.push({ file: rel, kind: 'doi', key: entry.key, expected: want, actual: got });
      }
    });
  }

  const totalMs = Date.now() - started;
  const sum = (f: (r: FileResult) => number): number => results.reduce((n, r) => n + f(r), 0);
  const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)}% (${a}/${b})`);
  const crashed = results.filter((r) => r.crashed);
  const slow = results.filter((r) => r.ms > limitMs);
  const rows: [string, string][] = [
    ['files', String(results.length)],
    ['files that crashed the loader', String(crashed.length)],
    [`files over ${limitMs} ms`, String(slow.length)],
    ['entries loaded', String(sum((r) => r.entries))],
    ['keys in files (independent scan)', String(sum((r) => r.keysInFile))],
    ['keys found', pct(sum((r) => r.keysFound), sum((r) => r.keysInFile))],
    ['expected keys (fixture .json) found', pct(expectedKeysFound, expectedKeys)],
    ['files with bibliography.invalid', String(results.filter((r) => r.invalid.length > 0).length)],
    ['bibliography.invalid findings', String(sum((r) => r.invalid.length))],
    ['reference.doi-malformed findings', String(sum((r) => r.malformedDois.length))],
    ['titles matched', pct(titlesMatched, titlesCompared)],
    ['titles matched ignoring case', pct(titlesMatchedIgnoringCase, titlesCompared)],
    ['DOIs matched', pct(doisMatched, doisCompared)],
    ['total time', `${(totalMs / 1000).toFixed(2)} s (parse ${(sum((r) => r.ms) / 1000).toFixed(2)} s)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log('\nslowest files:');
  for (const r of [...results].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${r.ms.toFixed(1).padStart(8)} ms  ${r.file}`);
  for (const r of crashed) console.log(`CRASH ${r.file}: ${r.crashed}`);
  console.log('\nbibliography.invalid findings by message (quoted names and numbers as …):');
  const byShape = new Map<string, number>();
  for (const r of results) for (const f of r.invalid) byShape.set(messageShape(f.message), (byShape.get(messageShape(f.message)) ?? 0) + 1);
  for (const [shape, n] of [...byShape].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${shape}`);

  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const withFindings = results
    .filter((r) => r.invalid.length + r.malformedDois.length > 0)
    .map((r) => ({ file: r.file, invalid: r.invalid, malformedDois: r.malformedDois }));
  const perFile = results.map(({ invalid: _i, malformedDois: _m, ...r }) => r);
  fs.writeFileSync(outFile, JSON.stringify({ summary: Object.fromEntries(rows), mismatches, findings: withFindings, files: perFile }, null, 1));
  console.log(`\nmismatches (${mismatches.length}) and findings written to ${outFile}`);
  if (crashed.length > 0) process.exitCode = 1;
}

main();
