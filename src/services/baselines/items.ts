/**
 * The plan of a roadmap as SQL row sources of one shape: a baseline's frozen items, or the live
 * measures computed the same way (responsible bodies and spheres aggregated, a fingerprint of
 * the compared fields). Freezing inserts the live source; a diff full-joins two sources on the
 * measure and loads only the rows whose fingerprints differ.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { PlanItem } from '../../domain/plan-diff';
import type { Actor } from '../../domain/policies';
import { visibleAs } from '../measures/queries';

/** The columns of a plan source, in baseline_items order (after baseline_id). */
export const ITEM_COLUMNS = sql.raw(
  'measure_id, parent_id, code, sort_key, title, start_date, due_date, tier, owner_party_id, status, progress, responsible, sphere_ids, fingerprint',
);

/** The live measures of a roadmap as a plan source (every tier; callers filter visibility). */
export const liveItemsSql = (roadmapId: string): SQL => sql`
  select m.id as measure_id, m.parent_id, m.code, m.sort_key, m.title, m.start_date, m.due_date,
    m.tier, m.owner_party_id, m.status, m.progress, coalesce(r.responsible, '[]'::jsonb) as responsible,
    coalesce(s.sphere_ids, '{}'::uuid[]) as sphere_ids,
    md5(concat_ws('|', coalesce(m.parent_id::text, ''), m.code, m.title::text, m.start_date, m.due_date,
      m.tier, coalesce(m.owner_party_id::text, ''), m.status, m.progress,
      coalesce(r.responsible, '[]'::jsonb)::text, coalesce(s.sphere_ids, '{}'::uuid[])::text))::uuid as fingerprint
  from measures m
  -- grouped once for the whole roadmap (hash joins), not once per measure
  left join (select x.measure_id, jsonb_agg(jsonb_build_object('organisationId', x.organisation_id,
      'partyId', x.party_id, 'role', x.role) order by x.organisation_id) as responsible
    from measure_responsibles x join measures xm on xm.id = x.measure_id
    where xm.roadmap_id = ${roadmapId} group by x.measure_id) r on r.measure_id = m.id
  left join (select y.measure_id, array_agg(y.sphere_id order by y.sphere_id) as sphere_ids
    from measure_spheres y join measures ym on ym.id = y.measure_id
    where ym.roadmap_id = ${roadmapId} group by y.measure_id) s on s.measure_id = m.id
  where m.roadmap_id = ${roadmapId}`;

/** A baseline's items as a plan source. */
export const baselineItemsSql = (baselineId: string): SQL =>
  sql`select ${ITEM_COLUMNS} from baseline_items where baseline_id = ${baselineId}`;

/** A source narrowed to what the actor may see (the tier rule, as every measure query applies it). */
export const visibleSource = (source: SQL, actor: Actor): SQL =>
  sql`select * from (${source}) v where ${visibleAs('v', actor)}`;

/**
 * A row of a plan source as a PlanItem, built by PostgreSQL (json: node-postgres answers it with
 * one JSON.parse, no column parsers; dates come as ISO days).
 */
export const itemJson = (alias: string): SQL =>
  sql.raw(
    `json_build_object('measureId', ${alias}.measure_id, 'parentId', ${alias}.parent_id, 'code', ${alias}.code, 'title', ${alias}.title, 'startDate', ${alias}.start_date, 'dueDate', ${alias}.due_date, 'tier', ${alias}.tier, 'ownerPartyId', ${alias}.owner_party_id, 'status', ${alias}.status, 'progress', ${alias}.progress, 'responsible', ${alias}.responsible, 'sphereIds', ${alias}.sphere_ids)`,
  );

/** A row of a plan source as it comes back (snake case; dates as text). */
export interface ItemRow {
  measure_id: string;
  parent_id: string | null;
  code: string;
  title: PlanItem['title'];
  start_date: string;
  due_date: string;
  tier: PlanItem['tier'];
  owner_party_id: string | null;
  status: PlanItem['status'];
  progress: number;
  responsible: PlanItem['responsible'];
  sphere_ids: string[] | string;
}

/** node-postgres answers uuid[] as text when it comes inside jsonb or unparsed: `{a,b}`. */
const uuidArray = (v: string[] | string): string[] =>
  Array.isArray(v) ? v : v === '{}' ? [] : v.slice(1, -1).split(',');

export function toPlanItem(r: ItemRow): PlanItem {
  return {
    measureId: r.measure_id,
    parentId: r.parent_id,
    code: r.code,
    title: r.title,
    startDate: String(r.start_date).slice(0, 10),
    dueDate: String(r.due_date).slice(0, 10),
    tier: r.tier,
    ownerPartyId: r.owner_party_id,
    status: r.status,
    progress: Number(r.progress),
    responsible: r.responsible ?? [],
    sphereIds: uuidArray(r.sphere_ids ?? []),
  };
}

/** Every item of a source the actor may see, in code order. */
export async function loadItems(db: DbOrTx, actor: Actor, source: SQL): Promise<PlanItem[]> {
  const { rows } = await db.execute<ItemRow & Record<string, unknown>>(
    sql`${visibleSource(source, actor)} order by sort_key`,
  );
  return rows.map(toPlanItem);
}
