/** Creating a measure: under a parent or at the top, numbered in its series when no code is given. */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Measure, MeasureCreate } from '../../contracts/roadmaps';
import type { Tx } from '../../db/client';
import { measures } from '../../db/schema';
import { forbidden, ruleViolation } from '../../domain/errors';
import { codeFitsParent, codeSortKey, seriesFor } from '../../domain/measures';
import { type Actor, canCreateMeasure, canReadMeasure } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { measureSearchText } from '../search/documents';
import { type AuditLog, mutate } from '../core/mutate';
import { auditForm } from './present';
import { MEASURE_COLUMNS, type MeasureRow } from './queries';
import { presentByIds } from './read';
import {
  checkReferences,
  checkShape,
  loadRoadmapForWrite,
  partyCode,
  type Shape,
  type Visible,
} from './rules';
import { amendPlan, linkDecision } from '../baselines/amend';
import { nextFreeCode, replaceRelations, rollUpAncestors } from './tree';

type CreateInput = z.output<typeof MeasureCreate>;

export async function createMeasure(ctx: Ctx, actor: Actor, input: CreateInput): Promise<Measure> {
  return mutate(ctx, actor, (tx, audit) => insertMeasure(tx, actor, input, today(ctx), audit, '', ctx.now()));
}

/** The parent a new or moved measure goes under: visible, of the same roadmap. */
export async function loadParent(tx: Tx, actor: Actor, parentId: string, roadmapId: string, path: string) {
  const [p] = await tx.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, parentId)).for('update');
  if (!p || !canReadMeasure(actor, p)) throw ruleViolation(path, 'noSuch.measure');
  if (p.roadmapId !== roadmapId) throw ruleViolation(path, 'measure.otherRoadmap');
  return p as Visible<MeasureRow>;
}

/**
 * Creates one measure inside `tx` and records its event; `prefix` names fields in errors
 * (`rows.3.` in an import); `at` dates the approved plan a first amendment freezes. Answers
 * the measure in the caller's view.
 */
export async function insertMeasure(
  tx: Tx,
  actor: Actor,
  input: CreateInput,
  day: string,
  audit: AuditLog,
  prefix = '',
  at: Date = new Date(),
): Promise<Measure> {
  const ownerPartyId = input.ownerPartyId ?? null;
  if (!canCreateMeasure(actor, { tier: input.tier, ownerPartyId }))
    throw forbidden(
      actor.role === 'coordinator' ? 'forbidden.measureCreateCoordinator' : 'forbidden.measureCreate',
    );
  const roadmap = await loadRoadmapForWrite(tx, input.roadmapId, `${prefix}roadmapId`);
  const parent = input.parentId
    ? await loadParent(tx, actor, input.parentId, input.roadmapId, `${prefix}parentId`)
    : null;
  const status = input.status;
  const progress = status === 'completed' && input.progress === 0 ? 100 : input.progress;
  const shape: Shape = { ...input, parentId: parent?.id ?? null, ownerPartyId, status, progress };
  checkShape(shape, parent, prefix);
  const series = seriesFor({ tier: input.tier, ownerPartyCode: await partyCode(tx, ownerPartyId) }, parent);
  let code = input.code;
  if (code) {
    const err = codeFitsParent(code, parent?.code ?? null, series);
    if (err) throw ruleViolation(`${prefix}code`, err);
  } else {
    code = await nextFreeCode(tx, input.roadmapId, parent, series);
  }
  const responsible = await checkReferences(tx, actor, shape, null, input, prefix);
  // asked once the measure is otherwise valid; the plan is frozen (first amendment) before it
  const internal = input.tier === 'internal';
  await amendPlan(tx, roadmap, { kind: 'create' }, input.reason, { actor, at, audit }, prefix, internal);
  const values = {
    roadmapId: input.roadmapId,
    parentId: parent?.id ?? null,
    code,
    sortKey: codeSortKey(code),
    depth: parent ? parent.depth + 1 : 0,
    title: input.title,
    description: input.description ?? null,
    startDate: input.startDate,
    dueDate: input.dueDate,
    completionForm: input.completionForm,
    weight: input.weight,
    tier: input.tier,
    ownerPartyId,
    status,
    progress,
  };
  const [row] = await tx
    .insert(measures)
    .values({ ...values, searchVector: sql`to_tsvector('simple', ${measureSearchText(values)})` })
    .returning(MEASURE_COLUMNS);
  await replaceRelations(tx, row.id, input, responsible);
  await linkDecision(tx, input.decisionId, row, 'creates', prefix);
  if (parent) await rollUpAncestors(tx, parent.id);
  const [out] = await presentByIds(tx, actor, [row.id], day);
  audit.record({
    action: 'measure.create',
    entityType: 'measure',
    entityId: row.id,
    after: {
      ...auditForm(out),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.decisionId ? { decisionId: input.decisionId } : {}),
    },
    partyScope: row.ownerPartyId,
  });
  return out;
}
