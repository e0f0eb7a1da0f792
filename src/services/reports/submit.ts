/** POST /reports/{id}/submit: a draft or returned report goes to its coordinator; late after the due date. */
import type { Actor } from '../../domain/policies';
import { ruleViolation } from '../../domain/errors';
import { claimError, isLateSubmission } from '../../domain/reports';
import { type Ctx, today } from '../context';
import { transitionReport } from './transition';

export const submitReport = (ctx: Ctx, actor: Actor, id: string, input: { version: number }) =>
  transitionReport(ctx, actor, id, 'submit', input, {
    check(cur) {
      const claim = claimError(cur.status, cur.progress);
      if (claim) throw ruleViolation('progress', claim);
    },
    set: (cur, now) => ({
      submittedAt: now,
      submittedBy: actor.userId,
      late: isLateSubmission(today(ctx), cur.reportDueDate),
      reviewedAt: null,
      reviewedBy: null,
    }),
  });
