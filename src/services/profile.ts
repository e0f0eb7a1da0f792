/**
 * What every signed-in user manages about themselves: name, interface language and
 * password. Admin-side account management is in users.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PasswordChange, ProfileUpdate, User } from '../contracts/accounts';
import { users } from '../db/schema';
import { msg } from '../contracts/messages';
import { AppError, detail, notFound, ruleViolation } from '../domain/errors';
import type { Actor } from '../domain/policies';
import { mutate } from './core/mutate';
import { defined } from './common';
import type { Ctx } from './context';
import { hashPassword, verifyPassword } from './passwords';
import { admitAttempt, settleSuccess } from './sign-in-limits';
import { endSessions, presentUser } from './users';

/** Changes the actor's own name and locale; the version moves on like any other write. */
export async function updateProfile(
  ctx: Ctx,
  actor: Actor,
  input: z.output<typeof ProfileUpdate>,
): Promise<User> {
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
    if (!cur) throw notFound('user');
    const patch = defined(input);
    if (Object.keys(patch).length === 0) return presentUser(cur);
    const [u] = await tx
      .update(users)
      .set({ ...patch, version: cur.version + 1, updatedAt: sql`now()` })
      .where(eq(users.id, cur.id))
      .returning();
    const out = presentUser(u);
    audit.record({
      action: 'user.profile_update',
      entityType: 'user',
      entityId: u.id,
      before: presentUser(cur),
      after: out,
    });
    return out;
  });
}

/**
 * Changes the actor's own password after checking the current one. Every other session of
 * the user ends (a password change is what one does after a suspected theft); the session
 * `keepSessionId` (the sha256 of the caller's cookie) stays signed in. Wrong current
 * passwords count as failed sign-ins, so a stolen session cannot guess the password faster
 * than the sign-in form allows.
 */
export async function changePassword(
  ctx: Ctx,
  actor: Actor,
  input: z.output<typeof PasswordChange>,
  opts: { keepSessionId?: string; ip: string },
): Promise<void> {
  const [cur] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!cur) throw notFound('user');
  const attempt = await admitAttempt(ctx, cur.email.toLowerCase(), opts.ip);
  if (!cur.passwordHash || !(await verifyPassword(cur.passwordHash, input.currentPassword))) {
    throw ruleViolation('currentPassword', 'profile.wrongCurrent');
  }
  await settleSuccess(ctx.db, attempt);
  if (input.newPassword === input.currentPassword) {
    throw ruleViolation('newPassword', 'profile.samePassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await mutate(ctx, actor, async (tx, audit) => {
    // The version check guards against an admin changing the account in between.
    const [u] = await tx
      .update(users)
      .set({ passwordHash, version: cur.version + 1, updatedAt: sql`now()` })
      .where(and(eq(users.id, cur.id), eq(users.version, cur.version)))
      .returning({ id: users.id });
    if (!u) {
      throw new AppError('conflict', msg('profile.changedMeanwhile'), [detail('', 'request.retry')]);
    }
    audit.record({ action: 'user.password_change', entityType: 'user', entityId: cur.id });
    await endSessions(tx, audit, cur.id, 'password changed', opts.keepSessionId);
  });
}
