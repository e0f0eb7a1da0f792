/**
 * Roadmaps: versioned plans that implement agreements, moving draft → approved → archived.
 * Every signed-in user reads them; `measureCount` counts only the measures the caller may
 * see, so one party's internal plan does not show even as a number. Only admins write, and
 * an archived roadmap is frozen: neither it nor its measures change any more (measures
 * check the same rule in services/measures.ts `loadRoadmapForWrite`).
 */
import { and, asc, count, desc, eq, exists, inArray, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RoadmapStatus } from '../contracts/enums';
import type { Roadmap, RoadmapCreate, RoadmapQuery, RoadmapUpdate } from '../contracts/roadmaps';
import type { DbOrTx, Tx } from '../db/client';
import {
  agreements,
  measureProvisions,
  measures,
  provisions,
  roadmapAgreements,
  roadmaps,
} from '../db/schema';
import { type MessageKey, msg } from '../contracts/messages';
import { AppError, detail, notFound, ruleViolation } from '../domain/errors';
import { type Actor, canManageReference } from '../domain/policies';
import { authorize } from './core/authorize';
import { mutate } from './core/mutate';
import { checkVersion, defined, iso, readAll, requireIds } from './common';
import { type Ctx, today } from './context';
import { measureVisibility } from './measures';
import { addMissingPeriods, followDueDays } from './periods';
import { APPROVED_PLAN, freezeBaseline } from './baselines/freeze';

type Row = typeof roadmaps.$inferSelect;

/**
 * The lifecycle: draft → approved → archived (a draft may also be archived unused). An
 * approved roadmap is the agreed baseline and never returns to draft; an archived one is
 * final. Returns why a move is refused, or null when it is allowed.
 */
export function roadmapTransitionError(from: RoadmapStatus, to: RoadmapStatus): MessageKey | null {
  if (from === to) return null;
  if (from === 'archived') return 'roadmap.archived';
  if (from === 'approved' && to === 'draft') return 'roadmap.noBackToDraft';
  return null;
}

// ---------- presenting ----------

export function presentRoadmap(r: Row, agreementIds: string[], measureCount: number): Roadmap {
  return {
    id: r.id,
    title: r.title,
    description: r.description ?? null,
    status: r.status,
    agreementIds,
    reportingFrequency: r.reportingFrequency,
    reportDueDays: r.reportDueDays,
    measureCount,
    version: r.version,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** Agreements and visible measure counts of many roadmaps: two grouped queries, whatever their number. */
async function presentRoadmaps(db: DbOrTx, actor: Actor, rows: Row[]): Promise<Roadmap[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, counts] = await readAll(db, [
    () =>
      db
        .select({ r: roadmapAgreements.roadmapId, a: roadmapAgreements.agreementId })
        .from(roadmapAgreements)
        .innerJoin(agreements, eq(agreements.id, roadmapAgreements.agreementId))
        .where(inArray(roadmapAgreements.roadmapId, ids))
        .orderBy(sql`${agreements.signedOn} nulls last`, asc(agreements.id)),
    () =>
      db
        .select({ r: measures.roadmapId, n: count() })
        .from(measures)
        .where(and(inArray(measures.roadmapId, ids), measureVisibility(actor)))
        .groupBy(measures.roadmapId),
  ]);
  const agreementIds = new Map<string, string[]>();
  for (const l of links) agreementIds.set(l.r, [...(agreementIds.get(l.r) ?? []), l.a]);
  const n = new Map(counts.map((c) => [c.r, c.n]));
  return rows.map((r) => presentRoadmap(r, agreementIds.get(r.id) ?? [], n.get(r.id) ?? 0));
}

async function presentOne(db: DbOrTx, actor: Actor, row: Row): Promise<Roadmap> {
  const [r] = await presentRoadmaps(db, actor, [row]);
  return r;
}

/** The audit form: every measure counted, as the secretariat sees it. */
const ADMIN_VIEW = { role: 'admin' } as Actor;

// ---------- reads ----------

export async function findRoadmaps(ctx: Ctx, actor: Actor, q: z.output<typeof RoadmapQuery>) {
  const where = and(
    q.status ? eq(roadmaps.status, q.status) : undefined,
    q.agreementId
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(roadmapAgreements)
            .where(
              and(
                eq(roadmapAgreements.roadmapId, roadmaps.id),
                eq(roadmapAgreements.agreementId, q.agreementId),
              ),
            ),
        )
      : undefined,
  );
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(roadmaps)
      .where(where)
      .orderBy(desc(roadmaps.updatedAt), asc(roadmaps.id))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    ctx.db.$count(roadmaps, where),
  ]);
  return { data: await presentRoadmaps(ctx.db, actor, rows), page: q.page, limit: q.limit, total };
}

/** A roadmap row, or 404. */
export async function loadRoadmap(db: DbOrTx, id: string): Promise<Row> {
  const [r] = await db.select().from(roadmaps).where(eq(roadmaps.id, id));
  if (!r) throw notFound('roadmap');
  return r;
}

export async function getRoadmap(ctx: Ctx, actor: Actor, id: string): Promise<Roadmap> {
  return presentOne(ctx.db, actor, await loadRoadmap(ctx.db, id));
}

// ---------- writes ----------

async function replaceAgreements(tx: Tx, roadmapId: string, agreementIds: string[]) {
  await tx.delete(roadmapAgreements).where(eq(roadmapAgreements.roadmapId, roadmapId));
  if (agreementIds.length)
    await tx
      .insert(roadmapAgreements)
      .values(agreementIds.map((agreementId) => ({ roadmapId, agreementId })));
}

export async function createRoadmap(ctx: Ctx, actor: Actor, input: z.output<typeof RoadmapCreate>) {
  authorize(canManageReference(actor), 'forbidden.roadmaps');
  if (input.status === 'archived') throw ruleViolation('status', 'roadmap.newStatus');
  return mutate(ctx, actor, async (tx, audit) => {
    await requireIds(tx, agreements, agreements.id, input.agreementIds, 'agreementIds', 'agreement');
    const { agreementIds, ...values } = input;
    const [r] = await tx.insert(roadmaps).values(values).returning();
    await replaceAgreements(tx, r.id, agreementIds);
    if (r.status === 'approved')
      await freezeBaseline(tx, r.id, { name: APPROVED_PLAN, kind: 'approval', actor, at: ctx.now() }, audit);
    const out = await presentOne(tx, actor, r);
    audit.record({
      action: 'roadmap.create',
      entityType: 'roadmap',
      entityId: r.id,
      after: await presentOne(tx, ADMIN_VIEW, r),
    });
    return out;
  });
}

export async function updateRoadmap(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof RoadmapUpdate>,
) {
  authorize(canManageReference(actor), 'forbidden.roadmaps');
  return mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(roadmaps).where(eq(roadmaps.id, id)).for('update');
    checkVersion(cur, input.version, 'Roadmap');
    const { version, agreementIds, ...patch } = input;
    const before = await presentOne(tx, ADMIN_VIEW, cur);
    const changes =
      Object.entries(defined(patch)).some(
        ([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof Roadmap]),
      ) ||
      (agreementIds !== undefined &&
        [...agreementIds].sort().join() !== [...before.agreementIds].sort().join());
    if (cur.status === 'archived' && changes) throw ruleViolation('status', 'roadmap.archived');
    if (patch.status) {
      const err = roadmapTransitionError(cur.status, patch.status);
      if (err) throw ruleViolation('status', err);
    }
    if (agreementIds) {
      await requireIds(tx, agreements, agreements.id, agreementIds, 'agreementIds', 'agreement');
      // Measures may link only provisions of agreements their roadmap implements.
      const [orphan] = await tx
        .select({ agreementId: provisions.agreementId })
        .from(measureProvisions)
        .innerJoin(measures, eq(measures.id, measureProvisions.measureId))
        .innerJoin(provisions, eq(provisions.id, measureProvisions.provisionId))
        .where(
          and(
            eq(measures.roadmapId, id),
            agreementIds.length ? notInArray(provisions.agreementId, agreementIds) : undefined,
          ),
        )
        .limit(1);
      if (orphan) throw ruleViolation('agreementIds', 'roadmap.agreementInUse');
      await replaceAgreements(tx, id, agreementIds);
    }
    const [r] = await tx
      .update(roadmaps)
      .set({ ...defined(patch), version: version + 1, updatedAt: sql`now()` })
      .where(eq(roadmaps.id, id))
      .returning();
    audit.record({
      action: 'roadmap.update',
      entityType: 'roadmap',
      entityId: id,
      before,
      after: await presentOne(tx, ADMIN_VIEW, r),
    });
    if (r.reportDueDays !== cur.reportDueDays) await followDueDays(tx, r, audit);
    // Approval opens monitoring: the periods to report on exist from that moment.
    if (patch.status === 'approved' && cur.status !== 'approved') {
      await addMissingPeriods(tx, r, today(ctx), audit);
      // the agreed plan: later changes of it are amendments against this baseline
      await freezeBaseline(tx, id, { name: APPROVED_PLAN, kind: 'approval', actor, at: ctx.now() }, audit);
    }
    return presentOne(tx, actor, r);
  });
}

/** Deletes a draft roadmap that has no measures; anything else is history and stays. */
export async function deleteRoadmap(ctx: Ctx, actor: Actor, id: string, version?: number) {
  authorize(canManageReference(actor), 'forbidden.roadmaps');
  await mutate(ctx, actor, async (tx, audit) => {
    const [cur] = await tx.select().from(roadmaps).where(eq(roadmaps.id, id)).for('update');
    if (!cur) throw notFound('roadmap');
    if (version !== undefined) checkVersion(cur, version, 'Roadmap');
    if (cur.status !== 'draft')
      throw new AppError(
        'conflict',
        msg('roadmap.deleteOnlyDraft', { status: msg(`roadmapStatus.${cur.status}`) }),
        [detail('status', 'roadmap.statusIs', { status: msg(`roadmapStatus.${cur.status}`) })],
      );
    const [m] = await tx
      .select({ id: measures.id })
      .from(measures)
      .where(eq(measures.roadmapId, id))
      .limit(1);
    if (m)
      throw new AppError('conflict', msg('roadmap.hasMeasures'), [detail('', 'roadmap.stillHasMeasures')]);
    const before = await presentOne(tx, ADMIN_VIEW, cur);
    await tx.delete(roadmaps).where(eq(roadmaps.id, id));
    audit.record({ action: 'roadmap.delete', entityType: 'roadmap', entityId: id, before });
  });
}
