/** Indicator rows → the contract, in one query for a measure's list. */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Indicator, IndicatorUnit } from '../../contracts/indicators';
import type { DbOrTx } from '../../db/client';
import { indicators } from '../../db/schema';
import { iso } from '../common';

// qualified by hand: a bare "id" inside the subquery would bind to periods.id
const OUTER = sql.raw('"indicators"."id"');

const columns = {
  i: indicators,
  targets: sql<{ periodId: string; value: number }[]>`coalesce((select json_agg(json_build_object(
      'periodId', t.period_id, 'value', t.value) order by p.start_date)
    from indicator_targets t join periods p on p.id = t.period_id where t.indicator_id = ${OUTER}), '[]')`,
};

type Row = { i: typeof indicators.$inferSelect; targets: { periodId: string; value: number }[] };

function present({ i, targets }: Row): Indicator {
  return {
    id: i.id,
    measureId: i.measureId,
    name: i.name,
    unit: i.unit as IndicatorUnit,
    direction: i.direction as 'up' | 'down',
    baseline:
      i.baselineValue !== null && i.baselineDate !== null
        ? { value: i.baselineValue, date: i.baselineDate }
        : null,
    targets: targets.map((t) => ({ periodId: t.periodId, value: Number(t.value) })),
    version: i.version,
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
  };
}

/** The indicators of a measure, in their order. */
export async function indicatorsOf(db: DbOrTx, measureId: string): Promise<Indicator[]> {
  const rows = await db
    .select(columns)
    .from(indicators)
    .where(eq(indicators.measureId, measureId))
    .orderBy(indicators.position, indicators.createdAt, indicators.id);
  return rows.map(present);
}

/** Indicators by id (absent ones left out). */
export async function indicatorsById(db: DbOrTx, ids: string[]): Promise<Indicator[]> {
  if (!ids.length) return [];
  return (await db.select(columns).from(indicators).where(inArray(indicators.id, ids))).map(present);
}
