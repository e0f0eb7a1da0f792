/**
 * The checks every measure write shares: what the actor may load (the `Visible` brand),
 * the roadmap being open, the shape rules (tiers, owners, dates, status and progress) and
 * the references (spheres, provisions, organisations, dependencies).
 */
import { and, eq, inArray, ne, type SQLWrapper, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import {
  measureDependencies,
  measures,
  organisations,
  parties,
  provisions,
  roadmapAgreements,
  roadmaps,
  spheres,
} from '../../db/schema';
import { detail, type ErrorDetail, fieldError, notFound, ruleViolation } from '../../domain/errors';
import { dateRangeError, dependencyCycle, dependencyRuleError } from '../../domain/measures';
import { type Actor, canReadMeasure } from '../../domain/policies';
import { requireIds } from '../common';
import { MEASURE_COLUMNS, type MeasureRow, measureVisibility, type ResponsibleRow } from './queries';
import { OUTER_ID, type Relations, relationColumns } from './present';

declare const visibleBrand: unique symbol;
/**
 * A measure row the actor has been shown to see. Only `loadVisible` and `loadForWrite`
 * make one, and the write verbs take only this type, so no write can skip the check.
 */
export type Visible<T> = T & { readonly [visibleBrand]: true };

/** Loads a measure the actor may see, or 404 exactly as if it did not exist. */
export async function loadVisible(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, id));
  if (!row || !canReadMeasure(actor, row)) throw notFound('measure');
  return row as Visible<MeasureRow>;
}

/**
 * A visible measure, locked for the transaction, with its relations in the actor's view and
 * its roadmap's status: one round trip for everything a write checks first.
 */
export async function loadForWrite(tx: Tx, actor: Actor, id: string, day: string) {
  const [r] = await tx
    .select({
      m: MEASURE_COLUMNS,
      ...relationColumns(OUTER_ID, actor, day),
      roadmapStatus: sql<string>`(select r.status from roadmaps r where r.id = "measures"."roadmap_id")`,
      // read with the row (an index probe, no round trip): a first amendment freezes the plan
      roadmapHasBaseline: hasBaselineSql(sql`"measures"."roadmap_id"`),
    })
    .from(measures)
    .where(and(eq(measures.id, id), measureVisibility(actor)))
    .for('update', { of: measures });
  if (!r) throw notFound('measure');
  return {
    row: r.m as Visible<MeasureRow>,
    rel: r as Relations,
    roadmapStatus: r.roadmapStatus,
    roadmap: { id: r.m.roadmapId, status: r.roadmapStatus, hasBaseline: r.roadmapHasBaseline },
  };
}

/** A write into an archived roadmap is refused, naming `path`. */
export function requireOpenRoadmap(status: string, path: string): void {
  if (status === 'archived') throw ruleViolation(path, ARCHIVED);
}

/** Whether the roadmap `roadmapId` (a column or expression) has a frozen plan: an index probe. */
export const hasBaselineSql = (roadmapId: SQLWrapper) =>
  sql<boolean>`exists (select 1 from baselines b where b.roadmap_id = ${roadmapId})`;

/** The roadmap a write goes to: it must exist and not be archived. */
export async function loadRoadmapForWrite(tx: Tx, roadmapId: string, path: string) {
  const [r] = await tx
    .select({
      id: roadmaps.id,
      status: roadmaps.status,
      hasBaseline: hasBaselineSql(roadmaps.id),
    })
    .from(roadmaps)
    .where(eq(roadmaps.id, roadmapId));
  if (!r) throw ruleViolation(path, 'noSuch.roadmap');
  requireOpenRoadmap(r.status, path);
  return r;
}

/** The one rule for a write into an archived roadmap. */
export const ARCHIVED = 'roadmap.archived';

/** A party's code (`KZ`), which numbers its internal series. */
export async function partyCode(tx: Tx, partyId: string | null): Promise<string | null> {
  if (!partyId) return null;
  const [p] = await tx.select({ code: parties.code }).from(parties).where(eq(parties.id, partyId));
  return p?.code ?? null;
}

export interface Shape {
  roadmapId: string;
  parentId: string | null;
  tier: MeasureRow['tier'];
  ownerPartyId: string | null;
  startDate: string;
  dueDate: string;
  status: MeasureRow['status'];
  progress: number;
}

/** Rules that hold whatever the change: tiers, owners, dates, status vs progress. */
export function checkShape(
  shape: Shape,
  parent: Pick<MeasureRow, 'tier' | 'ownerPartyId'> | null,
  prefix = '',
) {
  const p = (f: string) => `${prefix}${f}`;
  if (shape.tier === 'internal' && !shape.ownerPartyId)
    throw ruleViolation(p('ownerPartyId'), 'measure.ownerRequired');
  if (shape.tier !== 'internal' && shape.ownerPartyId)
    throw ruleViolation(p('ownerPartyId'), 'measure.ownerOnlyInternal');
  if (
    parent?.tier === 'internal' &&
    (shape.tier !== 'internal' || shape.ownerPartyId !== parent.ownerPartyId)
  )
    throw ruleViolation(p('tier'), 'measure.underInternal');
  const dates = dateRangeError(shape.startDate, shape.dueDate);
  if (dates) throw ruleViolation(p('dueDate'), dates);
  if (shape.status === 'completed' && shape.progress !== 100)
    throw ruleViolation(p('progress'), 'measure.completed100');
}

export interface ReferenceInput {
  sphereIds?: string[];
  provisionIds?: string[];
  responsible?: { organisationId: string; role: 'lead' | 'co_executor' }[];
  dependsOn?: string[];
}

/** Checks references of spheres, provisions, organisations and dependencies; returns responsible rows. */
export async function checkReferences(
  tx: Tx,
  actor: Actor,
  shape: Shape,
  selfId: string | null,
  input: ReferenceInput,
  prefix = '',
): Promise<ResponsibleRow[] | undefined> {
  const details: ErrorDetail[] = [];
  if (input.sphereIds)
    await requireIds(tx, spheres, spheres.id, input.sphereIds, `${prefix}sphereIds`, 'sphere');
  if (input.provisionIds?.length) {
    const rows = await tx
      .select({ id: provisions.id, linked: sql<boolean>`${roadmapAgreements.roadmapId} is not null` })
      .from(provisions)
      .leftJoin(
        roadmapAgreements,
        and(
          eq(roadmapAgreements.agreementId, provisions.agreementId),
          eq(roadmapAgreements.roadmapId, shape.roadmapId),
        ),
      )
      .where(inArray(provisions.id, input.provisionIds));
    const byId = new Map(rows.map((r) => [r.id, r.linked]));
    input.provisionIds.forEach((id, i) => {
      if (!byId.has(id)) details.push(detail(`${prefix}provisionIds.${i}`, 'noSuch.provision'));
      else if (!byId.get(id))
        details.push(detail(`${prefix}provisionIds.${i}`, 'measure.provisionOtherAgreement'));
    });
  }
  const responsible = input.responsible
    ? await responsibleRows(tx, shape, input.responsible, prefix, details)
    : undefined;
  if (input.dependsOn?.length)
    await checkDependencies(tx, actor, shape, selfId, input.dependsOn, prefix, details);
  if (details.length) throw fieldError('rule_violation', details);
  return responsible;
}

async function responsibleRows(
  tx: Tx,
  shape: Shape,
  input: NonNullable<ReferenceInput['responsible']>,
  prefix: string,
  details: ErrorDetail[],
): Promise<ResponsibleRow[]> {
  const ids = input.map((r) => r.organisationId);
  const rows = ids.length
    ? await tx
        .select({ id: organisations.id, partyId: organisations.partyId })
        .from(organisations)
        .where(inArray(organisations.id, ids))
    : [];
  const party = new Map(rows.map((r) => [r.id, r.partyId]));
  const out: ResponsibleRow[] = [];
  input.forEach((r, i) => {
    const partyId = party.get(r.organisationId);
    if (!partyId) details.push(detail(`${prefix}responsible.${i}.organisationId`, 'noSuch.organisation'));
    else if (shape.tier === 'internal' && partyId !== shape.ownerPartyId)
      details.push(detail(`${prefix}responsible.${i}.organisationId`, 'measure.internalResponsible'));
    else out.push({ organisationId: r.organisationId, partyId, role: r.role });
  });
  return out;
}

/**
 * Dependencies must be visible, of the same roadmap and allowed by `dependencyRuleError`;
 * then no cycle may form. Because of that rule no edge leads from what the actor sees into
 * what it does not, so the cycle check walks only edges the actor may see and its refusal
 * reveals nothing hidden.
 */
async function checkDependencies(
  tx: Tx,
  actor: Actor,
  shape: Shape,
  selfId: string | null,
  dependsOn: string[],
  prefix: string,
  details: ErrorDetail[],
) {
  const rows = await tx
    .select({
      id: measures.id,
      roadmapId: measures.roadmapId,
      tier: measures.tier,
      ownerPartyId: measures.ownerPartyId,
    })
    .from(measures)
    .where(inArray(measures.id, dependsOn));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const before = details.length;
  dependsOn.forEach((id, i) => {
    const m = byId.get(id);
    const path = `${prefix}dependsOn.${i}`;
    if (!m || !canReadMeasure(actor, m)) details.push(detail(path, 'noSuch.measure'));
    else if (m.roadmapId !== shape.roadmapId) details.push(detail(path, 'measure.otherRoadmap'));
    else {
      const rule = dependencyRuleError(shape, m);
      if (rule) details.push(detail(path, rule));
    }
  });
  if (!selfId || details.length > before) return;
  const edges = await tx
    .select({ from: measureDependencies.measureId, to: measureDependencies.dependsOnId })
    .from(measureDependencies)
    .innerJoin(measures, eq(measures.id, measureDependencies.measureId))
    .where(
      and(
        eq(measures.roadmapId, shape.roadmapId),
        ne(measureDependencies.measureId, selfId),
        measureVisibility(actor),
      ),
    );
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const bad = dependencyCycle(selfId, dependsOn, (id) => out.get(id) ?? []);
  if (bad) details.push(detail(`${prefix}dependsOn.${dependsOn.indexOf(bad)}`, 'measure.cycle'));
}
