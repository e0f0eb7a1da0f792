/**
 * The summary's monitoring counts (issue 8 §3): measures whose latest joint status is
 * disputed, measures missing a report for the latest period whose due date has passed, and
 * those whose report of that period is late (missing or submitted late). One pass over the
 * caller's visible measures (the same filter as GET /measures), the report flags read by one
 * correlated subquery per measure (`reportFlagsSql`).
 */
import { and, eq, sql } from 'drizzle-orm';
import { measures } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { disputedSql, REPORT_LATE, REPORT_MISSING, reportFlagsSql } from '../measures/monitoring-flags';
import { measureVisibility } from '../measures/queries';

/** `disputed`, `reportMissing`, `lateReport` and the period the last two are about, as the actor may count them. */
export async function monitoringCounts(ctx: Ctx, actor: Actor, roadmapId: string, day: string) {
  const [p] = (
    await ctx.db.execute<{ id: string }>(sql`select id from periods
      where roadmap_id = ${roadmapId} and report_due_date < ${day}::date order by end_date desc, id limit 1`)
  ).rows;
  const periodId = p?.id ?? null;
  const flags = periodId ? reportFlagsSql(actor, day) : sql`0`;
  const inner = ctx.db
    .select({
      disputed: sql<boolean>`${disputedSql()}`.as('disputed'),
      flags: sql<number>`${flags}`.as('flags'),
    })
    .from(measures)
    .where(and(eq(measures.roadmapId, roadmapId), measureVisibility(actor)))
    .as('f');
  const [r] = await ctx.db
    .select({
      disputed: sql<number>`count(*) filter (where ${inner.disputed})::int`,
      missing: sql<number>`count(*) filter (where ${inner.flags} = ${REPORT_MISSING})::int`,
      late: sql<number>`count(*) filter (where ${inner.flags} >= ${REPORT_LATE})::int`,
    })
    .from(inner);
  return {
    disputed: Number(r?.disputed ?? 0),
    reportMissing: Number(r?.missing ?? 0),
    reportMissingPeriodId: periodId,
    lateReport: Number(r?.late ?? 0),
  };
}
