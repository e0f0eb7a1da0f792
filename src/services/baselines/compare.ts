/**
 * Two baselines compared in PostgreSQL. A merge full join of the two baselines' (measure,
 * fingerprint, tier, owner), read from the primary key's index alone, finds the measures that
 * differ and that the actor may see on either side; only those rows are then read whole, each
 * by its primary key, and answered as PlanItem JSON (one JSON.parse in node-postgres, no
 * column parsers). The paged form also filters, counts and orders in SQL, so a page reads
 * whole only the rows it shows.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { DiffKind, PlanItem } from '../../domain/plan-diff';
import type { Actor } from '../../domain/policies';
import { visibleAs } from '../measures/queries';
import { itemJson } from './items';

const side = (baselineId: string, actor: Actor) =>
  sql`select measure_id, fingerprint, sort_key from baseline_items v where baseline_id = ${baselineId} and ${visibleAs('v', actor)}`;

/**
 * The measures whose fingerprints differ, seen by the actor on one side at least, with their kind
 * of change and code order key (all from the index). Materialized: the planner cannot estimate
 * how many differ, and a guess of "all of them" would turn the probes after it into hash joins
 * over both whole baselines.
 */
const differing = (actor: Actor, a: string, b: string) => sql`d as materialized (
  select coalesce(a.measure_id, b.measure_id) as id,
    case when a.measure_id is null then 'added' when b.measure_id is null then 'removed'
      else 'changed' end as kind,
    coalesce(b.sort_key, a.sort_key) as key
  from (${side(a, actor)}) a full join (${side(b, actor)}) b on a.measure_id = b.measure_id
  where a.fingerprint is distinct from b.fingerprint)`;

/**
 * One side's row of the measure `id` (an outer column), by primary key. Visibility again: a
 * measure the actor may see on one side only is added or removed, never shown whole.
 */
const probe = (baselineId: string, actor: Actor, alias: string, id: string, columns: SQL) =>
  sql`select ${columns} from baseline_items ${sql.raw(alias)} where ${sql.raw(alias)}.baseline_id = ${baselineId} and ${sql.raw(alias)}.measure_id = ${sql.raw(id)} and ${visibleAs(alias, actor)}`;

type Pair = { a: PlanItem | null; b: PlanItem | null };

function split(rows: readonly Pair[]) {
  const from: PlanItem[] = [];
  const to: PlanItem[] = [];
  for (const r of rows) {
    if (r.a) from.push(r.a);
    if (r.b) to.push(r.b);
  }
  return { from, to };
}

/** Both sides of every measure that differs between baselines `a` and `b`, as the actor sees them. */
export async function differingItems(db: DbOrTx, actor: Actor, a: string, b: string) {
  const { rows } = await db.execute<Pair>(sql`
    with ${differing(actor, a, b)}
    select (${probe(a, actor, 'x', 'd.id', itemJson('x'))}) as a,
      (${probe(b, actor, 'y', 'd.id', itemJson('y'))}) as b
    from d`);
  return split(rows);
}

export interface PageFilter {
  sphereId?: string;
  partyId?: string;
  kinds?: readonly DiffKind[];
}

/** SQL form of plan-diff `touches`: one state of a measure is in the sphere and concerns the party. */
function touches(alias: string, f: PageFilter): SQL {
  const a = sql.raw(alias);
  const sphere = f.sphereId ? sql`${a}.sphere_ids @> array[${f.sphereId}]::uuid[]` : sql`true`;
  const party = f.partyId
    ? sql`(${a}.owner_party_id = ${f.partyId} or ${a}.responsible @> jsonb_build_array(jsonb_build_object('partyId', ${f.partyId}::text)))`
    : sql`true`;
  // a side the actor does not see (or that does not exist) touches nothing
  return sql`coalesce(${a}.sort_key is not null and ${sphere} and ${party}, false)`;
}

const KIND_ORDER = sql.raw(`case s.kind when 'changed' then 0 when 'added' then 1 else 2 end`);

/**
 * One page of the diff of two baselines, filtered by sphere, party and kind (a measure matches
 * when either of its states does, as `filterDiff`), with the counts of the whole filtered diff.
 * The page runs over changed, then added, then removed, each in code order (`sort_key` in
 * byte order, as codeSortKey keys compare in JavaScript).
 */
export async function differingPage(
  db: DbOrTx,
  actor: Actor,
  a: string,
  b: string,
  f: PageFilter,
  offset: number,
  limit: number,
) {
  const cols = sql.raw('sort_key, sphere_ids, owner_party_id, responsible');
  const kinds = f.kinds?.length
    ? sql`d.kind in (${sql.join(
        f.kinds.map((k) => sql`${k}`),
        sql`, `,
      )})`
    : sql`true`;
  // a sphere or party filter reads each side's spheres and bodies, by primary key (offset 0
  // keeps each lookup a probe); without one the index alone has answered
  const touching =
    f.sphereId || f.partyId
      ? sql`and exists (select 1
          from (select 1) one
          left join lateral (${probe(a, actor, 'x', 'd.id', cols)} offset 0) x on true
          left join lateral (${probe(b, actor, 'y', 'd.id', cols)} offset 0) y on true
          where ${touches('x', f)} or ${touches('y', f)})`
      : sql``;
  const { rows } = await db.execute<{
    counts: { added: number; removed: number; changed: number };
    page: Pair[];
  }>(sql`
    with ${differing(actor, a, b)},
    s as materialized (select d.id, d.kind, d.key from d where ${kinds} ${touching}),
    p as (select s.id from s order by ${KIND_ORDER}, s.key collate "C", s.id limit ${limit} offset ${offset})
    select (select json_build_object('added', count(*) filter (where s.kind = 'added'),
        'removed', count(*) filter (where s.kind = 'removed'),
        'changed', count(*) filter (where s.kind = 'changed')) from s) as counts,
      coalesce((select json_agg(json_build_object(
        'a', (${probe(a, actor, 'x', 'p.id', itemJson('x'))}),
        'b', (${probe(b, actor, 'y', 'p.id', itemJson('y'))}))) from p), '[]'::json) as page`);
  return { counts: rows[0].counts, ...split(rows[0].page) };
}
