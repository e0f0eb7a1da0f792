/** Reading measures: lists with filters, one measure, and its history — all in the caller's view. */
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEvent } from '../../contracts/audit';
import type { Measure, MeasureQuery } from '../../contracts/roadmaps';
import type { DbOrTx } from '../../db/client';
import { measureResponsibles, measureSpheres, measures } from '../../db/schema';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { entityHistory } from '../audit';
import { type Ctx, today } from '../context';
import { countCapped } from '../search/count';
import { matchingOrganisations, measureSearchCondition } from '../search/conditions';
import { presentRows, selectWithRelations } from './present';
import { disputedSql, lateReportSql, reportFlagFilterSql, reportMissingSql } from './monitoring-flags';
import { atRiskFilterSql, measureVisibility, overdueSql, scheduleAtRiskSql } from './queries';
import { loadVisible } from './rules';

const SORTS: Record<string, SQL[]> = {
  code: [asc(measures.sortKey)],
  dueDate: [asc(measures.dueDate), asc(measures.sortKey)],
  startDate: [asc(measures.startDate), asc(measures.sortKey)],
  progress: [asc(measures.progress), asc(measures.sortKey)],
  status: [asc(measures.status), asc(measures.sortKey)],
  title: [sql`${measures.title}->>'ru'`, asc(measures.sortKey)],
  updatedAt: [asc(measures.updatedAt), asc(measures.sortKey)],
};
const DESC_SORTS: Record<string, SQL[]> = {
  code: [desc(measures.sortKey)],
  dueDate: [desc(measures.dueDate), asc(measures.sortKey)],
  startDate: [desc(measures.startDate), asc(measures.sortKey)],
  progress: [desc(measures.progress), asc(measures.sortKey)],
  status: [desc(measures.status), asc(measures.sortKey)],
  title: [sql`${measures.title}->>'ru' desc`, asc(measures.sortKey)],
  updatedAt: [desc(measures.updatedAt), asc(measures.sortKey)],
};

/** The WHERE condition of a measure list; shared by the summary and exports. */
export function measureFilter(
  actor: Actor,
  q: Omit<z.output<typeof MeasureQuery>, 'page' | 'limit' | 'sort'>,
  day: string,
  /** The bodies a text query names (`matchingOrganisations`); none when there is no `q`. */
  searchOrganisations: readonly string[] = [],
  /** For a page (ordered, limited): the form of `atRisk` that stops when the page is full. */
  form: { page?: boolean } = {},
) {
  const conds: (SQL | undefined)[] = [measureVisibility(actor)];
  if (q.roadmapId) conds.push(eq(measures.roadmapId, q.roadmapId));
  if (q.parentId === 'root') conds.push(isNull(measures.parentId));
  else if (q.parentId) conds.push(eq(measures.parentId, q.parentId));
  if (q.sphereId)
    conds.push(
      sql`exists (select 1 from ${measureSpheres} where ${measureSpheres.measureId} = ${measures.id} and ${measureSpheres.sphereId} = ${q.sphereId})`,
    );
  if (q.partyId)
    conds.push(
      sql`exists (select 1 from ${measureResponsibles} where ${measureResponsibles.measureId} = ${measures.id} and ${measureResponsibles.partyId} = ${q.partyId})`,
    );
  if (q.organisationId)
    conds.push(
      sql`exists (select 1 from ${measureResponsibles} where ${measureResponsibles.measureId} = ${measures.id} and ${measureResponsibles.organisationId} = ${q.organisationId})`,
    );
  if (q.status?.length) conds.push(inArray(measures.status, q.status));
  if (q.tier?.length) conds.push(inArray(measures.tier, q.tier));
  if (q.dueFrom) conds.push(gte(measures.dueDate, q.dueFrom));
  if (q.dueTo) conds.push(lte(measures.dueDate, q.dueTo));
  if (q.overdue !== undefined) conds.push(q.overdue ? overdueSql(day) : sql`not ${overdueSql(day)}`);
  // set-based where it pays (atRiskFilterSql says which form serves what)
  if (q.atRisk !== undefined)
    conds.push(atRiskFilterSql(day, actor, q.atRisk, { roadmapId: q.roadmapId, page: form.page }));
  if (q.disputed !== undefined) conds.push(q.disputed ? disputedSql() : sql`not ${disputedSql()}`);
  if (q.lateReport !== undefined)
    conds.push(
      // true: a semi-join on the late set; false keeps the per-row form, as atRisk=false does
      q.lateReport
        ? reportFlagFilterSql(actor, day, 'late', { roadmapId: q.roadmapId })
        : sql`not ${lateReportSql(actor, day)}`,
    );
  if (q.reportMissing) conds.push(reportMissingSql(actor, q.reportMissing, day));
  if (q.leaf !== undefined) conds.push(q.leaf ? eq(measures.childCount, 0) : sql`${measures.childCount} > 0`);
  if (q.q) conds.push(measureSearchCondition(q.q, searchOrganisations));
  return and(...conds);
}

/**
 * Lists count exactly up to this many matches and say «more than» beyond; a text search, whose
 * common words match a large share of the table, counts up to SEARCH_COUNT_CAP.
 */
export const LIST_COUNT_CAP = 10_000;
export const SEARCH_COUNT_CAP = 1_000;

/**
 * A page of measures matching the filters, with the total: exact up to LIST_COUNT_CAP, beyond
 * it `totalIsExact: false` (counting every match of a common word would read the whole table).
 */
export async function findMeasures(ctx: Ctx, actor: Actor, q: z.output<typeof MeasureQuery>) {
  const day = today(ctx);
  const orgs = q.q ? await matchingOrganisations(ctx.db, q.q) : undefined;
  const where = measureFilter(actor, q, day, orgs);
  const order = (q.sort.startsWith('-') ? DESC_SORTS : SORTS)[q.sort.replace(/^-/, '')];
  const [rows, count] = await Promise.all([
    selectWithRelations(ctx.db, actor, day, measureFilter(actor, q, day, orgs, { page: true }), {
      order: [...order, asc(measures.id)],
      limit: q.limit,
      offset: (q.page - 1) * q.limit,
    }),
    countList(ctx.db, actor, q, day, where, q.q ? SEARCH_COUNT_CAP : LIST_COUNT_CAP, orgs),
  ]);
  return { data: presentRows(rows, day), page: q.page, limit: q.limit, ...count };
}

/**
 * The list's capped count (`countCapped` of `where`, the list's own filter). `atRisk=true` is
 * counted on its schedule part alone first, which reads no reports: when that passes the cap,
 * so does the whole (the schedule part is a subset), and the set of measures missing a report
 * is never built; otherwise `where` counts it.
 */
export async function countList(
  db: DbOrTx,
  actor: Actor,
  q: Omit<z.output<typeof MeasureQuery>, 'page' | 'limit' | 'sort'>,
  day: string,
  where: SQL | undefined,
  cap: number,
  searchOrganisations?: readonly string[],
) {
  if (q.atRisk === true) {
    const rest = measureFilter(actor, { ...q, atRisk: undefined }, day, searchOrganisations);
    const bySchedule = await countCapped(db, and(rest, scheduleAtRiskSql(day)), cap);
    if (!bySchedule.totalIsExact) return bySchedule;
  }
  return countCapped(db, where, cap);
}

/** Measures by id in the caller's view, in the order asked (absent or hidden ones left out). */
export async function presentByIds(db: DbOrTx, actor: Actor, ids: string[], day: string): Promise<Measure[]> {
  if (ids.length === 0) return [];
  const rows = await selectWithRelations(
    db,
    actor,
    day,
    and(inArray(measures.id, ids), measureVisibility(actor)),
  );
  const order = new Map(ids.map((id, i) => [id, i]));
  return presentRows(rows, day).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

export async function getMeasure(ctx: Ctx, actor: Actor, id: string): Promise<Measure> {
  const [m] = await presentByIds(ctx.db, actor, [id], today(ctx));
  if (!m) throw notFound('measure');
  return m;
}

/** Fields older events carried that are derived from other measures or the day: never shown. */
const DERIVED = ['childCount', 'overdue', 'atRisk', 'disputed', 'lateReport', 'completionLevel'];

/**
 * Who changed what and when: the measure's audit events the actor may read, presented in the
 * caller's view — derived figures dropped and dependencies it may not see left out.
 */
export async function measureHistory(ctx: Ctx, actor: Actor, id: string): Promise<{ data: AuditEvent[] }> {
  await loadVisible(ctx.db, actor, id);
  const events = await entityHistory(ctx.db, actor, 'measure', id);
  const depIds = new Set<string>();
  const snapshots = events
    .flatMap((e) => [e.before, e.after])
    .filter((s): s is Record<string, unknown> => !!s);
  for (const s of snapshots) for (const d of (s.dependsOn as string[] | undefined) ?? []) depIds.add(d);
  const visible = new Set(
    depIds.size
      ? (
          await ctx.db
            .select({ id: measures.id })
            .from(measures)
            .where(and(inArray(measures.id, [...depIds]), measureVisibility(actor)))
        ).map((r) => r.id)
      : [],
  );
  const view = (s: unknown) => {
    if (!s || typeof s !== 'object') return s ?? null;
    const out = { ...(s as Record<string, unknown>) };
    for (const k of DERIVED) delete out[k];
    if (Array.isArray(out.dependsOn))
      out.dependsOn = (out.dependsOn as string[]).filter((d) => visible.has(d));
    return out;
  };
  return { data: events.map((e) => ({ ...e, before: view(e.before), after: view(e.after) })) };
}
