/**
 * The secretariat decides a change request: accepting applies it through the one write path
 * (source `decision`, the request's reason, the meeting decision when one is cited);
 * declining records why. Either way the requester reads the outcome on the request.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { msg } from '../../contracts/messages';
import type {
  ChangeRequest,
  ChangeRequestAccept,
  ChangeRequestDecline,
} from '../../contracts/change-requests';
import type { Tx } from '../../db/client';
import { changeRequests } from '../../db/schema';
import { canDecideChangeRequest, responsibleAfterRequest } from '../../domain/change-request-policies';
import { AppError, detail, notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { checkVersion } from '../common';
import { type Ctx, today } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';
import { applyUpdate } from '../measures/update';
import { loadForWrite } from '../measures/rules';
import { loadChangeRequest } from './read';

async function loadOpen(tx: Tx, id: string, version: number) {
  const [cr] = await tx.select().from(changeRequests).where(eq(changeRequests.id, id)).for('update');
  if (!cr) throw notFound('changeRequest');
  checkVersion(cr, version, 'changeRequest');
  if (cr.state !== 'open')
    throw new AppError('conflict', msg('changeRequest.notOpen'), [detail('state', 'changeRequest.notOpen')]);
  return cr;
}

async function finish(tx: Tx, actor: Actor, id: string, set: Partial<typeof changeRequests.$inferInsert>) {
  await tx
    .update(changeRequests)
    .set({
      ...set,
      decidedBy: actor.userId,
      decidedAt: sql`now()`,
      version: sql`${changeRequests.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(changeRequests.id, id));
  const out = await loadChangeRequest(tx, actor, id);
  if (!out) throw notFound('changeRequest');
  return out;
}

export async function acceptChangeRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof ChangeRequestAccept>,
): Promise<ChangeRequest> {
  authorize(canDecideChangeRequest(actor), 'forbidden.changeRequestDecide');
  return mutate(ctx, actor, async (tx, audit) => {
    const cr = await loadOpen(tx, id, input.version);
    const { row, rel } = await loadForWrite(tx, actor, cr.measureId, today(ctx));
    const responsible = cr.responsible
      ? responsibleAfterRequest(rel.responsible, cr.partyId, cr.responsible).map((r) => ({
          organisationId: r.organisationId,
          role: r.role,
        }))
      : undefined;
    const r = await applyUpdate(
      tx,
      actor,
      cr.measureId,
      {
        version: row.version,
        ...(cr.dueDate ? { dueDate: cr.dueDate } : {}),
        ...(responsible ? { responsible } : {}),
      },
      today(ctx),
      {
        source: 'decision',
        reason: cr.reason,
        decisionId: input.decisionId,
        freeze: { actor, at: ctx.now(), audit },
      },
    );
    if (r.event) audit.record({ ...r.event, after: { ...(r.event.after as object), changeRequestId: id } });
    const out = await finish(tx, actor, id, { state: 'accepted', decisionId: input.decisionId ?? null });
    audit.record({
      action: 'change_request.accept',
      entityType: 'change_request',
      entityId: id,
      after: out,
      partyScope: cr.partyId,
    });
    return out;
  });
}

export async function declineChangeRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof ChangeRequestDecline>,
): Promise<ChangeRequest> {
  authorize(canDecideChangeRequest(actor), 'forbidden.changeRequestDecide');
  return mutate(ctx, actor, async (tx, audit) => {
    const cr = await loadOpen(tx, id, input.version);
    const out = await finish(tx, actor, id, { state: 'declined', declineReason: input.reason });
    audit.record({
      action: 'change_request.decline',
      entityType: 'change_request',
      entityId: id,
      after: out,
      partyScope: cr.partyId,
    });
    return out;
  });
}

/** A request as the actor may see it (404 otherwise). */
export async function getChangeRequest(ctx: Ctx, actor: Actor, id: string) {
  const out = await loadChangeRequest(ctx.db, actor, id);
  if (!out) throw notFound('changeRequest');
  return out;
}
