/** Small measuring helpers shared by the scenarios. */

/** The q-quantile (0..1) of a list of numbers, nearest-rank on a sorted copy. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  runs: number;
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and reports p50/p95/max in milliseconds. */
export function timeRepeated(fn: () => unknown, runs: number, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), max: Math.max(...samples), runs };
}

/** Milliseconds since t0 (performance.now()). */
export function since(t0: number): number {
  return performance.now() - t0;
}

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
