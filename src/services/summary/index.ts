/**
 * The roadmap summary: counts and progress by status, sphere, party and organisation, the
 * leaves (units of work), overdue and at-risk counts, and the roadmap's rolled-up progress.
 *
 * Only measures the caller may see are counted (`measureFilter` carries `measureVisibility`),
 * so another party's internal measures never show, not even as a number. The figures are
 * therefore exactly what the caller would get by counting GET /measures with the same
 * filters (roadmapId + sphereId / partyId / organisationId / status / overdue / atRisk).
 *
 * Speed: a cached summary (per roadmap, visibility scope and day) is served while nothing it
 * counts has changed (measures and their links, reports, periods, joint statuses). A miss
 * reads the incremental sums of `summary_parts` (fast.ts, kept current by triggers in every
 * write's transaction), counts overdue and schedule at-risk over the flagged measures only,
 * and adds the report flags in one set-based pass over the latest past-due period's reports
 * (about 0.3 s at 100,000 measures and 500,000 reports). reference.ts computes
 * the same rows from scratch; tests hold the two equal. fold.ts turns rows into the answer.
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
import { and, eq, lt, sql } from 'drizzle-orm';
import type { RoadmapSummary } from '../../contracts/roadmaps';
import { roadmapChanges, summaryCache } from '../../db/schema';
import { type Actor, internalScope } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { loadRoadmap } from '../roadmaps';
import { fastRows } from './fast';
import { assemble } from './fold';
import { referenceRows } from './reference';

export { foldGroup } from './fold';

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
  // reports, periods and joint statuses stamp roadmap changes too (migration 0017), so the
  // monitoring counts are cached with the rest
  if (hit?.body) return hit.body;
  const stamp = Number(hit?.cur ?? 0);
  const body = await summaryAt(ctx, actor, roadmapId, day);
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

/** The whole summary of a day (what a cache miss of today computes): the sums and the monitoring counts. */
export async function summaryAt(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  day: string,
): Promise<RoadmapSummary> {
  // an absent roadmap has no sums, so reading them alongside the 404 check is harmless
  const [, { rows, monitoring }] = await Promise.all([
    loadRoadmap(ctx.db, roadmapId),
    fastRows(ctx, actor, roadmapId, day),
  ]);
  return { ...assemble(roadmapId, day, rows), ...monitoring };
}

/** The summary from the incremental sums without the monitoring counts (what the equality tests compare). */
export async function fastSummary(ctx: Ctx, actor: Actor, roadmapId: string, day = today(ctx)) {
  const [, { rows }] = await Promise.all([
    loadRoadmap(ctx.db, roadmapId),
    fastRows(ctx, actor, roadmapId, day),
  ]);
  return assemble(roadmapId, day, rows);
}

/** Computes the summary from scratch over every measure: the reference for `fastSummary`. */
export async function referenceSummary(ctx: Ctx, actor: Actor, roadmapId: string, day = today(ctx)) {
  await loadRoadmap(ctx.db, roadmapId);
  return assemble(roadmapId, day, await referenceRows(ctx, actor, roadmapId, day));
}
