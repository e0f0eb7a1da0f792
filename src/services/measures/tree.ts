/**
 * Tree mechanics: roll-ups up the ancestor chain, the next free code in a series, renumbering
 * a subtree, the indexed search text, and replacing a measure's relations.
 */
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import {
  measureDependencies,
  measureProvisions,
  measureResponsibles,
  measureSpheres,
  measures,
} from '../../db/schema';
import { detail, fieldError } from '../../domain/errors';
import { codeSortKey, nextChildCode, rebaseCode } from '../../domain/measures';
import type { MeasureRow, ResponsibleRow } from './queries';

/**
 * The roll-up of one parent from its counted children, as one statement: the SQL form of
 * domain rollUpProgress / rollUpStatus with `countsTowardsParent` (queries.test.ts holds them
 * together). Answers the parent's own parent when something changed, nothing otherwise.
 */
const rollUpOne = (id: string) => sql`
  with p as (select id, tier from ${measures} where id = ${id}),
  k as (
    select count(*)::int as n,
      sum(c.weight::numeric * c.progress) filter (where c.status <> 'cancelled' and c.weight > 0) as ws,
      sum(c.weight::numeric) filter (where c.status <> 'cancelled' and c.weight > 0) as w,
      bool_and(c.status = 'cancelled') as all_cancelled,
      bool_and(c.status in ('completed', 'cancelled')) as all_done,
      bool_or(c.status <> 'cancelled' and (c.status <> 'not_started' or c.progress > 0)) as started
    from ${measures} c, p where c.parent_id = p.id and (p.tier = 'internal' or c.tier <> 'internal')),
  v as (
    select m.id, k.n,
      coalesce(round(k.ws / nullif(k.w, 0))::smallint, m.progress) as progress,
      (case when k.n = 0 then m.status::text when k.all_cancelled then 'cancelled' when k.all_done then 'completed'
        when k.started then 'in_progress' else 'not_started' end)::measure_status as status
    from ${measures} m, k where m.id = ${id})
  update ${measures} m set child_count = v.n, progress = v.progress, status = v.status
  from v where m.id = v.id and (m.child_count, m.progress, m.status) is distinct from (v.n, v.progress, v.status)
  returning m.parent_id`;

/**
 * Recomputes child count, progress and status of `parentId` and its ancestors from their
 * children, one statement a level, stopping as soon as a level does not change.
 */
export async function rollUpAncestors(tx: DbOrTx, parentId: string | null) {
  let id = parentId;
  while (id) {
    const { rows } = await tx.execute<{ parent_id: string | null }>(rollUpOne(id));
    if (rows.length === 0) return;
    id = rows[0].parent_id;
  }
}

/**
 * The next free code in `series` under `parent` (or at the top). Two writers at once would
 * pick the same number, so auto-numbering is serialised per roadmap until the transaction
 * ends. Only siblings of the same series count, so a joint code never depends on hidden ones.
 */
export async function nextFreeCode(
  tx: Tx,
  roadmapId: string,
  parent: Pick<MeasureRow, 'id' | 'code'> | null,
  series: string | null,
): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(727003, hashtext(${roadmapId}))`);
  const siblings = await tx
    .select({ code: measures.code })
    .from(measures)
    .where(
      and(
        eq(measures.roadmapId, roadmapId),
        parent ? eq(measures.parentId, parent.id) : isNull(measures.parentId),
      ),
    );
  return nextChildCode(
    parent?.code ?? null,
    siblings.map((s) => s.code),
    series,
  );
}

/**
 * Gives `root` the code `code` and rebases its subtree (`rebaseCode`), with depths shifted by
 * `depthDelta`. Refuses a code taken in the same series (which the actor can see, as the
 * series is its own or the joint one). Two statements, so that the unique (roadmap, code)
 * index never sees a transient clash.
 */
export async function renumberSubtree(
  tx: Tx,
  root: Pick<MeasureRow, 'id' | 'roadmapId' | 'code' | 'sortKey'>,
  code: string,
  depthDelta: number,
) {
  const subtree = await tx
    .select({ id: measures.id, code: measures.code, depth: measures.depth })
    .from(measures)
    .where(
      and(
        eq(measures.roadmapId, root.roadmapId),
        sql`(${measures.id} = ${root.id} or ${measures.sortKey} like ${`${root.sortKey}.%`})`,
      ),
    );
  const next = subtree.map((s) => ({ ...s, code: rebaseCode(s.code, root.code, code) }));
  const taken = await tx
    .select({ code: measures.code })
    .from(measures)
    .where(
      and(
        eq(measures.roadmapId, root.roadmapId),
        inArray(
          measures.code,
          next.map((s) => s.code),
        ),
        notInArray(
          measures.id,
          subtree.map((s) => s.id),
        ),
      ),
    )
    .orderBy(measures.sortKey)
    .limit(1);
  if (taken.length) throw fieldError('conflict', [detail('code', 'code.taken', { code: taken[0].code })]);
  const values = next.map((s) => ({ i: s.id, c: s.code, k: codeSortKey(s.code), d: s.depth + depthDelta }));
  await tx
    .update(measures)
    .set({ code: sql`'~' || ${measures.id}::text` })
    .where(
      inArray(
        measures.id,
        subtree.map((s) => s.id),
      ),
    );
  await tx.execute(sql`
    update ${measures} m set code = x.c, sort_key = x.k, depth = x.d
    from json_to_recordset(${JSON.stringify(values)}::json) as x(i uuid, c text, k text, d smallint)
    where m.id = x.i`);
}

/** Replaces the relations named in `input` (absent ones stay as they are). */
export async function replaceRelations(
  tx: Tx,
  id: string,
  input: { sphereIds?: string[]; provisionIds?: string[]; dependsOn?: string[] },
  responsible: ResponsibleRow[] | undefined,
) {
  if (input.sphereIds) {
    await tx.delete(measureSpheres).where(eq(measureSpheres.measureId, id));
    if (input.sphereIds.length)
      await tx
        .insert(measureSpheres)
        .values(input.sphereIds.map((sphereId) => ({ measureId: id, sphereId })));
  }
  if (input.provisionIds) {
    await tx.delete(measureProvisions).where(eq(measureProvisions.measureId, id));
    if (input.provisionIds.length)
      await tx
        .insert(measureProvisions)
        .values(input.provisionIds.map((provisionId) => ({ measureId: id, provisionId })));
  }
  if (responsible) {
    await tx.delete(measureResponsibles).where(eq(measureResponsibles.measureId, id));
    if (responsible.length)
      await tx.insert(measureResponsibles).values(responsible.map((r) => ({ measureId: id, ...r })));
  }
  if (input.dependsOn) {
    await tx.delete(measureDependencies).where(eq(measureDependencies.measureId, id));
    if (input.dependsOn.length)
      await tx
        .insert(measureDependencies)
        .values(input.dependsOn.map((dependsOnId) => ({ measureId: id, dependsOnId })));
  }
}
