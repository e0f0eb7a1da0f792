/**
 * Users: the accounts of the joint secretariat (admins), party coordinators, reporters of an
 * organisation and viewers. Admins manage them; everyone manages their own profile.
 */
import { and, asc, eq, ilike, isNull, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { User, UserCreate, UserQuery, UserUpdate } from '../contracts/accounts';
import type { Role } from '../contracts/enums';
import type { AuditAction } from '../contracts/audit-actions';
import type { DbOrTx, Tx } from '../db/client';
import { apiTokens, organisations, sessions, users } from '../db/schema';
import { msg } from '../contracts/messages';
import { AppError, detail, notFound, ruleViolation } from '../domain/errors';
import {
  type Actor,
  canManageUsers,
  SYSTEM_ACTOR,
  selfLockoutProblem,
  userAffiliationRule,
} from '../domain/policies';
import { authorize } from './core/authorize';
import { type AuditLog, mutate } from './core/mutate';
import { checkVersion, defined } from './common';
import type { Ctx } from './context';
import { hashPassword } from './passwords';

type Row = typeof users.$inferSelect;

/** A user as the API shows it: never the password hash. */
export const presentUser = (r: Row): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  organisationId: r.organisationId,
  partyId: r.partyId,
  locale: r.locale,
  disabled: r.disabled,
  lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/**
 * Creates the first administrator when no user with that e-mail exists. Returns true when
 * it was created (the caller then prints the password once).
 */
export async function ensureAdmin(ctx: Ctx, email: string, password: string): Promise<boolean> {
  const normalized = email.trim().toLowerCase();
  const [existing] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalized}`);
  if (existing) return false;
  const passwordHash = await hashPassword(password);
  await mutate(ctx, SYSTEM_ACTOR, async (tx, audit) => {
    const [u] = await tx
      .insert(users)
      .values({ email: normalized, name: 'Administrator', role: 'admin', passwordHash })
      .returning();
    audit.record({
      action: 'user.create',
      entityType: 'user',
      entityId: u.id,
      after: presentUser(u),
    });
  });
  return true;
}

async function findUserRow(ctx: Ctx, id: string): Promise<Row | undefined> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, id));
  return u;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/** 409 naming `email` when another account already uses this address, in any letter case. */
async function assertEmailFree(db: DbOrTx, email: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(sql`lower(${users.email}) = ${email.toLowerCase()}`, exceptId ? ne(users.id, exceptId) : undefined),
    );
  if (clash) throw emailTaken();
}

const emailTaken = () =>
  new AppError('conflict', msg('error.field', { path: 'email', problem: msg('user.emailTaken') }), [
    detail('email', 'user.emailInUse'),
  ]);

/** The unique index still guards against a concurrent insert; answer that race the same way. */
function rethrowEmailRace(e: unknown): never {
  for (
    let cur = e as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, i = 0;
    cur && i < 5;
    i++
  ) {
    if (cur.code === '23505' && cur.constraint === 'users_email_lower_idx') throw emailTaken();
    cur = cur.cause as typeof cur;
  }
  throw e;
}

/**
 * Resolves the organisation a user of `role` would belong to and applies the affiliation
 * rule; the party is always taken from the organisation, never from the caller.
 */
async function affiliation(db: DbOrTx, role: Role, organisationId: string | null) {
  let org: { id: string; partyId: string } | null = null;
  if (organisationId) {
    [org] = await db
      .select({ id: organisations.id, partyId: organisations.partyId })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    if (!org) throw ruleViolation('organisationId', 'noSuch.organisation');
  }
  const r = userAffiliationRule(role, org);
  if (!r.ok) throw ruleViolation('organisationId', r.problem);
  return { organisationId: r.organisationId, partyId: r.partyId };
}

/** Ends every session of a user except `keep` (a session id, i.e. the cookie's sha256). */
export async function endSessions(tx: Tx, audit: AuditLog, userId: string, reason: string, keep?: string) {
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  if (ended.length) {
    audit.record({
      action: 'session.end_all',
      entityType: 'session',
      entityId: userId,
      after: { ended: ended.length, reason },
    });
  }
  return ended.length;
}

/**
 * Revokes every live API token of a user, so that re-enabling the account later does not
 * bring old credentials back; one audit event lists them.
 */
export async function revokeAllTokens(tx: Tx, audit: AuditLog, userId: string, reason: string, at: Date) {
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, prefix: apiTokens.prefix });
  if (revoked.length) {
    audit.record({
      action: 'api_token.revoke_all',
      entityType: 'user',
      entityId: userId,
      after: { revoked: revoked.length, tokens: revoked, reason },
    });
  }
  return revoked.length;
}

/** Users, filtered by role, party, organisation and a text in the name or e-mail (admins). */
export async function findUsers(ctx: Ctx, actor: Actor, q: z.output<typeof UserQuery>) {
  authorize(canManageUsers(actor), 'forbidden.users');
  const text = q.q?.trim();
  const where = and(
    q.role ? eq(users.role, q.role) : undefined,
    q.partyId ? eq(users.partyId, q.partyId) : undefined,
    q.organisationId ? eq(users.organisationId, q.organisationId) : undefined,
    text
      ? or(ilike(users.name, `%${escapeLike(text)}%`), ilike(users.email, `%${escapeLike(text)}%`))
      : undefined,
  );
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db.$count(users, where),
  ]);
  return { data: rows.map(presentUser), page: q.page, limit: q.limit, total };
}

/** One user by id (admins); 404 when absent. */
export async function getUser(ctx: Ctx, actor: Actor, id: string): Promise<User> {
  authorize(canManageUsers(actor), 'forbidden.users');
  const u = await findUserRow(ctx, id);
  if (!u) throw notFound('user');
  return presentUser(u);
}

/**
 * Creates an account (admins, and the CLI as the system). The e-mail is unique in any letter
 * case; coordinators and reporters need an organisation, whose party they then act for.
 */
export async function createUser(ctx: Ctx, actor: Actor, input: z.output<typeof UserCreate>): Promise<User> {
  authorize(canManageUsers(actor), 'forbidden.users');
  const passwordHash = await hashPassword(input.password);
  try {
    return await mutate(ctx, actor, async (tx, audit) => {
      await assertEmailFree(tx, input.email);
      const aff = await affiliation(tx, input.role, input.organisationId ?? null);
      const [u] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          role: input.role,
          locale: input.locale,
          passwordHash,
          ...aff,
        })
        .returning();
      const out = presentUser(u);
      audit.record({ action: 'user.create', entityType: 'user', entityId: u.id, after: out });
      return out;
    });
  } catch (e) {
    rethrowEmailRace(e);
  }
}

/**
 * Changes an account (admins). Disabling it ends its sessions and revokes its API tokens in
 * the same transaction, so enabling it again needs fresh ones; setting a new password ends
 * its sessions. An admin may not disable or demote themselves.
 */
export async function updateUser(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof UserUpdate>,
): Promise<User> {
  authorize(canManageUsers(actor), 'forbidden.users');
  const lockout = selfLockoutProblem(actor, id, input);
  if (lockout) throw ruleViolation(lockout.path, lockout.rule);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  try {
    return await mutate(ctx, actor, async (tx, audit) => {
      const [cur] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      checkVersion(cur, input.version, 'User');
      const { version, password: _secret, ...patch } = input;
      if (patch.email !== undefined && patch.email !== cur.email.toLowerCase())
        await assertEmailFree(tx, patch.email, id);
      const role = patch.role ?? cur.role;
      // An organisation kept from before is dropped when the new role cannot have one (a
      // reporter promoted to admin); one sent explicitly is checked against the rule.
      let organisationId = patch.organisationId !== undefined ? patch.organisationId : cur.organisationId;
      if (patch.organisationId === undefined && role === 'admin') organisationId = null;
      const aff = await affiliation(tx, role, organisationId);
      const [u] = await tx
        .update(users)
        .set({
          ...defined(patch),
          ...aff,
          ...(passwordHash ? { passwordHash } : {}),
          version: version + 1,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, id))
        .returning();
      const out = presentUser(u);
      const action: AuditAction =
        patch.disabled === true && !cur.disabled
          ? 'user.disable'
          : patch.disabled === false && cur.disabled
            ? 'user.enable'
            : 'user.update';
      audit.record([
        { action, entityType: 'user', entityId: id, before: presentUser(cur), after: out },
        ...(passwordHash
          ? [{ action: 'user.password_reset' as const, entityType: 'user' as const, entityId: id }]
          : []),
      ]);
      if (u.disabled) {
        await endSessions(tx, audit, id, 'account disabled');
        await revokeAllTokens(tx, audit, id, 'account disabled', ctx.now());
      } else if (passwordHash) await endSessions(tx, audit, id, 'password reset by an administrator');
      return out;
    });
  } catch (e) {
    rethrowEmailRace(e);
  }
}
