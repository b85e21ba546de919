import * as fc from 'fast-check';
import { TARGETS } from './harness';

// A small budget so `npm test` stays fast; `npm run fuzz` runs the same properties for minutes.
const RUNS: Record<string, number> = { checker: 50 };

describe('fuzz: parsers and checker keep their properties on random and mutated input', () => {
  for (const target of TARGETS) {
    it(`${target.name}: no exception, within the time bound, every range inside its document`, async () => {
      await fc.assert(target.property(), { numRuns: RUNS[target.name] ?? 150 });
    });
  }
});
