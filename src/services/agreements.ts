/**
 * Agreements and their provisions: the registry every roadmap implements. Every signed-in
 * user reads them (they are not tiered); only admins change them. Each write runs in one
 * transaction with its audit event. Deletes refuse while a roadmap or a measure still
 * builds on the agreement or provision, because the database would otherwise cascade
 * silently through `measure_provisions`.
 */
import { and, asc, count, desc, eq, exists, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Agreement, AgreementCreate, AgreementQuery, AgreementUpdate } from '../contracts/agreements';
import type { DbOrTx, Tx } from '../db/client';
import {
  agreementParties,
  agreements,
  measureProvisions,
  parties,
  provisions,
  roadmapAgreements,
} from '../db/schema';
import { msg } from '../contracts/messages';
import { AppError, detail, notFound, ruleViolation } from '../domain/errors';
import { type Actor, canManageReference } from '../domain/policies';
import { authorize } from './core/authorize';
import { mutate } from './core/mutate';
import { checkVersion, defined, iso, requireIds, readAll } from './common';
import type { Ctx } from './context';
import { presentProvisions, provisionRows } from './provisions';

type AgreementRow = typeof agreements.$inferSelect;

const meta = (r: { version: number; createdAt: Date; updatedAt: Date }) => ({
  version: r.version,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

/** `%`, `_` and `\` typed by a user are literal characters, not patterns. */
export const likePattern = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;

// ---------- agreements: presenting ----------

type Amendment = Agreement['amendments'][number];

export function presentAgreement(
  r: AgreementRow,
  partyIds: string[],
  provisionCount: number,
  amendments: Amendment[] = [],
): Agreement {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    partyIds,
    signedOn: r.signedOn ?? null,
    signedPlace: r.signedPlace ?? null,
    binding: r.binding,
    status: r.status,
    fullText: r.fullText ?? null,
    provisionCount,
    amendsAgreementId: r.amendsAgreementId ?? null,
    amendments,
    ...meta(r),
  };
}

const amendingProvisions = alias(provisions, 'amending');

/** Parties, provision counts and amendments of many agreements in four queries. */
async function presentAgreements(db: DbOrTx, rows: AgreementRow[]): Promise<Agreement[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [ps, counts, amending, changed] = await readAll(db, [
    () =>
      db
        .select({ a: agreementParties.agreementId, p: agreementParties.partyId })
        .from(agreementParties)
        .where(inArray(agreementParties.agreementId, ids))
        .orderBy(asc(agreementParties.position)),
    () =>
      db
        .select({ a: provisions.agreementId, n: count() })
        .from(provisions)
        .where(inArray(provisions.agreementId, ids))
        .groupBy(provisions.agreementId),
    () =>
      db
        .select({
          id: agreements.id,
          of: agreements.amendsAgreementId,
          title: agreements.title,
          signedOn: agreements.signedOn,
          status: agreements.status,
        })
        .from(agreements)
        .where(inArray(agreements.amendsAgreementId, ids))
        .orderBy(sql`${agreements.signedOn} asc nulls last`, asc(agreements.createdAt)),
    // the provisions of these agreements that a provision of an amendment changes
    () =>
      db
        .selectDistinct({ by: amendingProvisions.agreementId, changed: provisions.id })
        .from(provisions)
        .innerJoin(amendingProvisions, eq(amendingProvisions.amendsProvisionId, provisions.id))
        .where(inArray(provisions.agreementId, ids)),
  ]);
  const partyIds = new Map<string, string[]>();
  for (const x of ps) partyIds.set(x.a, [...(partyIds.get(x.a) ?? []), x.p]);
  const n = new Map(counts.map((c) => [c.a, c.n]));
  const changedBy = new Map<string, string[]>();
  for (const c of changed) changedBy.set(c.by, [...(changedBy.get(c.by) ?? []), c.changed]);
  const amendments = new Map<string, Amendment[]>();
  for (const a of amending) {
    if (!a.of) continue;
    const item: Amendment = {
      id: a.id,
      title: a.title,
      signedOn: a.signedOn ?? null,
      status: a.status,
      changedProvisionIds: changedBy.get(a.id) ?? [],
    };
    amendments.set(a.of, [...(amendments.get(a.of) ?? []), item]);
  }
  return rows.map((r) =>
    presentAgreement(r, partyIds.get(r.id) ?? [], n.get(r.id) ?? 0, amendments.get(r.id) ?? []),
  );
}

/** Refuses an amended agreement that is absent, or whose chain of amendments leads back to `selfId`. */
async function checkAmends(tx: Tx, selfId: string | null, amendsId: string | null | undefined) {
  if (!amendsId) return;
  let cursor: string | null = amendsId;
  for (let hops = 0; cursor && hops < 100; hops++) {
    if (cursor === selfId) throw ruleViolation('amendsAgreementId', 'agreement.amendsCycle');
    const [r]: { up: string | null }[] = await tx
      .select({ up: agreements.amendsAgreementId })
      .from(agreements)
      .where(eq(agreements.id, cursor));
    if (!r) {
      if (cursor === amendsId) throw ruleViolation('amendsAgreementId', 'noSuch.agreement');
      return;
    }
    cursor = r.up;
  }
}

async function presentOneAgreement(db: DbOrTx, row: AgreementRow): Promise<Agreement> {
  const [a] = await presentAgreements(db, [row]);
  return a;
}

// ---------- agreements: reads ----------

/** A page of agreements: by party, by status, by title in any of its languages. */
export async function findAgreements(ctx: Ctx, _actor: Actor, q: z.output<typeof AgreementQuery>) {
  const conds: (SQL | undefined)[] = [];
  if (q.partyId)
    conds.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(agreementParties)
          .where(
            and(eq(agreementParties.agreementId, agreements.id), eq(agreementParties.partyId, q.partyId)),
          ),
      ),
    );
  if (q.status) conds.push(eq(agreements.status, q.status));
  const text = q.q?.trim();
  if (text) {
    const p = likePattern(text);
    conds.push(
      or(
        ilike(sql`${agreements.title}->>'ru'`, p),
        ilike(sql`coalesce(${agreements.title}->>'kk', '')`, p),
        ilike(sql`coalesce(${agreements.title}->>'en', '')`, p),
      ),
    );
  }
  const where = and(...conds);
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(agreements)
      .where(where)
      .orderBy(sql`${agreements.signedOn} desc nulls last`, desc(agreements.createdAt), asc(agreements.id))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db.$count(agreements, where),
  ]);
  return { data: await presentAgreements(ctx.db, rows), page: q.page, limit: q.limit, total };
}

export async function getAgreement(ctx: Ctx, _actor: Actor, id: string): Promise<Agreement> {
  const [r] = await ctx.db.select().from(agreements).where(eq(agreements.id, id));
  if (!r) throw notFound('agreement');
  return presentOneAgreement(ctx.db, r);
}

// ---------- agreements: writes ----------

async function replaceParties(tx: Tx, agreementId: string, partyIds: string[]) {
  await requireIds(tx, parties, parties.id, partyIds, 'partyIds', 'party');
  await tx.delete(agreementParties).where(eq(agreementParties.agreementId, agreementId));
  await tx
    .insert(agreementParties)
    .values(partyIds.map((partyId, position) => ({ agreementId, partyId, position })));
}

export async function createAgreement(ctx: Ctx, actor: Actor, input: z.output<typeof AgreementCreate>) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  return mutate(ctx, actor, async (tx, audit) => {
    const { partyIds, ...values } = input;
    await checkAmends(tx, null, values.amendsAgreementId);
    const [r] = await tx.insert(agreements).values(values).returning();
    await replaceParties(tx, r.id, partyIds);
    const out = await presentOneAgreement(tx, r);
    audit.record({
      action: 'agreement.create',
      entityType: 'agreement',
      entityId: r.id,
      after: out,
    });
    return out;
  });
}

export async function updateAgreement(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof AgreementUpdate>,
) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(agreements).where(eq(agreements.id, id)).for('update');
    checkVersion(cur, input.version, 'Agreement');
    const before = await presentOneAgreement(tx, cur);
    const { version, partyIds, ...patch } = input;
    await checkAmends(tx, id, patch.amendsAgreementId);
    if (partyIds) await replaceParties(tx, id, partyIds);
    const [r] = await tx
      .update(agreements)
      .set({ ...defined(patch), version: version + 1, updatedAt: sql`now()` })
      .where(eq(agreements.id, id))
      .returning();
    const out = await presentOneAgreement(tx, r);
    audit.record({
      action: 'agreement.update',
      entityType: 'agreement',
      entityId: id,
      before,
      after: out,
    });
    return out;
  });
}

/** Deletes an agreement with its provisions; refused while a roadmap or a measure uses it. */
export async function deleteAgreement(ctx: Ctx, actor: Actor, id: string, version?: number) {
  authorize(canManageReference(actor), 'forbidden.agreements');
  await mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(agreements).where(eq(agreements.id, id)).for('update');
    if (!cur) throw notFound('agreement');
    if (version !== undefined) checkVersion(cur, version, 'Agreement');
    const [roadmap] = await tx
      .select({ id: roadmapAgreements.roadmapId })
      .from(roadmapAgreements)
      .where(eq(roadmapAgreements.agreementId, id))
      .limit(1);
    const [measure] = await tx
      .select({ id: measureProvisions.measureId })
      .from(measureProvisions)
      .innerJoin(provisions, eq(provisions.id, measureProvisions.provisionId))
      .where(eq(provisions.agreementId, id))
      .limit(1);
    if (roadmap) throw new AppError('conflict', msg('agreement.inRoadmap'), [detail('', 'usedBy.roadmap')]);
    if (measure)
      throw new AppError('conflict', msg('agreement.measuresLinked'), [detail('', 'usedBy.measures')]);
    const before = {
      ...(await presentOneAgreement(tx, cur)),
      provisions: await presentProvisions(tx, await provisionRows(tx, id)),
    };
    await tx.delete(agreements).where(eq(agreements.id, id));
    audit.record({
      action: 'agreement.delete',
      entityType: 'agreement',
      entityId: id,
      before,
    });
  });
}
