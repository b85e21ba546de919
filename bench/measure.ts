import { performance } from 'perf_hooks';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time in ms of `runs` calls; `setup` runs before each call, outside the timing. */
export async function timeMedian<S>(runs: number, fn: (state: S) => unknown, setup?: () => S): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const state = setup ? setup() : (undefined as S);
    const start = performance.now();
    await fn(state);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Median per-call time in ms of a fast operation, timed in batches of `batch` calls. */
export function perCall(runs: number, batch: number, fn: (i: number) => unknown): number {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) if (fn(i)) sink++;
    times.push((performance.now() - start) / batch);
  }
  if (sink < 0) console.log(sink);
  return median(times);
}

/** Longest gap between ticks of a 10 ms timer while `work` runs: how long the event loop was held. */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    const result = await work();
    longest = Math.max(longest, performance.now() - last);
    return { result, stallMs: longest };
  } finally {
    clearInterval(timer);
  }
}
