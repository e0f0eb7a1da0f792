/** POST /reports/{id}/return: the coordinator sends a submitted report back, with the reason. */
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { transitionReport } from './transition';

export const returnReport = (
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
) =>
  transitionReport(ctx, actor, id, 'return', input, {
    set: (_cur, now) => ({ reviewedAt: now, reviewedBy: actor.userId, returnReason: input.reason }),
  });
