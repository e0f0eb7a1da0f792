/**
 * The roadmap summary: counts and progress by status, sphere, party and organisation, the
 * leaves (units of work), overdue and at-risk counts, and the roadmap's rolled-up progress.
 *
 * Only measures the caller may see are counted (`measureFilter` carries `measureVisibility`),
 * so another party's internal measures never show, not even as a number. The figures are
 * therefore exactly what the caller would get by counting GET /measures with the same
 * filters (roadmapId + sphereId / partyId / organisationId / status / overdue / atRisk).
 *
 * Speed: four set-based aggregate queries run in parallel, each returning a handful of
 * rows per group (status × leaf × top-level); nothing per measure reaches Node. Overdue and
 * at-risk use the SQL mirrors of the domain rules from services/measures.ts.
 *
 * Definitions:
 * - a leaf is a measure whose progress is its own (`child_count = 0`: no children count
 *   towards its roll-up);
 * - a group's `progress` is the weighted mean (domain `weightedMean`) of its leaves'
 *   progress, cancelled ones left out; a group without leaves (a sphere tagged on
 *   directions only) falls back to the rolled-up progress of its own measures;
 * - `rollUp` is the weighted mean (domain `rollUpProgress`) of the visible top-level
 *   measures, whose own progress is already rolled up from their children;
 * - a measure counts once for each of its spheres, each party among its responsible
 *   organisations, and each responsible organisation.
 */
import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import { MEASURE_STATUSES, type MeasureStatus } from '../contracts/enums';
import type { RoadmapSummary } from '../contracts/roadmaps';
import {
  measureResponsibles,
  measureSpheres,
  measures,
  organisations,
  parties,
  roadmapChanges,
  spheres,
  summaryCache,
} from '../db/schema';
import { completionLevel, rollUpProgress, rollUpStatus, weightedMean } from '../domain/measures';
import { type Actor, internalScope } from '../domain/policies';
import { type Ctx, today } from './context';
import { atRiskSql, measureFilter, overdueSql } from './measures';
import { loadRoadmap } from './roadmaps';

/** One aggregate row: measures of one group with one status, leaf or not, top-level or not. */
interface Part {
  status: MeasureStatus;
  leaf: boolean;
  n: number;
  overdue: number;
  atRisk: number;
  /** Σ weight × progress and Σ weight over these measures. */
  wp: number;
  w: number;
}

type Group = RoadmapSummary['leaves'];

const zeroStatuses = () => Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Group['byStatus'];

/** Partial sums as items of a weighted mean: each part weighs Σw at its mean progress. */
const asItems = (parts: readonly Part[]) =>
  parts
    .filter((p) => p.status !== 'cancelled' && p.w > 0)
    .map((p) => ({ weight: p.w, progress: p.wp / p.w, status: p.status }));

/** Folds a group's parts into the contract's group figures. */
export function foldGroup(parts: readonly Part[]): Group {
  const byStatus = zeroStatuses();
  let total = 0;
  let overdue = 0;
  let atRisk = 0;
  for (const p of parts) {
    byStatus[p.status] += p.n;
    total += p.n;
    overdue += p.overdue;
    atRisk += p.atRisk;
  }
  const leaves = asItems(parts.filter((p) => p.leaf));
  const progress = weightedMean(leaves.length ? leaves : asItems(parts));
  return { total, byStatus, overdue, atRisk, progress };
}

/** The aggregate columns every summary query selects over `measures`. */
const aggregates = (day: string) => sql`
  ${measures.status} as status,
  ${measures.childCount} = 0 as leaf,
  count(*)::int as n,
  (count(*) filter (where ${overdueSql(day)}))::int as overdue,
  (count(*) filter (where ${atRiskSql(day)}))::int as at_risk,
  coalesce(sum(${measures.weight} * ${measures.progress}), 0)::float8 as wp,
  coalesce(sum(${measures.weight}), 0)::float8 as w`;

interface RawPart {
  status: MeasureStatus;
  leaf: boolean;
  n: number;
  overdue: number;
  at_risk: number;
  wp: number;
  w: number;
}
const toPart = (r: RawPart): Part => ({
  status: r.status,
  leaf: r.leaf,
  n: Number(r.n),
  overdue: Number(r.overdue),
  atRisk: Number(r.at_risk),
  wp: Number(r.wp),
  w: Number(r.w),
});

/** Groups parts by a key, keeping the order in which keys first appear (the SQL order). */
function byKey<R extends RawPart>(rows: R[], key: (r: R) => string) {
  const out = new Map<string, { first: R; parts: Part[] }>();
  for (const r of rows) {
    const k = key(r);
    const g = out.get(k);
    if (g) g.parts.push(toPart(r));
    else out.set(k, { first: r, parts: [toPart(r)] });
  }
  return [...out.values()];
}

/** The cache key of what the actor may see: 'all', 'shared', or the party whose internal data it reads. */
export function summaryScope(actor: Actor): string {
  const scope = internalScope(actor);
  return scope === null ? 'shared' : scope;
}

/**
 * The summary of one roadmap as the actor may see it. Served from `summary_cache` while no
 * measure of the roadmap has changed since it was computed (and on the same day, since
 * overdue and at-risk depend on the date); otherwise computed and stored. The stamp is
 * read before computing, so a change that lands meanwhile makes the next read recompute.
 */
export async function roadmapSummary(ctx: Ctx, actor: Actor, roadmapId: string): Promise<RoadmapSummary> {
  const day = today(ctx);
  const scope = summaryScope(actor);
  const cached = await ctx.db.execute<{ cur: number; body: RoadmapSummary | null }>(sql`
    with cur as (select coalesce(max(${roadmapChanges.id}), 0)::int8 as stamp from ${roadmapChanges} where ${roadmapChanges.roadmapId} = ${roadmapId})
    select cur.stamp as cur, c.body
    from cur left join ${summaryCache} c
      on c.roadmap_id = ${roadmapId} and c.scope = ${scope} and c.day = ${day}::date and c.stamp = cur.stamp`);
  const hit = cached.rows[0];
  if (hit?.body) return hit.body;
  const stamp = Number(hit?.cur ?? 0);
  const body = await computeSummary(ctx, actor, roadmapId, day);
  await ctx.db
    .insert(summaryCache)
    .values({ roadmapId, scope, day, stamp, body })
    .onConflictDoUpdate({
      target: [summaryCache.roadmapId, summaryCache.scope],
      set: { day, stamp, body, computedAt: sql`now()` },
    });
  // Older change notes of this roadmap are no longer needed by anyone: only the newest counts.
  await ctx.db
    .delete(roadmapChanges)
    .where(and(eq(roadmapChanges.roadmapId, roadmapId), lt(roadmapChanges.id, stamp)));
  return body;
}

/** Computes the summary with four aggregate queries (see the module comment). */
async function computeSummary(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  day: string,
): Promise<RoadmapSummary> {
  await loadRoadmap(ctx.db, roadmapId);
  const where = measureFilter(actor, { roadmapId }, day) as SQL;
  const agg = aggregates(day);
  const run = <R>(q: SQL) => ctx.db.execute(q).then((r) => r.rows as unknown as R[]);

  const [own, bySphere, byParty, byOrg] = await Promise.all([
    run<RawPart & { top: boolean }>(sql`
      select ${agg}, ${measures.parentId} is null as top
      from ${measures} where ${where}
      group by 1, 2, top`),
    run<RawPart & { sphere_id: string }>(sql`
      select g.* from (
        select ${measureSpheres.sphereId} as sphere_id, ${agg}
        from ${measureSpheres} join ${measures} on ${measures.id} = ${measureSpheres.measureId}
        where ${where}
        group by 1, 2, 3
      ) g join ${spheres} s on s.id = g.sphere_id
      order by s.position, s.code, g.status`),
    // A measure with two organisations of one party counts once for that party.
    run<RawPart & { party_id: string }>(sql`
      select g.* from (
        select r.party_id, ${agg}
        from (select distinct ${measureResponsibles.measureId} as measure_id, ${measureResponsibles.partyId} as party_id
              from ${measureResponsibles}) r
        join ${measures} on ${measures.id} = r.measure_id
        where ${where}
        group by 1, 2, 3
      ) g join ${parties} p on p.id = g.party_id
      order by p.code, g.status`),
    run<RawPart & { organisation_id: string; party_id: string }>(sql`
      select g.* from (
        select ${measureResponsibles.organisationId} as organisation_id, ${measureResponsibles.partyId} as party_id, ${agg}
        from ${measureResponsibles} join ${measures} on ${measures.id} = ${measureResponsibles.measureId}
        where ${where}
        group by 1, 2, 3, 4
      ) g join ${organisations} o on o.id = g.organisation_id
      join ${parties} p on p.id = g.party_id
      order by p.code, o.name->>'ru', o.id, g.status`),
  ]);

  const all = own.map(toPart);
  const top = own.filter((r) => r.top).map(toPart);
  const topItems = asItems(top);
  const raw = rollUpProgress(topItems) ?? 0;
  const status = rollUpStatus(topItems) ?? 'not_started';
  const sphereStatus = bySphere.map((r) => ({ sphereId: r.sphere_id, status: r.status, n: Number(r.n) }));

  return {
    roadmapId,
    asOf: day,
    measureCount: all.reduce((s, p) => s + p.n, 0),
    rollUp: Math.round(raw * 10) / 10,
    completionLevel: completionLevel(Math.floor(raw), status),
    leaves: foldGroup(all.filter((p) => p.leaf)),
    bySphere: byKey(bySphere, (r) => r.sphere_id).map((g) => ({
      sphereId: g.first.sphere_id,
      ...foldGroup(g.parts),
    })),
    bySphereStatus: mergeSphereStatus(sphereStatus),
    byParty: byKey(byParty, (r) => r.party_id).map((g) => ({
      partyId: g.first.party_id,
      ...foldGroup(g.parts),
    })),
    byOrganisation: byKey(byOrg, (r) => r.organisation_id).map((g) => ({
      organisationId: g.first.organisation_id,
      partyId: g.first.party_id,
      ...foldGroup(g.parts),
    })),
  };
}

/** Leaf and non-leaf rows of one sphere × status become one count. */
function mergeSphereStatus(rows: { sphereId: string; status: MeasureStatus; n: number }[]) {
  const out = new Map<string, { sphereId: string; status: MeasureStatus; count: number }>();
  for (const r of rows) {
    const k = `${r.sphereId}:${r.status}`;
    const cur = out.get(k);
    if (cur) cur.count += r.n;
    else out.set(k, { sphereId: r.sphereId, status: r.status, count: r.n });
  }
  return [...out.values()];
}
