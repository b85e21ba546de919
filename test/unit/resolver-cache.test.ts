import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MetadataCache } from '../../src/core/resolver/cache';
import type { FetchLike } from '../../src/core/resolver/http';
import { CACHE_FILE_NAME, NodeCacheStorage, userCacheDir } from '../../src/core/resolver/node-cache-storage';
import { DEFAULT_SETTINGS, Resolver } from '../../src/core/resolver/resolver';
import type { ResolvedWork } from '../../src/core/resolver/types';
import { FAULT, startFixtureServer } from '../fixtures/resolver/server';

const DAY = 24 * 3600 * 1000;
const GOODWIN = '10.1056/nejmoa2206443';

function work(doi: string, status: ResolvedWork['status'], fetchedAt: number): ResolvedWork {
  return { doi, status, source: 'doi.org', fetchedAt, ...(status === 'found' ? { item: { id: doi, title: `Title of ${doi}` } } : {}) };
}

describe('DOI cache on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'el-cache-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const stored = () => JSON.parse(fs.readFileSync(path.join(dir, CACHE_FILE_NAME), 'utf8')) as { version: number; works: ResolvedWork[] };

  it('serves answers from an earlier run when the server is down', async () => {
    const server = await startFixtureServer();
    const settings = { ...DEFAULT_SETTINGS, baseUrl: server.doiBase };
    const fetch = globalThis.fetch as unknown as FetchLike;
    const first = new Resolver({ fetch, settings, cache: new MetadataCache(new NodeCacheStorage(dir)) });
    assert.strictEqual((await first.resolve(GOODWIN)).status, 'found');
    assert.strictEqual((await first.resolve(FAULT.malformed)).status, 'error');
    await first.flush();
    await server.close();

    const second = new Resolver({ fetch, settings, cache: new MetadataCache(new NodeCacheStorage(dir)) });
    await second.ready;
    assert.strictEqual(second.peek(GOODWIN)?.item?.title, 'Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression');
    assert.strictEqual(second.peek(FAULT.malformed), undefined, 'errors are not cached');
    assert.strictEqual((await second.resolve(GOODWIN)).status, 'found', 'no request needed');
    assert.deepStrictEqual(stored().works.map((w) => w.doi), [GOODWIN]);
  });

  it('keeps found answers 30 days and negative answers 1 day', async () => {
    let now = 1_000 * DAY;
    const cache = new MetadataCache(new NodeCacheStorage(dir), { now: () => now, writeDelayMs: 0 });
    cache.set(work('10.1/found', 'found', now));
    cache.set(work('10.1/missing', 'not-found', now));
    cache.set(work('10.1/failed', 'error', now));
    assert.strictEqual(cache.get('10.1/failed'), undefined);
    now += 23 * 3600 * 1000;
    assert.strictEqual(cache.get('10.1/missing')?.status, 'not-found');
    now += 2 * 3600 * 1000;
    assert.strictEqual(cache.get('10.1/missing'), undefined, 'a DOI can be registered later');
    now += 28 * DAY;
    assert.strictEqual(cache.get('10.1/found')?.status, 'found');
    await cache.flush();
    now += 2 * DAY;
    const reloaded = new MetadataCache(new NodeCacheStorage(dir), { now: () => now });
    await reloaded.loaded;
    assert.strictEqual(reloaded.get('10.1/found'), undefined);
  });

  it('sets a corrupt cache file aside and starts a new one', async () => {
    const file = path.join(dir, CACHE_FILE_NAME);
    fs.writeFileSync(file, '{"version":1,"works":[{"doi":');
    const errors: string[] = [];
    const cache = new MetadataCache(new NodeCacheStorage(dir, () => 1234), { onError: (m) => errors.push(m), writeDelayMs: 0 });
    await cache.loaded;
    assert.deepStrictEqual(errors, ['the DOI cache was unreadable; it was set aside and a new one started']);
    assert.strictEqual(fs.readFileSync(`${file}.corrupt-1234`, 'utf8'), '{"version":1,"works":[{"doi":');
    assert.strictEqual(fs.existsSync(file), false);
    cache.set(work('10.1/new', 'found', Date.now()));
    await cache.flush();
    assert.deepStrictEqual(stored().works.map((w) => w.doi), ['10.1/new']);
  });

  it('writes through a temporary file and a rename, leaving the old file intact when that fails', async () => {
    const storage = new NodeCacheStorage(dir);
    await storage.write('old');
    const renames: [string, string][] = [];
    const original = fs.promises.rename;
    fs.promises.rename = (async (from: fs.PathLike, to: fs.PathLike) => {
      renames.push([String(from), String(to)]);
      throw new Error('disk full');
    }) as typeof fs.promises.rename;
    try {
      await assert.rejects(storage.write('new'), /disk full/);
    } finally {
      fs.promises.rename = original;
    }
    assert.strictEqual(renames.length, 1);
    assert.strictEqual(path.dirname(renames[0][0]), dir);
    assert.match(path.basename(renames[0][0]), /^doi-cache\.json\.\d+\.\d+\.\w+\.tmp$/);
    assert.strictEqual(renames[0][1], storage.file);
    assert.strictEqual(fs.readFileSync(storage.file, 'utf8'), 'old');
    assert.deepStrictEqual(fs.readdirSync(dir), [CACHE_FILE_NAME], 'the temporary file is removed');
    await storage.write('new');
    assert.strictEqual(fs.readFileSync(storage.file, 'utf8'), 'new');
    assert.deepStrictEqual(fs.readdirSync(dir), [CACHE_FILE_NAME]);
  });

  it('evicts the oldest answers beyond the size cap', async () => {
    const now = Date.now();
    const cache = new MetadataCache(new NodeCacheStorage(dir), { maxEntries: 3, writeDelayMs: 0 });
    for (let i = 0; i < 5; i++) cache.set(work(`10.1/w${i}`, 'found', now - (5 - i) * 1000));
    await cache.flush();
    assert.deepStrictEqual(stored().works.map((w) => w.doi), ['10.1/w2', '10.1/w3', '10.1/w4']);
    assert.strictEqual(cache.get('10.1/w0'), undefined);

    const bySize = new MetadataCache(new NodeCacheStorage(path.join(dir, 'small')), { maxChars: 400, writeDelayMs: 0 });
    for (let i = 0; i < 5; i++) bySize.set(work(`10.1/s${i}`, 'found', now - (5 - i) * 1000));
    await bySize.flush();
    const text = fs.readFileSync(path.join(dir, 'small', CACHE_FILE_NAME), 'utf8');
    assert.ok(text.length <= 400, `${text.length} characters`);
    const kept = (JSON.parse(text) as { works: ResolvedWork[] }).works.map((w) => w.doi);
    assert.ok(kept.length >= 1 && kept.length < 5);
    assert.strictEqual(kept[kept.length - 1], '10.1/s4', 'the newest answer stays');
  });

  it('lives in $XDG_CACHE_HOME/evidence-lens, else ~/.cache/evidence-lens', () => {
    assert.strictEqual(userCacheDir({ XDG_CACHE_HOME: '/var/tmp/c' }, '/home/u'), path.join('/var/tmp/c', 'evidence-lens'));
    assert.strictEqual(userCacheDir({}, '/home/u'), path.join('/home/u', '.cache', 'evidence-lens'));
    assert.strictEqual(userCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/u'), path.join('/home/u', '.cache', 'evidence-lens'));
  });
});
