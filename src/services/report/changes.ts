/**
 * What changed in a roadmap between two days, read from the measure history (audit events):
 * new, removed and changed measures and status changes. Kept behind one function so that the
 * baseline diff (/roadmaps/{id}/diff) can replace it without touching the report.
 *
 * Visibility: only events the caller may read (`auditVisibility`: another party's internal
 * events carry its party scope), and only measures it may see now (a measure made internal
 * for the other party since drops out entirely); a removed measure shows when its deletion
 * event is one the caller may read.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { I18nText } from '../../contracts/common';
import type { MeasureStatus } from '../../contracts/enums';
import { auditEvents } from '../../db/schema';
import type { MeasureChanges } from '../../documents/report/model';
import { type Actor, internalScope } from '../../domain/policies';
import type { Ctx } from '../context';
import { visibleAs } from '../measures/queries';

type Snapshot = { code?: string; title?: I18nText; status?: MeasureStatus; [k: string]: unknown } | null;
interface EventRow {
  entity_id: string;
  action: 'measure.create' | 'measure.update' | 'measure.delete';
  before: Snapshot;
  after: Snapshot;
  cur_code: string | null;
  cur_title: I18nText | null;
  cur_sort: string | null;
}

/** Fields an update event carries that are bookkeeping, not a change a reader cares about. */
const NOT_FIELDS = new Set(['id', 'code', 'source', 'reason', 'decisionId', 'version', 'updatedAt']);

/** The measure changes of `roadmapId` from the start of `since` to the end of `asOf` (UTC days). */
export async function changesSince(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  since: string,
  asOf: string,
): Promise<MeasureChanges> {
  const rows = await ctx.db.execute(sql`
    with ev as (
      select e.pos, e.entity_id, e.action, e.before, e.after,
             max(coalesce(e.after->>'roadmapId', e.before->>'roadmapId')) over (partition by e.entity_id) as rm
      from ${auditEvents} e
      where e.entity_type = 'measure'
        and e.action in ('measure.create', 'measure.update', 'measure.delete')
        and e.occurred_at >= (${since}::date::timestamp at time zone 'UTC')
        and e.occurred_at < ((${asOf}::date + 1)::timestamp at time zone 'UTC')
        and ${auditVisibleAs('e', actor)}
    )
    select ev.entity_id, ev.action, ev.before, ev.after,
           m.code as cur_code, m.title as cur_title, m.sort_key as cur_sort
    from ev left join measures m on m.id = ev.entity_id
    where coalesce(m.roadmap_id::text, ev.rm) = ${roadmapId}
      and (case when m.id is not null then ${visibleAs('m', actor)}
           else exists (select 1 from ${auditEvents} d where d.entity_type = 'measure'
                        and d.entity_id = ev.entity_id and d.action = 'measure.delete'
                        and ${auditVisibleAs('d', actor)}) end)
    order by ev.pos`);
  return foldChanges(rows.rows as unknown as EventRow[], since, asOf);
}

/** services/audit `auditVisibility` for an alias of audit_events. */
function auditVisibleAs(alias: string, actor: Actor): SQL {
  const scope = internalScope(actor);
  const a = sql.raw(alias);
  if (scope === 'all') return sql`true`;
  if (scope === null) return sql`${a}.party_scope is null`;
  return sql`(${a}.party_scope is null or ${a}.party_scope = ${scope})`;
}

/** Events in write order → the changes per measure (exported for its unit test). */
export function foldChanges(rows: readonly EventRow[], since: string, asOf: string): MeasureChanges {
  const byId = new Map<string, EventRow[]>();
  for (const r of rows) {
    const list = byId.get(r.entity_id) ?? [];
    list.push(r);
    byId.set(r.entity_id, list);
  }
  const out: MeasureChanges = { since, asOf, created: [], removed: [], changed: [], statusChanges: [] };
  const sortKeys = new Map<string, string>();
  for (const [id, evs] of byId) {
    const created = evs.some((e) => e.action === 'measure.create');
    const deleted = evs.some((e) => e.action === 'measure.delete');
    const last = [...evs].reverse().find((e) => e.after || e.before)!;
    const code = evs[0].cur_code ?? snapshotOf(last)?.code ?? '';
    const title = evs[0].cur_title ?? snapshotOf(last)?.title ?? { ru: '' };
    sortKeys.set(id, evs[0].cur_sort ?? code);
    const item = { id, code, title };
    if (created && deleted) continue;
    if (created) {
      out.created.push(item);
      continue;
    }
    if (deleted) {
      out.removed.push(item);
      continue;
    }
    const updates = evs.filter((e) => e.action === 'measure.update');
    const fields = new Set<string>();
    for (const u of updates)
      for (const k of Object.keys(u.after ?? {})) if (!NOT_FIELDS.has(k)) fields.add(k);
    if (fields.size) out.changed.push({ ...item, fields: [...fields].sort() });
    const from = updates.find((u) => u.before?.status)?.before?.status;
    const to = [...updates].reverse().find((u) => u.after?.status)?.after?.status;
    if (from && to && from !== to) out.statusChanges.push({ ...item, from, to });
  }
  const order = (a: { id: string }, b: { id: string }) =>
    (sortKeys.get(a.id) ?? '').localeCompare(sortKeys.get(b.id) ?? '');
  out.created.sort(order);
  out.removed.sort(order);
  out.changed.sort(order);
  out.statusChanges.sort(order);
  return out;
}

/** The snapshot an event carries of its measure (the created or the removed form). */
const snapshotOf = (e: EventRow): Snapshot =>
  e.action === 'measure.delete' ? e.before : (e.after ?? e.before);
