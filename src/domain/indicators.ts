/**
 * Indicator numbers (issue 8 §4): each unit has a plausible range, so a typo (a percent of
 * 250, a negative tonnage) is refused naming the field rather than stored.
 */
import type { IndicatorUnit } from '../contracts/indicators';

/** The plausible range of each unit, inclusive. */
export const UNIT_RANGES: Record<IndicatorUnit, { min: number; max: number }> = {
  percent: { min: 0, max: 100 },
  count: { min: 0, max: 1e12 },
  tonnes: { min: 0, max: 1e12 },
  usd_million: { min: 0, max: 1e7 },
  km: { min: 0, max: 1e6 },
  days: { min: 0, max: 36_500 },
  index: { min: -1e9, max: 1e9 },
};

/** The range a value of this unit breaks, or null when it fits (NaN and infinities never do). */
export function valueProblem(unit: IndicatorUnit, value: number): { min: number; max: number } | null {
  const r = UNIT_RANGES[unit];
  return Number.isFinite(value) && value >= r.min && value <= r.max ? null : r;
}
