// Worker thread entry (bundled as dist/parse-worker.js): parses one bibliography per message and
// sends the entries back as serialised batches. Node delivers every queued message in one turn of
// the receiving loop, so plain objects would all be deserialised at once (700 ms for 10,000
// entries); bytes cost nothing to receive and the host deserialises one batch per turn.
import { serialize } from 'v8';
import { parentPort } from 'worker_threads';
import { parseBibliography } from '../../core/bibliography';
import type { BibliographyRequest, BibliographyReply } from './bibliography-worker';

const BATCH = 100;

parentPort?.on('message', ({ id, file, text }: BibliographyRequest) => {
  const parsed = parseBibliography(text, file);
  const batches: Uint8Array[] = [];
  for (let i = 0; i < parsed.entries.length; i += BATCH) batches.push(serialize(parsed.entries.slice(i, i + BATCH)));
  parentPort!.postMessage({ id, format: parsed.format, findings: parsed.findings, batches } satisfies BibliographyReply, batches.map((b) => b.buffer as ArrayBuffer));
});
