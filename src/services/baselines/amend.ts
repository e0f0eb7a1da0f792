/**
 * The write side of plan amendments (domain/plan-amendments.ts): measure writes call these so
 * that a change of an approved plan says why and is recorded against the approved plan, and a
 * cited commission decision is checked the same way whatever the write, and linked to the
 * measure it creates, changes, closes or moves.
 */
import { eq, sql } from 'drizzle-orm';
import { msg } from '../../contracts/messages';
import type { Tx } from '../../db/client';
import { decisionMeasures, roadmaps } from '../../db/schema';
import { invalid, ruleViolation } from '../../domain/errors';
import { amendedFields, isPlanAmendment, type PlanWrite } from '../../domain/plan-amendments';
import type { Actor } from '../../domain/policies';
import type { AuditLog } from '../core/mutate';
import { decisionRoadmaps } from '../meetings/decisions';
import { APPROVED_PLAN, freezeBaseline, hasBaseline } from './freeze';

/** The roadmap of a write as its load read it (status and whether a plan was frozen). */
export interface PlanRoadmap {
  id: string;
  status: string;
  hasBaseline: boolean;
}

/** What freezing the approved plan on a first amendment needs: who, when (default now), the audit log. */
export interface FreezeContext {
  actor: Actor;
  at?: Date;
  audit: AuditLog;
}

/**
 * Refuses (400 naming `reason`) a plan amendment without a reason. A roadmap approved before
 * baselines existed has no frozen plan: its first amendment freezes the plan as it stands, in
 * the same transaction and before the change, so the diff against "the approved plan" shows
 * this amendment and every later one. Not on an amendment of one party's internal measure
 * (`internal`): a baseline appearing then would tell the other party when it planned in private;
 * the first amendment both parties see freezes the plan.
 */
export async function amendPlan(
  tx: Tx,
  roadmap: PlanRoadmap,
  write: PlanWrite,
  reason: string | undefined,
  freeze: FreezeContext | undefined,
  prefix = '',
  internal = false,
): Promise<void> {
  if (!isPlanAmendment(roadmap.status, write)) return;
  if (!reason) {
    if (write.kind === 'update')
      throw invalid(`${prefix}reason`, 'plan.reasonRequired', {
        fields: amendedFields(write.fields).join(', '),
      });
    throw invalid(`${prefix}reason`, msg('plan.reasonRequiredCreateDelete'));
  }
  if (roadmap.hasBaseline || internal) return;
  // a write path that can amend a plan passes its audit log; none that cannot needs to
  if (!freeze) throw new Error(`a plan amendment of roadmap ${roadmap.id} came without a freeze context`);
  // the roadmap's row lock orders two first amendments: the second sees the first one's plan
  await tx.select({ id: roadmaps.id }).from(roadmaps).where(eq(roadmaps.id, roadmap.id)).for('update');
  if (await hasBaseline(tx, roadmap.id)) return;
  await freezeBaseline(
    tx,
    roadmap.id,
    { name: APPROVED_PLAN, kind: 'approval', actor: freeze.actor, at: freeze.at ?? new Date() },
    freeze.audit,
  );
}

/** What a decision does to a measure, from the fields a write changed. */
export function decisionEffect(write: PlanWrite, status?: string) {
  if (write.kind === 'create') return 'creates' as const;
  if (write.kind === 'delete') return 'closes' as const;
  if (status === 'completed' || status === 'cancelled') return 'closes' as const;
  if (write.fields.includes('dueDate') || write.fields.includes('startDate')) return 'moves_dates' as const;
  return 'changes' as const;
}

/** A cited decision as read once: its id and the roadmaps its meeting reviews. */
export interface CitedDecision {
  id: string;
  roadmapIds: ReadonlySet<string>;
}

/** Reads a cited decision (one query); 422 naming `path` when there is none. */
export async function citeDecision(tx: Tx, decisionId: string, path = 'decisionId'): Promise<CitedDecision> {
  const roadmapIds = await decisionRoadmaps(tx, decisionId);
  if (!roadmapIds) throw ruleViolation(path, 'noSuch.decision');
  return { id: decisionId, roadmapIds };
}

/**
 * The one check of a decision cited by a measure write (PATCH, POST, DELETE, bulk, a change
 * request's acceptance): it exists and its meeting reviews the measure's roadmap, else 422
 * naming `<prefix>decisionId`. A batch passes the decision it read once.
 */
export async function checkDecision(
  tx: Tx,
  decision: string | CitedDecision | undefined,
  roadmapId: string,
  prefix = '',
): Promise<CitedDecision | undefined> {
  if (!decision) return undefined;
  const d = typeof decision === 'string' ? await citeDecision(tx, decision, `${prefix}decisionId`) : decision;
  if (!d.roadmapIds.has(roadmapId)) throw ruleViolation(`${prefix}decisionId`, 'decision.otherRoadmap');
  return d;
}

/** Checks a cited decision (checkDecision) and links it to the measure with its effect. */
export async function linkDecision(
  tx: Tx,
  decision: string | CitedDecision | undefined,
  measure: { id: string; roadmapId: string },
  effect: ReturnType<typeof decisionEffect>,
  prefix = '',
): Promise<void> {
  const d = await checkDecision(tx, decision, measure.roadmapId, prefix);
  if (!d) return;
  await tx
    .insert(decisionMeasures)
    .values({ decisionId: d.id, measureId: measure.id, effect })
    .onConflictDoUpdate({
      target: [decisionMeasures.decisionId, decisionMeasures.measureId],
      set: { effect: sql`excluded.effect` },
    });
}
