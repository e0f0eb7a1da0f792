/**
 * A coordinator confirms values of a joint status, or records a dissent (issue 8 §3). The
 * domain decides the state (domain/reconciliation); the measure follows a confirmed status.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { JointConfirm, JointDissentCreate, JointStatusDetail } from '../../contracts/joint-statuses';
import { msg } from '../../contracts/messages';
import type { Tx } from '../../db/client';
import { jointStatuses } from '../../db/schema';
import { forbidden, ruleViolation } from '../../domain/errors';
import { canReconcile } from '../../domain/joint-policies';
import { isoToday } from '../../domain/measures';
import type { Actor } from '../../domain/policies';
import { confirm, dissent, type JointFacts } from '../../domain/reconciliation';
import { checkVersion } from '../common';
import type { Ctx } from '../context';
import { type AuditLog, mutate } from '../core/mutate';
import { followJointStatus } from './follow';
import { jointAudit } from './present';
import { getJointStatus, loadJoint, responsibleParties } from './read';

/** Loads, locks and checks a joint status for a party's word: visible, the party's, current, unlocked. */
async function loadForReconcile(tx: Tx, actor: Actor, id: string, version: number) {
  const { view, periodState, partyScope } = await loadJoint(tx, actor, id);
  const [row] = await tx.select().from(jointStatuses).where(eq(jointStatuses.id, id)).for('update');
  const responsible = await responsibleParties(tx, row.measureId);
  if (!canReconcile(actor, responsible))
    throw forbidden(msg('forbidden.jointStatus', { code: view.measure.code }));
  checkVersion(row, version, 'jointStatus');
  if (periodState === 'locked')
    throw ruleViolation('periodId', 'jointStatus.periodLocked', { code: view.period.code });
  return { row, responsible, partyScope };
}

async function save(tx: Tx, id: string, next: JointFacts, now: Date) {
  await tx
    .update(jointStatuses)
    .set({
      state: next.state,
      status: next.status,
      progress: next.progress,
      confirmations: next.confirmations,
      dissents: next.dissents,
      confirmedAt: next.state === 'confirmed' ? now : null,
      version: sql`${jointStatuses.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jointStatuses.id, id)));
}

const refuse = (problem: string) => ruleViolation('state', problem as 'jointStatus.awaitingReports');

/** POST /joint-statuses/{id}/confirm: the caller's party confirms these values (and may dissent). */
export async function confirmJointStatus(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof JointConfirm>,
): Promise<JointStatusDetail> {
  return mutate(ctx, actor, async (tx, audit) => {
    const { row, responsible, partyScope } = await loadForReconcile(tx, actor, id, input.version);
    if (input.status === 'completed' && input.progress !== 100)
      throw ruleViolation('progress', 'measure.completed100');
    const now = ctx.now();
    const at = now.toISOString();
    const r = confirm(row, responsible, {
      partyId: actor.partyId!,
      userId: actor.userId,
      at,
      status: input.status,
      progress: input.progress,
    });
    if (!r.ok) throw refuse(r.problem);
    let next = r.next;
    if (input.dissent) {
      const d = dissent(next, responsible, {
        partyId: actor.partyId!,
        userId: actor.userId,
        at,
        text: input.dissent,
      });
      if (!d.ok) throw refuse(d.problem);
      next = d.next;
    }
    await save(tx, id, next, now);
    audit.record(
      jointAudit('joint_status.confirm', id, row, next, partyScope, {
        by: actor.partyId,
        ...(input.dissent ? { dissent: input.dissent } : {}),
      }),
    );
    await followJointStatus(tx, audit, row.measureId, isoToday(now));
    return getJointStatus(tx, actor, id);
  });
}

/** POST /joint-statuses/{id}/dissent: the caller's party records its dissent beside the status. */
export async function dissentJointStatus(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof JointDissentCreate>,
): Promise<JointStatusDetail> {
  return mutate(ctx, actor, async (tx, audit: AuditLog) => {
    const { row, responsible, partyScope } = await loadForReconcile(tx, actor, id, input.version);
    const d = dissent(row, responsible, {
      partyId: actor.partyId!,
      userId: actor.userId,
      at: ctx.now().toISOString(),
      text: input.text,
    });
    if (!d.ok) throw refuse(d.problem);
    await save(tx, id, d.next, row.confirmedAt ?? ctx.now());
    audit.record(jointAudit('joint_status.dissent', id, row, d.next, partyScope, { text: input.text }));
    return getJointStatus(tx, actor, id);
  });
}
