/** Provisions of an agreement: its numbered articles and clauses, in reading order, with spheres. */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Provision, ProvisionCreate, ProvisionUpdate } from '../contracts/agreements';
import type { PageQuery } from '../contracts/common';
import type { DbOrTx, Tx } from '../db/client';
import { agreements, measureProvisions, measures, provisionSpheres, provisions, spheres } from '../db/schema';
import { msg } from '../contracts/messages';
import { AppError, detail, fieldError, notFound, ruleViolation } from '../domain/errors';
import { type Actor, canManageReference } from '../domain/policies';
import { authorize } from './core/authorize';
import { mutate } from './core/mutate';
import { checkVersion, defined, iso, requireIds } from './common';
import type { Ctx } from './context';

type ProvisionRow = typeof provisions.$inferSelect;

const meta = (r: { version: number; createdAt: Date; updatedAt: Date }) => ({
  version: r.version,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

// ---------- provisions ----------

/** Orders clause numbers naturally: 2 before 10, 4 before 4a, 4.9 before 4.10. */
const naturalNumber = sql`array(select lpad(coalesce(substring(s from '^\\d+'), ''), 4, '0') || coalesce(substring(s from '[a-z]$'), '') from unnest(string_to_array(${provisions.number}, '.')) as s)`;
const provisionOrder = [asc(provisions.position), naturalNumber, asc(provisions.id)];

export function presentProvision(r: ProvisionRow, sphereIds: string[]): Provision {
  return {
    id: r.id,
    agreementId: r.agreementId,
    number: r.number,
    position: r.position,
    text: r.text,
    sphereIds,
    amendsProvisionId: r.amendsProvisionId ?? null,
    ...meta(r),
  };
}

/** Provisions with their spheres, in one query for all. */
export async function presentProvisions(db: DbOrTx, rows: ProvisionRow[]): Promise<Provision[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select({ p: provisionSpheres.provisionId, s: provisionSpheres.sphereId })
    .from(provisionSpheres)
    .innerJoin(spheres, eq(spheres.id, provisionSpheres.sphereId))
    .where(
      inArray(
        provisionSpheres.provisionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(spheres.position), asc(spheres.code));
  const byProvision = new Map<string, string[]>();
  for (const l of links) byProvision.set(l.p, [...(byProvision.get(l.p) ?? []), l.s]);
  return rows.map((r) => presentProvision(r, byProvision.get(r.id) ?? []));
}

/** An agreement's provisions in reading order. */
export const provisionRows = (db: DbOrTx, agreementId: string) =>
  db
    .select()
    .from(provisions)
    .where(eq(provisions.agreementId, agreementId))
    .orderBy(...provisionOrder);

/** 404 unless the agreement exists; `lock` holds it (share) until the transaction ends. */
export async function requireAgreement(db: DbOrTx, id: string, lock = false) {
  const base = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, id));
  const [r] = lock ? await base.for('share') : await base;
  if (!r) throw notFound('agreement');
}

/** An agreement's provisions in reading order (position, then clause number), a page at a time. */
export async function listProvisions(
  ctx: Ctx,
  _actor: Actor,
  agreementId: string,
  q: z.output<typeof PageQuery>,
) {
  await requireAgreement(ctx.db, agreementId);
  const where = eq(provisions.agreementId, agreementId);
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(provisions)
      .where(where)
      .orderBy(...provisionOrder)
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db.$count(provisions, where),
  ]);
  return { data: await presentProvisions(ctx.db, rows), page: q.page, limit: q.limit, total };
}

export async function getProvision(ctx: Ctx, _actor: Actor, id: string): Promise<Provision> {
  const [r] = await ctx.db.select().from(provisions).where(eq(provisions.id, id));
  if (!r) throw notFound('provision');
  const [p] = await presentProvisions(ctx.db, [r]);
  return p;
}

const numberTaken = (number: string) =>
  fieldError('conflict', [detail('number', 'provision.numberTaken', { number })]);

async function checkNumberFree(tx: Tx, agreementId: string, number: string, selfId: string | null) {
  const [clash] = await tx
    .select({ id: provisions.id })
    .from(provisions)
    .where(
      and(
        eq(provisions.agreementId, agreementId),
        eq(provisions.number, number),
        selfId ? ne(provisions.id, selfId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw numberTaken(number);
}

/** A concurrent insert of the same number slips past the check; the unique index catches it. */
async function guardNumber<T>(number: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const pg = (e as { cause?: { code?: string; constraint?: string } }).cause ?? (e as { code?: string });
    if (
      pg?.code === '23505' &&
      (pg as { constraint?: string }).constraint === 'provisions_agreement_number_idx'
    )
      throw numberTaken(number);
    throw e;
  }
}

/** A provision may change only a provision of the agreement its own agreement amends. */
async function checkAmendsProvision(tx: Tx, agreementId: string, target: string | null | undefined) {
  if (!target) return;
  const [r] = await tx
    .select({ id: provisions.id })
    .from(provisions)
    .innerJoin(agreements, eq(agreements.amendsAgreementId, provisions.agreementId))
    .where(and(eq(provisions.id, target), eq(agreements.id, agreementId)));
  if (!r) throw ruleViolation('amendsProvisionId', 'provision.amendsOther');
}

async function replaceSpheres(tx: Tx, provisionId: string, sphereIds: string[]) {
  await tx.delete(provisionSpheres).where(eq(provisionSpheres.provisionId, provisionId));
  if (sphereIds.length)
    await tx.insert(provisionSpheres).values(sphereIds.map((sphereId) => ({ provisionId, sphereId })));
}

/** Adds a clause; without a position it goes after the agreement's last one. */
export async function createProvision(
  ctx: Ctx,
  actor: Actor,
  agreementId: string,
  input: z.output<typeof ProvisionCreate>,
) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  return guardNumber(input.number, () =>
    mutate(ctx, actor, async (tx, audit) => {
      await requireAgreement(tx, agreementId, true);
      await requireIds(tx, spheres, spheres.id, input.sphereIds, 'sphereIds', 'sphere');
      await checkNumberFree(tx, agreementId, input.number, null);
      await checkAmendsProvision(tx, agreementId, input.amendsProvisionId);
      let position = input.position;
      if (position === undefined) {
        const [last] = await tx
          .select({ max: sql<number | null>`max(${provisions.position})` })
          .from(provisions)
          .where(eq(provisions.agreementId, agreementId));
        position = Math.min((last?.max ?? 0) + 1, 100_000);
      }
      const [r] = await tx
        .insert(provisions)
        .values({
          agreementId,
          number: input.number,
          position,
          text: input.text,
          amendsProvisionId: input.amendsProvisionId ?? null,
        })
        .returning();
      await replaceSpheres(tx, r.id, input.sphereIds);
      const [out] = await presentProvisions(tx, [r]);
      audit.record({
        action: 'provision.create',
        entityType: 'provision',
        entityId: r.id,
        after: out,
      });
      return out;
    }),
  );
}

export async function updateProvision(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof ProvisionUpdate>,
) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  return guardNumber(input.number ?? '', () =>
    mutate(ctx, actor, async (tx, audit) => {
      const [cur] = await tx.select().from(provisions).where(eq(provisions.id, id)).for('update');
      checkVersion(cur, input.version, 'Provision');
      const [before] = await presentProvisions(tx, [cur]);
      const { version, sphereIds, ...patch } = input;
      if (sphereIds) await requireIds(tx, spheres, spheres.id, sphereIds, 'sphereIds', 'sphere');
      if (patch.number !== undefined && patch.number !== cur.number)
        await checkNumberFree(tx, cur.agreementId, patch.number, id);
      await checkAmendsProvision(tx, cur.agreementId, patch.amendsProvisionId);
      if (sphereIds) await replaceSpheres(tx, id, sphereIds);
      const [r] = await tx
        .update(provisions)
        .set({ ...defined(patch), version: version + 1, updatedAt: sql`now()` })
        .where(eq(provisions.id, id))
        .returning();
      const [out] = await presentProvisions(tx, [r]);
      audit.record({
        action: 'provision.update',
        entityType: 'provision',
        entityId: id,
        before,
        after: out,
      });
      return out;
    }),
  );
}

/** Deletes a clause; refused while a measure implements it (the link would vanish silently). */
export async function deleteProvision(ctx: Ctx, actor: Actor, id: string, version?: number) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  await mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(provisions).where(eq(provisions.id, id)).for('update');
    if (!cur) throw notFound('provision');
    if (version !== undefined) checkVersion(cur, version, 'Provision');
    // Only the secretariat deletes, and it sees every measure: naming them leaks nothing.
    const used = await tx
      .select({ code: measures.code })
      .from(measureProvisions)
      .innerJoin(measures, eq(measures.id, measureProvisions.measureId))
      .where(eq(measureProvisions.provisionId, id))
      .orderBy(sql`accord_code_sort_key(${measures.code})`)
      .limit(21);
    if (used.length) {
      const codes = used.slice(0, 20).map((u) => u.code);
      if (used.length > 20) codes.push('…');
      throw new AppError('conflict', msg('provision.measuresLinked'), [
        detail('', 'usedBy.measures'),
        detail('', 'provision.implementedBy', { codes: codes.join(', ') }),
      ]);
    }
    const [before] = await presentProvisions(tx, [cur]);
    await tx.delete(provisions).where(eq(provisions.id, id));
    audit.record({
      action: 'provision.delete',
      entityType: 'provision',
      entityId: id,
      before,
    });
  });
}
