/**
 * The SQL face of the monitoring flags (domain/monitoring-flags.ts): disputed and report
 * missing, as conditions over `measures` for lists and the summary counts.
 * monitoring-flags.test.ts proves them equal to the domain on the same rows.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Actor, internalScope } from '../../domain/policies';
// a cycle (queries.ts reads this module's flags), harmless: both only call each other in functions
import { visibleAs } from './queries';

// qualified by hand: drizzle may render a bare column name, which inside these subqueries would
// bind to the inner tables' columns (reports.status, joint_statuses.id) instead of the measure's
const M = (column: string) => sql.raw(`"measures"."${column}"`);

/** SQL form of domain `isDisputed` for the outer `measures` row. */
export const disputedSql = () => sql<boolean>`coalesce((select js.state = 'disputed' from joint_statuses js
  join periods jp on jp.id = js.period_id where js.measure_id = ${M('id')}
  order by jp.end_date desc limit 1), false)`;

/** The reports (alias `r`) that count as handed in for `actor` (domain `isReportMissing`). */
function countedSql(actor: Actor): SQL {
  const scope = internalScope(actor);
  return scope === 'all'
    ? sql`r.state in ('submitted', 'approved')`
    : scope === null
      ? sql`r.state = 'approved'`
      : sql`(r.state = 'approved' or (r.state = 'submitted' and r.party_id = ${scope}))`;
}

/** A report is due on measure `m` (the outer row by default) for period `p` (domain `mustReport`), not cancelled. */
const owesSql = (p: string, m = '"measures"') =>
  sql.raw(`(${m}."child_count" = 0 and ${m}."start_date" <= ${p}.end_date
    and (${m}."due_date" >= ${p}.start_date or ${m}."status" not in ('completed', 'cancelled'))
    and ${m}."status" <> 'cancelled')`);

/** SQL form of domain `isReportMissing` for period `periodId` as `actor` may know it. */
export function reportMissingSql(actor: Actor, periodId: string, day: string): SQL {
  return sql`exists (select 1 from periods rp
    where rp.id = ${periodId} and rp.roadmap_id = ${M('roadmap_id')} and rp.report_due_date < ${day}::date
      and ${owesSql('rp')}
      and exists (select 1 from measure_responsibles mr where mr.measure_id = ${M('id')}
        and not exists (select 1 from reports r where r.measure_id = ${M('id')} and r.period_id = rp.id
          and r.party_id = mr.party_id and ${countedSql(actor)})))`;
}

/** Values of `reportFlagsSql`: a report is missing (also late), or late only, or neither. */
export const REPORT_MISSING = 2;
export const REPORT_LATE = 1;

/**
 * The outer measure's report flags for its roadmap's latest period whose due date is before
 * `day` (domain `latestDuePeriod`), as `actor` may know them, in one correlated subquery:
 * REPORT_MISSING (`isReportMissing`, and so late), REPORT_LATE (`isLateReport` only) or 0.
 */
export function reportFlagsSql(actor: Actor, day: string): SQL<number> {
  return sql<number>`coalesce((select max(case when r.id is null then ${sql.raw(String(REPORT_MISSING))}
      when r.late then ${sql.raw(String(REPORT_LATE))} else 0 end)
    from (select lp.id, lp.start_date, lp.end_date from periods lp where lp.roadmap_id = ${M('roadmap_id')}
            and lp.report_due_date < ${day}::date order by lp.end_date desc, lp.id limit 1) rp
    join measure_responsibles mr on mr.measure_id = ${M('id')}
    left join reports r on r.measure_id = ${M('id')} and r.period_id = rp.id and r.party_id = mr.party_id
      and ${countedSql(actor)}
    where ${owesSql('rp')}), 0)`;
}

/** SQL form of domain `isLateReport` for the latest past-due period. */
export const lateReportSql = (actor: Actor, day: string) =>
  sql`(${reportFlagsSql(actor, day)} >= ${REPORT_LATE})`;

/** The roadmap's latest period whose report due date is before the day (domain `latestDuePeriod`). */
export type DuePeriod = {
  id: string;
  start_date: string;
  end_date: string;
};

/** Reads the roadmap's latest past-due period (by end date, then id, as `reportFlagsSql`), if any. */
export async function loadLatestDuePeriod(db: Db, roadmapId: string, day: string): Promise<DuePeriod | null> {
  const r = await db.execute<DuePeriod>(sql`select id, start_date::text, end_date::text from periods
    where roadmap_id = ${roadmapId} and report_due_date < ${day}::date order by end_date desc, id limit 1`);
  return r.rows[0] ?? null;
}

/**
 * `reportFlagsSql` set-based for a whole roadmap (what the summary counts): a derived table
 * `(measure_id, flags)` with one row per measure the actor may see that owes a report of
 * `period` (the latest past-due one, `loadLatestDuePeriod`), computed in one grouped join of
 * that period's reports instead of one subquery per measure. Measures owing none have no row
 * (their flags are 0). The period comes as constants so that the planner reads only its
 * reports (by `reports_period_party_state_idx`), not all of them.
 */
export function roadmapReportFlagsSql(actor: Actor, roadmapId: string, period: DuePeriod): SQL {
  return sql`(select mr.measure_id, max(case when r.id is null then ${sql.raw(String(REPORT_MISSING))}
      when r.late then ${sql.raw(String(REPORT_LATE))} else 0 end) as flags
    from (select ${period.id}::uuid as id, ${period.start_date}::date as start_date,
            ${period.end_date}::date as end_date) rp
    join measures on ${M('roadmap_id')} = ${roadmapId} and ${owesSql('rp')} and ${visibleAs('measures', actor)}
    join measure_responsibles mr on mr.measure_id = ${M('id')}
    left join reports r on r.measure_id = mr.measure_id and r.period_id = ${period.id}::uuid
      and r.party_id = mr.party_id and ${countedSql(actor)}
    group by mr.measure_id)`;
}

/**
 * Each roadmap's latest period whose report due date is before `day` (domain
 * `latestDuePeriod`, ordered as `reportFlagsSql` orders), of `roadmapId` alone when given.
 */
function latestDuePeriodsSql(day: string, roadmapId?: string): SQL {
  return sql`(select distinct on (lp.roadmap_id) lp.id, lp.roadmap_id, lp.start_date, lp.end_date
    from periods lp where lp.report_due_date < ${day}::date${roadmapId ? sql` and lp.roadmap_id = ${roadmapId}` : sql``}
    order by lp.roadmap_id, lp.end_date desc, lp.id)`;
}

/** Which flag a list filters on: a report missing (`isReportMissing`) or late (`isLateReport`). */
export type ReportFlag = 'missing' | 'late';

/**
 * The responsible bodies (`mr`) of measure `m` whose party owes a report of the latest
 * past-due period of `m`'s roadmap and has none that counts for `actor` (for `late`: none that
 * counts and came in time), as a `select mr.measure_id …` without aggregation, so that the
 * planner may join it either way: per measure by index, or as one hash join over that
 * period's reports. `m` is the outer measures row (`"measures"`, for `exists`) or `fm`, a
 * join of the roadmap's measures the actor may see (an uncorrelated set, for `in`).
 * `r.period_id = any(array(…))` lets the planner read those periods' reports alone.
 */
function flaggedBodiesSql(
  actor: Actor,
  day: string,
  flag: ReportFlag,
  m: '"measures"' | 'fm',
  roadmapId?: string,
): SQL {
  const periods = latestDuePeriodsSql(day, roadmapId);
  const alias = sql.raw(m);
  const measuresJoin =
    m === 'fm'
      ? sql`join measures fm on fm.roadmap_id = rp.roadmap_id and ${visibleAs('fm', actor)}${roadmapId ? sql` and fm.roadmap_id = ${roadmapId}` : sql``}`
      : sql``;
  // the outer row is referenced in WHERE only: PostgreSQL pulls `exists` up into a join only then
  return sql`select mr.measure_id from ${periods} rp ${measuresJoin}, measure_responsibles mr
    where mr.measure_id = ${alias}.id and rp.roadmap_id = ${alias}.roadmap_id and ${owesSql('rp', m)}
      and not exists (select 1 from reports r where r.measure_id = mr.measure_id and r.period_id = rp.id
        and r.party_id = mr.party_id and ${countedSql(actor)}${flag === 'late' ? sql` and not r.late` : sql``}
        and r.period_id = any(array(select p.id from ${periods} p)))`;
}

/**
 * The list filter on a report flag of the outer measure (`lateReportSql` for 'late'),
 * set-based: `exists` over `flaggedBodiesSql`, which PostgreSQL turns into a semi-join of the
 * candidate measures with the latest past-due periods' reports: a nested loop for a page, one
 * hash join for a count.
 */
export const reportFlagFilterSql = (
  actor: Actor,
  day: string,
  flag: ReportFlag,
  opts: { roadmapId?: string } = {},
) => sql`exists (${flaggedBodiesSql(actor, day, flag, '"measures"', opts.roadmapId)})`;

/**
 * The measures flagged `flag` as one uncorrelated set (`"measures"."id" in …`): inside an
 * `or`, where the planner cannot turn `exists` into a join, it hashes this set once instead.
 */
export const reportFlaggedSetSql = (
  actor: Actor,
  day: string,
  flag: ReportFlag,
  opts: { roadmapId?: string /** conditions on `fm` that narrow the set */; and?: SQL } = {},
) =>
  sql`(${flaggedBodiesSql(actor, day, flag, 'fm', opts.roadmapId)}${opts.and ? sql` and ${opts.and}` : sql``})`;

/**
 * `disputedSql` set-based for a whole roadmap: a derived table `(measure_id)` of the measures
 * the actor may see whose latest joint status (by period end) is disputed.
 */
export function roadmapDisputedSql(actor: Actor, roadmapId: string): SQL {
  return sql`(select l.measure_id from (
      select distinct on (js.measure_id) js.measure_id, js.state
      from joint_statuses js join periods jp on jp.id = js.period_id
      join measures on ${M('id')} = js.measure_id
      where ${M('roadmap_id')} = ${roadmapId} and ${visibleAs('measures', actor)}
      order by js.measure_id, jp.end_date desc) l
    where l.state = 'disputed')`;
}
