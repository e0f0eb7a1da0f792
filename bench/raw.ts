/**
 * Timing hand-written SQL through `pg` at the same concurrency as the HTTP load: each of
 * `concurrency` workers runs the operation back to back for `seconds`; every run's wall time
 * is one sample.
 */
import type pg from 'pg';
import { type LoadStats, summarise } from './stats';

/** One raw operation; `i` counts calls so that operations can rotate over ids. Returns false for a refused write. */
export type RawOperation = (pool: pg.Pool, i: number) => Promise<boolean | undefined>;

async function loop(pool: pg.Pool, op: RawOperation, concurrency: number, seconds: number) {
  const ok: number[] = [];
  let refused = 0;
  let errors = 0;
  let counter = 0;
  let firstError: unknown = null;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const r = await op(pool, counter++);
          if (r === false) refused++;
          else ok.push(performance.now() - t0);
        } catch (e) {
          errors++;
          firstError ??= e;
        }
      }
    }),
  );
  if (errors && ok.length === 0) throw firstError;
  return summarise(ok, (performance.now() - started) / 1000, { non2xx: refused, errors });
}

/** Warms up, then measures `op` for `seconds` at `concurrency`. */
export async function runRaw(
  pool: pg.Pool,
  op: RawOperation,
  opts: { concurrency: number; seconds: number; warmupSeconds: number },
  onMeasuring: () => void = () => {},
): Promise<LoadStats> {
  if (opts.warmupSeconds > 0) await loop(pool, op, opts.concurrency, opts.warmupSeconds);
  onMeasuring();
  return loop(pool, op, opts.concurrency, opts.seconds);
}
