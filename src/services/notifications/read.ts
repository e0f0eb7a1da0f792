/** Marking notifications read: one (its recipient only; anyone else gets 404) or all at once. */
import { and, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../db/schema';
import { notFound } from '../../domain/errors';
import { ownsNotification } from '../../domain/notification-policies';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { localeOf, presentNotification } from './list';

/** Marks one notification read (kept read when it already was) and answers it. */
export async function markRead(ctx: Ctx, actor: Actor, id: string) {
  return mutate(ctx, actor, async (tx) => {
    const [row] = await tx
      .select({ n: notifications, locale: localeOf(actor) })
      .from(notifications)
      .where(eq(notifications.id, id))
      .for('update', { of: notifications });
    if (!row || !ownsNotification(actor, row.n)) throw notFound('record');
    if (row.n.readAt) return presentNotification(row.n, row.locale);
    const [n] = await tx
      .update(notifications)
      .set({ readAt: ctx.now() })
      .where(eq(notifications.id, id))
      .returning();
    return presentNotification(n, row.locale);
  });
}

/** Marks every unread notification of the actor read; answers how many. */
export async function markAllRead(ctx: Ctx, actor: Actor): Promise<{ marked: number }> {
  return mutate(ctx, actor, async (tx) => {
    const r = await tx
      .update(notifications)
      .set({ readAt: ctx.now() })
      .where(and(eq(notifications.recipientId, actor.userId), isNull(notifications.readAt)));
    return { marked: r.rowCount ?? 0 };
  });
}
