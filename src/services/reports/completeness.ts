/**
 * GET /roadmaps/{id}/reporting: how complete the reporting of a period is, per party and per
 * responsible organisation — due, handed in, approved, returned, late. Counts run over the
 * measures the caller may see: read from `reporting_counts` (kept by triggers, migration 0018;
 * a few hundred rows at any size), summed over the visibility buckets the caller may read.
 * The from-scratch query (`completenessQueries`) stays as the reference the tests hold the
 * counts equal to. Of a party whose internal data the caller may not read (the
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

const ZERO = '00000000-0000-0000-0000-000000000000';

/** The buckets of `reporting_counts` the actor may read, as `visibleAs` reads measures. */
function ownerVisible(actor: Actor) {
  const scope = internalScope(actor);
  if (scope === 'all') return sql`true`;
  if (scope === null) return sql`c.owner = ${ZERO}::uuid`;
  return sql`c.owner in (${ZERO}::uuid, ${scope}::uuid)`;
}

/**
 * The one query of a period's completeness from the counts: the party rows (organisation
 * nil) and the organisation rows, each summed over slots and visible buckets (exported for
 * the benchmark's raw floor).
 */
export function countsQuery(actor: Actor, period: { id: string; reportDueDate: string }, day: string) {
  const pastDue = sql`(${period.reportDueDate}::date < ${day}::date)`;
  return sql`select c.party_id as "partyId",
      nullif(c.organisation_id, ${ZERO}::uuid) as "organisationId",
      sum(c.due)::int as due, sum(c.submitted)::int as submitted, sum(c.approved)::int as approved,
      sum(c.returned)::int as returned,
      (sum(c.late_flag) + case when ${pastDue} then sum(c.open) else 0 end)::int as late
    from reporting_counts c
    where c.period_id = ${period.id} and ${ownerVisible(actor)}
    group by c.party_id, c.organisation_id
    having sum(c.due) > 0
    order by c.party_id, c.organisation_id`;
}

/** The figures of a period from the counts, split into party rows and organisation rows. */
export async function countedCompleteness(
  ctx: Ctx,
  actor: Actor,
  period: { id: string; reportDueDate: string },
  day: string,
) {
  const res = await ctx.db.execute<Counts & { partyId: string; organisationId: string | null }>(
    countsQuery(actor, period, day),
  );
  const byParty: (Counts & { partyId: string })[] = [];
  const byOrganisation: (Counts & { partyId: string; organisationId: string })[] = [];
  for (const { organisationId, ...c } of res.rows)
    if (organisationId === null) byParty.push(c);
    else byOrganisation.push({ organisationId, ...c });
  return { byParty, byOrganisation };
}

/** The same figures from scratch: the reference the counts are held equal to. */
export async function referenceCompleteness(
  ctx: Ctx,
  actor: Actor,
  period: { id: string; reportDueDate: string },
  day: string,
) {
  const q = completenessQueries(actor, period, day);
  const [parties, orgs] = await Promise.all([
    ctx.db.execute<Counts & { partyId: string }>(q.byParty),
    ctx.db.execute<Counts & { partyId: string; organisationId: string }>(q.byOrganisation),
  ]);
  return { byParty: parties.rows, byOrganisation: orgs.rows };
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
  const { byParty, byOrganisation } = await countedCompleteness(ctx, actor, period, day);
  const scope = internalScope(actor);
  const view = <T extends Counts & { partyId: string }>(c: T) =>
    scope === 'all' || scope === c.partyId ? c : { ...c, submitted: null, returned: null, late: null };
  return { roadmapId, period, byParty: byParty.map(view), byOrganisation: byOrganisation.map(view) };
}
