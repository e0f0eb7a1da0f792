/**
 * Presenting measures: rows and their relations (spheres, provisions, responsible bodies,
 * visible dependencies and children) become the `Measure` contract, always in the caller's
 * view, and the audit form that history stores. Rows never leave the measure services.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Measure } from '../../contracts/roadmaps';
import type { DbOrTx } from '../../db/client';
import { measures } from '../../db/schema';
import { completionLevel, isOverdue } from '../../domain/measures';
import { isAtRiskAsKnown } from '../../domain/monitoring-flags';
import type { Actor } from '../../domain/policies';
import { iso } from '../common';
import { disputedSql, REPORT_LATE, REPORT_MISSING, reportFlagsSql } from './monitoring-flags';
import { MEASURE_COLUMNS, type MeasureRow, type ResponsibleRow, visibleAs } from './queries';

/** A measure's relations as loaded with it. */
export interface Relations {
  spheres: string[];
  provisions: string[];
  responsible: ResponsibleRow[];
  deps: string[];
  children: number;
  disputed: boolean;
  /** `reportFlagsSql` on the day the relations were loaded for. */
  reportFlags: number;
}

/**
 * A measure's relations as correlated subqueries on `id` (a column or an alias): spheres,
 * provisions, responsible bodies, and the dependencies and children the actor may see. Each
 * runs on an index, so a page of measures and its relations come back in one round trip.
 */
export function relationColumns(id: SQL, actor: Actor, day: string) {
  return {
    spheres: sql<string[]>`coalesce((select json_agg(ms.sphere_id order by s.position, s.code)
      from measure_spheres ms join spheres s on s.id = ms.sphere_id where ms.measure_id = ${id}), '[]')`,
    provisions: sql<string[]>`coalesce((select json_agg(mp.provision_id order by p.position, p.number)
      from measure_provisions mp join provisions p on p.id = mp.provision_id where mp.measure_id = ${id}), '[]')`,
    responsible: sql<ResponsibleRow[]>`coalesce((select json_agg(json_build_object(
        'organisationId', r.organisation_id, 'partyId', r.party_id, 'role', r.role)
        order by r.role, r.party_id, r.organisation_id)
      from measure_responsibles r where r.measure_id = ${id}), '[]')`,
    deps: sql<string[]>`coalesce((select json_agg(d.depends_on_id order by d.depends_on_id)
      from measure_dependencies d join measures dm on dm.id = d.depends_on_id
      where d.measure_id = ${id} and ${visibleAs('dm', actor)}), '[]')`,
    children: sql<number>`(select count(*)::int from measures c where c.parent_id = ${id} and ${visibleAs('c', actor)})`,
    disputed: disputedSql(),
    reportFlags: reportFlagsSql(actor, day),
  };
}

/**
 * The outer row's id, qualified: a bare column would render as "id" inside the subqueries and
 * bind to their own tables' id (children, dependencies) instead of the outer measure's.
 */
export const OUTER_ID = sql.raw('"measures"."id"');

export type RowWithRelations = { m: MeasureRow } & Relations;

/** Measures matching `where` with their relations, in one query. */
export async function selectWithRelations(
  db: DbOrTx,
  actor: Actor,
  /** The day the report flags are read for: the day the rows will be presented for. */
  day: string,
  where: SQL | undefined,
  page?: { order: SQL[]; limit: number; offset: number },
): Promise<RowWithRelations[]> {
  const base = db
    .select({ m: MEASURE_COLUMNS, ...relationColumns(OUTER_ID, actor, day) })
    .from(measures)
    .where(where);
  if (page)
    return base
      .orderBy(...page.order)
      .limit(page.limit)
      .offset(page.offset);
  return base;
}

/** The contract form of a measure in the caller's view (relations were loaded for that caller). */
export function presentMeasure(row: MeasureRow, rel: Relations, day: string): Measure {
  return {
    id: row.id,
    roadmapId: row.roadmapId,
    parentId: row.parentId,
    code: row.code,
    depth: row.depth,
    title: row.title,
    description: row.description ?? null,
    startDate: row.startDate,
    dueDate: row.dueDate,
    completionForm: row.completionForm,
    weight: row.weight,
    tier: row.tier,
    ownerPartyId: row.ownerPartyId,
    status: row.status,
    progress: row.progress,
    completionLevel: completionLevel(row.progress, row.status),
    overdue: isOverdue(row, day),
    atRisk: isAtRiskAsKnown(row, Number(rel.reportFlags) === REPORT_MISSING, day),
    disputed: Boolean(rel.disputed),
    lateReport: Number(rel.reportFlags) >= REPORT_LATE,
    childCount: Number(rel.children),
    sphereIds: rel.spheres,
    provisionIds: rel.provisions,
    responsible: rel.responsible,
    dependsOn: rel.deps,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** Presents rows loaded by `selectWithRelations`. */
export const presentRows = (rows: RowWithRelations[], day: string): Measure[] =>
  rows.map((r) => presentMeasure(r.m, r, day));

/**
 * What history keeps of a measure: its own facts, without what is derived from the day or
 * from other measures (flags, completion level, child count), so an event never carries a
 * figure about measures its reader may not see.
 */
export type MeasureAuditForm = Omit<
  Measure,
  'childCount' | 'overdue' | 'atRisk' | 'disputed' | 'lateReport' | 'completionLevel'
>;

export function auditForm(m: Measure): MeasureAuditForm {
  const {
    childCount: _c,
    overdue: _o,
    atRisk: _a,
    disputed: _d,
    lateReport: _r,
    completionLevel: _l,
    ...own
  } = m;
  return own;
}

/**
 * The fields an update changed, old and new: history stores what changed rather than two
 * whole copies of the measure (the hash chain covers the change all the same).
 */
export function auditChange(before: MeasureAuditForm, after: MeasureAuditForm) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof MeasureAuditForm)[]) {
    if (k === 'updatedAt') continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return {
    before: { id: before.id, code: before.code, ...b },
    after: { id: after.id, code: after.code, ...a },
  };
}
