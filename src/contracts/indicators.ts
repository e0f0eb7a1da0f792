/** Indicators of a measure (issue 8 §4): unit, direction, baseline, targets per period, actuals from reports. */
import { z } from 'zod';
import { I18nText, IsoDate, parseIndicatorNumber, Timestamp, Uuid, Version } from './common';

/** Units an indicator is measured in; each has a plausible range (domain/indicators.ts). */
export const INDICATOR_UNITS = ['percent', 'count', 'tonnes', 'usd_million', 'km', 'days', 'index'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];
export const INDICATOR_DIRECTIONS = ['up', 'down'] as const;

/**
 * A number as people type it: a JSON number, or a string with a decimal point or comma
 * («12,5» → 12.5). Anything else is refused naming the field; the unit's range is checked after.
 */
export const IndicatorNumber = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^[-−]?\d{1,15}(?:[.,]\d{1,10})?$/, 'must be a number (a decimal comma is fine: 12,5)'),
  ])
  .transform((v) => (typeof v === 'number' ? v : (parseIndicatorNumber(v.replace('−', '-')) ?? Number.NaN)))
  .pipe(z.number().finite('must be a finite number'));

export const IndicatorTarget = z.strictObject({ periodId: Uuid, value: IndicatorNumber });

export const IndicatorCreate = z.strictObject({
  name: I18nText,
  unit: z.enum(INDICATOR_UNITS),
  direction: z.enum(INDICATOR_DIRECTIONS).default('up').describe('up: more is better; down: less is better'),
  baseline: z.strictObject({ value: IndicatorNumber, date: IsoDate }).nullable().optional(),
  targets: z
    .array(IndicatorTarget)
    .max(200)
    .refine((a) => new Set(a.map((t) => t.periodId)).size === a.length, 'must not name a period twice')
    .default([]),
});

export const IndicatorUpdate = z.strictObject({
  version: Version,
  name: I18nText.optional(),
  unit: z.enum(INDICATOR_UNITS).optional(),
  direction: z.enum(INDICATOR_DIRECTIONS).optional(),
  baseline: z.strictObject({ value: IndicatorNumber, date: IsoDate }).nullable().optional(),
  targets: z
    .array(IndicatorTarget)
    .max(200)
    .refine((a) => new Set(a.map((t) => t.periodId)).size === a.length, 'must not name a period twice')
    .optional(),
});

export const Indicator = z.object({
  id: Uuid,
  measureId: Uuid,
  name: I18nText,
  unit: z.enum(INDICATOR_UNITS),
  direction: z.enum(INDICATOR_DIRECTIONS),
  baseline: z.object({ value: z.number(), date: IsoDate }).nullable(),
  targets: z.array(z.object({ periodId: Uuid, value: z.number() })),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorList = z.object({ data: z.array(Indicator) });

export const IndicatorSeries = z.object({
  indicator: Indicator,
  points: z.array(
    z.object({
      periodId: Uuid,
      code: z.string(),
      endDate: IsoDate,
      target: z.number().nullable(),
      actuals: z
        .array(z.object({ partyId: Uuid, value: z.number(), source: z.string().nullable() }))
        .describe("each party's value from its APPROVED report of the period"),
    }),
  ),
});
export type IndicatorSeries = z.infer<typeof IndicatorSeries>;
