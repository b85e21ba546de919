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

/**
 * How long the event loop was held while `work` runs, from a 10 ms timer: `stallMs` is the longest
 * wall-clock gap between its ticks; `busyMs` the longest time the loop spent running code between
 * two ticks (event-loop utilisation), which leaves out time the thread sat idle waiting for a CPU
 * on a loaded machine.
 */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number; busyMs: number; busy: number[] }> {
  let last = performance.now();
  let lastElu = performance.eventLoopUtilization();
  let longest = 0;
  let busiest = 0;
  const busy: number[] = [];
  const tick = () => {
    const now = performance.now();
    const elu = performance.eventLoopUtilization();
    longest = Math.max(longest, now - last);
    busy.push(elu.active - lastElu.active);
    busiest = Math.max(busiest, elu.active - lastElu.active);
    last = now;
    lastElu = elu;
  };
  const timer = setInterval(tick, 10);
  try {
    const result = await work();
    tick();
    return { result, stallMs: longest, busyMs: busiest, busy };
  } finally {
    clearInterval(timer);
  }
}
