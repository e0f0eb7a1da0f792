/**
 * The plan diff at scale (issue 9 §3): two baselines of the generated roadmap with 10 % of its
 * measures changed between them (due dates moved, progress), frozen and timed, then
 * GET /roadmaps/{id}/diff?from=A&to=B — the whole diff and a page of 50 (`limit=50`), through
 * the service and over HTTP, as the secretariat (everything) and as a coordinator (visibility
 * applied on both sides), with p50, p99 and the CPU per diff of the server and of PostgreSQL.
 * Beside them the stack's limit: the same comparison written by hand through `pg` (raw SQL)
 * plus a bare Fastify route answering the whole diff's bytes. Target: p50 < 500 ms at 100,000
 * measures. Run by `npm run bench` (operation `diff`), or alone (starts its own server):
 *
 *   npx tsx bench/diff.ts [measures]      # default 100000; generates or reuses bench/.data
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Actor } from '../src/domain/policies';
import { buildApp } from '../src/server/app';
import { roadmapDiff } from '../src/services/baselines';
import { freezeBaseline } from '../src/services/baselines/freeze';
import type { Ctx } from '../src/services/context';
import { mutate } from '../src/services/core/mutate';
import { bodyOfSize, startBare } from './bare';
import { cpuNow, cpuPerOp } from './cpu';
import { openBenchDatabase } from './system';

export const DIFF_TARGET_MS = 500;

/** One timed operation: p50, p99 and the CPU per run of this process and of PostgreSQL. */
export interface DiffRow {
  name: string;
  p50Ms: number;
  p99Ms: number;
  nodeCpuMs: number;
  postgresCpuMs: number;
}

async function timed(name: string, f: () => Promise<unknown>, pid: number | null, n = 15): Promise<DiffRow> {
  for (let i = 0; i < 2; i++) await f();
  const ts: number[] = [];
  const c0 = cpuNow(pid);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    ts.push(performance.now() - t);
  }
  const cpu = cpuPerOp(c0, cpuNow(pid), n);
  ts.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    name,
    p50Ms: r(ts[Math.floor(n / 2)]),
    p99Ms: r(ts[Math.min(n - 1, Math.ceil(n * 0.99) - 1)]),
    nodeCpuMs: cpu.nodeMs,
    postgresCpuMs: cpu.postgresMs,
  };
}

export interface DiffFigures {
  measures: number;
  changed: number;
  /** Freezing 100 % of the roadmap: the first baseline, then the second. */
  freezeMs: [number, number];
  /** The VACUUM ANALYZE of baseline_items after freezing, as autovacuum would do it. */
  vacuumMs: number;
  rows: DiffRow[];
  /** Bytes of the whole diff over HTTP. */
  wholeBytes: number | null;
  /** raw SQL p50 + bare route p50 of the whole diff; the HTTP whole diff's p50 ÷ that. */
  limitMs: number | null;
  ratio: number | null;
  loadAverage: string;
  targetMs: number;
}

/** The comparison as a careful engineer would write it by hand: one statement, rows parsed. */
const RAW = `with d as materialized (
    select coalesce(a.measure_id, b.measure_id) id
    from (select measure_id, fingerprint from baseline_items where baseline_id = $1) a
    full join (select measure_id, fingerprint from baseline_items where baseline_id = $2) b
      on a.measure_id = b.measure_id
    where a.fingerprint is distinct from b.fingerprint)
  select (select to_json(x) from baseline_items x where x.baseline_id = $1 and x.measure_id = d.id) a,
    (select to_json(y) from baseline_items y where y.baseline_id = $2 and y.measure_id = d.id) b
  from d`;

/**
 * Freezes A, changes 10 % of the roadmap's measures, freezes B, measures the diff A→B, and
 * then removes both baselines and puts the changed measures back (the dataset is reused).
 */
export async function benchDiff(
  ctx: Ctx,
  admin: Actor,
  roadmapId: string,
  env: { http?: { url: string; token: string }; postmasterPid?: number | null; databaseUrl?: string } = {},
): Promise<DiffFigures> {
  const pid = env.postmasterPid ?? null;
  const freeze = async (name: string) => {
    const t = performance.now();
    const b = await mutate(ctx, admin, (tx, audit) =>
      freezeBaseline(
        tx,
        roadmapId,
        { name: { ru: name }, kind: 'manual', actor: admin, at: new Date() },
        audit,
      ),
    );
    return { b, ms: Math.round(performance.now() - t) };
  };
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
  const pool = env.databaseUrl ? new pg.Pool({ connectionString: env.databaseUrl, max: 2 }) : null;
  const bare = env.http ? await startBare() : null;
  try {
    const [party] = (await ctx.db.execute<{ id: string }>(sql`select id from parties order by code limit 1`))
      .rows;
    const coordinator: Actor = { ...admin, role: 'coordinator', partyId: party.id };
    const whole = { from: a.b.id, to: b.b.id, page: 1 } as const;
    const page = { ...whole, limit: 50 };
    const one = await roadmapDiff(ctx, admin, roadmapId, whole);
    const rows: DiffRow[] = [
      await timed('service, whole, admin', () => roadmapDiff(ctx, admin, roadmapId, whole), pid),
      await timed('service, whole, coordinator', () => roadmapDiff(ctx, coordinator, roadmapId, whole), pid),
      await timed('service, page of 50, admin', () => roadmapDiff(ctx, admin, roadmapId, page), pid, 30),
      await timed(
        'service, page of 50, coordinator',
        () => roadmapDiff(ctx, coordinator, roadmapId, page),
        pid,
        30,
      ),
    ];
    let wholeBytes: number | null = null;
    let limitMs: number | null = null;
    let ratio: number | null = null;
    if (env.http) {
      const { url, token } = env.http;
      const get = async (q: string) => {
        const r = await fetch(`${url}/api/v1/roadmaps/${roadmapId}/diff?from=${a.b.id}&to=${b.b.id}${q}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!r.ok) throw new Error(`diff answered ${r.status}`);
        return (await r.arrayBuffer()).byteLength;
      };
      wholeBytes = await get('');
      const http = await timed('HTTP, whole, admin', () => get(''), pid);
      rows.push(http, await timed('HTTP, page of 50, admin', () => get('&limit=50'), pid, 30));
      if (pool && bare) {
        const raw = await timed('raw SQL, whole', () => pool.query(RAW, [a.b.id, b.b.id]), pid);
        bare.setBody(bodyOfSize(wholeBytes));
        const floor = await timed(
          'bare route, whole diff bytes',
          () => fetch(`${bare.url}/x`).then((r) => r.arrayBuffer()),
          pid,
        );
        rows.push(raw, floor);
        limitMs = Math.round((raw.p50Ms + floor.p50Ms) * 10) / 10;
        ratio = Math.round((http.p50Ms / limitMs) * 100) / 100;
      }
    }
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
      freezeMs: [a.ms, b.ms],
      vacuumMs,
      rows,
      wholeBytes,
      limitMs,
      ratio,
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      targetMs: DIFF_TARGET_MS,
    };
  } finally {
    await pool?.end();
    await bare?.close();
    await ctx.db.execute(
      sql`update measures set due_date = due_date - 30, progress = (progress + 93) % 100 where ${pick}`,
    );
    await ctx.db.execute(sql`delete from baselines where id in (${a.b.id}, ${b.b.id})`);
  }
}

/** The bench output: a line per operation. */
export const formatDiff = (f: DiffFigures) =>
  [
    `diff of two baselines at ${f.measures.toLocaleString('en')} measures, ${f.changed.toLocaleString('en')} changed (target p50 < ${f.targetMs} ms; load average ${f.loadAverage}):`,
    `  freeze ${f.freezeMs.map((x) => `${x} ms`).join(', ')}; VACUUM ANALYZE of baseline_items ${f.vacuumMs} ms`,
    ...f.rows.map(
      (r) =>
        `  ${r.name}: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; CPU per diff: node ${r.nodeCpuMs} ms + PostgreSQL ${r.postgresCpuMs} ms`,
    ),
    ...(f.wholeBytes !== null ? [`  whole diff: ${(f.wholeBytes / 1e6).toFixed(1)} MB`] : []),
    ...(f.limitMs !== null
      ? [`  limit (raw SQL + bare) ${f.limitMs} ms; HTTP whole ÷ limit ${f.ratio}`]
      : []),
  ].join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = Number(process.argv[2] ?? 100_000);
  const db = await openBenchDatabase({
    measures: size,
    seed: 1,
    fresh: false,
    temp: false,
    log: (m) => console.log(`[bench] ${m}`),
  });
  const app = await buildApp({
    ctx: db.ctx,
    config: { sessionHours: 12, publicUrl: undefined },
    logger: false,
    validateResponses: false, // as `accord start` runs it
  });
  try {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const [{ roadmap_id }] = (
      await db.ctx.db.execute<{ roadmap_id: string }>(
        sql`select roadmap_id from measures group by 1 order by count(*) desc limit 1`,
      )
    ).rows;
    await db.ctx.db.execute(sql`vacuum analyze`);
    const f = await benchDiff(db.ctx, db.admin, roadmap_id, {
      http: { url, token: db.token },
      postmasterPid: db.postmasterPid,
      databaseUrl: db.database.url,
    });
    console.log(formatDiff(f));
  } finally {
    await app.close();
    await db.close();
  }
}
