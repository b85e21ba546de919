import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { FetchLike } from '../../src/core/resolver/http';
import { parseRetryAfter } from '../../src/core/resolver/http';
import { DEFAULT_SETTINGS, Resolver } from '../../src/core/resolver/resolver';
import type { ResolverOptions, ResolverSettings } from '../../src/core/resolver/resolver';
import type { ResolvedWork } from '../../src/core/resolver/types';
import { FAULT, startFixtureServer } from '../fixtures/resolver/server';
import type { FixtureServer } from '../fixtures/resolver/server';

const CARHART_HARRIS = '10.1016/S2215-0366(16)30065-7';
const GOODWIN = '10.1056/NEJMoa2206443';
const DAVIS = '10.1001/jamapsychiatry.2020.3285';
const WAKEFIELD = '10.1016/S0140-6736(97)11096-0';

const nodeFetch = globalThis.fetch as unknown as FetchLike;

describe('DOI resolver against a local HTTP server', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const make = (settings: Partial<ResolverSettings> = {}, options: Partial<ResolverOptions> = {}) =>
    new Resolver({
      fetch: nodeFetch,
      settings: { ...DEFAULT_SETTINGS, baseUrl: server.doiBase, crossrefUrl: server.crossrefBase, timeoutMs: 2000, ...settings },
      retryBaseMs: 50,
      ...options,
    });

  async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const start = Date.now();
    const value = await run();
    return { value, ms: Date.now() - start };
  }

  it('reads recorded CSL-JSON, asking with the CSL Accept header and nothing but the DOI', async () => {
    const resolver = make();
    assert.strictEqual(resolver.peek(CARHART_HARRIS), undefined);
    const work = await resolver.resolve(CARHART_HARRIS);
    assert.strictEqual(work.status, 'found');
    assert.strictEqual(work.doi, '10.1016/s2215-0366(16)30065-7');
    assert.strictEqual(work.source, new URL(server.doiBase).host);
    assert.strictEqual(work.item?.title, 'Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study');
    assert.strictEqual(work.item?.['container-title'], 'The Lancet Psychiatry');
    assert.strictEqual(work.item?.['container-title-short'], 'Lancet Psychiatry');
    assert.deepStrictEqual(work.item?.author?.[0], { given: 'Robin L', family: 'Carhart-Harris', sequence: 'first', affiliation: [] });
    assert.deepStrictEqual(work.item?.issued, { 'date-parts': [[2016, 7]] });
    // Bulky fields that checks and bibliographies never use are not kept.
    assert.strictEqual(work.item?.['reference-count'], undefined);
    assert.strictEqual(work.item?.license, undefined);
    assert.strictEqual(resolver.peek(CARHART_HARRIS), work);

    assert.strictEqual(server.requests.length, 1);
    const req = server.requests[0];
    assert.strictEqual(decodeURIComponent(req.path), '/doi/10.1016/s2215-0366(16)30065-7');
    assert.strictEqual(req.accept, 'application/vnd.citationstyles.csl+json');
    assert.match(req.userAgent ?? '', /^EvidenceLens /);
  });

  it('treats 404 as a known answer, asked once', async () => {
    const resolver = make();
    const work = await resolver.resolve('10.9999/no-such-doi');
    assert.strictEqual(work.status, 'not-found');
    assert.strictEqual(server.count('10.9999/no-such-doi'), 1);
  });

  it('waits as Retry-After (seconds) says on 429, then answers', async () => {
    const { value, ms } = await timed(() => make().resolve(FAULT.rateLimited));
    assert.strictEqual(value.status, 'found');
    assert.strictEqual(value.item?.title, `Fixture work ${FAULT.rateLimited}`);
    assert.strictEqual(server.count(FAULT.rateLimited), 2);
    assert.ok(ms >= 900 && ms < 5000, `took ${ms} ms`);
  });

  it('honours Retry-After as an HTTP date, and caps a long wait', async () => {
    const { value, ms } = await timed(() => make({}, { maxRetryAfterMs: 200 }).resolve(FAULT.rateLimitedDate));
    assert.strictEqual(value.status, 'found');
    assert.ok(ms < 900, `the 1 s wait was capped to 200 ms; took ${ms} ms`);
    assert.strictEqual(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:30 GMT')), 30000);
    assert.strictEqual(parseRetryAfter('120', 0), 120000);
    assert.strictEqual(parseRetryAfter('soon', 0), undefined);
  });

  it('retries a 500 with back-off and keeps the later answer', async () => {
    const work = await make().resolve(FAULT.flaky);
    assert.strictEqual(work.status, 'found');
    assert.strictEqual(server.count(FAULT.flaky), 2);
  });

  it('gives up on a response that never ends at the time limit, without retrying', async () => {
    const { value, ms } = await timed(() => make({ timeoutMs: 300 }).resolve(FAULT.neverEnds));
    assert.strictEqual(value.status, 'error');
    assert.strictEqual(value.error, 'no answer within 300 ms');
    assert.ok(ms >= 250 && ms < 2000, `took ${ms} ms`);
    assert.strictEqual(server.count(FAULT.neverEnds), 1);
  });

  it('reports malformed JSON as an error', async () => {
    const work = await make().resolve(FAULT.malformed);
    assert.strictEqual(work.status, 'error');
    assert.strictEqual(work.error, 'the answer is not valid JSON');
  });

  it('stops reading a huge body at the size cap', async () => {
    const { value, ms } = await timed(() => make({}, { maxBytes: 256 * 1024 }).resolve(FAULT.huge));
    assert.strictEqual(value.status, 'error');
    assert.strictEqual(value.error, 'the answer is larger than 256 KB');
    assert.ok(ms < 5000, `took ${ms} ms`);
  });

  it('answers quickly when the server is down (connection refused), and does not retry', async () => {
    const down = http.createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise<void>((resolve) => down.close(() => resolve()));
    const { value, ms } = await timed(() => make({ baseUrl: `http://127.0.0.1:${port}/` }).resolve(GOODWIN));
    assert.strictEqual(value.status, 'error');
    assert.match(value.error ?? '', /^network error \(ECONNREFUSED\)$/);
    assert.ok(ms < 2000, `took ${ms} ms`);
  });

  it('keeps serving an earlier answer when a forced refresh gets none', async () => {
    const resolver = make();
    assert.strictEqual((await resolver.resolve(GOODWIN)).status, 'found');
    await server.close();
    const refreshed = await resolver.resolve(GOODWIN, { force: true });
    assert.strictEqual(refreshed.status, 'error', 'the refresh itself reports the failure');
    assert.match(refreshed.error ?? '', /^network error/);
    assert.strictEqual(resolver.peek(GOODWIN)?.status, 'found');
    server = await startFixtureServer(); // for afterEach
  });

  it('stops asking a resolver that gave no answer several times in a row, so a long check ends in one time limit', async () => {
    const resolver = make({ timeoutMs: 300 }, { maxConcurrent: 2, unreachableAfter: 2 });
    const dois = Array.from({ length: 22 }, (_, i) => `${FAULT.neverEnds}-${i}`);
    const { value, ms } = await timed(() => resolver.resolveMany(dois));
    assert.ok(ms < 1500, `took ${ms} ms`);
    const asked = value.filter((w) => w.error === 'no answer within 300 ms').length;
    const skipped = value.filter((w) => w.error === 'the resolver is unreachable; not asked').length;
    assert.ok(asked >= 2 && asked <= 4, `${asked} asked`);
    assert.strictEqual(asked + skipped, 22);
    assert.strictEqual(server.requests.length, asked);
    assert.strictEqual(resolver.peek(dois[21]), undefined, 'a DOI not asked has no answer to keep');
    assert.strictEqual((await resolver.resolve(DAVIS, { force: true })).status, 'found', 'a forced refresh still asks');
    assert.strictEqual((await resolver.resolve(GOODWIN)).status, 'found', 'an answer resets the count');
  });

  it('makes one request for a DOI however many callers ask at once', async () => {
    const resolver = make();
    const works = await Promise.all([resolver.resolve(DAVIS), resolver.resolve(DAVIS.toUpperCase()), resolver.resolve(`https://doi.org/${DAVIS}`)]);
    assert.ok(works.every((w) => w === works[0] && w.status === 'found'));
    assert.strictEqual(server.count(DAVIS), 1);
    await resolver.resolve(DAVIS);
    assert.strictEqual(server.count(DAVIS), 1, 'a known answer is not asked again');
  });

  it('has at most 4 requests in flight and reports progress and each answer', async () => {
    const resolver = make();
    const heard: ResolvedWork[] = [];
    resolver.onDidResolve((w) => heard.push(w));
    const progress: number[] = [];
    const dois = Array.from({ length: 10 }, (_, i) => `${FAULT.slow}-${i}`);
    const works = await resolver.resolveMany(dois, { onProgress: (done, total) => progress.push(done * 100 + total) });
    assert.strictEqual(works.length, 10);
    assert.ok(works.every((w) => w.status === 'found'));
    assert.strictEqual(server.maxInFlight, 4);
    assert.deepStrictEqual(progress, [110, 210, 310, 410, 510, 610, 710, 810, 910, 1010]);
    assert.deepStrictEqual(heard.map((w) => w.doi).sort(), [...dois].sort());
  });

  it('makes no request offline, and says so', async () => {
    const work = await make({ online: false }).resolve(GOODWIN);
    assert.strictEqual(work.status, 'error');
    assert.strictEqual(work.error, 'offline');
    assert.strictEqual(server.requests.length, 0);
  });

  it('stops at once when cancelled and keeps no answer', async () => {
    const resolver = make({ timeoutMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value, ms } = await timed(() => resolver.resolve(FAULT.neverEnds, { signal: controller.signal }));
    assert.strictEqual(value.status, 'error');
    assert.ok(ms < 1000, `took ${ms} ms`);
    assert.strictEqual(resolver.peek(FAULT.neverEnds), undefined);
  });

  it('asks Crossref first when enabled, reading retractions and sending the polite-pool address', async () => {
    const resolver = make({ crossref: true, mailto: 'reviewer@example.org' });
    const work = await resolver.resolve(WAKEFIELD);
    assert.strictEqual(work.status, 'found');
    assert.strictEqual(work.source, 'Crossref');
    assert.strictEqual(work.item?.title?.startsWith('RETRACTED: Ileal-lymphoid-nodular hyperplasia'), true);
    assert.strictEqual(work.item?.['container-title'], 'The Lancet');
    assert.deepStrictEqual(work.retractions, [{ source: 'Crossref', noticeDoi: '10.1016/s0140-6736(10)60175-4', date: '2010-02-06' }]);
    assert.deepStrictEqual(resolver.retractionOf(WAKEFIELD), work.retractions![0]);
    const req = server.requests[0];
    assert.strictEqual(decodeURIComponent(req.path), '/crossref/works/10.1016/s0140-6736(97)11096-0');
    assert.strictEqual(req.query, '?mailto=reviewer%40example.org');
    assert.match(req.userAgent ?? '', /mailto:reviewer@example\.org/);
    assert.strictEqual(server.count(WAKEFIELD), 1, 'doi.org is not asked when Crossref answered');

    // A notice's update-to relation marks the work it retracts.
    const fresh = make({ crossref: true });
    const notice = await fresh.resolve('10.1016/S0140-6736(10)60175-4');
    assert.deepStrictEqual(notice.item?.author, [{ literal: 'The Editors of The Lancet' }]);
    assert.deepStrictEqual(fresh.retractionOf(WAKEFIELD), { source: 'Crossref', noticeDoi: '10.1016/s0140-6736(10)60175-4', date: '2010-02-06' });

    // Not in Crossref: doi.org answers.
    const other = await resolver.resolve(CARHART_HARRIS);
    assert.strictEqual(other.status, 'found');
    assert.strictEqual(other.item?.['container-title-short'], 'Lancet Psychiatry');
    assert.strictEqual(server.count(CARHART_HARRIS), 2);
    assert.strictEqual(resolver.retractionOf(CARHART_HARRIS), undefined);
  });
});
