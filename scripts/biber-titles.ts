// `node out/scripts/biber-titles.js DIR [--out FILE] [--jobs N]`: titles as biber (the reference
// BibLaTeX implementation) reads them against ours, over every .bib under DIR. Needs `biber` on
// the PATH (Debian: `apt-get install biber`). Each file goes through `biber --tool` with UTF-8
// output, which decodes accents and special letters but keeps markup, math and braces; a title is
// compared only where biber's, without braces, holds no LaTeX any more (no `\`, `$`, `~`, `--`,
// ``` `` ```), after NFC and whitespace normalisation. Disagreements go to FILE for reading.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { parseBibliography } from '../src/core/bibliography';
import { decodeText } from '../src/core/workspace/file-limits';
import { listBib, normaliseTitle } from './bib-corpus-lib';

/** `biber --tool` on a copy of the file (biber writes beside its input); the output text, or undefined. */
function biberTool(file: string, work: string): Promise<string | undefined> {
  const input = path.join(work, 'in.bib');
  const output = path.join(work, 'out.bib');
  fs.copyFileSync(file, input);
  fs.rmSync(output, { force: true });
  return new Promise((resolve) => {
    execFile('biber', ['--tool', '--quiet', '--output-encoding=UTF-8', `--output-file=${output}`, input], { cwd: work, timeout: 120_000 }, () => {
      resolve(fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : undefined);
    });
  });
}

/** A braced field biber wrote (`  NAME = {…},`), raw, or undefined. */
function biberField(body: string, name: string): string | undefined {
  const t = new RegExp(`^ {2}${name} = \\{`, 'm').exec(body);
  if (!t) return undefined;
  let depth = 1;
  let p = t.index + t[0].length;
  const from = p;
  for (; p < body.length && depth > 0; p++) {
    if (body[p] === '\\') p++;
    else if (body[p] === '{') depth++;
    else if (body[p] === '}') depth--;
  }
  return body.slice(from, p - 1);
}

/** Key and raw title of each entry biber wrote, a SUBTITLE after ": " as our CSL title has it. */
function biberTitles(text: string): Map<string, string> {
  const titles = new Map<string, string>();
  const starts = [...text.matchAll(/^@\w+\{(.+),$/gm)];
  starts.forEach((m, i) => {
    const body = text.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : text.length);
    const title = biberField(body, 'TITLE');
    if (title === undefined) return;
    const subtitle = biberField(body, 'SUBTITLE');
    titles.set(m[1], subtitle === undefined ? title : `${title}: ${subtitle}`);
  });
  return titles;
}

const LATEX_LEFT = /[\\$~]|--|``|''/;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: path.join('test-results', 'biber-titles.json') }, jobs: { type: 'string', default: '2' } },
  });
  const dir = positionals[0];
  if (!dir) throw new Error('usage: biber-titles DIR [--out FILE] [--jobs N]');
  const files = listBib(dir);
  const counts = { files: files.length, biberFailed: 0, titles: 0, notPlain: 0, compared: 0, agree: 0, missingOurs: 0 };
  const disagreements: { file: string; key: string; biber: string; ours: string }[] = [];
  const queue = [...files];
  const worker = async (n: number): Promise<void> => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `biber-titles-${n}-`));
    for (let file = queue.shift(); file; file = queue.shift()) {
      const rel = path.relative(dir, file);
      const out = await biberTool(file, work);
      if (out === undefined) {
        counts.biberFailed++;
        continue;
      }
      // biber keeps the first of duplicate keys; so does this map.
      const ours = new Map<string, unknown>();
      for (const e of parseBibliography(decodeText(fs.readFileSync(file)), file).entries) if (!ours.has(e.key)) ours.set(e.key, e.csl.title);
      for (const [key, raw] of biberTitles(out)) {
        counts.titles++;
        const plain = raw.replace(/[{}]/g, '');
        if (LATEX_LEFT.test(plain)) {
          counts.notPlain++;
          continue;
        }
        // biber folds key case (and keys are case-insensitive to it); look ours up both ways.
        const mine = ours.get(key) ?? [...ours].find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
        if (typeof mine !== 'string') {
          counts.missingOurs++;
          continue;
        }
        counts.compared++;
        const a = normaliseTitle(plain);
        const b = normaliseTitle(mine);
        if (a === b) counts.agree++;
        else disagreements.push({ file: rel, key, biber: a, ours: b });
      }
    }
    fs.rmSync(work, { recursive: true, force: true });
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs)) }, (_, n) => worker(n)));
  console.log(JSON.stringify(counts, null, 1));
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, JSON.stringify({ counts, disagreements }, null, 1));
  console.log(`${disagreements.length} disagreements written to ${values.out}`);
}

void main();
