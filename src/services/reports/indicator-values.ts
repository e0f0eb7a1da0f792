/**
 * The indicator values of a report as entered (`{ indicatorId, value, source }`, value a
 * number or «12,5»), parsed into numbers, then held against the measure's indicators: each
 * one of them, named once, its value plausible for its unit (services/indicators/values.ts).
 */
import type { z } from 'zod';
import type { IndicatorValueInput } from '../../contracts/reports';
import type { Tx } from '../../db/client';
import type { IndicatorValue } from '../../db/schema';
import { detail, type ErrorDetail, fieldError } from '../../domain/errors';
import { parseIndicatorNumber } from '../../domain/reports';
import { checkIndicatorValues as indicatorsOfMeasure } from '../indicators/values';

type Input = z.output<typeof IndicatorValueInput>;

/** Parses `values` into stored values; 400 naming every bad one (`indicatorValues.2.value`). */
export async function checkIndicatorValues(
  tx: Tx,
  measureId: string,
  values: readonly Input[],
): Promise<IndicatorValue[]> {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const out = values.map((v, i) => {
    const value = parseIndicatorNumber(v.value);
    if (value === null) problems.push(detail(`indicatorValues.${i}.value`, 'report.number'));
    if (seen.has(v.indicatorId))
      problems.push(detail(`indicatorValues.${i}.indicatorId`, 'report.repeatIndicator'));
    seen.add(v.indicatorId);
    return { indicatorId: v.indicatorId, value: value ?? 0, source: v.source || null };
  });
  if (problems.length) throw fieldError('validation_failed', problems);
  await indicatorsOfMeasure(tx, measureId, out);
  return out;
}
