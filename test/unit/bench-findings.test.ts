import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateWorkspace } from '../../bench/generate';
import { nodeFileSystem, toCorePath } from '../../src/cli/node-fs';
import { checkNote } from '../../src/core/check';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { parseNote } from '../../src/core/notes/note';
import { loadWorkspace } from '../../src/core/workspace/load';

/**
 * Every finding of a small workspace from the bench's generator (fixed seed), as a digest: the
 * full-check optimisations (pattern gates, the ASCII sentence splitter, the front matter scan…)
 * must not change one byte of any finding. The digest was taken before them (commit aa2dd71);
 * a change of behaviour that is meant must update it, saying why.
 */
const EXPECTED = '457662addbdaeb9101aef63e60942a4c262a0d3ee384d87c176500a99b9d1e94';

async function benchFindingsDigest(root: string): Promise<{ digest: string; count: number }> {
  const ws = generateWorkspace(root, { sizes: [300], workspaceLibrary: 300, studies: 50, notes: 15, noteLines: 120, bigNoteLines: 300 });
  const { index } = await loadWorkspace(nodeFileSystem, toCorePath(ws.workspace), DEFAULT_CONFIG);
  const notes = [...ws.notes, ws.bigNote].map((f) => ({ file: toCorePath(f), text: fs.readFileSync(f, 'utf8') }));
  const hash = createHash('sha256');
  let count = 0;
  // The texts as written, then every paragraph changed (as the bench's full check does).
  for (const variant of [notes, notes.map((n) => ({ file: n.file, text: n.text.replace(/ the /g, ' the1 ') }))]) {
    for (const n of variant) index.setNote(parseNote(n.text, n.file));
    for (const n of variant) {
      const findings = checkNote(index.note(n.file)!, index, DEFAULT_CONFIG);
      count += findings.length;
      hash.update(JSON.stringify(findings).split(toCorePath(ws.workspace)).join('<workspace>'));
    }
  }
  return { digest: hash.digest('hex'), count };
}

describe('findings of the bench workspace', () => {
  it('are byte for byte those before the full-check optimisations', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-lens-bench-findings-'));
    try {
      const { digest, count } = await benchFindingsDigest(root);
      assert.ok(count > 500, `only ${count} findings: the workspace no longer exercises the checks`);
      assert.strictEqual(digest, EXPECTED);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
