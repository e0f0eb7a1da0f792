/**
 * The summary's monitoring counts (issue 8 §3): measures whose latest joint status is
 * disputed, measures missing a report for the latest period whose due date has passed, and
 * those whose report of that period is late (missing or submitted late). Set-based over the
 * caller's visible measures (the same filter as GET /measures): the report flags `f` are the
 * ones fast.ts computes for at risk in the same statement (one grouped join of the period's
 * reports, not a subquery per measure), disputed one pass over the roadmap's joint statuses.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../domain/policies';
import {
  type DuePeriod,
  REPORT_LATE,
  REPORT_MISSING,
  roadmapDisputedSql,
} from '../measures/monitoring-flags';

/** The counts as SQL returns them. */
export interface MonitoringRow {
  disputed: number;
  missing: number;
  late: number;
}

/** A one-row CTE `mon` (MonitoringRow) over the report flags CTE `f` (`measure_id`, `flags`). */
export const monitoringCte = (actor: Actor, roadmapId: string) => sql`mon as (
    select (select count(*) from ${roadmapDisputedSql(actor, roadmapId)} d)::int as disputed,
           (select count(*) from f where f.flags = ${REPORT_MISSING})::int as missing,
           (select count(*) from f where f.flags >= ${REPORT_LATE})::int as late)`;

/** `disputed`, `reportMissing`, `lateReport` and the period the last two are about. */
export function monitoringOf(r: MonitoringRow | undefined, period: DuePeriod | null) {
  return {
    disputed: Number(r?.disputed ?? 0),
    reportMissing: Number(r?.missing ?? 0),
    reportMissingPeriodId: period?.id ?? null,
    lateReport: Number(r?.late ?? 0),
  };
}
