/**
 * The one write path for a measure's fields. Editing a measure, a bulk change and (later)
 * an approved report, an import row or a commission decision all call `applyUpdate` with
 * their `source`, so every rule holds whoever changes a measure, and its event names why.
 */
import { msg } from '../../contracts/messages';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Measure, MeasureUpdate } from '../../contracts/roadmaps';
import type { Tx } from '../../db/client';
import { measures } from '../../db/schema';
import { AppError, detail, invalid, ruleViolation } from '../../domain/errors';
import {
  type Actor,
  editableMeasureFields,
  type MeasureField,
  responsibleChangeAllowed,
  statusChangeNeedsReason,
} from '../../domain/policies';
import { checkVersion } from '../common';
import { type Ctx, today } from '../context';
import { measureSearchText } from '../search/documents';
import { type AuditInput, mutate } from '../core/mutate';
import { auditChange, auditForm, presentMeasure } from './present';
import { MEASURE_COLUMNS, type ResponsibleRow } from './queries';
import { presentByIds } from './read';
import { checkReferences, checkShape, loadForWrite, requireOpenRoadmap, type Shape } from './rules';
import { retier } from './retier';
import {
  type CitedDecision,
  decisionEffect,
  type FreezeContext,
  amendPlan,
  linkDecision,
} from '../baselines/amend';
import { replaceRelations, rollUpAncestors } from './tree';

export type UpdateInput = z.output<typeof MeasureUpdate>;
/** Why a measure changes; recorded in its event. */
export type WriteSource = 'edit' | 'bulk' | 'report' | 'import' | 'decision';

export interface UpdateOptions {
  source: WriteSource;
  /** Names fields in errors (`items.3.` in a bulk update). */
  prefix?: string;
  /** A reason given with the change (corrections, plan amendments). */
  reason?: string;
  /** The commission decision the change follows (recorded, and linked to the measure). */
  decisionId?: string;
  /** The cited decision already read (a batch reads it once for all its items); its id is the decisionId. */
  decision?: CitedDecision;
  /** Who, when and the audit log, for freezing the approved plan on a first amendment. */
  freeze?: FreezeContext;
  /**
   * false: the caller reads only the event (reconciliation following a joint status), so the
   * answer's derived flags are not read again after a status change; its fields are current.
   */
  answer?: boolean;
}

const sortedJson = (a: unknown[]) => JSON.stringify([...a].map((x) => JSON.stringify(x)).sort());

/** Which of the patch's fields actually change the measure. */
function changedFields(before: Measure, patch: Omit<UpdateInput, 'version'>): MeasureField[] {
  const out: MeasureField[] = [];
  for (const [k, v] of Object.entries(patch) as [MeasureField, unknown][]) {
    if (v === undefined) continue;
    const cur = (before as unknown as Record<string, unknown>)[k];
    const same =
      k === 'responsible'
        ? sortedJson((v as ResponsibleRow[]).map((r) => ({ o: r.organisationId, r: r.role }))) ===
          sortedJson(before.responsible.map((r) => ({ o: r.organisationId, r: r.role })))
        : Array.isArray(v)
          ? sortedJson(v) === sortedJson(cur as unknown[])
          : JSON.stringify(v ?? null) === JSON.stringify(cur ?? null);
    if (!same) out.push(k);
  }
  return out;
}

const RELATIONS: readonly MeasureField[] = ['sphereIds', 'provisionIds', 'responsible', 'dependsOn'];

/**
 * Applies one update inside `tx`: answers the measure as the actor now sees it, and the audit
 * event to record (null when nothing changed).
 */
export async function applyUpdate(
  tx: Tx,
  actor: Actor,
  id: string,
  input: UpdateInput,
  day: string,
  opts: UpdateOptions,
): Promise<{ measure: Measure; event: AuditInput | null }> {
  const prefix = opts.prefix ?? '';
  const { row: cur, rel, roadmapStatus, roadmap } = await loadForWrite(tx, actor, id, day);
  checkVersion(cur, input.version, 'measure', prefix ? cur.code : undefined);
  const before = presentMeasure(cur, rel, day);
  // reason and decisionId say why, and go to the event; they are not fields of the measure
  const {
    version: _v,
    reason = opts.reason,
    decisionId = opts.decision?.id ?? opts.decisionId,
    ...patch
  } = input;
  opts = { ...opts, reason, decisionId };
  const changed = changedFields(before, patch);
  if (changed.length === 0) return { measure: before, event: null };
  const write = { kind: 'update' as const, fields: changed };

  const allowed = editableMeasureFields(actor, { ...cur, responsible: rel.responsible });
  const refused = changed.filter((f) => !allowed.includes(f));
  if (refused.length)
    throw new AppError(
      'forbidden',
      allowed.length
        ? msg('forbidden.measureFields', { fields: refused.join(', '), code: cur.code })
        : msg('forbidden.measure', { code: cur.code }),
      refused.map((f) => detail(`${prefix}${f}`, 'field.notAllowed')),
    );
  if (statusChangeNeedsReason(opts.source, changed) && !opts.reason)
    throw invalid(opts.source === 'bulk' ? 'reason' : `${prefix}reason`, 'measure.statusReason');
  if (cur.childCount > 0 && (changed.includes('status') || changed.includes('progress')))
    throw ruleViolation(`${prefix}${changed.includes('status') ? 'status' : 'progress'}`, 'measure.rolledUp');
  const tierChanged = changed.includes('tier') || changed.includes('ownerPartyId');
  const parent =
    tierChanged && cur.parentId
      ? ((await tx.select(MEASURE_COLUMNS).from(measures).where(eq(measures.id, cur.parentId)))[0] ?? null)
      : null;
  const status = patch.status ?? cur.status;
  const progress = patch.progress ?? (patch.status === 'completed' ? 100 : cur.progress);
  const tier = patch.tier ?? cur.tier;
  const shape: Shape = {
    roadmapId: cur.roadmapId,
    parentId: cur.parentId,
    tier,
    ownerPartyId:
      patch.ownerPartyId !== undefined ? patch.ownerPartyId : tier !== 'internal' ? null : cur.ownerPartyId,
    startDate: patch.startDate ?? cur.startDate,
    dueDate: patch.dueDate ?? cur.dueDate,
    status,
    progress,
  };
  checkShape(shape, parent, prefix);
  if (
    shape.tier === 'internal' &&
    !patch.responsible &&
    rel.responsible.some((r) => r.partyId !== shape.ownerPartyId)
  )
    throw ruleViolation(`${prefix}responsible`, 'measure.internalResponsible');
  requireOpenRoadmap(roadmapStatus, `${prefix}roadmapId`);
  const refs = tierChanged ? { ...patch, dependsOn: patch.dependsOn ?? rel.deps } : patch;
  const responsible = await checkReferences(tx, actor, shape, id, refs, prefix);
  if (responsible && !responsibleChangeAllowed(actor, rel.responsible, responsible))
    throw new AppError('forbidden', msg('forbidden.responsibleOwnParty'), [
      detail(`${prefix}responsible`, 'responsible.otherPartyStays'),
    ]);

  // once the change is allowed and valid: who may not make it hears 403, a wrong one 422, not
  // "say why"; and the plan is frozen (first amendment) before the change is written
  const internal = cur.tier === 'internal' && shape.tier === 'internal';
  await amendPlan(tx, roadmap, write, reason, opts.freeze, prefix, internal);
  const next = {
    title: patch.title ?? cur.title,
    description: patch.description !== undefined ? patch.description : cur.description,
    startDate: shape.startDate,
    dueDate: shape.dueDate,
    completionForm: patch.completionForm ?? cur.completionForm,
    weight: patch.weight ?? cur.weight,
    tier: shape.tier,
    ownerPartyId: shape.ownerPartyId,
    status,
    progress,
  };
  const textChanged = changed.includes('title') || changed.includes('description');
  const [row] = await tx
    .update(measures)
    .set({
      ...next,
      version: cur.version + 1,
      updatedAt: sql`now()`,
      ...(textChanged
        ? { searchVector: sql`to_tsvector('simple', ${measureSearchText({ ...cur, ...next })})` }
        : {}),
    })
    .where(eq(measures.id, id))
    .returning(MEASURE_COLUMNS);
  await replaceRelations(tx, id, patch, responsible);
  await linkDecision(tx, opts.decision ?? decisionId, row, decisionEffect(write, status), prefix);
  if (tierChanged) await retier(tx, cur, parent, shape, prefix);
  if (cur.parentId && (['status', 'progress', 'weight', 'tier'] as const).some((f) => changed.includes(f)))
    await rollUpAncestors(tx, cur.parentId);
  if (tierChanged) await rollUpAncestors(tx, id);

  const after =
    // the report flags hang on status and start date too (a cancelled measure reports nothing)
    opts.answer !== false &&
    (tierChanged || changed.some((f) => RELATIONS.includes(f) || f === 'status' || f === 'startDate'))
      ? (await presentByIds(tx, actor, [id], day))[0]
      : presentMeasure(row, rel, day);
  const change = auditChange(auditForm(before), auditForm(after));
  const event: AuditInput = {
    action: 'measure.update',
    entityType: 'measure',
    entityId: id,
    before: change.before,
    after: {
      ...change.after,
      source: opts.source,
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(decisionId ? { decisionId } : {}),
    },
    partyScope:
      after.tier === 'internal'
        ? after.ownerPartyId
        : before.tier === 'internal'
          ? before.ownerPartyId
          : null,
  };
  return { measure: after, event };
}

/** Changes one measure (PATCH): the edit source. */
export async function updateMeasure(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: UpdateInput,
): Promise<Measure> {
  const day = today(ctx);
  return mutate(ctx, actor, async (tx, audit) => {
    const r = await applyUpdate(tx, actor, id, input, day, {
      source: 'edit',
      freeze: { actor, at: ctx.now(), audit },
    });
    if (r.event) audit.record(r.event);
    return r.measure;
  });
}
