/**
 * The summary's monitoring counts (issue 8 §3): measures whose latest joint status is
 * disputed, measures missing a report for the latest period whose due date has passed, and
 * those whose report of that period is late (missing or submitted late). Set-based over the
 * caller's visible measures (the same filter as GET /measures): one grouped join of the
 * period's reports and one pass over the roadmap's joint statuses, not a subquery per measure.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import {
  loadLatestDuePeriod,
  REPORT_LATE,
  REPORT_MISSING,
  roadmapDisputedSql,
  roadmapReportFlagsSql,
} from '../measures/monitoring-flags';

/** `disputed`, `reportMissing`, `lateReport` and the period the last two are about, as the actor may count them. */
export async function monitoringCounts(ctx: Ctx, actor: Actor, roadmapId: string, day: string) {
  const period = await loadLatestDuePeriod(ctx.db, roadmapId, day);
  const flags = period
    ? roadmapReportFlagsSql(actor, roadmapId, period)
    : sql`(select 0 as flags where false)`;
  const [r] = (
    await ctx.db.execute<{ disputed: number; missing: number; late: number }>(sql`
      with f as materialized ${flags}
      select (select count(*) from ${roadmapDisputedSql(actor, roadmapId)} d)::int as disputed,
             (select count(*) from f where f.flags = ${REPORT_MISSING})::int as missing,
             (select count(*) from f where f.flags >= ${REPORT_LATE})::int as late`)
  ).rows;
  return {
    disputed: Number(r?.disputed ?? 0),
    reportMissing: Number(r?.missing ?? 0),
    reportMissingPeriodId: period?.id ?? null,
    lateReport: Number(r?.late ?? 0),
  };
}
