/** Reporting periods of a roadmap (issue 8 §1): the contract of their routes. */
import { z } from 'zod';
import { cleanText, IsoDate, LIMITS, Timestamp, Uuid, Version } from './common';
import { PERIOD_STATES } from './enums';

export const Period = z.object({
  id: Uuid,
  roadmapId: Uuid,
  code: z.string().describe('2026-Q1, 2026-03, 2026-H1, 2026, or start/end for an irregular period'),
  startDate: IsoDate,
  endDate: IsoDate,
  reportDueDate: IsoDate.describe("the day the parties' reports on this period are due"),
  state: z.enum(PERIOD_STATES),
  closedAt: Timestamp.nullable(),
  lockedAt: Timestamp.nullable(),
  reopenedAt: Timestamp.nullable().describe('when an admin last reopened it; the clock no longer closes it'),
  version: Version,
});
export type Period = z.infer<typeof Period>;

export const PeriodList = z.object({ data: z.array(Period) });

export const PeriodGenerated = z.object({
  created: z.number().int().describe('periods added by this call; 0 when all were there'),
  data: z.array(Period).describe('every period of the roadmap, in date order'),
});

/** Generation takes nothing but the roadmap; an empty body (or none) is accepted. */
export const PeriodGenerate = z.strictObject({}).nullish();

export const PeriodCreate = z.strictObject({
  startDate: IsoDate,
  endDate: IsoDate,
  code: cleanText(z.string().trim().min(1, 'is required').max(LIMITS.code))
    .optional()
    .describe('the calendar code (2026-Q1) when the dates are one calendar period, else start/end'),
});

export const PeriodTransition = z.strictObject({ version: Version });

export const PeriodReopen = z.strictObject({
  version: Version,
  reason: cleanText(z.string().trim().min(3).max(1000)).describe('why the period is opened again; audited'),
});
