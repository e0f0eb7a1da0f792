import { z } from 'zod';
import {
  I18nText,
  IsoDate,
  i18nText,
  LIMITS,
  PageQuery,
  QueryBool,
  queryList,
  Reason,
  Timestamp,
  Uuid,
  Version,
} from './common';
import {
  COMPLETION_FORMS,
  COMPLETION_LEVELS,
  MEASURE_STATUSES,
  RESPONSIBLE_ROLES,
  REPORTING_FREQUENCIES,
  ROADMAP_STATUSES,
  TIERS,
} from './enums';

const ReportDueDays = z
  .number()
  .int()
  .min(0)
  .max(90)
  .describe('days after a period ends by which its reports are due');

const meta = { version: Version, createdAt: Timestamp, updatedAt: Timestamp };
const uniqueIds = (max: number) =>
  z
    .array(Uuid)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an id');

// ---------- roadmaps ----------

export const Roadmap = z.object({
  id: Uuid,
  title: I18nText,
  description: i18nText(LIMITS.longText).nullable(),
  status: z.enum(ROADMAP_STATUSES),
  agreementIds: z.array(Uuid),
  reportingFrequency: z.enum(REPORTING_FREQUENCIES),
  reportDueDays: z.number().int(),
  measureCount: z.number().int().describe('measures the caller may see'),
  ...meta,
});
export type Roadmap = z.infer<typeof Roadmap>;

export const RoadmapCreate = z.strictObject({
  title: I18nText,
  description: i18nText(LIMITS.longText).nullable().optional(),
  status: z.enum(ROADMAP_STATUSES).default('draft'),
  agreementIds: uniqueIds(50).default([]),
  reportingFrequency: z.enum(REPORTING_FREQUENCIES).default('quarterly'),
  reportDueDays: ReportDueDays.default(10),
});
export const RoadmapUpdate = z.strictObject({
  version: Version,
  title: I18nText.optional(),
  description: i18nText(LIMITS.longText).nullable().optional(),
  status: z.enum(ROADMAP_STATUSES).optional(),
  agreementIds: uniqueIds(50).optional(),
  reportingFrequency: z.enum(REPORTING_FREQUENCIES).optional(),
  reportDueDays: ReportDueDays.optional(),
});
export const RoadmapQuery = PageQuery.extend({
  status: z.enum(ROADMAP_STATUSES).optional(),
  agreementId: Uuid.optional(),
});

// ---------- measures ----------

/**
 * `1`, `2.3`, `2.3.1`: one number per level of the tree; an internal branch is numbered in
 * its party's own series (`2.3.KZ1`, then `2.3.KZ1.1`), apart from the joint numbering.
 */
export const MeasureCode = z
  .string()
  .trim()
  .regex(
    /^(?:[A-Z]{2,8})?[1-9]\d{0,3}(\.(?:[A-Z]{2,8})?[1-9]\d{0,3}){0,9}$/,
    'must be numbers separated by dots, such as 2.3.1 (2.3.KZ1 for an internal measure)',
  );

export const Responsible = z.strictObject({
  organisationId: Uuid,
  role: z.enum(RESPONSIBLE_ROLES),
});
export const ResponsibleOut = z.object({
  organisationId: Uuid,
  partyId: Uuid,
  role: z.enum(RESPONSIBLE_ROLES),
});

const ResponsibleList = z
  .array(Responsible)
  .max(100)
  .refine(
    (a) => new Set(a.map((r) => r.organisationId)).size === a.length,
    'must not name an organisation twice',
  );

export const Progress = z.number().int().min(0).max(100);
export const Weight = z.number().min(0).max(1000);

export const Measure = z.object({
  id: Uuid,
  roadmapId: Uuid,
  parentId: Uuid.nullable(),
  code: z.string(),
  depth: z.number().int().describe('0 for a top-level measure'),
  title: I18nText,
  description: i18nText(LIMITS.longText).nullable(),
  startDate: IsoDate,
  dueDate: IsoDate,
  completionForm: z.enum(COMPLETION_FORMS),
  weight: z.number(),
  tier: z.enum(TIERS),
  ownerPartyId: Uuid.nullable().describe('the party an internal measure belongs to'),
  status: z.enum(MEASURE_STATUSES),
  progress: z.number().int(),
  completionLevel: z.enum(COMPLETION_LEVELS),
  overdue: z.boolean(),
  atRisk: z
    .boolean()
    .describe(
      "behind schedule, or open, not overdue and missing a responsible party's report of the latest past-due period (as the caller may know it)",
    ),
  disputed: z.boolean().describe('its latest joint status (the period ending last) is disputed'),
  lateReport: z
    .boolean()
    .describe(
      "a responsible party's report of the latest past-due period was not submitted by its due date (missing, or submitted late), as the caller may know it",
    ),
  childCount: z.number().int().describe('children the caller may see'),
  sphereIds: z.array(Uuid),
  provisionIds: z.array(Uuid),
  responsible: z.array(ResponsibleOut),
  dependsOn: z.array(Uuid),
  ...meta,
});
export type Measure = z.infer<typeof Measure>;

export const MeasureCreate = z.strictObject({
  roadmapId: Uuid,
  parentId: Uuid.nullable().optional(),
  code: MeasureCode.optional().describe('next free number under the parent when omitted'),
  title: I18nText,
  description: i18nText(LIMITS.longText).nullable().optional(),
  startDate: IsoDate,
  dueDate: IsoDate,
  completionForm: z.enum(COMPLETION_FORMS),
  weight: Weight.default(1),
  tier: z.enum(TIERS).default('shared'),
  ownerPartyId: Uuid.nullable().optional(),
  status: z.enum(MEASURE_STATUSES).default('not_started'),
  progress: Progress.default(0),
  sphereIds: uniqueIds(50).default([]),
  provisionIds: uniqueIds(200).default([]),
  responsible: ResponsibleList.min(1, 'name at least one responsible organisation'),
  dependsOn: uniqueIds(200).default([]),
  reason: Reason.optional().describe('why: required for a new measure in an approved roadmap; audited'),
  decisionId: Uuid.optional().describe('the commission decision this change follows, when there is one'),
});
export type MeasureCreate = z.input<typeof MeasureCreate>;

export const MeasureUpdate = z.strictObject({
  version: Version,
  title: I18nText.optional(),
  description: i18nText(LIMITS.longText).nullable().optional(),
  startDate: IsoDate.optional(),
  dueDate: IsoDate.optional(),
  completionForm: z.enum(COMPLETION_FORMS).optional(),
  weight: Weight.optional(),
  tier: z.enum(TIERS).optional(),
  ownerPartyId: Uuid.nullable().optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  progress: Progress.optional(),
  sphereIds: uniqueIds(50).optional(),
  provisionIds: uniqueIds(200).optional(),
  responsible: ResponsibleList.min(1, 'name at least one responsible organisation').optional(),
  dependsOn: uniqueIds(200).optional(),
  reason: Reason.optional().describe(
    'why: required for plan changes in an approved roadmap and for direct status/progress corrections; audited',
  ),
  decisionId: Uuid.optional().describe('the commission decision this change follows, when there is one'),
});
export type MeasureUpdate = z.input<typeof MeasureUpdate>;

/** Move a measure (and its subtree) under another parent; codes are renumbered. */
export const MeasureMove = z.strictObject({
  version: Version,
  parentId: Uuid.nullable(),
  code: MeasureCode.optional().describe('next free number under the new parent when omitted'),
});

export const MEASURE_SORTS = [
  'code',
  '-code',
  'dueDate',
  '-dueDate',
  'startDate',
  '-startDate',
  'progress',
  '-progress',
  'status',
  '-status',
  'title',
  '-title',
  'updatedAt',
  '-updatedAt',
] as const;

export const MeasureQuery = PageQuery.extend({
  roadmapId: Uuid.optional(),
  parentId: z
    .union([Uuid, z.literal('root')])
    .optional()
    .describe('"root" for top-level measures'),
  sphereId: Uuid.optional(),
  partyId: Uuid.optional(),
  organisationId: Uuid.optional(),
  status: queryList(z.enum(MEASURE_STATUSES)).optional(),
  tier: queryList(z.enum(TIERS)).optional(),
  dueFrom: IsoDate.optional(),
  dueTo: IsoDate.optional(),
  overdue: QueryBool.optional(),
  atRisk: QueryBool.optional(),
  disputed: QueryBool.optional().describe('true: measures whose latest joint status is disputed'),
  lateReport: QueryBool.optional().describe(
    'true: measures whose report for the latest past-due period is missing or was submitted late (see Measure.lateReport)',
  ),
  reportMissing: Uuid.optional().describe(
    "a period id: measures for which a responsible party's report of that period is missing after its due date (as the caller may know it: the other party's submissions are not seen)",
  ),
  leaf: QueryBool.optional().describe(
    'true: only measures without children (the units of work the summary counts); false: only parents',
  ),
  q: z.string().trim().max(200).optional().describe('full text; Russian word forms match'),
  sort: z.enum(MEASURE_SORTS).default('code'),
});
export type MeasureQuery = z.input<typeof MeasureQuery>;

/** All-or-nothing change of many measures at once. */
export const MeasureBulkUpdate = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: Uuid,
        version: Version,
      }),
    )
    .min(1, 'select at least one measure')
    .max(LIMITS.bulk),
  set: z
    .strictObject({
      status: z.enum(MEASURE_STATUSES).optional(),
      progress: Progress.optional(),
      startDate: IsoDate.optional(),
      dueDate: IsoDate.optional(),
      responsible: ResponsibleList.min(1, 'name at least one responsible organisation').optional(),
    })
    .refine((s) => Object.keys(s).length > 0, 'name at least one field to change'),
  reason: Reason.optional().describe('why, where the change needs one (see MeasureUpdate.reason); audited'),
  decisionId: Uuid.optional().describe(
    "the commission decision these changes follow: its meeting must review every item's roadmap; audited and linked to each measure",
  ),
});
export const MeasureBulkResult = z.object({ updated: z.number().int(), data: z.array(Measure) });

// ---------- summary ----------

export const StatusCounts = z.object(
  Object.fromEntries(MEASURE_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof MEASURE_STATUSES)[number],
    z.ZodNumber
  >,
);

const SummaryGroup = z.object({
  total: z.number().int(),
  byStatus: StatusCounts,
  overdue: z.number().int(),
  atRisk: z.number().int(),
  progress: z.number().describe('weighted mean progress, 0–100, one decimal'),
});

/** A group's figures over its leaves only: what the dashboard and GET /measures?leaf=true count. */
const SummaryLeafFigures = z
  .object({
    total: z.number().int(),
    byStatus: StatusCounts,
    overdue: z.number().int(),
    atRisk: z.number().int(),
  })
  .describe('the same figures over the leaves of the group only (measures without children)');

/** A sphere's, party's or organisation's figures: every level, then its leaves alone. */
const SummaryGroupItem = SummaryGroup.extend({ leaves: SummaryLeafFigures });

export const RoadmapSummary = z.object({
  roadmapId: Uuid,
  asOf: IsoDate,
  measureCount: z.number().int().describe('every measure the caller may see, at every level'),
  rollUp: z.number().describe('roadmap progress rolled up through the tree, 0–100'),
  completionLevel: z.enum(COMPLETION_LEVELS),
  leaves: SummaryGroup.describe('measures without children: the units of work'),
  bySphere: z.array(SummaryGroupItem.extend({ sphereId: Uuid })),
  bySphereStatus: z.array(
    z.object({ sphereId: Uuid, status: z.enum(MEASURE_STATUSES), count: z.number().int() }),
  ),
  byParty: z.array(SummaryGroupItem.extend({ partyId: Uuid })),
  byOrganisation: z.array(SummaryGroupItem.extend({ organisationId: Uuid, partyId: Uuid })),
  disputed: z.number().int().describe('measures whose latest joint status is disputed'),
  reportMissing: z
    .number()
    .int()
    .describe('measures missing a report for `reportMissingPeriodId` (GET /measures?reportMissing=…)'),
  reportMissingPeriodId: Uuid.nullable().describe('the latest period whose report due date has passed'),
  lateReport: z
    .number()
    .int()
    .describe(
      'measures whose report for `reportMissingPeriodId` is missing or late (GET /measures?lateReport=true)',
    ),
});
export type RoadmapSummary = z.infer<typeof RoadmapSummary>;
