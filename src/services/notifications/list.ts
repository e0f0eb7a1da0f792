/** The signed-in user's notifications: a page (newest first), and the unread count for the bell. */
import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Locale } from '../../contracts/enums';
import type { Notification, NotificationQuery } from '../../contracts/notifications';
import { notifications } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { notificationText } from './text';

type Row = typeof notifications.$inferSelect;

/** A row in the contract's form, its sentence in `locale`. */
export function presentNotification(r: Row, locale: Locale): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: notificationText(locale, r),
    link: r.link,
    entityType: r.entityType,
    entityId: r.entityId,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}

/** The actor's language, read in the statement that needs it. */
export const localeOf = (actor: Actor): SQL<Locale> =>
  sql<Locale>`coalesce((select u.locale from users u where u.id = ${actor.userId}), 'ru')`;

/** A page of the actor's notifications; `unread` keeps the unread ones. */
export async function listNotifications(ctx: Ctx, actor: Actor, q: z.output<typeof NotificationQuery>) {
  const where = and(
    eq(notifications.recipientId, actor.userId),
    q.unread ? isNull(notifications.readAt) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ n: notifications, locale: localeOf(actor) })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db.select({ total: count() }).from(notifications).where(where),
  ]);
  return { data: rows.map((r) => presentNotification(r.n, r.locale)), page: q.page, limit: q.limit, total };
}

/** How many of the actor's notifications are unread (an index-only count). */
export async function unreadCount(ctx: Ctx, actor: Actor): Promise<{ count: number }> {
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, actor.userId), isNull(notifications.readAt)));
  return { count: n };
}
