/**
 * GET /roadmaps/{id}/diff: what changed between two states of a roadmap's plan. Two baselines
 * are compared in PostgreSQL (compare.ts); a baseline and now in one statement that full-joins
 * their visible rows and returns only rows whose fingerprints differ, so the work in JavaScript
 * is proportional to what changed; a date side is the plan at the end of that day (plan-at.ts).
 * With `limit`, a page over changed, then added, then removed, and always the whole diff's
 * counts. Visibility applies on both sides before comparing: the other party's internal
 * measures appear in no list and no count.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { DiffQuery, PlanDiff } from '../../contracts/baselines';
import { baselines } from '../../db/schema';
import { ruleViolation } from '../../domain/errors';
import { diffCounts, diffPage, diffPlans, filterDiff, type PlanItem } from '../../domain/plan-diff';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { loadRoadmap } from '../roadmaps';
import { differingItems, differingPage } from './compare';
import { baselineItemsSql, itemJson, liveItemsSql, loadItems, visibleSource } from './items';
import { planAtEndOf } from './plan-at';

type Side = PlanDiff['from'];
const UUID = /^[0-9a-f]{8}-/i;

async function resolveSide(ctx: Ctx, roadmapId: string, v: string | undefined, path: string) {
  if (v === 'now')
    return {
      side: { kind: 'now', baselineId: null, name: null, date: null } as Side,
      source: liveItemsSql(roadmapId),
    };
  if (v === undefined || UUID.test(v)) {
    const [b] = await ctx.db
      .select()
      .from(baselines)
      .where(and(eq(baselines.roadmapId, roadmapId), v ? eq(baselines.id, v) : undefined))
      // "since the last meeting" by default: the newest meeting baseline, else the newest one
      .orderBy(sql`(${baselines.kind} = 'meeting') desc`, desc(baselines.takenAt))
      .limit(1);
    if (!b) throw ruleViolation(path, v ? 'noSuch.baseline' : 'baseline.none');
    return {
      side: { kind: 'baseline', baselineId: b.id, name: b.name, date: null } as Side,
      source: baselineItemsSql(b.id),
    };
  }
  return { side: { kind: 'date', baselineId: null, name: null, date: v } as Side, source: null };
}

/** The rows of two sources that differ, both sides visible to the actor (a side that is now). */
async function differingRows(ctx: Ctx, actor: Actor, a: SQL, b: SQL) {
  const { rows } = await ctx.db.execute<{ a: PlanItem | null; b: PlanItem | null }>(sql`
    with a as (${visibleSource(a, actor)}), b as (${visibleSource(b, actor)})
    select case when a.measure_id is null then null else ${itemJson('a')} end as a,
      case when b.measure_id is null then null else ${itemJson('b')} end as b
    from a full join b on a.measure_id = b.measure_id
    where a.fingerprint is distinct from b.fingerprint`);
  return {
    from: rows.flatMap((r) => (r.a ? [r.a] : [])),
    to: rows.flatMap((r) => (r.b ? [r.b] : [])),
  };
}

/** The answer: the page's measures (the state before is for filtering) and the whole diff's counts. */
function present(
  head: Pick<PlanDiff, 'from' | 'to'>,
  d: ReturnType<typeof diffPlans>,
  counts: PlanDiff['counts'],
  q: z.output<typeof DiffQuery>,
): PlanDiff {
  return {
    ...head,
    added: d.added,
    removed: d.removed,
    changed: d.changed.map((c) => ({ item: c.item, changes: c.changes })),
    counts,
    total: counts.added + counts.removed + counts.changed,
    page: q.limit ? q.page : 1,
    limit: q.limit ?? null,
  };
}

export async function roadmapDiff(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  q: z.output<typeof DiffQuery>,
): Promise<PlanDiff> {
  await loadRoadmap(ctx.db, roadmapId);
  const [f, t] = await Promise.all([
    resolveSide(ctx, roadmapId, q.from, 'from'),
    resolveSide(ctx, roadmapId, q.to, 'to'),
  ]);
  const head = { from: f.side, to: t.side };
  const filter = { sphereId: q.sphereId, partyId: q.partyId, kinds: q.kind, fields: q.field };
  const offset = (q.page - 1) * (q.limit ?? 0);
  const a = f.side.baselineId;
  const b = t.side.baselineId;
  // a page of two baselines is filtered, counted and ordered in SQL (a field filter needs the
  // changes of every measure, so it takes the whole diff below)
  if (q.limit && !q.field?.length && a && b) {
    const { counts, from, to } = await differingPage(ctx.db, actor, a, b, filter, offset, q.limit);
    return present(head, diffPlans(from, to), counts, q);
  }
  let sides: { from: PlanItem[]; to: PlanItem[] };
  if (a && b) sides = await differingItems(ctx.db, actor, a, b);
  else if (f.source && t.source) sides = await differingRows(ctx, actor, f.source, t.source);
  else {
    const load = async (s: typeof f) =>
      s.source ? loadItems(ctx.db, actor, s.source) : planAtEndOf(ctx.db, actor, roadmapId, s.side.date!);
    const [x, y] = await Promise.all([load(f), load(t)]);
    sides = { from: x, to: y };
  }
  const d = filterDiff(diffPlans(sides.from, sides.to), filter);
  return present(head, q.limit ? diffPage(d, offset, q.limit) : d, diffCounts(d), q);
}
