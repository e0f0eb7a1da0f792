/**
 * Parties, spheres and organisations: reference data every signed-in user reads and only
 * admins change. Each write is audited in its transaction.
 */
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Organisation,
  OrganisationCreate,
  OrganisationUpdate,
  Party,
  PartyCreate,
  PartyUpdate,
  Sphere,
  SphereCreate,
  SphereUpdate,
} from '../contracts/reference';
import { organisations, parties, spheres } from '../db/schema';
import { notFound, ruleViolation } from '../domain/errors';
import { type Actor, canManageReference } from '../domain/policies';
import { authorize } from './core/authorize';
import { mutate } from './core/mutate';
import { checkVersion, defined, iso } from './common';
import type { Ctx } from './context';

const meta = (r: { version: number; createdAt: Date; updatedAt: Date }) => ({
  version: r.version,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

export const presentParty = (r: typeof parties.$inferSelect): Party => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  name: r.name,
  ...meta(r),
});
export const presentSphere = (r: typeof spheres.$inferSelect): Sphere => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description ?? null,
  position: r.position,
  ...meta(r),
});
export const presentOrganisation = (r: typeof organisations.$inferSelect): Organisation => ({
  id: r.id,
  partyId: r.partyId,
  parentId: r.parentId,
  kind: r.kind,
  name: r.name,
  shortName: r.shortName ?? null,
  ...meta(r),
});

const onePage = <T>(data: T[]) => ({ data, page: 1, limit: data.length, total: data.length });

// ---------- parties ----------

export async function listParties(ctx: Ctx, _actor: Actor) {
  const rows = await ctx.db.select().from(parties).orderBy(asc(parties.code));
  return onePage(rows.map(presentParty));
}

export async function getParty(ctx: Ctx, _actor: Actor, id: string) {
  const [r] = await ctx.db.select().from(parties).where(eq(parties.id, id));
  if (!r) throw notFound('party');
  return presentParty(r);
}

export async function createParty(ctx: Ctx, actor: Actor, input: z.output<typeof PartyCreate>) {
  authorize(canManageReference(actor), 'forbidden.reference');
  return mutate(ctx, actor, async (tx, audit) => {
    const [r] = await tx.insert(parties).values(input).returning();
    const out = presentParty(r);
    audit.record({ action: 'party.create', entityType: 'party', entityId: r.id, after: out });
    return out;
  });
}

export async function updateParty(ctx: Ctx, actor: Actor, id: string, input: z.output<typeof PartyUpdate>) {
  authorize(canManageReference(actor), 'forbidden.reference');
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(parties).where(eq(parties.id, id)).for('update');
    checkVersion(cur, input.version, 'Party');
    const { version, ...patch } = input;
    const [r] = await tx
      .update(parties)
      .set({ ...defined(patch), version: version + 1, updatedAt: sql`now()` })
      .where(eq(parties.id, id))
      .returning();
    const out = presentParty(r);
    audit.record({
      action: 'party.update',
      entityType: 'party',
      entityId: id,
      before: presentParty(cur),
      after: out,
    });
    return out;
  });
}

export async function deleteParty(ctx: Ctx, actor: Actor, id: string) {
  authorize(canManageReference(actor), 'forbidden.reference');
  await mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.delete(parties).where(eq(parties.id, id)).returning();
    if (!cur) throw notFound('party');
    audit.record({
      action: 'party.delete',
      entityType: 'party',
      entityId: id,
      before: presentParty(cur),
    });
  });
}

// ---------- spheres ----------

export async function listSpheres(ctx: Ctx, _actor: Actor) {
  const rows = await ctx.db.select().from(spheres).orderBy(asc(spheres.position), asc(spheres.code));
  return onePage(rows.map(presentSphere));
}

export async function getSphere(ctx: Ctx, _actor: Actor, id: string) {
  const [r] = await ctx.db.select().from(spheres).where(eq(spheres.id, id));
  if (!r) throw notFound('sphere');
  return presentSphere(r);
}

export async function createSphere(ctx: Ctx, actor: Actor, input: z.output<typeof SphereCreate>) {
  authorize(canManageReference(actor), 'forbidden.reference');
  return mutate(ctx, actor, async (tx, audit) => {
    const [r] = await tx.insert(spheres).values(input).returning();
    const out = presentSphere(r);
    audit.record({
      action: 'sphere.create',
      entityType: 'sphere',
      entityId: r.id,
      after: out,
    });
    return out;
  });
}

export async function updateSphere(ctx: Ctx, actor: Actor, id: string, input: z.output<typeof SphereUpdate>) {
  authorize(canManageReference(actor), 'forbidden.reference');
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(spheres).where(eq(spheres.id, id)).for('update');
    checkVersion(cur, input.version, 'Sphere');
    const { version, ...patch } = input;
    const [r] = await tx
      .update(spheres)
      .set({ ...defined(patch), version: version + 1, updatedAt: sql`now()` })
      .where(eq(spheres.id, id))
      .returning();
    const out = presentSphere(r);
    audit.record({
      action: 'sphere.update',
      entityType: 'sphere',
      entityId: id,
      before: presentSphere(cur),
      after: out,
    });
    return out;
  });
}

export async function deleteSphere(ctx: Ctx, actor: Actor, id: string) {
  authorize(canManageReference(actor), 'forbidden.reference');
  await mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.delete(spheres).where(eq(spheres.id, id)).returning();
    if (!cur) throw notFound('sphere');
    audit.record({
      action: 'sphere.delete',
      entityType: 'sphere',
      entityId: id,
      before: presentSphere(cur),
    });
  });
}

// ---------- organisations ----------

export async function listOrganisations(ctx: Ctx, _actor: Actor, q: { partyId?: string; q?: string }) {
  const text = q.q?.trim();
  const rows = await ctx.db
    .select()
    .from(organisations)
    .where(
      and(
        q.partyId ? eq(organisations.partyId, q.partyId) : undefined,
        text
          ? or(
              ilike(sql`${organisations.name}::text`, `%${text.replace(/[%_\\]/g, '\\$&')}%`),
              ilike(
                sql`coalesce(${organisations.shortName}::text, '')`,
                `%${text.replace(/[%_\\]/g, '\\$&')}%`,
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(organisations.partyId), sql`${organisations.name}->>'ru'`);
  return onePage(rows.map(presentOrganisation));
}

export async function getOrganisation(ctx: Ctx, _actor: Actor, id: string) {
  const [r] = await ctx.db.select().from(organisations).where(eq(organisations.id, id));
  if (!r) throw notFound('organisation');
  return presentOrganisation(r);
}

async function checkParentOrg(
  ctx: Ctx | { db: Ctx['db'] },
  db: Parameters<Parameters<Ctx['db']['transaction']>[0]>[0],
  id: string | null,
  parentId: string | null | undefined,
  partyId: string,
) {
  if (!parentId) return;
  let cur: string | null = parentId;
  const seen = new Set<string>();
  while (cur) {
    if (cur === id || seen.has(cur)) throw ruleViolation('parentId', 'organisation.ownAncestor');
    seen.add(cur);
    const [p] = await db.select().from(organisations).where(eq(organisations.id, cur));
    if (!p) throw ruleViolation('parentId', 'noSuch.organisation');
    if (cur === parentId && p.partyId !== partyId)
      throw ruleViolation('parentId', 'organisation.parentOtherParty');
    cur = p.parentId;
  }
  void ctx;
}

export async function createOrganisation(ctx: Ctx, actor: Actor, input: z.output<typeof OrganisationCreate>) {
  authorize(canManageReference(actor), 'forbidden.reference');
  return mutate(ctx, actor, async (tx, audit) => {
    const [party] = await tx.select({ id: parties.id }).from(parties).where(eq(parties.id, input.partyId));
    if (!party) throw ruleViolation('partyId', 'noSuch.party');
    await checkParentOrg(ctx, tx, null, input.parentId, input.partyId);
    const [r] = await tx.insert(organisations).values(input).returning();
    const out = presentOrganisation(r);
    audit.record({
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: r.id,
      after: out,
    });
    return out;
  });
}

export async function updateOrganisation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof OrganisationUpdate>,
) {
  authorize(canManageReference(actor), 'forbidden.reference');
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    checkVersion(cur, input.version, 'Organisation');
    await checkParentOrg(ctx, tx, id, input.parentId, cur.partyId);
    const { version, ...patch } = input;
    const [r] = await tx
      .update(organisations)
      .set({ ...defined(patch), version: version + 1, updatedAt: sql`now()` })
      .where(eq(organisations.id, id))
      .returning();
    const out = presentOrganisation(r);
    audit.record({
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: id,
      before: presentOrganisation(cur),
      after: out,
    });
    return out;
  });
}

export async function deleteOrganisation(ctx: Ctx, actor: Actor, id: string) {
  authorize(canManageReference(actor), 'forbidden.reference');
  await mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.delete(organisations).where(eq(organisations.id, id)).returning();
    if (!cur) throw notFound('organisation');
    audit.record({
      action: 'organisation.delete',
      entityType: 'organisation',
      entityId: id,
      before: presentOrganisation(cur),
    });
  });
}
