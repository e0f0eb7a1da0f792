/**
 * What one summary cache miss costs on the bench dataset (100,000 measures; run `npm run bench
 * -- --only summary,approval-queue` first so that it holds the 500,000 reports): `summaryAt`,
 * what `roadmapSummary` computes after any write, timed one at a time for an admin, a
 * coordinator of the party with the most responsibilities and a viewer, with the CPU it cost
 * this process and PostgreSQL. `--explain` prints the plan of the monitoring counts.
 *
 *   node --import tsx bench/summary-miss.ts [--measures 100000] [--runs 7] [--explain]
 */
import { sql } from 'drizzle-orm';
import { isoToday } from '../src/domain/measures';
import type { Actor } from '../src/domain/policies';
import { summaryAt } from '../src/services/summary';
import { cpuNow, cpuPerOp } from './cpu';
import { openBenchDatabase } from './system';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const log = (m: string) => console.log(`[summary-miss] ${m}`);

async function main() {
  const db = await openBenchDatabase({
    measures: opt('measures', 100_000),
    seed: 1,
    fresh: false,
    temp: false,
    log,
  });
  try {
    const ctx = db.ctx;
    const day = isoToday();
    const one = async <R>(q: ReturnType<typeof sql>) => (await ctx.db.execute(q)).rows[0] as R;
    const { roadmap_id: roadmapId } = await one<{ roadmap_id: string }>(
      sql`select roadmap_id from measures group by 1 order by count(*) desc limit 1`,
    );
    const { party_id: partyId } = await one<{
      party_id: string;
    }>(sql`select party_id from measure_responsibles
      group by 1 order by count(*) desc limit 1`);
    const { n: reports } = await one<{ n: number }>(sql`select count(*)::int n from reports`);
    log(`roadmap ${roadmapId}, ${reports} reports, day ${day}`);
    const base = { userId: db.admin.userId, organisationId: null, label: 'bench' };
    const actors: [string, Actor][] = [
      ['admin', db.admin],
      ['coordinator', { ...base, role: 'coordinator', partyId }],
      ['viewer', { ...base, role: 'viewer', partyId: null }],
    ];
    if (args.includes('--explain')) {
      const m = await import('../src/services/measures/monitoring-flags');
      const period = await m.loadLatestDuePeriod(ctx.db, roadmapId, day);
      if (period) {
        const plan =
          await ctx.db.execute(sql`explain (analyze, buffers) select count(*) filter (where f.flags = 2)
          from ${m.roadmapReportFlagsSql(actors[1][1], roadmapId, period)} f`);
        console.log(plan.rows.map((r) => `  ${(r as Record<string, string>)['QUERY PLAN']}`).join('\n'));
      }
    }
    const runs = opt('runs', 7);
    for (const [who, actor] of actors) {
      await summaryAt(ctx, actor, roadmapId, day); // warm: the first read of a day moves the flag day
      const times: number[] = [];
      const c0 = cpuNow(db.postmasterPid);
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await summaryAt(ctx, actor, roadmapId, day);
        times.push(performance.now() - t0);
      }
      const cpu = cpuPerOp(c0, cpuNow(db.postmasterPid), runs);
      times.sort((a, b) => a - b);
      log(
        `${who}: cache miss p50 ${Math.round(times[Math.floor(runs / 2)])} ms (min ${Math.round(times[0])}, max ${Math.round(times[runs - 1])}); CPU per miss: node ${cpu.nodeMs} + PostgreSQL ${cpu.postgresMs} ms`,
      );
    }
    log(`load average ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
