/**
 * Freezing a baseline: one set-based INSERT … SELECT of every measure of the roadmap (all
 * tiers, with tier and owner, so visibility applies when it is read). Called by an admin's
 * "freeze now", by approving a roadmap and by holding a commission meeting, each inside its
 * own transaction.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Baseline, BaselineCreate } from '../../contracts/baselines';
import type { I18nText } from '../../contracts/common';
import type { Tx } from '../../db/client';
import { baselines, roadmaps } from '../../db/schema';
import { notFound } from '../../domain/errors';
import { type Actor, canManageReference } from '../../domain/policies';
import { iso } from '../common';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { type AuditLog, mutate } from '../core/mutate';
import { ITEM_COLUMNS, liveItemsSql } from './items';

type Row = typeof baselines.$inferSelect;

export const presentBaseline = (b: Row): Baseline => ({
  id: b.id,
  roadmapId: b.roadmapId,
  name: b.name,
  kind: b.kind,
  meetingId: b.meetingId,
  takenAt: iso(b.takenAt),
});

/** The name of the baseline approval freezes. */
export const APPROVED_PLAN: I18nText = {
  ru: 'Утверждённый план',
  kk: 'Бекітілген жоспар',
  en: 'Approved plan',
};

export interface FreezeOptions {
  name: I18nText;
  kind: Row['kind'];
  meetingId?: string | null;
  actor: Actor;
  at: Date;
}

/** Freezes the roadmap's plan now, inside `tx`, and records baseline.create. */
export async function freezeBaseline(tx: Tx, roadmapId: string, o: FreezeOptions, audit: AuditLog) {
  const [b] = await tx
    .insert(baselines)
    .values({
      roadmapId,
      name: o.name,
      kind: o.kind,
      meetingId: o.meetingId ?? null,
      takenAt: o.at,
      createdBy: o.actor.userId,
    })
    .returning();
  await tx.execute(sql`insert into baseline_items (baseline_id, ${ITEM_COLUMNS})
    select ${b.id}::uuid, ${ITEM_COLUMNS} from (${liveItemsSql(roadmapId)}) live`);
  const out = presentBaseline(b);
  audit.record({ action: 'baseline.create', entityType: 'baseline', entityId: b.id, after: out });
  return out;
}

/** POST /roadmaps/{id}/baselines: an admin freezes the plan now. */
export async function createBaseline(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  input: z.output<typeof BaselineCreate>,
): Promise<Baseline> {
  authorize(canManageReference(actor), 'forbidden.baselines');
  return mutate(ctx, actor, async (tx, audit) => {
    // the roadmap's row lock orders freezes of one roadmap one after another
    const [r] = await tx
      .select({ id: roadmaps.id })
      .from(roadmaps)
      .where(eq(roadmaps.id, roadmapId))
      .for('update');
    if (!r) throw notFound('roadmap');
    return freezeBaseline(tx, roadmapId, { name: input.name, kind: 'manual', actor, at: ctx.now() }, audit);
  });
}

/** Does the roadmap have a frozen plan (so its changes are amendments)? */
export async function hasBaseline(tx: Tx, roadmapId: string): Promise<boolean> {
  const [r] = await tx
    .select({ id: baselines.id })
    .from(baselines)
    .where(eq(baselines.roadmapId, roadmapId))
    .limit(1);
  return !!r;
}
