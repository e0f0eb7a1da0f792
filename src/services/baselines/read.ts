/** Reading a roadmap's baselines: every signed-in user (their items are filtered on read). */
import { desc, eq } from 'drizzle-orm';
import { baselines } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { loadRoadmap } from '../roadmaps';
import { presentBaseline } from './freeze';

export async function listBaselines(ctx: Ctx, _actor: Actor, roadmapId: string) {
  await loadRoadmap(ctx.db, roadmapId);
  const rows = await ctx.db
    .select()
    .from(baselines)
    .where(eq(baselines.roadmapId, roadmapId))
    .orderBy(desc(baselines.takenAt), desc(baselines.id));
  return { data: rows.map(presentBaseline) };
}
