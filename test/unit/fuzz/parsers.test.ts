import * as assert from 'assert';
import { TARGETS } from './harness';

// A small budget so `npm test` stays fast; `npm run fuzz` runs the same properties for minutes.
const RUNS: Record<string, number> = { checker: 50 };

describe('fuzz: parsers and checker keep their properties on random and mutated input', () => {
  for (const target of TARGETS) {
    it(`${target.name}: no exception, within the time bound, every range inside its document`, async () => {
      const summary = await target.run({ numRuns: RUNS[target.name] ?? 150 });
      assert.strictEqual(summary.failure, undefined, `seed ${summary.seed}: ${JSON.stringify(summary.failure, null, 1)}`);
      assert.strictEqual(summary.numRuns, RUNS[target.name] ?? 150);
    });
  }
});
