/**
 * The summary's rows from the incremental sums: `summary_parts` (kept current by triggers,
 * migration 0007) holds count, Σ weight × progress, Σ weight, overdue and at-risk per
 * roadmap × group × status × leaf × top-level × owner, so a cache miss reads a few hundred
 * rows whatever the roadmap's size. Overdue and at-risk hold for the roadmap's flag day
 * (`summary_days`); the first read of another day moves it, counting them afresh once.
 *
 * At risk through a missing report is added at read time (`reportRiskGroups`).
 *
 * Visibility is the `owner` column: 'all' reads every row, a party its own internal rows
 * and the rest, a viewer only the rows of measures that are not internal (nil owner).
 */
import { type SQL, sql } from 'drizzle-orm';
import { measures, organisations, parties, spheres, summaryDays, summaryParts } from '../../db/schema';
import { AT_RISK_THRESHOLD } from '../../domain/measures';
import { type Actor, internalScope } from '../../domain/policies';
import type { Ctx } from '../context';
import {
  type DuePeriod,
  loadLatestDuePeriod,
  REPORT_MISSING,
  roadmapReportFlagsSql,
} from '../measures/monitoring-flags';
import { scheduleAtRiskSql } from '../measures/queries';
import type { RawPart, SummaryRows } from './fold';
import { type MonitoringRow, monitoringCte, monitoringOf } from './monitoring';

const NIL = '00000000-0000-0000-0000-000000000000';

type Row = RawPart &
  MonitoringRow & {
    kind: 'all' | 'sphere' | 'party' | 'org';
    group_id: string;
    party_id: string;
    top: boolean;
    /** The flag day the overdue and at-risk sums were read for. */
    flag_day: string | null;
    threshold: number | null;
  };

/** The owners whose sums the actor may read. */
function ownerVisibility(actor: Actor): SQL {
  const scope = internalScope(actor);
  if (scope === 'all') return sql`true`;
  if (scope === null) return sql`g.owner = ${NIL}::uuid`;
  return sql`g.owner in (${NIL}::uuid, ${scope}::uuid)`;
}

/**
 * The measures at risk only through a missing report (`atRiskSql` but not
 * `scheduleAtRiskSql`: open, not overdue, a report missing), one row per group they count
 * in: the sums hold the schedule part alone, since what is missing depends on who asks (the
 * other party's submissions do not count for a party). The report flags come set-based
 * (`roadmapReportFlagsSql`: one grouped join of the latest past-due period's reports), so
 * this costs one pass whatever the roadmap's size; reports, periods and responsible bodies
 * stamp roadmap changes (migration 0017), so a cached summary never holds a stale one.
 */
const reportRiskGroups = (actor: Actor, roadmapId: string, day: string, period: DuePeriod | null) => sql`
  f as materialized ${period ? roadmapReportFlagsSql(actor, roadmapId, period) : sql`(select null::uuid as measure_id, 0 as flags where false)`},
  x as (
    select ${measures.id} as id, ${measures.status} as status, ${measures.childCount} = 0 as leaf,
           ${measures.parentId} is null as top
    from f join ${measures} on ${measures.id} = f.measure_id
    where f.flags = ${REPORT_MISSING} and ${measures.status} not in ('completed', 'cancelled')
      and ${measures.dueDate} >= ${day}::date and not ${scheduleAtRiskSql(day)}
  ), extra as (
    select 'all' as kind, ${NIL}::uuid as group_id, ${NIL}::uuid as party_id, x.status, x.leaf, x.top from x
    union all
    select 'sphere', s.sphere_id, ${NIL}::uuid, x.status, x.leaf, x.top from x join measure_spheres s on s.measure_id = x.id
    union all
    -- distinct over x's links only: over every link of the roadmap it would cost more than the flags
    select 'party', p.party_id, ${NIL}::uuid, p.status, p.leaf, p.top
      from (select distinct x.id, x.status, x.leaf, x.top, r.party_id
              from x join measure_responsibles r on r.measure_id = x.id) p
    union all
    select 'org', r.organisation_id, r.party_id, x.status, x.leaf, x.top from x join measure_responsibles r on r.measure_id = x.id
  )`;

/** The sums as the actor may see them, with the flag day they hold for, in one snapshot. */
const readSums = (ctx: Ctx, actor: Actor, roadmapId: string, day: string, period: DuePeriod | null) =>
  ctx.db
    .execute(sql`
    with ${reportRiskGroups(actor, roadmapId, day, period)}, ${monitoringCte(actor, roadmapId)}
    select g.*, d.day::text as flag_day, d.threshold, mon.disputed, mon.missing, mon.late from (
      select g.kind, g.group_id, g.party_id, g.status, g.leaf,
             case when g.kind = 'all' then g.top else false end as top,
             sum(g.n)::int8 as n, sum(g.wp)::float8 as wp, sum(g.w)::float8 as w,
             sum(g.overdue)::int8 as overdue, sum(g.at_risk)::int8 as at_risk
      from (
        select g.kind, g.group_id, g.party_id, g.status, g.leaf, g.top, g.n, g.wp, g.w, g.overdue, g.at_risk
        from ${summaryParts} g
        where g.roadmap_id = ${roadmapId} and ${ownerVisibility(actor)}
        union all
        select e.kind, e.group_id, e.party_id, e.status, e.leaf, e.top, 0, 0, 0, 0, 1 from extra e
      ) g
      group by 1, 2, 3, 4, 5, 6
      having sum(g.n) <> 0
    ) g
    cross join mon
    left join ${summaryDays} d on d.roadmap_id = ${roadmapId}
    left join ${spheres} s on g.kind = 'sphere' and s.id = g.group_id
    left join ${parties} p on p.id = case g.kind when 'party' then g.group_id when 'org' then g.party_id end
    left join ${organisations} o on g.kind = 'org' and o.id = g.group_id
    order by g.kind, s.position, s.code, p.code, o.name->>'ru', g.group_id, g.status, g.leaf, g.top`)
    .then((r) => r.rows as unknown as Row[]);

/**
 * The summary rows of one roadmap as the actor may see it, from the incremental sums, and the
 * monitoring counts (./monitoring.ts) read in the same statement, over the same report flags.
 */
export async function fastRows(ctx: Ctx, actor: Actor, roadmapId: string, day: string) {
  const current = (rows: Row[]) =>
    rows.every((r) => r.flag_day === day && Number(r.threshold) === AT_RISK_THRESHOLD);
  const period = await loadLatestDuePeriod(ctx.db, roadmapId, day);
  let sums = await readSums(ctx, actor, roadmapId, day, period);
  // Another reader may move the day back in between (two days read at once): try again.
  for (let i = 0; i < 5 && !current(sums); i++) {
    await ctx.db.execute(sql`select accord_parts_set_day(${roadmapId}, ${day}::date, ${AT_RISK_THRESHOLD})`);
    sums = await readSums(ctx, actor, roadmapId, day, period);
  }
  if (!current(sums)) throw new Error(`summary flags of ${roadmapId} did not settle on ${day}`);
  const out: SummaryRows = { own: [], bySphere: [], byParty: [], byOrg: [] };
  for (const r of sums) {
    if (r.kind === 'all') out.own.push(r);
    else if (r.kind === 'sphere') out.bySphere.push({ ...r, sphere_id: r.group_id });
    else if (r.kind === 'party') out.byParty.push({ ...r, party_id: r.group_id });
    else out.byOrg.push({ ...r, organisation_id: r.group_id });
  }
  return { rows: out, monitoring: monitoringOf(sums[0], period) };
}
