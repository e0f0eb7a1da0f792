/** Progress reports (issue 8 §2): the contract of their routes, the assignments and the completeness. */
import { z } from 'zod';
import {
  cleanText,
  I18nText,
  LIMITS,
  PageQuery,
  QueryBool,
  Reason,
  Timestamp,
  Uuid,
  Version,
} from './common';
import { MEASURE_STATUSES, PERIOD_STATES, REPORT_STATES } from './enums';

/** Most evidence links and indicator values one report holds. */
export const REPORT_LIMITS = { links: 50, values: 100, fileBytes: 20 * 1024 * 1024 } as const;

const Person = z.object({ id: Uuid, name: z.string() }).describe('who acted');

export const EvidenceFile = z.object({
  id: Uuid,
  reportId: Uuid,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string().describe('hex SHA-256 of the bytes, for checking a copy'),
  uploadedAt: Timestamp,
  uploadedBy: Person.nullable(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const EvidenceLink = z.strictObject({
  url: cleanText(z.string().trim().min(1).max(2000)).refine((u) => /^https?:\/\/[^\s]+$/i.test(u), {
    message: 'must be an http or https address',
  }),
  title: cleanText(z.string().trim().max(LIMITS.shortText)).default(''),
});

/**
 * An indicator value as entered: a finite number or a string with a decimal comma («12,5»).
 * Which indicators belong to the measure is the indicators' check (`checkIndicatorValues`).
 */
export const IndicatorValueInput = z.strictObject({
  indicatorId: Uuid,
  value: z.union([z.number(), cleanText(z.string().trim().max(40))]),
  source: cleanText(z.string().trim().max(LIMITS.shortText)).nullable().default(null),
});
export const IndicatorValue = z.object({
  indicatorId: Uuid,
  value: z.number(),
  source: z.string().nullable(),
});

/** A narrative in up to three languages; every one may be empty while the report is a draft. */
const NarrativeText = cleanText(z.string().trim().max(LIMITS.longText));
export const Narrative = z.strictObject({
  ru: NarrativeText.optional(),
  kk: NarrativeText.optional(),
  en: NarrativeText.optional(),
});

export const Report = z.object({
  id: Uuid,
  measureId: Uuid,
  periodId: Uuid,
  partyId: Uuid,
  state: z.enum(REPORT_STATES),
  status: z.enum(MEASURE_STATUSES).describe("the party's claim of the measure's status"),
  progress: z.number().int().min(0).max(100),
  narrative: Narrative.nullable(),
  evidenceLinks: z.array(z.object({ url: z.string(), title: z.string() })),
  evidenceFiles: z.array(EvidenceFile),
  indicatorValues: z.array(IndicatorValue),
  late: z.boolean().describe("submitted after the period's report due date"),
  submittedAt: Timestamp.nullable(),
  submittedBy: Person.nullable(),
  reviewedAt: Timestamp.nullable(),
  reviewedBy: Person.nullable(),
  returnReason: z
    .string()
    .nullable()
    .describe("the coordinator's reason of the last return or reopening; shown to the report's party only"),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  measureCode: z.string(),
  measureTitle: I18nText,
  roadmapId: Uuid,
  periodCode: z.string(),
  reportDueDate: z.string(),
  periodState: z.enum(PERIOD_STATES),
});
export type Report = z.infer<typeof Report>;

export const ReportCreate = z.strictObject({ measureId: Uuid, periodId: Uuid });

export const ReportUpdate = z
  .strictObject({
    version: Version,
    status: z.enum(MEASURE_STATUSES).optional(),
    progress: z.number().int().min(0).max(100).optional(),
    narrative: Narrative.nullable().optional(),
    evidenceLinks: z.array(EvidenceLink).max(REPORT_LIMITS.links).optional(),
    indicatorValues: z.array(IndicatorValueInput).max(REPORT_LIMITS.values).optional(),
  })
  .describe('a draft or returned report; fields left out stay as they are');
export type ReportUpdate = z.input<typeof ReportUpdate>;

export const ReportTransition = z.strictObject({ version: Version });
export const ReportReasoned = z.strictObject({
  version: Version,
  reason: Reason.describe('why; the party reads it on the report, and it is audited'),
});

export const ReportQuery = PageQuery.extend({
  periodId: Uuid.optional(),
  roadmapId: Uuid.optional(),
  measureId: Uuid.optional(),
  partyId: Uuid.optional(),
  organisationId: Uuid.optional().describe(
    'reports of the party of this organisation on measures it is responsible for',
  ),
  state: z.enum(REPORT_STATES).optional(),
  mine: QueryBool.optional().describe(
    "reports on what the caller must report on: its organisation's (reporter) or party's (coordinator)",
  ),
  late: QueryBool.optional(),
});
export type ReportQuery = z.input<typeof ReportQuery>;

export const ReportPage = z.object({
  data: z.array(Report),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  totalIsExact: z.boolean().describe('false when more reports match than are counted'),
});

// ---------- assignments: what the caller must report on ----------

export const AssignmentQuery = PageQuery.extend({
  periodId: Uuid.optional().describe('one period; by default every started period that is not locked'),
  roadmapId: Uuid.optional(),
});

export const Assignment = z.object({
  measureId: Uuid,
  measureCode: z.string(),
  measureTitle: I18nText,
  roadmapId: Uuid,
  periodId: Uuid,
  periodCode: z.string(),
  periodState: z.enum(PERIOD_STATES),
  reportDueDate: z.string(),
  overdue: z.boolean().describe('the due date has passed and no report was submitted'),
  report: z
    .object({
      id: Uuid,
      state: z.enum(REPORT_STATES),
      late: z.boolean(),
      progress: z.number().int(),
      version: Version,
      updatedAt: Timestamp,
    })
    .nullable()
    .describe('null when the report is not started'),
});
export type Assignment = z.infer<typeof Assignment>;

export const AssignmentPage = z.object({
  data: z.array(Assignment),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  totalIsExact: z.boolean(),
});

// ---------- reporting completeness of a period ----------

export const CompletenessQuery = z.object({
  periodId: Uuid.optional().describe("by default the roadmap's current period"),
});

const Counts = z.object({
  due: z.number().int().describe('measures the party (or organisation) must report on'),
  submitted: z
    .number()
    .int()
    .nullable()
    .describe("handed in (submitted or approved); null for the other party's, which is its internal data"),
  approved: z.number().int(),
  returned: z.number().int().nullable(),
  late: z.number().int().nullable().describe('submitted late, or not submitted after the due date'),
});

export const Completeness = z.object({
  roadmapId: Uuid,
  period: z
    .object({ id: Uuid, code: z.string(), reportDueDate: z.string(), state: z.enum(PERIOD_STATES) })
    .nullable()
    .describe('null when the roadmap has no period yet'),
  byParty: z.array(Counts.extend({ partyId: Uuid })),
  byOrganisation: z.array(Counts.extend({ organisationId: Uuid, partyId: Uuid })),
});
export type Completeness = z.infer<typeof Completeness>;
