/**
 * GET /roadmaps/{id}/baselines/{baselineId}/dates: the start and due date each measure had in
 * a baseline, of the measures the caller may see. The timeline's baseline bars need these
 * alone; the diff to now would build the whole live plan and send every change of every field.
 */
import { sql } from 'drizzle-orm';
import type { BaselineDates } from '../../contracts/baselines';
import { notFound } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { visibleAs } from '../measures/queries';
import { loadRoadmap } from '../roadmaps';

/** The baseline's visible items' dates in code order; 404 for a baseline of another roadmap. */
export async function baselineDates(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  baselineId: string,
): Promise<BaselineDates> {
  // the roadmap's 404 first; the baseline's existence and its items in one statement
  const [, { rows }] = await Promise.all([
    loadRoadmap(ctx.db, roadmapId),
    ctx.db.execute<{ measureId: string | null; startDate: string; dueDate: string }>(sql`
      select i.measure_id as "measureId", i.start_date::text as "startDate", i.due_date::text as "dueDate"
      from baselines b left join baseline_items i on i.baseline_id = b.id and ${visibleAs('i', actor)}
      where b.id = ${baselineId} and b.roadmap_id = ${roadmapId}
      order by i.sort_key, i.measure_id`),
  ]);
  if (rows.length === 0) throw notFound('baseline');
  return {
    items: rows.flatMap((r) =>
      r.measureId ? [{ measureId: r.measureId, startDate: r.startDate, dueDate: r.dueDate }] : [],
    ),
  };
}
