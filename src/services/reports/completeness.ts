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
import { type SQL, sql } from 'drizzle-orm';
import type { Completeness } from '../../contracts/reports';
import { notFound } from '../../domain/errors';
import { type Actor, internalScope } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { visibleAs } from '../measures/queries';
import { dueSql } from './assignments';

type Period = NonNullable<Completeness['period']>;
type Counts = { due: number; submitted: number; approved: number; returned: number; late: number };

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

/** The counts' figures of the period whose id and due date are `periodId` and `dueDate` (SQL). */
function countsOf(actor: Actor, periodId: SQL, dueDate: SQL, day: string) {
  return sql`select c.party_id as "partyId",
      nullif(c.organisation_id, ${ZERO}::uuid) as "organisationId",
      sum(c.due)::int as due, sum(c.submitted)::int as submitted, sum(c.approved)::int as approved,
      sum(c.returned)::int as returned,
      (sum(c.late_flag) + case when ${dueDate} < ${day}::date then sum(c.open) else 0 end)::int as late
    from reporting_counts c
    where c.period_id = ${periodId} and ${ownerVisible(actor)}
    group by c.party_id, c.organisation_id
    having sum(c.due) > 0`;
}

/**
 * A period's completeness from the counts: the party rows (organisation nil) and the
 * organisation rows, each summed over slots and visible buckets.
 */
export function countsQuery(actor: Actor, period: { id: string; reportDueDate: string }, day: string) {
  return sql`${countsOf(actor, sql`${period.id}::uuid`, sql`${period.reportDueDate}::date`, day)}
    order by 1, 2`;
}

/**
 * GET /roadmaps/{id}/reporting in one statement: the roadmap (no row: absent), its period (the
 * one asked, else the one containing `day`, else the latest started, else the first; nulls:
 * none) and the counts' rows of that period (nulls: none yet). Exported for the benchmark's
 * raw floor.
 */
export function completenessQuery(
  actor: Actor,
  roadmapId: string,
  periodId: string | undefined,
  day: string,
) {
  return sql`select p.id as "periodId", p.code, p.report_due_date as "reportDueDate", p.state, c.*
    from (select id from roadmaps where id = ${roadmapId}) rm
    left join lateral (select id, code, report_due_date, state from periods where roadmap_id = rm.id
        ${periodId ? sql`and id = ${periodId}` : sql``}
      order by (start_date <= ${day}::date and end_date >= ${day}::date) desc,
        (start_date <= ${day}::date) desc, start_date desc limit 1) p on true
    left join lateral (${countsOf(actor, sql`p.id`, sql`p.report_due_date`, day)}) c on true
    order by c."partyId", c."organisationId" nulls first`;
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
  type Row = Partial<Counts> & {
    periodId: string | null;
    code: string;
    reportDueDate: string;
    state: Period['state'];
    partyId: string | null;
    organisationId: string | null;
  };
  const res = await ctx.db.execute<Row>(completenessQuery(actor, roadmapId, periodId, today(ctx)));
  const [first] = res.rows;
  if (!first) throw notFound('roadmap');
  if (periodId && !first.periodId) throw notFound('period');
  if (!first.periodId) return { roadmapId, period: null, byParty: [], byOrganisation: [] };
  const period = {
    id: first.periodId,
    code: first.code,
    reportDueDate: first.reportDueDate,
    state: first.state,
  };
  const byParty: (Counts & { partyId: string })[] = [];
  const byOrganisation: (Counts & { partyId: string; organisationId: string })[] = [];
  for (const r of res.rows) {
    if (!r.partyId) continue;
    const c = {
      partyId: r.partyId,
      due: r.due!,
      submitted: r.submitted!,
      approved: r.approved!,
      returned: r.returned!,
      late: r.late!,
    };
    if (r.organisationId === null) byParty.push(c);
    else byOrganisation.push({ organisationId: r.organisationId, ...c });
  }
  const scope = internalScope(actor);
  const view = <T extends Counts & { partyId: string }>(c: T) =>
    scope === 'all' || scope === c.partyId ? c : { ...c, submitted: null, returned: null, late: null };
  return { roadmapId, period, byParty: byParty.map(view), byOrganisation: byOrganisation.map(view) };
}
