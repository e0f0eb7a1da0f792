/**
 * A user's notification preferences: per kind on or off, and e-mail at once, in the daily
 * digest or not at all. Every kind is answered; a kind without a row is on, e-mailed at once.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  NOTIFICATION_KINDS,
  type NotificationPreference,
  type NotificationPreferencesUpdate,
} from '../../contracts/notifications';
import type { DbOrTx } from '../../db/client';
import { notificationPreferences } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';

async function read(db: DbOrTx, userId: string): Promise<{ data: NotificationPreference[] }> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return {
    data: NOTIFICATION_KINDS.map((kind) => {
      const r = byKind.get(kind);
      return { kind, enabled: r?.enabled ?? true, email: r?.email ?? 'immediate' };
    }),
  };
}

/** The actor's preferences for every kind. */
export const getPreferences = (ctx: Ctx, actor: Actor) => read(ctx.db, actor.userId);

/** Saves the kinds named (the others stay as they were); audited; answers every kind. */
export async function putPreferences(
  ctx: Ctx,
  actor: Actor,
  input: z.output<typeof NotificationPreferencesUpdate>,
) {
  return mutate(ctx, actor, async (tx, audit) => {
    const before = await read(tx, actor.userId);
    await tx
      .insert(notificationPreferences)
      .values(input.data.map((p) => ({ userId: actor.userId, ...p, updatedAt: ctx.now() })))
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: {
          enabled: sql`excluded.enabled`,
          email: sql`excluded.email`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
    const after = await read(tx, actor.userId);
    audit.record({
      action: 'notification.preferences',
      entityType: 'user',
      entityId: actor.userId,
      before: before.data,
      after: after.data,
      partyScope: null,
    });
    return after;
  });
}
