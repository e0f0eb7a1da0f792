/**
 * POST /reports/{id}/approve: the party's coordinator confirms its party's claim; the joint
 * status is reconciled in the same transaction. The approval of a shared or public measure's
 * report is both parties' business (the other party now sees the report), so its event has
 * no party scope.
 */
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { reconcile } from '../joint-statuses/reconcile';
import { transitionReport } from './transition';

export const approveReport = (ctx: Ctx, actor: Actor, id: string, input: { version: number }) =>
  transitionReport(ctx, actor, id, 'approve', input, {
    set: (_cur, now) => ({ reviewedAt: now, reviewedBy: actor.userId }),
    partyScope: (cur) => (cur.tier === 'internal' ? cur.partyId : null),
    after: (tx, audit, who, cur) =>
      reconcile(tx, audit, who, { measureId: cur.measureId, periodId: cur.periodId }),
  });
