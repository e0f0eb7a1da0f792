/**
 * GET /roadmaps/{id}/diff: what changed between two states of a roadmap's plan. Two baselines
 * (or a baseline and now) are compared in one statement that full-joins their visible rows on
 * the measure and returns only rows whose fingerprints differ, so the work in JavaScript is
 * proportional to what changed; a date side is the plan at the end of that day (plan-at.ts).
 * Visibility applies on both sides before comparing: the other party's internal measures
 * appear in no list and no count.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { DiffQuery, PlanDiff } from '../../contracts/baselines';
import { baselines } from '../../db/schema';
import { ruleViolation } from '../../domain/errors';
import { diffPlans, filterDiff, type PlanItem } from '../../domain/plan-diff';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { visibleAs } from '../measures/queries';
import { loadRoadmap } from '../roadmaps';
import {
  baselineItemsSql,
  ITEM_COLUMNS,
  type ItemRow,
  liveItemsSql,
  loadItems,
  toPlanItem,
  visibleSource,
} from './items';
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

/** The rows of two sources that differ, both sides visible to the actor. */
async function differingRows(ctx: Ctx, actor: Actor, a: SQL, b: SQL) {
  const { rows } = await ctx.db.execute<{ a: ItemRow | null; b: ItemRow | null }>(sql`
    with a as (${visibleSource(a, actor)}), b as (${visibleSource(b, actor)})
    select to_jsonb(a) as a, to_jsonb(b) as b from a full join b on a.measure_id = b.measure_id
    where a.fingerprint is distinct from b.fingerprint`);
  return split(rows);
}

function split(rows: { a: ItemRow | null; b: ItemRow | null }[]) {
  const from: PlanItem[] = [];
  const to: PlanItem[] = [];
  for (const r of rows) {
    if (r.a) from.push(toPlanItem(r.a));
    if (r.b) to.push(toPlanItem(r.b));
  }
  return { from, to };
}

/**
 * Two baselines: first which measures differ, from the covering index alone (measure,
 * fingerprint, tier, owner: a merge join of two index-only scans), then only those rows of
 * each baseline, by primary key (the ids go as one text parameter, whatever their number).
 */
async function differingBaselineRows(ctx: Ctx, actor: Actor, a: string, b: string) {
  const side = (id: string) =>
    sql`select measure_id, fingerprint from baseline_items v where baseline_id = ${id} and ${visibleAs('v', actor)}`;
  // one text of ids, not a row each: nothing to parse per measure
  const { rows } = await ctx.db.execute<{ ids: string | null }>(sql`
    select string_agg(coalesce(a.measure_id, b.measure_id)::text, ',') as ids
    from (${side(a)}) a full join (${side(b)}) b on a.measure_id = b.measure_id
    where a.fingerprint is distinct from b.fingerprint`);
  const list = rows[0]?.ids;
  if (!list) return { from: [], to: [] };
  const load = async (baselineId: string) =>
    (
      await ctx.db.execute<ItemRow & Record<string, unknown>>(sql`
        select ${ITEM_COLUMNS} from baseline_items v
        where baseline_id = ${baselineId} and measure_id = any(string_to_array(${list}, ',')::uuid[])
          and ${visibleAs('v', actor)}`)
    ).rows.map(toPlanItem);
  // visibility again: a measure one side may not see is added or removed, never shown whole
  const [from, to] = await Promise.all([load(a), load(b)]);
  return { from, to };
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
  let sides: { from: PlanItem[]; to: PlanItem[] };
  if (f.side.baselineId && t.side.baselineId)
    sides = await differingBaselineRows(ctx, actor, f.side.baselineId, t.side.baselineId);
  else if (f.source && t.source) sides = await differingRows(ctx, actor, f.source, t.source);
  else {
    const load = async (s: typeof f) =>
      s.source ? loadItems(ctx.db, actor, s.source) : planAtEndOf(ctx.db, actor, roadmapId, s.side.date!);
    const [a, b] = await Promise.all([load(f), load(t)]);
    sides = { from: a, to: b };
  }
  const d = filterDiff(diffPlans(sides.from, sides.to), {
    sphereId: q.sphereId,
    partyId: q.partyId,
    kinds: q.kind,
    fields: q.field,
  });
  // the state before is for filtering; a reader needs the measure now and what changed
  return {
    from: f.side,
    to: t.side,
    added: d.added,
    removed: d.removed,
    changed: d.changed.map((c) => ({ item: c.item, changes: c.changes })),
  };
}
