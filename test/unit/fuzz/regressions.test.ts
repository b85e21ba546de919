import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TARGETS } from './harness';

// Every input the fuzzer ever broke a property with, named `<target>.<what>.<ext>`, replayed.
const DIR = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'fuzz');

describe('fuzz regressions (test/fixtures/fuzz)', () => {
  const files = fs.readdirSync(DIR).sort();
  it('holds at least one fixture, each named after a target', () => {
    assert.ok(files.length > 0);
    for (const f of files) assert.ok(TARGETS.some((t) => (t.replay || t.replayAsync) && t.name === f.split('.')[0]), f);
  });
  for (const file of files) {
    const target = TARGETS.find((t) => t.name === file.split('.')[0]);
    it(file, async () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      target?.replay?.(text);
      await target?.replayAsync?.(text);
    });
  }
});
