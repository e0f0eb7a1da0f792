/**
 * The commission status report's facts for one roadmap, in the caller's view and as of a
 * day: the roadmap and its agreements and parties, the summary (the same figures as
 * GET /roadmaps/{id}/summary for that caller and day), every visible measure with its
 * responsible bodies, latest approved reported progress per party and disputed flag, and
 * the changes since a day. A handful of set-based queries, whatever the roadmap's size.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Locale } from '../../contracts/enums';
import {
  agreementParties,
  agreements,
  measures,
  organisations,
  parties,
  roadmapAgreements,
  spheres,
} from '../../db/schema';
import type { ReportData, ReportMeasure, ReportedProgress } from '../../documents/report/model';
import { invalid } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { presentRows, selectWithRelations } from '../measures/present';
import { measureVisibility, visibleAs } from '../measures/queries';
import { reportVisibleAs } from '../reports/visibility';
import { loadRoadmap } from '../roadmaps';
import { roadmapSummary, summaryAt } from '../summary';
import { changesSince } from './changes';

/** What the caller asks the report for. */
export interface ReportRequest {
  asOf?: string;
  since?: string;
  locale: Locale;
}

/** Gathers the report of `roadmapId` for `actor` (404 for an absent roadmap). */
export async function gatherReport(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  req: ReportRequest,
): Promise<ReportData> {
  const day = today(ctx);
  const asOf = req.asOf ?? day;
  // the query schema checks the pair when both are given; an omitted asOf is today
  if (req.since && req.since > asOf) throw invalid('since', 'report.sinceAfterAsOf');
  const roadmap = await loadRoadmap(ctx.db, roadmapId);
  const [summary, rows, agreementRows, reported, disputed, changes] = await Promise.all([
    // the cached summary is today's; another day is computed for that day, as the API would
    asOf === day ? roadmapSummary(ctx, actor, roadmapId) : summaryAt(ctx, actor, roadmapId, asOf),
    selectWithRelations(
      ctx.db,
      actor,
      asOf,
      and(eq(measures.roadmapId, roadmapId), measureVisibility(actor)),
    ),
    ctx.db
      .select({
        id: agreements.id,
        title: agreements.title,
        signedOn: agreements.signedOn,
        signedPlace: agreements.signedPlace,
      })
      .from(roadmapAgreements)
      .innerJoin(agreements, eq(agreements.id, roadmapAgreements.agreementId))
      .where(eq(roadmapAgreements.roadmapId, roadmapId))
      .orderBy(asc(agreements.signedOn), asc(agreements.id)),
    latestReported(ctx, actor, roadmapId, asOf),
    disputedMeasures(ctx, actor, roadmapId),
    req.since ? changesSince(ctx, actor, roadmapId, req.since, asOf) : Promise.resolve(null),
  ]);
  // sort keys are zero-padded ASCII, so a plain comparison is code order
  rows.sort((a, b) => (a.m.sortKey < b.m.sortKey ? -1 : a.m.sortKey > b.m.sortKey ? 1 : 0));
  const presented = presentRows(rows, asOf);
  const list: ReportMeasure[] = presented.map((m, i) => ({
    id: m.id,
    code: m.code,
    depth: m.depth,
    title: m.title,
    dueDate: m.dueDate,
    status: m.status,
    progress: m.progress,
    tier: m.tier,
    ownerPartyId: m.ownerPartyId,
    leaf: rows[i].m.childCount === 0,
    overdue: m.overdue,
    atRisk: m.atRisk,
    disputed: disputed.has(m.id),
    sphereIds: m.sphereIds,
    responsible: [...m.responsible].sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1)),
    reported: reported.get(m.id) ?? [],
  }));
  const orgIds = [...new Set(list.flatMap((m) => m.responsible.map((r) => r.organisationId)))];
  const sphereIds = [
    ...new Set([...list.flatMap((m) => m.sphereIds), ...summary.bySphere.map((s) => s.sphereId)]),
  ];
  const agreementIds = agreementRows.map((a) => a.id);
  const [orgRows, sphereRows, partyRows] = await Promise.all([
    orgIds.length
      ? ctx.db
          .select({
            id: organisations.id,
            name: organisations.name,
            shortName: organisations.shortName,
            partyId: organisations.partyId,
          })
          .from(organisations)
          .where(inArray(organisations.id, orgIds))
      : [],
    sphereIds.length
      ? ctx.db
          .select({ id: spheres.id, code: spheres.code, name: spheres.name })
          .from(spheres)
          .where(inArray(spheres.id, sphereIds))
          .orderBy(asc(spheres.position), asc(spheres.code))
      : [],
    partiesOf(ctx, agreementIds, [
      ...summary.byParty.map((p) => p.partyId),
      ...list.flatMap((m) => m.responsible.map((r) => r.partyId)),
    ]),
  ]);
  return {
    locale: req.locale,
    asOf,
    generatedAt: ctx.now().toISOString(),
    roadmap: {
      id: roadmap.id,
      title: roadmap.title,
      description: roadmap.description ?? null,
      status: roadmap.status,
    },
    agreements: agreementRows.map((a) => ({ ...a, signedPlace: a.signedPlace ?? null })),
    parties: partyRows,
    spheres: sphereRows,
    organisations: new Map(orgRows.map((o) => [o.id, o])),
    summary,
    measures: list,
    changes,
  };
}

/** The parties of the agreements, in their order there, then any other responsible party. */
async function partiesOf(ctx: Ctx, agreementIds: string[], others: string[]) {
  const rows = await ctx.db
    .select({
      id: parties.id,
      code: parties.code,
      name: parties.name,
      position: sql<number>`min(${agreementParties.position})`,
    })
    .from(parties)
    .leftJoin(
      agreementParties,
      and(
        eq(agreementParties.partyId, parties.id),
        agreementIds.length ? inArray(agreementParties.agreementId, agreementIds) : sql`false`,
      ),
    )
    .where(
      sql`${agreementParties.agreementId} is not null or ${parties.id} in ${others.length ? [...new Set(others)] : ['00000000-0000-0000-0000-000000000000']}`,
    )
    .groupBy(parties.id)
    .orderBy(sql`min(${agreementParties.position}) nulls last`, asc(parties.code));
  return rows.map(({ position: _p, ...p }) => p);
}

/**
 * Each visible measure's latest approved report per party (by period end), reviewed by the
 * end of `asOf`, as the reports API would show it to the caller.
 */
async function latestReported(ctx: Ctx, actor: Actor, roadmapId: string, asOf: string) {
  const rows = await ctx.db.execute(sql`
    select distinct on (r.measure_id, r.party_id)
           r.measure_id, r.party_id, r.progress, r.status, p.code as period_code
    from reports r
    join periods p on p.id = r.period_id
    join measures m on m.id = r.measure_id
    where m.roadmap_id = ${roadmapId} and r.state = 'approved'
      and coalesce(r.reviewed_at, r.updated_at) < ((${asOf}::date + 1)::timestamp at time zone 'UTC')
      and ${reportVisibleAs('r', 'm', actor)}
    order by r.measure_id, r.party_id, p.end_date desc, r.reviewed_at desc nulls last`);
  const out = new Map<string, ReportedProgress[]>();
  for (const r of rows.rows as {
    measure_id: string;
    party_id: string;
    progress: number;
    status: ReportedProgress['status'];
    period_code: string;
  }[]) {
    const list = out.get(r.measure_id) ?? [];
    list.push({
      partyId: r.party_id,
      progress: Number(r.progress),
      status: r.status,
      periodCode: r.period_code,
    });
    out.set(r.measure_id, list);
  }
  return out;
}

/** Visible measures whose latest joint status (by period end) is disputed. */
async function disputedMeasures(ctx: Ctx, actor: Actor, roadmapId: string): Promise<Set<string>> {
  const rows = await ctx.db.execute(sql`
    select measure_id from (
      select distinct on (j.measure_id) j.measure_id, j.state
      from joint_statuses j
      join periods p on p.id = j.period_id
      join measures m on m.id = j.measure_id
      where m.roadmap_id = ${roadmapId} and ${visibleAs('m', actor)}
      order by j.measure_id, p.end_date desc
    ) latest where state = 'disputed'`);
  return new Set((rows.rows as { measure_id: string }[]).map((r) => r.measure_id));
}
