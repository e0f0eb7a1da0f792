/** Reading indicators: a measure's list and one indicator's series of targets and actuals. */
import { and, eq, sql } from 'drizzle-orm';
import type { IndicatorSeries } from '../../contracts/indicators';
import { indicators, measures, reports } from '../../db/schema';
import { notFound } from '../../domain/errors';
import { type Actor, canReadMeasure } from '../../domain/policies';
import type { Ctx } from '../context';
import { loadVisible } from '../measures/rules';
import { reportVisibility } from '../reports/visibility';
import { indicatorsById, indicatorsOf } from './present';

export async function listIndicators(ctx: Ctx, actor: Actor, measureId: string) {
  await loadVisible(ctx.db, actor, measureId);
  return { data: await indicatorsOf(ctx.db, measureId) };
}

/**
 * Per period of the measure's roadmap: the target and each party's actual value from its
 * APPROVED report (and only reports the caller may read), with the source it gave.
 */
export async function indicatorSeries(ctx: Ctx, actor: Actor, id: string): Promise<IndicatorSeries> {
  const [head] = await ctx.db
    .select({
      measureId: indicators.measureId,
      tier: measures.tier,
      ownerPartyId: measures.ownerPartyId,
      roadmapId: measures.roadmapId,
    })
    .from(indicators)
    .innerJoin(measures, eq(measures.id, indicators.measureId))
    .where(eq(indicators.id, id));
  if (!head || !canReadMeasure(actor, head)) throw notFound('indicator');
  const [[indicator], periodRows, actuals] = await Promise.all([
    indicatorsById(ctx.db, [id]),
    ctx.db.execute<{ id: string; code: string; end_date: string }>(
      sql`select id, code, to_char(end_date, 'YYYY-MM-DD') as end_date from periods where roadmap_id = ${head.roadmapId} order by end_date`,
    ),
    ctx.db
      .select({
        periodId: reports.periodId,
        partyId: reports.partyId,
        value: sql<number>`(v.elem->>'value')::float8`,
        source: sql<string | null>`v.elem->>'source'`,
      })
      .from(reports)
      .innerJoin(measures, eq(measures.id, reports.measureId))
      .innerJoin(
        sql`lateral jsonb_array_elements(${reports.indicatorValues}) as v(elem)`,
        sql`v.elem->>'indicatorId' = ${id}`,
      )
      .where(
        and(eq(reports.measureId, head.measureId), eq(reports.state, 'approved'), reportVisibility(actor)),
      )
      .orderBy(reports.partyId),
  ]);
  const targets = new Map(indicator.targets.map((t) => [t.periodId, t.value]));
  return {
    indicator,
    points: periodRows.rows.map((p) => ({
      periodId: p.id,
      code: p.code,
      endDate: p.end_date,
      target: targets.get(p.id) ?? null,
      actuals: actuals
        .filter((a) => a.periodId === p.id)
        .map((a) => ({ partyId: a.partyId, value: Number(a.value), source: a.source ?? null })),
    })),
  };
}
