/**
 * The plan as it stood at the end of a day, from history alone: the live measures, with every
 * measure event after that day undone, newest first (a creation removes the measure, a deletion
 * brings back the form it recorded, an update or move puts back the values it replaced). Exact
 * for each measure's own fields as its events record them; values that changed without an event
 * of their own (a parent's rolled-up status and progress, the codes of a moved subtree) are
 * taken as they are now. The day ends at midnight UTC.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { PlanItem } from '../../domain/plan-diff';
import { type Actor, SYSTEM_ACTOR } from '../../domain/policies';
import { visiblePlan } from '../../domain/plan-diff';
import { liveItemsSql, loadItems } from './items';

type Snapshot = Record<string, unknown>;

const FIELDS = [
  'parentId',
  'code',
  'title',
  'startDate',
  'dueDate',
  'tier',
  'ownerPartyId',
  'status',
  'progress',
  'responsible',
  'sphereIds',
] as const;

/** A measure's recorded audit form as a plan item. */
function fromAuditForm(s: Snapshot): PlanItem {
  const r = (s.responsible as PlanItem['responsible'] | undefined) ?? [];
  return {
    measureId: String(s.id),
    parentId: (s.parentId as string | null) ?? null,
    code: String(s.code),
    title: s.title as PlanItem['title'],
    startDate: String(s.startDate),
    dueDate: String(s.dueDate),
    tier: s.tier as PlanItem['tier'],
    ownerPartyId: (s.ownerPartyId as string | null) ?? null,
    status: s.status as PlanItem['status'],
    progress: Number(s.progress ?? 0),
    // in organisation order, as a baseline keeps them
    responsible: r
      .map((x) => ({ organisationId: x.organisationId, partyId: x.partyId, role: x.role }))
      .sort((a, b) =>
        a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : 0,
      ),
    sphereIds: [...((s.sphereIds as string[] | undefined) ?? [])].sort(),
  };
}

/** Undoes one event on the plan (a map by measure id). */
export function undoEvent(
  plan: Map<string, PlanItem>,
  e: { action: string; entityId: string; before: Snapshot | null },
) {
  if (e.action === 'measure.create') plan.delete(e.entityId);
  else if (e.action === 'measure.delete' && e.before) plan.set(e.entityId, fromAuditForm(e.before));
  else if (e.before) {
    const cur = plan.get(e.entityId);
    if (!cur) return;
    const next = { ...cur } as Record<string, unknown>;
    for (const f of FIELDS) if (f in e.before) next[f] = e.before[f];
    const item = fromAuditForm({ ...next, id: cur.measureId });
    plan.set(e.entityId, item);
  }
}

/** The roadmap's plan at the end of `day`, as the actor may see it. */
export async function planAtEndOf(db: DbOrTx, actor: Actor, roadmapId: string, day: string) {
  const live = await loadItems(db, SYSTEM_ACTOR, liveItemsSql(roadmapId));
  const plan = new Map(live.map((m) => [m.measureId, m]));
  const { rows } = await db.execute<{ action: string; entity_id: string; before: Snapshot | null }>(sql`
    with ids as (
      select id from measures where roadmap_id = ${roadmapId}
      union select entity_id from audit_events
        where entity_type = 'measure' and action = 'measure.delete' and before->>'roadmapId' = ${roadmapId})
    select e.action, e.entity_id, e.before from audit_events e
    where e.entity_type = 'measure' and e.entity_id in (select id from ids)
      and e.occurred_at >= (${day}::date + 1)::timestamp at time zone 'UTC'
      and e.action in ('measure.create', 'measure.update', 'measure.move', 'measure.delete')
    order by e.pos desc`);
  for (const r of rows) undoEvent(plan, { action: r.action, entityId: r.entity_id, before: r.before });
  return visiblePlan(actor, [...plan.values()]);
}
