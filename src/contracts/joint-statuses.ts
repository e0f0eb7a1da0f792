/** Joint statuses (issue 8 §3): one per measure × period, reconciled from both parties' reports. */
import { z } from 'zod';
import { cleanText, I18nText, IsoDate, PageQuery, Timestamp, Uuid, Version } from './common';
import { JOINT_STATES, MEASURE_STATUSES, REPORT_STATES } from './enums';
import { Progress } from './roadmaps';

export const JointConfirmation = z.object({
  partyId: Uuid,
  userId: Uuid.nullable(),
  at: Timestamp,
  status: z.enum(MEASURE_STATUSES),
  progress: z.number().int(),
});

export const JointDissent = z.object({ partyId: Uuid, userId: Uuid, at: Timestamp, text: z.string() });

export const JointStatus = z.object({
  id: Uuid,
  measure: z.object({ id: Uuid, code: z.string(), title: I18nText, roadmapId: Uuid }),
  period: z.object({ id: Uuid, code: z.string(), startDate: IsoDate, endDate: IsoDate }),
  state: z.enum(JOINT_STATES),
  status: z
    .enum(MEASURE_STATUSES)
    .nullable()
    .describe('confirmed: the agreed status; disputed: the latest proposal, null before any'),
  progress: z.number().int().nullable(),
  confirmations: z.array(JointConfirmation).describe("each party's latest confirmation (an approval counts)"),
  dissents: z.array(JointDissent),
  confirmedAt: Timestamp.nullable(),
  version: Version,
  updatedAt: Timestamp,
});
export type JointStatus = z.infer<typeof JointStatus>;

const IndicatorValueOut = z.object({ indicatorId: Uuid, value: z.number(), source: z.string().nullable() });

/** One party's report as the side-by-side view shows it (only reports the caller may read). */
export const JointClaim = z.object({
  reportId: Uuid,
  partyId: Uuid,
  state: z.enum(REPORT_STATES),
  status: z.enum(MEASURE_STATUSES),
  progress: z.number().int(),
  narrative: z
    .object({ ru: z.string().optional(), kk: z.string().optional(), en: z.string().optional() })
    .nullable(),
  evidenceLinks: z.array(z.object({ url: z.string(), title: z.string() })),
  evidenceFiles: z.array(z.object({ id: Uuid, name: z.string(), size: z.number().int() })),
  indicatorValues: z.array(IndicatorValueOut),
  reviewedAt: Timestamp.nullable(),
});

export const JointStatusDetail = JointStatus.extend({
  responsiblePartyIds: z.array(Uuid),
  claims: z.array(JointClaim),
});
export type JointStatusDetail = z.infer<typeof JointStatusDetail>;

export const JointStatusQuery = PageQuery.extend({
  roadmapId: Uuid.optional(),
  periodId: Uuid.optional(),
  measureId: Uuid.optional(),
  state: z.enum(JOINT_STATES).optional(),
});

export const JointStatusPage = z.object({
  data: z.array(JointStatus),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  totalIsExact: z.boolean(),
});

export const JointConfirm = z.strictObject({
  version: Version,
  status: z.enum(MEASURE_STATUSES),
  progress: Progress,
  dissent: cleanText(z.string().trim().min(3).max(2000)).optional().describe('recorded beside the status'),
});

export const JointDissentCreate = z.strictObject({
  version: Version,
  text: cleanText(z.string().trim().min(3).max(2000)),
});
