/**
 * Signing in and out, and turning a session cookie or an API token back into an Actor.
 * Sessions and tokens live in PostgreSQL (hashed), so any number of server instances share
 * them; disabling a user stops their sessions and tokens at the next request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SessionInfo } from '../contracts/accounts';
import { apiTokens, sessions, users } from '../db/schema';
import { msg } from '../contracts/messages';
import { AppError, detail, notFound } from '../domain/errors';
import { type Actor, SYSTEM_ACTOR } from '../domain/policies';
import { mutate } from './core/mutate';
import type { Ctx } from './context';
import { dummyHash, verifyPassword } from './passwords';
import { admitAttempt, settleSuccess } from './sign-in-limits';
import { presentUser } from './users';

export const TOKEN_PREFIX = 'acc_';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type UserRow = typeof users.$inferSelect;

/** The Actor for a user row; `requestId` is attached by the HTTP layer. */
export function actorOf(u: Pick<UserRow, 'id' | 'role' | 'partyId' | 'organisationId' | 'email'>): Actor {
  return { userId: u.id, role: u.role, partyId: u.partyId, organisationId: u.organisationId, label: u.email };
}

export interface SignInResult {
  /** The cookie's value; only its hash is stored. */
  secret: string;
  info: z.infer<typeof SessionInfo>;
  actor: Actor;
}

/** The signed-in user and when the credential in use ends (null: a token that never expires). */
export const presentSession = (u: UserRow, expiresAt: Date | null): z.infer<typeof SessionInfo> => ({
  user: presentUser(u),
  expiresAt: expiresAt ? expiresAt.toISOString() : null,
});

/** `GET /session`: who the actor is, read afresh, with the expiry of the session or token in use. */
export async function getSessionInfo(
  ctx: Ctx,
  actor: Actor,
  expiresAt: Date | null,
): Promise<z.infer<typeof SessionInfo>> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!u) throw notFound('User');
  return presentSession(u, expiresAt);
}

const wrongCredentials = () =>
  new AppError('unauthenticated', msg('auth.wrongCredentials'), [detail('', 'auth.wrongCredentialsDetail')]);

/**
 * Checks the password and opens a session. An unknown e-mail, a wrong password and a
 * disabled account all get the same answer, after the same amount of work.
 */
export async function signIn(
  ctx: Ctx,
  input: { email: string; password: string; ip: string; userAgent?: string },
  sessionHours: number,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const attempt = await admitAttempt(ctx, email, input.ip);
  const [user] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, input.password);
  else await verifyPassword(await dummyHash(), input.password);
  // The attempt already counts as a failure; only a success needs another write.
  if (!ok || !user || user.disabled) throw wrongCredentials();
  const secret = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  const actor = actorOf(user);
  const fresh = await mutate(ctx, actor, async (tx, audit) => {
    await tx.insert(sessions).values({
      id: sha256(secret),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await settleSuccess(tx, attempt);
    const [u] = await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id)).returning();
    audit.record({ action: 'session.create', entityType: 'session', entityId: user.id });
    return u;
  });
  return { secret, actor, info: presentSession(fresh, expiresAt) };
}

/** Ends the session behind this cookie value (a no-op for an unknown one). */
export async function signOut(ctx: Ctx, secret: string): Promise<void> {
  await mutate(ctx, SYSTEM_ACTOR, async (tx, audit) => {
    const [s] = await tx
      .delete(sessions)
      .where(eq(sessions.id, sha256(secret)))
      .returning();
    if (s) {
      const [u] = await tx.select().from(users).where(eq(users.id, s.userId));
      if (u)
        audit.record({ action: 'session.delete', entityType: 'session', entityId: u.id, actor: actorOf(u) });
    }
  });
}

/**
 * The actor behind a session cookie, or null when the session is unknown, expired or its
 * user disabled. Sliding expiry: each use (at most once a minute) pushes the end forward.
 */
export async function authenticateSession(
  ctx: Ctx,
  secret: string,
  sessionHours: number,
): Promise<{ actor: Actor; user: UserRow; expiresAt: Date } | null> {
  const id = sha256(secret);
  const now = ctx.now();
  const [row] = await ctx.db
    .select({ user: users, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.disabled, false)));
  if (!row) return null;
  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
    await ctx.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  return { actor: actorOf(row.user), user: row.user, expiresAt };
}

/** The actor behind a bearer token, or null for an unknown, revoked or expired token or a disabled user. */
export async function authenticateToken(
  ctx: Ctx,
  token: string,
): Promise<{ actor: Actor; user: UserRow; expiresAt: Date | null } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const now = ctx.now();
  const [row] = await ctx.db
    .select({
      user: users,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.disabled, false),
      ),
    );
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return { actor: actorOf(row.user), user: row.user, expiresAt: row.expiresAt };
}

/** A new token: `acc_` + 40 random characters; its first 12 characters identify it in lists. */
export function newTokenSecret(): { token: string; prefix: string; hash: string } {
  const token = TOKEN_PREFIX + randomBytes(30).toString('base64url');
  return { token, prefix: token.slice(0, 12), hash: sha256(token) };
}
