/**
 * Closed vocabularies of the domain. Each is a const tuple so that the same list feeds
 * zod schemas, database enums, the OpenAPI document and the web UI's selects.
 */

export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['admin', 'coordinator', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PARTY_KINDS = ['state', 'international_organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const ORGANISATION_KINDS = [
  'government',
  'ministry',
  'agency',
  'committee',
  'service',
  'company',
  'institution',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const AGREEMENT_KINDS = [
  'declaration',
  'agreement',
  'treaty',
  'memorandum',
  'protocol',
  'programme',
  'other',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = ['signed', 'in_force', 'suspended', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const ROADMAP_STATUSES = ['draft', 'approved', 'archived'] as const;
export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];

export const MEASURE_STATUSES = ['not_started', 'in_progress', 'completed', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** What evidence proves a measure done (PRODUCT.md "form of completion"). */
export const COMPLETION_FORMS = [
  'legal_act_adopted',
  'agreement_signed',
  'agreement_ratified',
  'event_held',
  'facility_commissioned',
  'project_launched',
  'report_delivered',
  'other',
] as const;
export type CompletionForm = (typeof COMPLETION_FORMS)[number];

/**
 * internal: one party only (its owner party); shared: both parties; public: also the
 * transparency portal.
 */
export const TIERS = ['internal', 'shared', 'public'] as const;
export type Tier = (typeof TIERS)[number];

export const RESPONSIBLE_ROLES = ['lead', 'co_executor'] as const;
export type ResponsibleRole = (typeof RESPONSIBLE_ROLES)[number];

/** OGP completion scale. */
export const COMPLETION_LEVELS = ['not_started', 'limited', 'substantial', 'complete'] as const;
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];

/** How often the parties report on a roadmap; each frequency cuts the calendar into periods. */
export const REPORTING_FREQUENCIES = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

/** A reporting period: open (reports come in) → closed (late reports only) → locked (frozen). */
export const PERIOD_STATES = ['open', 'closed', 'locked'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

/** A progress report's workflow (issue 8 §2): draft → submitted → approved | returned. */
export const REPORT_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** One joint status per measure × period (issue 8 §3). */
export const JOINT_STATES = ['awaiting_reports', 'disputed', 'confirmed'] as const;
export type JointState = (typeof JOINT_STATES)[number];

/** Error codes of the API; `server/plugins/errors.ts` maps each to an HTTP status. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'version_conflict',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'rule_violation',
  'rate_limited',
  'headers_too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
