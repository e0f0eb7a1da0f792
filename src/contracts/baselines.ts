/** Baselines of a roadmap and "what changed" between two states of its plan (issue 9 §3). */
import { z } from 'zod';
import { I18nText, IsoDate, LIMITS, queryList, Timestamp, Uuid } from './common';
import { MEASURE_STATUSES, RESPONSIBLE_ROLES, TIERS } from './enums';

export const BASELINE_KINDS = ['manual', 'approval', 'meeting'] as const;

export const Baseline = z.object({
  id: Uuid,
  roadmapId: Uuid,
  name: I18nText,
  kind: z.enum(BASELINE_KINDS).describe('frozen on demand, on approval of the roadmap, or at a meeting'),
  meetingId: Uuid.nullable().describe('the commission meeting that froze it'),
  takenAt: Timestamp,
});
export type Baseline = z.infer<typeof Baseline>;

export const BaselineList = z.object({ data: z.array(Baseline).describe('newest first') });

export const BaselineCreate = z.strictObject({ name: I18nText });

/** One measure as a side of the diff holds it. */
export const PlanItem = z.object({
  measureId: Uuid,
  parentId: Uuid.nullable(),
  code: z.string(),
  title: I18nText,
  startDate: IsoDate,
  dueDate: IsoDate,
  tier: z.enum(TIERS),
  ownerPartyId: Uuid.nullable(),
  status: z.enum(MEASURE_STATUSES),
  progress: z.number().int(),
  responsible: z.array(z.object({ organisationId: Uuid, partyId: Uuid, role: z.enum(RESPONSIBLE_ROLES) })),
  sphereIds: z.array(Uuid),
});

export const PLAN_FIELDS = [
  'code',
  'parentId',
  'title',
  'startDate',
  'dueDate',
  'responsible',
  'status',
  'progress',
  'tier',
  'ownerPartyId',
  'sphereIds',
] as const;

export const PlanChange = z.object({
  field: z.enum(PLAN_FIELDS),
  old: z.union([z.string(), z.number(), I18nText, z.null()]).optional(),
  new: z.union([z.string(), z.number(), I18nText, z.null()]).optional(),
  days: z.number().int().optional().describe('days a date moved; positive: later'),
  added: z.array(z.string()).optional().describe('organisations (responsible) or spheres added'),
  removed: z.array(z.string()).optional().describe('organisations (responsible) or spheres removed'),
});

export const DiffSide = z.object({
  kind: z.enum(['baseline', 'date', 'now']),
  baselineId: Uuid.nullable(),
  name: I18nText.nullable().describe("the baseline's name"),
  date: IsoDate.nullable().describe('the day the plan is taken at the end of (a date side)'),
});

export const PlanDiff = z.object({
  from: DiffSide,
  to: DiffSide,
  added: z.array(PlanItem),
  removed: z.array(PlanItem),
  changed: z.array(z.object({ item: PlanItem, changes: z.array(PlanChange) })),
  counts: z
    .object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() })
    .describe('measures added, removed and changed in the whole diff (after the filters), whatever the page'),
  total: z.number().int().describe('added + removed + changed'),
  page: z.number().int(),
  limit: z.number().int().nullable().describe('null: every change in one answer (no limit asked)'),
});
export type PlanDiff = z.infer<typeof PlanDiff>;

/** A side of a diff: a baseline id, a date (the plan at the end of that day) or `now`. */
const SideParam = z.union([Uuid, IsoDate, z.literal('now')], {
  message: 'must be a baseline id, a date YYYY-MM-DD or now',
});

export const DiffQuery = z.object({
  from: SideParam.optional().describe(
    "a baseline id or a date; default: the newest meeting's baseline, else the newest",
  ),
  to: SideParam.default('now'),
  sphereId: Uuid.optional(),
  partyId: Uuid.optional().describe('measures this party owns or is responsible for'),
  kind: queryList(z.enum(['added', 'removed', 'changed'])).optional(),
  field: queryList(z.enum(PLAN_FIELDS)).optional().describe('changed measures with a change of these fields'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LIMITS.pageSize.max)
    .optional()
    .describe('measures per page, over changed, then added, then removed; without it, every change'),
});
export type DiffQuery = z.input<typeof DiffQuery>;

export const BaselineDatesParams = z.object({ id: Uuid, baselineId: Uuid });

/** The dates each measure had in a baseline: what the timeline's baseline bars draw. */
export const BaselineDates = z.object({
  items: z
    .array(z.object({ measureId: Uuid, startDate: IsoDate, dueDate: IsoDate }))
    .describe('every measure of the baseline the caller may see, in code order'),
});
export type BaselineDates = z.infer<typeof BaselineDates>;
