/**
 * The secret calendar URL of a user: made or rotated (the old URL stops working at once),
 * revoked, and resolved back to its user. Only the SHA-256 of the secret is stored; the URL is
 * shown once, when it is made. The secret is 32 random bytes, so guessing one is hopeless and
 * the public feed route needs no attempt counting of its own.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CalendarFeed, CalendarFeedState } from '../../contracts/report';
import { calendarFeeds, users } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import { actorOf, sha256 } from '../auth';
import { iso } from '../common';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';

/** What a feed secret looks like: 43 base64url characters (32 bytes). */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The feed URL of a secret under the server's public address. */
export const feedUrl = (baseUrl: string, secret: string) =>
  `${baseUrl.replace(/\/+$/, '')}/api/v1/calendar/${secret}.ics`;

/** Makes a new secret URL for the actor, replacing any earlier one (audited `calendar.rotate`). */
export async function rotateCalendar(ctx: Ctx, actor: Actor, baseUrl: string): Promise<CalendarFeed> {
  const secret = randomBytes(32).toString('base64url');
  const now = ctx.now();
  await mutate(ctx, actor, async (tx, audit) => {
    const [before] = await tx
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, actor.userId));
    await tx
      .insert(calendarFeeds)
      .values({ userId: actor.userId, secretHash: sha256(secret), createdAt: now })
      .onConflictDoUpdate({
        target: calendarFeeds.userId,
        set: { secretHash: sha256(secret), createdAt: now, lastUsedAt: null },
      });
    // the secret itself never enters the trail: only that a URL was made, and when
    audit.record({
      action: 'calendar.rotate',
      entityType: 'calendar',
      entityId: actor.userId,
      before: before ? { createdAt: iso(before.createdAt) } : null,
      after: { createdAt: iso(now) },
      partyScope: null,
    });
  });
  return { url: feedUrl(baseUrl, secret), createdAt: iso(now) };
}

/** Revokes the actor's URL (audited `calendar.revoke`); nothing to revoke is not an error. */
export async function revokeCalendar(ctx: Ctx, actor: Actor): Promise<void> {
  await mutate(ctx, actor, async (tx, audit) => {
    const [gone] = await tx
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.userId, actor.userId))
      .returning({ createdAt: calendarFeeds.createdAt });
    if (gone)
      audit.record({
        action: 'calendar.revoke',
        entityType: 'calendar',
        entityId: actor.userId,
        before: { createdAt: iso(gone.createdAt) },
        partyScope: null,
      });
  });
}

/** Whether the actor has a URL, since when, and when a calendar last read it. */
export async function calendarState(ctx: Ctx, actor: Actor): Promise<CalendarFeedState> {
  const [row] = await ctx.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, actor.userId));
  return {
    active: !!row,
    createdAt: row ? iso(row.createdAt) : null,
    lastUsedAt: row?.lastUsedAt ? iso(row.lastUsedAt) : null,
  };
}

/** The user a feed secret belongs to, as an actor; null for an unknown, rotated or revoked secret. */
export async function actorBySecret(ctx: Ctx, secret: string): Promise<Actor | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const hash = sha256(secret);
  const [row] = await ctx.db
    .select({ user: users, hash: calendarFeeds.secretHash, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.secretHash, hash), eq(users.disabled, false)));
  // the index found the row; the constant-time comparison is the check that decides
  if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
  const now = ctx.now();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await ctx.db.update(calendarFeeds).set({ lastUsedAt: now }).where(eq(calendarFeeds.userId, row.user.id));
  return actorOf(row.user);
}
