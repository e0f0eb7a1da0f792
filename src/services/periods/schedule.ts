/**
 * The clock of the periods: closes open periods the day after their reports were due and
 * locks closed ones LOCK_AFTER_DAYS after closing, as the system actor. The jobs queue runs it
 * at server start and every hour (services/jobs/registry.ts); rows are taken with SKIP LOCKED,
 * so two servers on one database never move the same period twice.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { periods } from '../../db/schema';
import { isoToday } from '../../domain/measures';
import { addDays, LOCK_AFTER_DAYS, scheduledAction } from '../../domain/periods';
import { SYSTEM_ACTOR } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { movePeriod } from './transition';

/** Applies the schedule as of `now`; answers how many periods it closed and locked. */
export async function applyPeriodSchedule(ctx: Ctx, now: Date): Promise<{ closed: number; locked: number }> {
  const day = isoToday(now);
  return mutate(ctx, SYSTEM_ACTOR, async (tx, audit) => {
    // A generous SQL cut; the domain rule decides each row.
    const candidates = await tx
      .select()
      .from(periods)
      .where(
        or(
          and(eq(periods.state, 'open'), lt(periods.reportDueDate, day), isNull(periods.reopenedAt)),
          and(
            eq(periods.state, 'closed'),
            lt(periods.closedAt, new Date(`${addDays(day, 1 - LOCK_AFTER_DAYS)}T00:00:00Z`)),
          ),
        ),
      )
      .orderBy(periods.startDate)
      .for('update', { skipLocked: true });
    const counts = { closed: 0, locked: 0 };
    for (const p of candidates) {
      const action = scheduledAction(
        {
          state: p.state,
          reportDueDate: p.reportDueDate,
          closedOn: p.closedAt ? isoToday(p.closedAt) : null,
          reopened: p.reopenedAt !== null,
        },
        day,
      );
      if (action !== 'close' && action !== 'lock') continue;
      const { event } = await movePeriod(tx, p, action, now);
      audit.record(event);
      counts[action === 'close' ? 'closed' : 'locked']++;
    }
    return counts;
  });
}
