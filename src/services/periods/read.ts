/** Reading periods: the list of a roadmap, one row for a write, and the contract form. */
import { asc, eq } from 'drizzle-orm';
import type { Period } from '../../contracts/periods';
import type { DbOrTx } from '../../db/client';
import { periods, roadmaps } from '../../db/schema';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { iso } from '../common';
import type { Ctx } from '../context';

export type PeriodRow = typeof periods.$inferSelect;

const isoOrNull = (d: Date | null) => (d ? iso(d) : null);

/** A row as the API shows it. Periods are joint data: every reader sees the same. */
export function presentPeriod(p: PeriodRow): Period {
  return {
    id: p.id,
    roadmapId: p.roadmapId,
    code: p.code,
    startDate: p.startDate,
    endDate: p.endDate,
    reportDueDate: p.reportDueDate,
    state: p.state,
    closedAt: isoOrNull(p.closedAt),
    lockedAt: isoOrNull(p.lockedAt),
    reopenedAt: isoOrNull(p.reopenedAt),
    version: p.version,
  };
}

/** Every period of a roadmap in date order. */
export async function periodsOf(db: DbOrTx, roadmapId: string): Promise<Period[]> {
  const rows = await db
    .select()
    .from(periods)
    .where(eq(periods.roadmapId, roadmapId))
    .orderBy(asc(periods.startDate), asc(periods.code));
  return rows.map(presentPeriod);
}

/**
 * GET /roadmaps/{id}/periods: any signed-in user, since every one may read roadmaps; the
 * periods carry no party's data.
 */
export async function listPeriods(ctx: Ctx, _actor: Actor, roadmapId: string) {
  const [r] = await ctx.db.select({ id: roadmaps.id }).from(roadmaps).where(eq(roadmaps.id, roadmapId));
  if (!r) throw notFound('roadmap');
  return { data: await periodsOf(ctx.db, roadmapId) };
}
