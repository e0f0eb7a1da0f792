/**
 * GET /roadmaps/{id}/reporting: how complete the reporting of a period is, per party and per
 * responsible organisation — due, handed in, approved, returned, late. Counts run over the
 * measures the caller may see. Of a party whose internal data the caller may not read (the
 * other party, or both for a viewer) only `due` (which follows from the visible measures and
 * their responsible bodies) and `approved` are given; its drafts, submissions, returns and
 * lateness are its own business, so those figures are null.
 */
import { sql } from 'drizzle-orm';
import type { Completeness } from '../../contracts/reports';
import { notFound } from '../../domain/errors';
import { type Actor, internalScope } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { visibleAs } from '../measures/queries';
import { dueSql } from './assignments';

type Period = NonNullable<Completeness['period']>;
type Counts = { due: number; submitted: number; approved: number; returned: number; late: number };

/** The period containing `day`, else the latest one started, else the first. */
async function currentPeriod(ctx: Ctx, roadmapId: string, periodId: string | undefined, day: string) {
  const res = await ctx.db.execute<Period & Record<string, unknown>>(sql`select id, code,
      report_due_date as "reportDueDate", state from periods where roadmap_id = ${roadmapId}
      ${periodId ? sql`and id = ${periodId}` : sql``}
    order by (start_date <= ${day}::date and end_date >= ${day}::date) desc,
      (start_date <= ${day}::date) desc, start_date desc limit 1`);
  return res.rows[0] ?? null;
}

/** The two queries of a period's completeness as `actor` sees it (exported for the benchmark's raw floor). */
export function completenessQueries(
  actor: Actor,
  period: { id: string; reportDueDate: string },
  day: string,
) {
  const figures = sql`count(*)::int as due,
    count(*) filter (where r.state in ('submitted', 'approved'))::int as submitted,
    count(*) filter (where r.state = 'approved')::int as approved,
    count(*) filter (where r.state = 'returned')::int as returned,
    count(*) filter (where r.late or ((r.id is null or r.state in ('draft', 'returned'))
      and ${period.reportDueDate}::date < ${day}::date))::int as late`;
  const pairs = (cols: string) => sql`(select ${sql.raw(cols)} from measures m
      join periods p on p.id = ${period.id} and p.roadmap_id = m.roadmap_id
      join measure_responsibles mr on mr.measure_id = m.id
      where ${dueSql('m', 'p')} and ${visibleAs('m', actor)}) x
    left join reports r on r.measure_id = x.measure_id and r.period_id = ${period.id} and r.party_id = x.party_id`;
  return {
    byParty: sql`select x.party_id as "partyId", ${figures}
      from ${pairs('distinct m.id as measure_id, mr.party_id')}
      group by x.party_id order by x.party_id`,
    byOrganisation: sql`select x.organisation_id as "organisationId",
        x.party_id as "partyId", ${figures}
      from ${pairs('m.id as measure_id, mr.organisation_id, mr.party_id')}
      group by x.organisation_id, x.party_id order by x.party_id, x.organisation_id`,
  };
}

export async function reportingCompleteness(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  periodId?: string,
): Promise<Completeness> {
  const [r] = (await ctx.db.execute(sql`select 1 from roadmaps where id = ${roadmapId}`)).rows;
  if (!r) throw notFound('roadmap');
  const day = today(ctx);
  const period = await currentPeriod(ctx, roadmapId, periodId, day);
  if (periodId && !period) throw notFound('period');
  if (!period) return { roadmapId, period: null, byParty: [], byOrganisation: [] };
  const q = completenessQueries(actor, period, day);
  const [parties, orgs] = await Promise.all([
    ctx.db.execute<Counts & { partyId: string }>(q.byParty),
    ctx.db.execute<Counts & { partyId: string; organisationId: string }>(q.byOrganisation),
  ]);
  const scope = internalScope(actor);
  const view = <T extends Counts & { partyId: string }>(c: T) =>
    scope === 'all' || scope === c.partyId ? c : { ...c, submitted: null, returned: null, late: null };
  return { roadmapId, period, byParty: parties.rows.map(view), byOrganisation: orgs.rows.map(view) };
}
