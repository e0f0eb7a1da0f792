/**
 * POST /reports/{id}/reopen: the coordinator takes an approved report back to draft (content
 * kept), with the reason, while its period is not locked; the joint status is reconciled, since
 * the party's confirmation is withdrawn. The reason is kept in `returnReason` for the party.
 */
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { reconcile } from '../joint-statuses/reconcile';
import { transitionReport } from './transition';

export const reopenReport = (
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
) =>
  transitionReport(ctx, actor, id, 'reopen', input, {
    set: () => ({ reviewedAt: null, reviewedBy: null, returnReason: input.reason }),
    after: (tx, audit, who, cur) =>
      reconcile(tx, audit, who, { measureId: cur.measureId, periodId: cur.periodId }),
  });
