/**
 * The check the reports PATCH runs on `indicatorValues`: each indicator belongs to the
 * report's measure, is named once, and its value fits its unit (422 naming each field, under
 * `pathPrefix`, e.g. `indicatorValues.`).
 */
import { eq } from 'drizzle-orm';
import type { IndicatorUnit } from '../../contracts/indicators';
import type { DbOrTx } from '../../db/client';
import { indicators } from '../../db/schema';
import { detail, type ErrorDetail, fieldError } from '../../domain/errors';
import { rangeDetail } from './rules';

export async function checkIndicatorValues(
  tx: DbOrTx,
  measureId: string,
  values: readonly { indicatorId: string; value: number }[],
  pathPrefix = 'indicatorValues.',
): Promise<void> {
  if (values.length === 0) return;
  const units = new Map(
    (
      await tx
        .select({ id: indicators.id, unit: indicators.unit })
        .from(indicators)
        .where(eq(indicators.measureId, measureId))
    ).map((r) => [r.id, r.unit as IndicatorUnit]),
  );
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const unit = units.get(v.indicatorId);
    if (!unit) details.push(detail(`${pathPrefix}${i}.indicatorId`, 'indicator.notOfMeasure'));
    else if (seen.has(v.indicatorId))
      details.push(detail(`${pathPrefix}${i}.indicatorId`, 'indicator.twice'));
    else {
      const d = rangeDetail(`${pathPrefix}${i}.value`, unit, v.value);
      if (d) details.push(d);
    }
    seen.add(v.indicatorId);
  });
  if (details.length) throw fieldError('rule_violation', details);
}
