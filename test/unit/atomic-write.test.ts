import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileAtomic } from '../../src/core/atomic-write';

const HELPER = path.join(__dirname, '../../src/core/atomic-write.js');
const OLD = Buffer.alloc(3 * 1024 * 1024, 'old file, every byte of it must survive\n');
const NEW = Buffer.alloc(8 * 1024 * 1024, 'new text, complete or not at all\n');

/**
 * Spawns a node child that writes NEW over `file` (through the helper, or with a plain
 * fs.writeFile as the control) and SIGKILLs it `delayMs` after it says it starts.
 */
function writeAndKill(file: string, how: 'atomic' | 'plain', delayMs: number): Promise<void> {
  const script = `
    const fs = require('fs');
    const data = Buffer.alloc(${NEW.length}, ${JSON.stringify(NEW.subarray(0, 33).toString())});
    process.stdout.write('go\\n');
    ${how === 'atomic' ? `require(${JSON.stringify(HELPER)}).writeFileAtomic(${JSON.stringify(file)}, data)` : `fs.promises.writeFile(${JSON.stringify(file)}, data)`}
      .then(() => process.stdout.write('done\\n'));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

type Outcome = 'old' | 'new' | 'torn';

function outcome(file: string): Outcome {
  const now = fs.readFileSync(file);
  if (now.equals(OLD)) return 'old';
  if (now.equals(NEW)) return 'new';
  return 'torn';
}

async function killRuns(dir: string, how: 'atomic' | 'plain', runs: number, untilTorn = false): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { old: 0, new: 0, torn: 0 };
  for (let i = 0; i < runs && !(untilTorn && counts.torn); i++) {
    const file = path.join(dir, `refs-${how}-${i}.bib`);
    fs.writeFileSync(file, OLD);
    await writeAndKill(file, how, Math.floor(Math.random() * 40));
    counts[outcome(file)]++;
  }
  return counts;
}

describe('writeFileAtomic', function () {
  this.timeout(120000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a child killed at random points mid-write leaves the old file intact or the new one complete, never torn', async () => {
    const counts = await killRuns(dir, 'atomic', 25);
    console.log(`      atomic, 25 kills: ${JSON.stringify(counts)}`);
    assert.strictEqual(counts.torn, 0);
    assert.ok(counts.old > 0, 'some kill must land before the rename, or the test proves nothing');
  });

  it('control: the same kills tear a plain fs.writeFile (so the test above can fail)', async () => {
    const counts = await killRuns(dir, 'plain', 100, true);
    console.log(`      plain writeFile, kills until the first torn file: ${JSON.stringify(counts)}`);
    assert.ok(counts.torn > 0);
  });

  it('keeps the mode, follows a symlink, and leaves no temp file behind', async () => {
    const real = path.join(dir, 'real.bib');
    fs.writeFileSync(real, 'old');
    fs.chmodSync(real, 0o640);
    fs.symlinkSync(real, path.join(dir, 'link.bib'));
    await writeFileAtomic(path.join(dir, 'link.bib'), 'new');
    assert.strictEqual(fs.readFileSync(real, 'utf8'), 'new');
    assert.strictEqual(fs.statSync(real).mode & 0o777, 0o640);
    assert.ok(fs.lstatSync(path.join(dir, 'link.bib')).isSymbolicLink());
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['link.bib', 'real.bib']);
  });

  it('creates a file that does not exist, and on failure removes its temp file and keeps the original', async () => {
    await writeFileAtomic(path.join(dir, 'fresh.json'), Buffer.from('[]'));
    assert.strictEqual(fs.readFileSync(path.join(dir, 'fresh.json'), 'utf8'), '[]');
    fs.mkdirSync(path.join(dir, 'folder.bib'));
    await assert.rejects(writeFileAtomic(path.join(dir, 'folder.bib'), 'x'));
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['folder.bib', 'fresh.json']);
  });
});
