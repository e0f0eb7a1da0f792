/** A coordinator asks for a new due date or for its own party's responsible bodies to change. */
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChangeRequest, ChangeRequestCreate } from '../../contracts/change-requests';
import { changeRequests, organisations } from '../../db/schema';
import { canRequestChange } from '../../domain/change-request-policies';
import { detail, fieldError, notFound, ruleViolation } from '../../domain/errors';
import { dateRangeError } from '../../domain/measures';
import type { Actor } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { authorize } from '../core/authorize';
import { mutate } from '../core/mutate';
import { loadForWrite, requireOpenRoadmap } from '../measures/rules';
import { loadChangeRequest } from './read';

export async function createChangeRequest(
  ctx: Ctx,
  actor: Actor,
  measureId: string,
  input: z.output<typeof ChangeRequestCreate>,
): Promise<ChangeRequest> {
  return mutate(ctx, actor, async (tx, audit) => {
    const { row, rel, roadmapStatus } = await loadForWrite(tx, actor, measureId, today(ctx));
    authorize(
      canRequestChange(actor, { ...row, responsible: rel.responsible }),
      'forbidden.changeRequestCreate',
    );
    requireOpenRoadmap(roadmapStatus, 'measureId');
    if (input.dueDate !== undefined) {
      if (input.dueDate === row.dueDate) throw ruleViolation('dueDate', 'changeRequest.sameDueDate');
      const err = dateRangeError(row.startDate, input.dueDate);
      if (err) throw ruleViolation('dueDate', err);
    }
    let responsible = null;
    if (input.responsible) {
      const orgs = await tx
        .select({ id: organisations.id, partyId: organisations.partyId })
        .from(organisations)
        .where(
          inArray(
            organisations.id,
            input.responsible.map((r) => r.organisationId),
          ),
        );
      const party = new Map(orgs.map((o) => [o.id, o.partyId]));
      const details = input.responsible.flatMap((r, i) =>
        !party.has(r.organisationId)
          ? [detail(`responsible.${i}.organisationId`, 'noSuch.organisation')]
          : party.get(r.organisationId) !== actor.partyId
            ? [detail(`responsible.${i}.organisationId`, 'changeRequest.ownPartyOnly')]
            : [],
      );
      if (details.length) throw fieldError('rule_violation', details);
      responsible = input.responsible.map((r) => ({ ...r, partyId: actor.partyId! }));
    }
    const [cr] = await tx
      .insert(changeRequests)
      .values({
        measureId,
        partyId: actor.partyId!,
        requestedBy: actor.userId,
        dueDate: input.dueDate ?? null,
        previousDueDate: row.dueDate,
        responsible,
        reason: input.reason,
      })
      .returning();
    const out = await loadChangeRequest(tx, actor, cr.id);
    if (!out) throw notFound('changeRequest');
    audit.record({
      action: 'change_request.create',
      entityType: 'change_request',
      entityId: cr.id,
      after: out,
      partyScope: cr.partyId,
    });
    return out;
  });
}
