/**
 * API tokens: long-lived credentials for integrations, sent as `Authorization: Bearer`.
 * Only a sha256 of the secret is stored; the secret is shown once, at creation. A user
 * manages their own tokens; an admin may list and revoke anyone's (a leaked token).
 */
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated } from '../contracts/accounts';
import { apiTokens, users } from '../db/schema';
import { AppError, notFound, ruleViolation } from '../domain/errors';
import { type Actor, canManageTokensOf } from '../domain/policies';
import { authorize } from './core/authorize';
import { mutate } from './core/mutate';
import { newTokenSecret } from './auth';
import { iso } from './common';
import type { Ctx } from './context';

type Row = typeof apiTokens.$inferSelect;

/** Live (unrevoked, unexpired) tokens one user may hold: a bound on what a leak can spread to. */
export const MAX_ACTIVE_TOKENS = 50;

/** A token as the API shows it: its prefix, never its secret or hash. */
export const presentToken = (r: Row): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: iso(r.createdAt),
  lastUsedAt: r.lastUsedAt ? iso(r.lastUsedAt) : null,
  expiresAt: r.expiresAt ? iso(r.expiresAt) : null,
  revokedAt: r.revokedAt ? iso(r.revokedAt) : null,
});

/** 404 for an unknown user, so that the token routes of an absent user say so. */
async function requireUser(ctx: Ctx, userId: string) {
  const [u] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!u) throw notFound('user');
}

/** A user's tokens, newest first, revoked and expired ones included (with their dates). */
export async function listTokens(ctx: Ctx, actor: Actor, userId: string): Promise<{ data: ApiToken[] }> {
  authorize(canManageTokensOf(actor, userId), 'forbidden.tokens');
  if (actor.userId !== userId) await requireUser(ctx, userId);
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return { data: rows.map(presentToken) };
}

/** Issues a token for the user; the answer carries the secret, which is never shown again. */
export async function createToken(
  ctx: Ctx,
  actor: Actor,
  userId: string,
  input: z.output<typeof ApiTokenCreate>,
): Promise<z.infer<typeof ApiTokenCreated>> {
  authorize(canManageTokensOf(actor, userId), 'forbidden.tokens');
  const now = ctx.now();
  const secret = newTokenSecret();
  return mutate(ctx, actor, async (tx, audit) => {
    // Locking the owner serialises concurrent creations, so the cap below holds.
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    if (!owner) throw notFound('user');
    const active = await tx.$count(
      apiTokens,
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
    if (active >= MAX_ACTIVE_TOKENS) {
      throw ruleViolation('', 'token.limit', { max: MAX_ACTIVE_TOKENS });
    }
    const [r] = await tx
      .insert(apiTokens)
      .values({
        userId,
        name: input.name,
        prefix: secret.prefix,
        tokenHash: secret.hash,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      })
      .returning();
    const out = presentToken(r);
    audit.record({
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: r.id,
      after: { ...out, userId },
    });
    return { ...out, token: secret.token };
  });
}

/**
 * Revokes one of the user's tokens: it stops working at the next request. A token of
 * another user answers 404, as if absent; revoking a revoked token changes nothing.
 */
export async function revokeToken(ctx: Ctx, actor: Actor, userId: string, tokenId: string): Promise<void> {
  authorize(canManageTokensOf(actor, userId), 'forbidden.tokens');
  await mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
      .for('update');
    if (!cur) throw notFound('apiToken');
    if (cur.revokedAt) return;
    const [r] = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.now() })
      .where(eq(apiTokens.id, tokenId))
      .returning();
    audit.record({
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: tokenId,
      before: { ...presentToken(cur), userId },
      after: { ...presentToken(r), userId },
    });
  });
}

/**
 * Revokes a token known by its id alone, as the CLI does (an administrator's act on someone
 * else's token); 404 naming `ID` when there is none.
 */
export async function revokeTokenById(ctx: Ctx, actor: Actor, tokenId: string): Promise<void> {
  const [row] = await ctx.db
    .select({ userId: apiTokens.userId })
    .from(apiTokens)
    .where(eq(apiTokens.id, tokenId));
  if (!row) {
    throw new AppError('not_found', `No API token has the id ${tokenId}`, [
      { path: 'ID', message: 'no such token' },
    ]);
  }
  await revokeToken(ctx, actor, row.userId, tokenId);
}
