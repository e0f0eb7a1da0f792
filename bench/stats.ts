/** Latency statistics over raw samples (milliseconds, fractional). */

/** The q-th percentile (0–100) of `sorted` (ascending), nearest-rank. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((q / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Summary of one load run: percentiles of successful requests, throughput and failures. */
export interface LoadStats {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Successful operations per second over the whole run. */
  rps: number;
  /** Operations that completed (any outcome). */
  count: number;
  /** Responses outside 2xx (or raw operations that threw). */
  non2xx: number;
  errors: number;
  /** Status code → count, for the report when something went wrong. */
  statusCodes: Record<string, number>;
}

/** Builds LoadStats from the latencies of the successful operations and the run's wall time. */
export function summarise(
  okLatencies: number[],
  seconds: number,
  extra: { non2xx?: number; errors?: number; statusCodes?: Record<string, number> } = {},
): LoadStats {
  const sorted = Float64Array.from(okLatencies).sort();
  const arr = Array.from(sorted);
  const sum = arr.reduce((a, b) => a + b, 0);
  const non2xx = extra.non2xx ?? 0;
  const errors = extra.errors ?? 0;
  return {
    p50Ms: round(percentile(arr, 50)),
    p99Ms: round(percentile(arr, 99)),
    meanMs: round(arr.length ? sum / arr.length : Number.NaN),
    rps: Math.round((arr.length / seconds) * 10) / 10,
    count: arr.length + non2xx + errors,
    non2xx,
    errors,
    statusCodes: extra.statusCodes ?? {},
  };
}

/** Two decimals: sub-millisecond differences matter for the get operation. */
export const round = (x: number) => Math.round(x * 100) / 100;
