// `npm run fuzz [SECONDS]` (or FUZZ_SECONDS): the unit suite's property tests with a long budget,
// split evenly over the targets. Prints runs per target and every counterexample with the seed
// and path that replay it; exits 1 when any property failed.
import * as fs from 'fs';
import * as path from 'path';
import { TARGETS, slowest } from '../test/unit/fuzz/harness';

const DEFAULT_SECONDS = 300;

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? process.env.FUZZ_SECONDS ?? DEFAULT_SECONDS);
  if (!(seconds > 0)) throw new Error(`budget must be a number of seconds, got '${process.argv[2] ?? process.env.FUZZ_SECONDS}'`);
  const perTarget = (seconds * 1000) / TARGETS.length;
  let failed = 0;
  for (const target of TARGETS) {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() ^ (Math.random() * 0x7fffffff));
    const started = Date.now();
    const summary = await target.run({ seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: perTarget });
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (summary.failure) {
      failed++;
      console.log(`${target.name}: FAILED after ${summary.numRuns} runs in ${secs} s (seed ${summary.seed}, path "${summary.failure.path}")`);
      console.log(`  counterexample: ${summary.failure.counterexample}`);
      console.log(`  error: ${summary.failure.error}`);
    } else {
      console.log(`${target.name}: ${summary.numRuns} runs in ${secs} s, no failure (seed ${summary.seed})`);
    }
  }
  // The slowest inputs are kept (test-results/ is git-ignored) to see whether a slow case is a pattern or noise.
  const out = path.join(__dirname, '..', '..', 'test-results', 'fuzz-slowest');
  fs.mkdirSync(out, { recursive: true });
  for (const [name, { ms, texts }] of slowest) {
    const size = Object.values(texts).reduce((n, t) => n + t.length, 0);
    const file = path.join(out, `${name.replace(/\W+/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(texts));
    console.log(`slowest input, ${name}: ${ms.toFixed(1)} ms for ${size} characters (${path.relative(process.cwd(), file)})`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
