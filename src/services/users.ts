/**
 * Users: the accounts of the joint secretariat (admins), party coordinators, reporters of an
 * organisation and viewers. Admins manage them; everyone manages their own profile.
 */
import { eq, sql } from 'drizzle-orm';
import type { User } from '../contracts/accounts';
import { users } from '../db/schema';
import { SYSTEM_ACTOR } from '../domain/policies';
import { recordAudit } from './audit';
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
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${normalized}`);
  if (existing) return false;
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .insert(users)
      .values({ email: normalized, name: 'Administrator', role: 'admin', passwordHash })
      .returning();
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'user.create', entityType: 'user', entityId: u.id, after: presentUser(u) });
  });
  return true;
}

/** Looks a user up by id (for the session endpoint). */
export async function findUserRow(ctx: Ctx, id: string): Promise<Row | undefined> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, id));
  return u;
}
