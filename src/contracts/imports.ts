/** Roadmap import from XLSX, CSV and Word tables, and its saved column mappings (issue 10 §1). */
import { z } from 'zod';
import { QueryBool, Timestamp, Uuid, Version } from './common';
import { COMPLETION_FORMS, MEASURE_STATUSES, RESPONSIBLE_ROLES, TIERS } from './enums';

/** The fields a column of an import can hold (besides `responsible:<party code>`). */
export const IMPORT_FIELDS = [
  'code',
  'parentCode',
  'title',
  'titleKk',
  'titleEn',
  'description',
  'sphere',
  'provision',
  'responsible',
  'startDate',
  'dueDate',
  'completionForm',
  'status',
  'progress',
  'tier',
  'weight',
] as const;

export const ImportQuery = z.object({
  dryRun: QueryBool.default(true).describe(
    'true (default): check and preview only; false: save, all or nothing',
  ),
  createOrganisations: QueryBool.default(false).describe(
    'create the organisations no name matches, in the party of the column that names them',
  ),
});

/** A column mapping: header text (or 1-based column number) → field, or null to ignore the column. */
export const ColumnMapping = z
  .record(z.string().min(1).max(500), z.string().max(40).nullable())
  .refine((m) => Object.keys(m).length <= 100, 'at most 100 columns')
  .describe(
    'header → field: code, parentCode, title, titleKk, titleEn, description, sphere, provision, responsible, responsible:<party code>, startDate, dueDate, completionForm, status, progress, tier, weight; null ignores the column',
  );

export const ImportMapping = z.object({
  roadmapId: Uuid,
  mapping: ColumnMapping,
  version: Version.nullable().describe('null when nothing is saved yet'),
  updatedAt: Timestamp.nullable(),
});
export const ImportMappingSave = z.strictObject({
  mapping: ColumnMapping,
  version: Version.optional().describe('the version read; omit when saving the first mapping'),
});

const Problem = z.object({
  row: z.number().int().describe('the line of the file (1-based; for a Word table, its row)'),
  column: z.string().describe("the column's header"),
  message: z.string().describe("the reason, in the caller's language"),
});

export const ImportRow = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged']),
  section: z.boolean().describe('a heading row of the table, saved as a parent measure'),
  code: z.string(),
  parentCode: z.string().nullable(),
  title: z.object({ ru: z.string().optional(), kk: z.string().optional(), en: z.string().optional() }),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  completionForm: z.enum(COMPLETION_FORMS).nullable(),
  status: z.enum(MEASURE_STATUSES).nullable(),
  progress: z.number().int().nullable(),
  tier: z.enum(TIERS).nullable(),
  responsible: z.array(
    z.object({
      organisationId: z.string().nullable(),
      name: z.string(),
      partyId: Uuid,
      role: z.enum(RESPONSIBLE_ROLES),
    }),
  ),
  changes: z.array(z.string()).describe('the fields an update changes'),
});

export const ImportResult = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  createdOrganisations: z.number().int(),
  rows: z.array(ImportRow).describe('the first 50 rows as they would be saved'),
  errors: z.array(Problem),
  unmatchedOrganisations: z.array(
    z.object({
      name: z.string(),
      partyId: Uuid.nullable(),
      rows: z.array(z.number().int()),
      suggestions: z.array(z.object({ id: Uuid, name: z.string(), score: z.number() })),
    }),
  ),
});
export type ImportResult = z.infer<typeof ImportResult>;
