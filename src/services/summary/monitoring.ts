/**
 * The summary's monitoring counts (issue 8 §3): measures whose latest joint status is
 * disputed, and measures missing a report for the latest period whose due date has passed.
 * One small query over the caller's visible measures (the same filter as GET /measures), kept
 * out of the cached sums because reports and joint statuses do not stamp a roadmap change.
 */
import { and, eq, sql } from 'drizzle-orm';
import { measures } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { disputedSql, reportMissingSql } from '../measures/monitoring-flags';
import { measureVisibility } from '../measures/queries';

/** `disputed`, `reportMissing` and the period the latter is about, as the actor may count them. */
export async function monitoringCounts(ctx: Ctx, actor: Actor, roadmapId: string, day: string) {
  const [p] = (
    await ctx.db.execute<{ id: string }>(sql`select id from periods
      where roadmap_id = ${roadmapId} and report_due_date < ${day}::date order by end_date desc limit 1`)
  ).rows;
  const periodId = p?.id ?? null;
  const [r] = await ctx.db
    .select({
      disputed: sql<number>`count(*) filter (where ${disputedSql()})::int`,
      missing: periodId
        ? sql<number>`count(*) filter (where ${reportMissingSql(actor, periodId, day)})::int`
        : sql<number>`0`,
    })
    .from(measures)
    .where(and(eq(measures.roadmapId, roadmapId), measureVisibility(actor)));
  return {
    disputed: Number(r?.disputed ?? 0),
    reportMissing: Number(r?.missing ?? 0),
    reportMissingPeriodId: periodId,
  };
}
