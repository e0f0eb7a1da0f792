/**
 * The set-based writer for many measures at once (the demo loader, the generator, imports):
 * multi-row inserts of measures and their relations, then one roll-up statement per level of
 * the tree, and audit events built in one pass. Callers check rules first; this only writes.
 */
import { inArray, sql } from 'drizzle-orm';
import type { I18nText } from '../../contracts/common';
import type { CompletionForm, MeasureStatus, Tier } from '../../contracts/enums';
import type { DbOrTx, Tx } from '../../db/client';
import { measures } from '../../db/schema';
import { codeSortKey } from '../../domain/measures';
import { SYSTEM_ACTOR } from '../../domain/policies';
import type { AuditInput } from '../core/mutate';
import { auditForm, OUTER_ID, presentMeasure, relationColumns } from './present';
import { countedChildrenJoin, MEASURE_COLUMNS, type ResponsibleRow } from './queries';
import { measureSearchText } from '../search/documents';

export interface BatchMeasure {
  id: string;
  parentId: string | null;
  code: string;
  depth: number;
  title: I18nText;
  description?: I18nText | null;
  startDate: string;
  dueDate: string;
  completionForm: CompletionForm;
  weight: number;
  tier: Tier;
  ownerPartyId: string | null;
  status: MeasureStatus;
  progress: number;
  sphereIds: readonly string[];
  provisionIds?: readonly string[];
  responsible: readonly ResponsibleRow[];
  dependsOn?: readonly string[];
  /** The lemmatised search text when the caller has it already (the generator caches titles). */
  searchText?: string;
}

const CHUNK = 2000;
/**
 * Measures whose links go in one statement. Each statement's triggers join its rows with the
 * measures they belong to, a hash join that reads the whole table once per statement: few
 * large statements cost far less than many small ones (the summary trigger is linear in a
 * statement's size since migration 0020).
 */
const LINK_CHUNK = 20_000;

/** The measures' rows as the insert reads them (JSON), search texts lemmatised. */
const measureRows = (part: readonly BatchMeasure[]) =>
  JSON.stringify(
    part.map((m) => ({
      i: m.id,
      p: m.parentId,
      c: m.code,
      k: codeSortKey(m.code),
      d: m.depth,
      t: m.title,
      ds: m.description ?? null,
      s: m.startDate,
      u: m.dueDate,
      f: m.completionForm,
      w: m.weight,
      r: m.tier,
      o: m.ownerPartyId,
      st: m.status,
      pr: m.progress,
      q: m.searchText ?? measureSearchText(m),
    })),
  );

/** Inserts measures (parents before children), then their relations, into `roadmapId`. */
export async function writeMeasureBatch(tx: Tx, roadmapId: string, items: readonly BatchMeasure[]) {
  let rows = measureRows(items.slice(0, CHUNK));
  for (let i = 0; i < items.length; i += CHUNK) {
    const writing = insertMeasures(tx, roadmapId, rows);
    writing.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled
    // the next chunk's rows (lemmatising is the costly part) are made while PostgreSQL writes
    // this one: the statement has gone out once the event loop has turned
    await new Promise((r) => setImmediate(r));
    if (i + CHUNK < items.length) rows = measureRows(items.slice(i + CHUNK, i + 2 * CHUNK));
    await writing;
  }
  for (let i = 0; i < items.length; i += LINK_CHUNK)
    await insertRelations(tx, items.slice(i, i + LINK_CHUNK));
}

async function insertMeasures(tx: Tx, roadmapId: string, rows: string) {
  await tx.execute(sql`
      insert into ${measures} (id, roadmap_id, parent_id, code, sort_key, depth, title, description, start_date,
        due_date, completion_form, weight, tier, owner_party_id, status, progress, search_vector)
      select x.i, ${roadmapId}::uuid, x.p, x.c, x.k, x.d, x.t, x.ds, x.s, x.u, x.f, x.w, x.r, x.o, x.st, x.pr,
        to_tsvector('simple', x.q)
      from json_to_recordset(${rows}::json) as x(i uuid, p uuid, c text, k text, d smallint,
        t jsonb, ds jsonb, s date, u date, f completion_form, w float8, r tier, o uuid, st measure_status,
        pr smallint, q text)`);
}

/** The spheres, provisions, dependencies and responsible bodies of measures already written. */
async function insertRelations(tx: Tx, part: readonly BatchMeasure[]) {
  await insertLinks(
    tx,
    'measure_spheres',
    'sphere_id',
    part.flatMap((m) => m.sphereIds.map((v) => [m.id, v])),
  );
  await insertLinks(
    tx,
    'measure_provisions',
    'provision_id',
    part.flatMap((m) => (m.provisionIds ?? []).map((v) => [m.id, v])),
  );
  await insertLinks(
    tx,
    'measure_dependencies',
    'depends_on_id',
    part.flatMap((m) => (m.dependsOn ?? []).map((v) => [m.id, v])),
  );
  const resp = part.flatMap((m) =>
    m.responsible.map((r) => ({ m: m.id, o: r.organisationId, p: r.partyId, r: r.role })),
  );
  if (resp.length)
    await tx.execute(sql`
        insert into measure_responsibles (measure_id, organisation_id, party_id, role)
        select x.m, x.o, x.p, x.r
        from json_to_recordset(${JSON.stringify(resp)}::json) as x(m uuid, o uuid, p uuid, r responsible_role)`);
}

async function insertLinks(tx: Tx, table: string, column: string, pairs: string[][]) {
  if (pairs.length === 0) return;
  await tx.execute(sql`
    insert into ${sql.raw(table)} (measure_id, ${sql.raw(column)})
    select x[1]::uuid, x[2]::uuid from json_array_elements(${JSON.stringify(pairs)}::json) j,
      lateral (select array(select json_array_elements_text(j.value))) as a(x)`);
}

/**
 * Rolls every parent of a roadmap up from its children, one statement per level from the
 * deepest: the set-based form of `rollUpAncestors` (queries.test.ts holds the two together).
 * Parents with no counted child keep their own progress and status.
 */
export async function rollUpRoadmap(tx: DbOrTx, roadmapId: string) {
  const { rows } = await tx.execute<{ d: number | null }>(
    sql`select max(depth)::int as d from ${measures} where roadmap_id = ${roadmapId}`,
  );
  for (let depth = (rows[0]?.d ?? 0) - 1; depth >= 0; depth--) {
    await tx.execute(sql`
      with kids as (
        select p.id, count(c.id)::int as n,
          sum(c.weight::numeric * c.progress) filter (where c.status <> 'cancelled' and c.weight > 0) as ws,
          sum(c.weight::numeric) filter (where c.status <> 'cancelled' and c.weight > 0) as w,
          bool_and(c.status = 'cancelled') as all_cancelled,
          bool_and(c.status in ('completed', 'cancelled')) as all_done,
          bool_or(c.status <> 'cancelled' and (c.status <> 'not_started' or c.progress > 0)) as started
        from ${measures} p join ${measures} c on c.parent_id = p.id and ${countedChildrenJoin('p', 'c')}
        where p.roadmap_id = ${roadmapId} and p.depth = ${depth}
        group by p.id)
      update ${measures} m set
        child_count = k.n,
        progress = coalesce(round(k.ws / nullif(k.w, 0))::smallint, m.progress),
        status = (case when k.all_cancelled then 'cancelled' when k.all_done then 'completed'
          when k.started then 'in_progress' else 'not_started' end)::measure_status
      from kids k where m.id = k.id`);
  }
}

/**
 * The `measure.create` events of measures just written, as their stored form after roll-up:
 * the audit form leaves out what is derived from other measures (children, disputes), so
 * those subqueries of `selectWithRelations` are not run here.
 */
export async function batchCreateEvents(
  db: DbOrTx,
  ids: readonly string[],
  day: string,
): Promise<AuditInput[]> {
  const { spheres, provisions, responsible, deps } = relationColumns(OUTER_ID, SYSTEM_ACTOR, day);
  const out: AuditInput[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .select({ m: MEASURE_COLUMNS, spheres, provisions, responsible, deps })
      .from(measures)
      .where(inArray(measures.id, ids.slice(i, i + CHUNK) as string[]));
    for (const r of rows) {
      const m = presentMeasure(r.m, { ...r, children: 0, disputed: false, reportFlags: 0 }, day);
      out.push({
        action: 'measure.create',
        entityType: 'measure',
        entityId: m.id,
        after: auditForm(m),
        partyScope: m.ownerPartyId,
      });
    }
  }
  return out;
}
