/**
 * Moving a period through open → closed → locked (reopen → open), by an admin or by the
 * schedule. One function does every move, so the state rule, the timestamps and the audit
 * event are the same whoever acts.
 */
import { eq, sql } from 'drizzle-orm';
import { msg } from '../../contracts/messages';
import type { Tx } from '../../db/client';
import { periods } from '../../db/schema';
import { AppError, detail } from '../../domain/errors';
import { type PeriodAction, periodTransitionError, targetState } from '../../domain/periods';
import { type Actor, canManagePeriods } from '../../domain/policies';
import { checkVersion } from '../common';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { type AuditInput, mutate } from '../core/mutate';
import { type PeriodRow, presentPeriod } from './read';

/** The columns a move sets, besides the state. */
function stamps(action: PeriodAction, now: Date) {
  switch (action) {
    case 'close':
      return { closedAt: now };
    case 'lock':
      return { lockedAt: now };
    case 'reopen':
      return { closedAt: null, lockedAt: null, reopenedAt: now };
  }
}

/**
 * Applies `action` to the locked row `cur` inside `tx`: 409 naming the state when the move is
 * not allowed; answers the new row and its audit event (`reason` goes into the event).
 */
export async function movePeriod(
  tx: Tx,
  cur: PeriodRow,
  action: PeriodAction,
  now: Date,
  reason?: string,
): Promise<{ row: PeriodRow; event: AuditInput }> {
  const refusal = periodTransitionError(cur.state, action);
  if (refusal) {
    const state = msg(`periodState.${cur.state}`);
    throw new AppError('conflict', msg(refusal, { code: cur.code, state }), [
      detail('state', 'period.stateIs', { state }),
    ]);
  }
  const [row] = await tx
    .update(periods)
    .set({
      state: targetState(action),
      ...stamps(action, now),
      version: cur.version + 1,
      updatedAt: sql`now()`,
    })
    .where(eq(periods.id, cur.id))
    .returning();
  const after = presentPeriod(row);
  return {
    row,
    event: {
      action: `period.${action}`,
      entityType: 'period',
      entityId: row.id,
      before: presentPeriod(cur),
      after: reason === undefined ? after : { ...after, reason },
    },
  };
}

/** POST /periods/{id}/close, /lock and /reopen (admin), with the version the caller read. */
export async function transitionPeriod(
  ctx: Ctx,
  actor: Actor,
  id: string,
  action: PeriodAction,
  input: { version: number; reason?: string },
) {
  authorize(canManagePeriods(actor), 'forbidden.periods');
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(periods).where(eq(periods.id, id)).for('update');
    checkVersion(cur, input.version, 'period');
    const { row, event } = await movePeriod(tx, cur, action, ctx.now(), input.reason);
    audit.record(event);
    return presentPeriod(row);
  });
}
