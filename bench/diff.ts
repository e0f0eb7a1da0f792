/**
 * The plan diff at scale (issue 9 §3): two baselines of the generated roadmap with 10 % of its
 * measures changed between them (due dates moved, progress, a responsible body swapped), then
 * GET /roadmaps/{id}/diff?from=A&to=B — the service alone and over HTTP, as the secretariat
 * (everything) and as a coordinator (visibility applied on both sides). Target: p50 < 500 ms
 * at 100,000 measures. Run by `npm run bench` (operation `diff`), or alone:
 *
 *   npx tsx bench/diff.ts [measures]      # default 100000; generates or reuses bench/.data
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../src/domain/policies';
import { freezeBaseline } from '../src/services/baselines/freeze';
import { roadmapDiff } from '../src/services/baselines';
import type { Ctx } from '../src/services/context';
import { mutate } from '../src/services/core/mutate';
import { openBenchDatabase } from './system';

export const DIFF_TARGET_MS = 500;

async function p50(f: () => Promise<unknown>, n = 15): Promise<number> {
  for (let i = 0; i < 2; i++) await f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return Math.round(ts[Math.floor(n / 2)] * 10) / 10;
}

export interface DiffFigures {
  measures: number;
  changed: number;
  /** The VACUUM ANALYZE of baseline_items after freezing, as autovacuum would do it. */
  vacuumMs: number;
  serviceAdminP50Ms: number;
  serviceCoordinatorP50Ms: number;
  httpP50Ms: number | null;
  targetMs: number;
}

/**
 * Freezes A, changes 10 % of the roadmap's measures, freezes B, measures the diff A→B, and
 * then removes both baselines and puts the changed measures back (the dataset is reused).
 */
export async function benchDiff(
  ctx: Ctx,
  admin: Actor,
  roadmapId: string,
  http?: { url: string; token: string },
): Promise<DiffFigures> {
  const freeze = (name: string) =>
    mutate(ctx, admin, (tx, audit) =>
      freezeBaseline(
        tx,
        roadmapId,
        { name: { ru: name }, kind: 'manual', actor: admin, at: new Date() },
        audit,
      ),
    );
  const a = await freeze('bench A');
  const pick = sql`roadmap_id = ${roadmapId} and ('x' || substr(md5(id::text || 'diff'), 1, 2))::bit(8)::int < 26`;
  const changed = await ctx.db.execute(
    sql`update measures set due_date = due_date + 30, progress = (progress + 7) % 100 where ${pick}`,
  );
  const b = await freeze('bench B');
  // 200,000 new rows: autovacuum would analyze the table and set its visibility map soon after
  // (as after generating the dataset); without it the first diffs read the heap row by row
  const t0 = performance.now();
  await ctx.db.execute(sql`vacuum (analyze) baseline_items`);
  const vacuumMs = Math.round(performance.now() - t0);
  try {
    const [party] = (await ctx.db.execute<{ id: string }>(sql`select id from parties order by code limit 1`))
      .rows;
    const coordinator: Actor = { ...admin, role: 'coordinator', partyId: party.id };
    const q = { from: a.id, to: b.id, page: 1 } as const;
    const one = await roadmapDiff(ctx, admin, roadmapId, q);
    const serviceAdminP50Ms = await p50(() => roadmapDiff(ctx, admin, roadmapId, q));
    const serviceCoordinatorP50Ms = await p50(() => roadmapDiff(ctx, coordinator, roadmapId, q));
    const httpP50Ms = http
      ? await p50(async () => {
          const r = await fetch(`${http.url}/api/v1/roadmaps/${roadmapId}/diff?from=${a.id}&to=${b.id}`, {
            headers: { authorization: `Bearer ${http.token}` },
          });
          if (!r.ok) throw new Error(`diff answered ${r.status}`);
          await r.arrayBuffer();
        })
      : null;
    const measures = (
      await ctx.db.execute<{ n: number }>(
        sql`select count(*)::int n from measures where roadmap_id = ${roadmapId}`,
      )
    ).rows[0].n;
    if (one.changed.length !== (changed.rowCount ?? 0))
      throw new Error(
        `the diff found ${one.changed.length} changed measures, ${changed.rowCount} were changed`,
      );
    return {
      measures,
      changed: one.changed.length,
      vacuumMs,
      serviceAdminP50Ms,
      serviceCoordinatorP50Ms,
      httpP50Ms,
      targetMs: DIFF_TARGET_MS,
    };
  } finally {
    await ctx.db.execute(
      sql`update measures set due_date = due_date - 30, progress = (progress + 93) % 100 where ${pick}`,
    );
    await ctx.db.execute(sql`delete from baselines where id in (${a.id}, ${b.id})`);
  }
}

/** One line for the bench output. */
export const formatDiff = (f: DiffFigures) =>
  `diff of two baselines at ${f.measures.toLocaleString('en')} measures, ${f.changed.toLocaleString('en')} changed: p50 admin ${f.serviceAdminP50Ms} ms, coordinator ${f.serviceCoordinatorP50Ms} ms (service)${f.httpP50Ms !== null ? `, ${f.httpP50Ms} ms over HTTP` : ''} — target < ${f.targetMs} ms (after a VACUUM ANALYZE of baseline_items, ${f.vacuumMs} ms)`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = Number(process.argv[2] ?? 100_000);
  const db = await openBenchDatabase({
    measures: size,
    seed: 1,
    fresh: false,
    temp: false,
    log: (m) => console.log(`[bench] ${m}`),
  });
  try {
    const [{ roadmap_id }] = (
      await db.ctx.db.execute<{ roadmap_id: string }>(
        sql`select roadmap_id from measures group by 1 order by count(*) desc limit 1`,
      )
    ).rows;
    await db.ctx.db.execute(sql`vacuum analyze`);
    console.log(formatDiff(await benchDiff(db.ctx, db.admin, roadmap_id)));
  } finally {
    await db.close();
  }
}
