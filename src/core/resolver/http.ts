// One resolver request: time limit, size cap, retries with back-off. The network goes through
// an injected fetch-like function (Node's global fetch, VS Code's extension host fetch, or a
// test's) so src/core stays free of any particular HTTP stack.

/** The part of the WHATWG Response this module reads. */
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<FetchResponse>;

export interface HttpOptions {
  fetch: FetchLike;
  timeoutMs: number;
  /** Bodies larger than this are refused; reading stops there. */
  maxBytes: number;
  /** Retries after the first attempt, for 5xx and 429 only. */
  retries: number;
  /** First back-off wait; doubled on each retry. */
  retryBaseMs: number;
  /** Longest wait a Retry-After header can ask for; longer asks are cut to this. */
  maxRetryAfterMs: number;
  now?: () => number;
}

export type HttpOutcome =
  | { kind: 'ok'; json: unknown; status: number }
  | { kind: 'not-found'; status: number }
  | { kind: 'error'; message: string; status?: number; unreachable?: boolean };

/** Called once per attempt, for the request log. */
export type AttemptListener = (attempt: { url: string; status: number | string; ms: number }) => void;

/** GETs `url` as JSON under the options' limits; never throws (cancellation included). */
export async function getJson(
  url: string,
  headers: Record<string, string>,
  options: HttpOptions,
  signal?: AbortSignal,
  onAttempt?: AttemptListener,
): Promise<HttpOutcome> {
  const now = options.now ?? Date.now;
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) return { kind: 'error', message: 'cancelled' };
    const started = now();
    const result = await attemptOnce(url, headers, options, signal);
    onAttempt?.({ url, status: result.status ?? result.label, ms: now() - started });
    if (!result.retryable || attempt >= options.retries) return result.outcome;
    const wait = result.retryAfterMs ?? options.retryBaseMs * 2 ** attempt;
    if (!(await sleep(Math.min(wait, options.maxRetryAfterMs), signal))) return { kind: 'error', message: 'cancelled' };
  }
}

interface Attempt {
  outcome: HttpOutcome;
  status?: number;
  /** For the log when there is no status: "timeout", "network". */
  label: string;
  retryable: boolean;
  retryAfterMs?: number;
}

async function attemptOnce(url: string, headers: Record<string, string>, options: HttpOptions, outer?: AbortSignal): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onOuterAbort = () => controller.abort();
  outer?.addEventListener('abort', onOuterAbort);
  const fail = (message: string, label: string, status?: number, retryable = false, retryAfterMs?: number): Attempt => ({
    outcome: { kind: 'error', message, status },
    status,
    label,
    retryable,
    retryAfterMs,
  });
  try {
    const response = await options.fetch(url, { headers, signal: controller.signal });
    const status = response.status;
    if (status === 404 || status === 410) {
      void response.body?.cancel().catch(() => undefined);
      return { outcome: { kind: 'not-found', status }, status, label: String(status), retryable: false };
    }
    if (status === 429 || status >= 500) {
      void response.body?.cancel().catch(() => undefined);
      const what = status === 429 ? 'the resolver asks to slow down (HTTP 429)' : `the resolver failed (HTTP ${status})`;
      return fail(what, String(status), status, true, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
    }
    if (status < 200 || status >= 300) {
      void response.body?.cancel().catch(() => undefined);
      return fail(`the resolver answered HTTP ${status}`, String(status), status);
    }
    const body = await readCapped(response.body, options.maxBytes);
    if (body === undefined) return fail(`the answer is larger than ${Math.round(options.maxBytes / 1024)} KB`, 'too-large', status);
    try {
      return { outcome: { kind: 'ok', json: JSON.parse(body), status }, status, label: String(status), retryable: false };
    } catch {
      return fail('the answer is not valid JSON', 'bad-json', status);
    }
  } catch (err) {
    if (outer?.aborted && !timedOut) return fail('cancelled', 'cancelled');
    const message = timedOut ? `no answer within ${options.timeoutMs} ms` : `network error (${networkReason(err)})`;
    const attempt = fail(message, timedOut ? 'timeout' : message);
    return { ...attempt, outcome: { kind: 'error', message, unreachable: true } };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** The body as text, or undefined once it passes `maxBytes` (the stream is cancelled there). */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | undefined> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Waits `ms`; false when cancelled first. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if (err instanceof Error) return err.message;
  return String(err);
}
