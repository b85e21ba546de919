/**
 * Levenshtein distance, optionally counting a swap of two adjacent characters as one edit
 * (optimal string alignment). Gives up, returning `max`, once the distance cannot be below it.
 */
export function editDistance(a: string, b: string, options: { max?: number; transpositions?: boolean } = {}): number {
  const max = options.max ?? Infinity;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (options.transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cur[j] = Math.min(cur[j], before[j - 2] + 1);
      }
      rowMin = Math.min(rowMin, cur[j]);
    }
    // A transposition reaches back two rows, so the row minimum bounds the result only without them.
    if (!options.transpositions && rowMin >= max) return max;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}
