/**
 * The relational model. Multilingual texts are jsonb `{ ru, kk?, en? }`; every mutable row
 * carries `version` for optimistic locking. Migrations are generated from this file by
 * drizzle-kit (`npm run db:generate`) and committed under `migrations/`.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { I18nText } from '../contracts/common';
import { COMMENT_VISIBILITIES } from '../contracts/comments';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  COMPLETION_FORMS,
  LOCALES,
  MEASURE_STATUSES,
  ORGANISATION_KINDS,
  PARTY_KINDS,
  JOINT_STATES,
  PERIOD_STATES,
  REPORT_STATES,
  REPORTING_FREQUENCIES,
  RESPONSIBLE_ROLES,
  ROADMAP_STATUSES,
  ROLES,
  TIERS,
} from '../contracts/enums';
import { EMAIL_MODES, EMAIL_STATES, NOTIFICATION_KINDS } from '../contracts/notifications';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const roleEnum = pgEnum('role', ROLES);
export const localeEnum = pgEnum('locale', LOCALES);
export const partyKindEnum = pgEnum('party_kind', PARTY_KINDS);
export const organisationKindEnum = pgEnum('organisation_kind', ORGANISATION_KINDS);
export const agreementKindEnum = pgEnum('agreement_kind', AGREEMENT_KINDS);
export const agreementStatusEnum = pgEnum('agreement_status', AGREEMENT_STATUSES);
export const roadmapStatusEnum = pgEnum('roadmap_status', ROADMAP_STATUSES);
export const measureStatusEnum = pgEnum('measure_status', MEASURE_STATUSES);
export const completionFormEnum = pgEnum('completion_form', COMPLETION_FORMS);
export const tierEnum = pgEnum('tier', TIERS);
export const responsibleRoleEnum = pgEnum('responsible_role', RESPONSIBLE_ROLES);
export const reportingFrequencyEnum = pgEnum('reporting_frequency', REPORTING_FREQUENCIES);
export const periodStateEnum = pgEnum('period_state', PERIOD_STATES);
export const reportStateEnum = pgEnum('report_state', REPORT_STATES);
export const jointStateEnum = pgEnum('joint_state', JOINT_STATES);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const i18n = (name: string) => jsonb(name).$type<I18nText>();
const timestamps = {
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
};

export const parties = pgTable('parties', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  kind: partyKindEnum('kind').notNull(),
  name: i18n('name').notNull(),
  ...timestamps,
});

export const spheres = pgTable('spheres', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: i18n('name').notNull(),
  description: i18n('description'),
  position: integer('position').notNull().default(0),
  ...timestamps,
});

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    // biome-ignore lint/suspicious/noExplicitAny: a self-reference needs the annotation (drizzle docs)
    parentId: uuid('parent_id').references((): any => organisations.id),
    kind: organisationKindEnum('kind').notNull(),
    name: i18n('name').notNull(),
    shortName: i18n('short_name'),
    ...timestamps,
  },
  (t) => [index('organisations_party_idx').on(t.partyId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: roleEnum('role').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** Denormalised from the organisation so that scoping never needs a join. */
    partyId: uuid('party_id').references(() => parties.id),
    locale: localeEnum('locale').notNull().default('ru'),
    disabled: boolean('disabled').notNull().default(false),
    lastSignInAt: ts('last_sign_in_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    index('users_organisation_idx').on(t.organisationId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie's secret: a stolen database does not yield usable cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts, kept in the database so that the limits hold across instances. Each
 * admitted attempt is written as a failure before its password is checked, and turned into a
 * success after (see services/sign-in-limits.ts); `ip` is the address the limits count by
 * (an IPv6 client's /64).
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.email, t.at),
    index('sign_in_attempts_ip_idx').on(t.ip, t.at),
  ],
);

export const agreements = pgTable('agreements', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: agreementKindEnum('kind').notNull(),
  title: i18n('title').notNull(),
  signedOn: date('signed_on', { mode: 'string' }),
  signedPlace: i18n('signed_place'),
  binding: boolean('binding').notNull(),
  status: agreementStatusEnum('status').notNull().default('signed'),
  fullText: i18n('full_text'),
  /** The agreement this one amends (workbench, migration 0013). */
  amendsAgreementId: uuid('amends_agreement_id').references((): AnyPgColumn => agreements.id, {
    onDelete: 'set null',
  }),
  ...timestamps,
});

export const agreementParties = pgTable(
  'agreement_parties',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    position: smallint('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.partyId] }),
    index('agreement_parties_party_idx').on(t.partyId),
  ],
);

export const provisions = pgTable(
  'provisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    position: integer('position').notNull().default(0),
    text: i18n('text').notNull(),
    /** The provision of the amended agreement this one changes (workbench, migration 0013). */
    amendsProvisionId: uuid('amends_provision_id').references((): AnyPgColumn => provisions.id, {
      onDelete: 'set null',
    }),
    ...timestamps,
  },
  (t) => [uniqueIndex('provisions_agreement_number_idx').on(t.agreementId, t.number)],
);

export const provisionSpheres = pgTable(
  'provision_spheres',
  {
    provisionId: uuid('provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
    sphereId: uuid('sphere_id')
      .notNull()
      .references(() => spheres.id),
  },
  (t) => [
    primaryKey({ columns: [t.provisionId, t.sphereId] }),
    index('provision_spheres_sphere_idx').on(t.sphereId),
  ],
);

export const roadmaps = pgTable(
  'roadmaps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: i18n('title').notNull(),
    description: i18n('description'),
    status: roadmapStatusEnum('status').notNull().default('draft'),
    reportingFrequency: reportingFrequencyEnum('reporting_frequency').notNull().default('quarterly'),
    reportDueDays: integer('report_due_days').notNull().default(10),
    ...timestamps,
  },
  (t) => [check('roadmaps_report_due_days_check', sql`${t.reportDueDays} between 0 and 90`)],
);

/** A roadmap's reporting periods; none of one roadmap overlap (checked under the roadmap's row lock). */
export const periods = pgTable(
  'periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    reportDueDate: date('report_due_date', { mode: 'string' }).notNull(),
    state: periodStateEnum('state').notNull().default('open'),
    closedAt: ts('closed_at'),
    lockedAt: ts('locked_at'),
    reopenedAt: ts('reopened_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('periods_roadmap_code_idx').on(t.roadmapId, t.code),
    index('periods_roadmap_start_idx').on(t.roadmapId, t.startDate),
    index('periods_open_due_idx').on(t.reportDueDate).where(sql`${t.state} = 'open'`),
    index('periods_closed_idx').on(t.closedAt).where(sql`${t.state} = 'closed'`),
    check('periods_dates_check', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

export const roadmapAgreements = pgTable(
  'roadmap_agreements',
  {
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id),
  },
  (t) => [primaryKey({ columns: [t.roadmapId, t.agreementId] })],
);

export const measures = pgTable(
  'measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    // biome-ignore lint/suspicious/noExplicitAny: a self-reference needs the annotation (drizzle docs)
    parentId: uuid('parent_id').references((): any => measures.id),
    code: text('code').notNull(),
    /** The code with each segment zero-padded, so that 2.10 sorts after 2.9. */
    sortKey: text('sort_key').notNull(),
    depth: smallint('depth').notNull().default(0),
    title: i18n('title').notNull(),
    description: i18n('description'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    completionForm: completionFormEnum('completion_form').notNull(),
    weight: doublePrecision('weight').notNull().default(1),
    tier: tierEnum('tier').notNull().default('shared'),
    ownerPartyId: uuid('owner_party_id').references(() => parties.id),
    status: measureStatusEnum('status').notNull().default('not_started'),
    progress: smallint('progress').notNull().default(0),
    /** Children that count towards this measure's roll-up; 0 for a leaf. */
    childCount: integer('child_count').notNull().default(0),
    /** Lemmatised code, titles and descriptions (see src/text), for Russian full-text search. */
    searchVector: tsvector('search_vector'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('measures_roadmap_code_idx').on(t.roadmapId, t.code),
    index('measures_roadmap_sort_idx').on(t.roadmapId, t.sortKey),
    index('measures_sort_idx').on(t.sortKey, t.id),
    index('measures_parent_idx').on(t.parentId),
    index('measures_roadmap_due_idx').on(t.roadmapId, t.dueDate),
    index('measures_search_idx').using('gin', t.searchVector),
    check('measures_dates_check', sql`${t.dueDate} >= ${t.startDate}`),
    check('measures_progress_check', sql`${t.progress} between 0 and 100`),
    check('measures_owner_check', sql`(${t.tier} = 'internal') = (${t.ownerPartyId} is not null)`),
  ],
);

export const measureSpheres = pgTable(
  'measure_spheres',
  {
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    sphereId: uuid('sphere_id')
      .notNull()
      .references(() => spheres.id),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.sphereId] }),
    index('measure_spheres_sphere_idx').on(t.sphereId, t.measureId),
  ],
);

export const measureProvisions = pgTable(
  'measure_provisions',
  {
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    provisionId: uuid('provision_id')
      .notNull()
      .references(() => provisions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.provisionId] }),
    index('measure_provisions_provision_idx').on(t.provisionId),
  ],
);

export const measureResponsibles = pgTable(
  'measure_responsibles',
  {
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Denormalised from the organisation: party filters and roll-ups need no join. */
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    role: responsibleRoleEnum('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.organisationId] }),
    index('measure_responsibles_org_idx').on(t.organisationId, t.measureId),
    index('measure_responsibles_party_idx').on(t.partyId, t.measureId),
  ],
);

export const measureDependencies = pgTable(
  'measure_dependencies',
  {
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    dependsOnId: uuid('depends_on_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.dependsOnId] }),
    index('measure_dependencies_target_idx').on(t.dependsOnId),
    check('measure_dependencies_self_check', sql`${t.measureId} <> ${t.dependsOnId}`),
  ],
);

/**
 * Append-only, hash-chained log of every change. `hash` = sha256(prevHash + canonical JSON of
 * the event's own fields); `audit_head` holds the newest hash so that deleting the tail is
 * detected too. `party_scope` marks events about one party's internal data.
 */
/**
 * The audit trail. Writers insert events unsealed (`seq`, `prev_hash` and `hash` null);
 * the sealer (services/audit-seal.ts) gives each committed event its chain position and
 * hashes. `pos` orders events as they were written, sealed or not.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    pos: bigint('pos', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    seq: bigint('seq', { mode: 'number' }).unique(),
    id: uuid('id').notNull().unique(),
    occurredAt: ts('occurred_at').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    partyScope: uuid('party_scope'),
    requestId: text('request_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.pos),
    index('audit_events_actor_idx').on(t.actorId, t.pos),
    index('audit_events_time_idx').on(t.occurredAt),
    index('audit_events_unsealed_idx').on(t.pos).where(sql`seq is null`),
  ],
);

/** Which version of the text module (SEARCH_INDEX_VERSION) built the stored search vectors. */
export const searchIndexState = pgTable(
  'search_index_state',
  {
    id: smallint('id').primaryKey().default(1),
    version: integer('version').notNull(),
  },
  (t) => [check('search_index_state_single_row', sql`${t.id} = 1`)],
);

export const auditHead = pgTable('audit_head', {
  id: smallint('id').primaryKey().default(1),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/**
 * The chain head (seq, hash) signed with HMAC-SHA256 under a key kept outside the database
 * (ACCORD_AUDIT_KEY or <data dir>/audit.key): someone who can rewrite `audit_events` and
 * `audit_head` cannot cut the newest events without a signed head giving them away.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  mac: text('mac').notNull(),
});

/**
 * One row per statement that changed a roadmap's measures, written by triggers (see the
 * migration `summary_cache`), so that any instance can tell in one index lookup whether a
 * cached summary is still current. Rows below a roadmap's newest are pruned on refresh.
 */
export const roadmapChanges = pgTable(
  'roadmap_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    roadmapId: uuid('roadmap_id').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('roadmap_changes_roadmap_idx').on(t.roadmapId, t.id)],
);

/**
 * Roadmap summaries per visibility scope ('all', 'shared' or a party id) and day, valid
 * while `stamp` equals the roadmap's newest change: computing one at 100,000 measures takes
 * a second or more, reading it a millisecond.
 */
export const summaryCache = pgTable(
  'summary_cache',
  {
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull(),
    body: jsonb('body').notNull(),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roadmapId, t.scope] })],
);

/**
 * The summary's partial sums, kept current by triggers (migration `summary_fast`) in the
 * transaction of every write: one row per roadmap × group (kind 'all', 'sphere', 'party',
 * 'org' with its party) × status × leaf × top-level × owner (the owning party of internal
 * measures, the nil uuid for the others) × slot, so that one table serves every visibility
 * scope.
 * Sums are numeric so that adding and taking away a measure leaves no rounding behind.
 */
export const summaryParts = pgTable(
  'summary_parts',
  {
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    groupId: uuid('group_id').notNull(),
    partyId: uuid('party_id').notNull(),
    status: measureStatusEnum('status').notNull(),
    leaf: boolean('leaf').notNull(),
    top: boolean('top').notNull(),
    owner: uuid('owner').notNull(),
    /** Spreads each sum over a few rows by backend, so concurrent writers seldom wait on one row. */
    slot: smallint('slot').notNull(),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    wp: numeric('wp').notNull().default('0'),
    w: numeric('w').notNull().default('0'),
    /** Overdue and at-risk counts as of the roadmap's flag day (`summaryDays`). */
    overdue: bigint('overdue', { mode: 'number' }).notNull().default(0),
    atRisk: bigint('at_risk', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      columns: [t.roadmapId, t.kind, t.groupId, t.partyId, t.status, t.leaf, t.top, t.owner, t.slot],
    }),
  ],
);

/**
 * The day (and at-risk threshold) the overdue and at-risk sums of `summaryParts` hold for,
 * one row per roadmap (made by a trigger on roadmaps). The first summary read of another
 * day moves it; writers' triggers lock the row FOR SHARE, the move FOR UPDATE.
 */
export const summaryDays = pgTable('summary_days', {
  roadmapId: uuid('roadmap_id')
    .primaryKey()
    .references(() => roadmaps.id, { onDelete: 'cascade' }),
  day: date('day', { mode: 'string' }),
  threshold: doublePrecision('threshold'),
});

/** Small key/value facts about this installation (demo loaded, schema checks). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A link a report cites as evidence. */
export type EvidenceLink = { url: string; title: string };
/** A value a report gives for one of its measure's indicators, with where it comes from. */
export type IndicatorValue = { indicatorId: string; value: number; source: string | null };
/** A party's confirmation of a joint status's values. */
export type JointConfirmation = {
  partyId: string;
  userId: string | null;
  at: string;
  status: (typeof MEASURE_STATUSES)[number];
  progress: number;
};
/** A party's recorded disagreement, kept beside the joint status. */
export type JointDissent = { partyId: string; userId: string; at: string; text: string };

/**
 * A party's progress report on a measure for a period (issue 8 §2): one per
 * measure × party × period. Drafts, submitted and returned reports are the party's
 * internal data; the other party sees a report once it is approved.
 */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    periodId: uuid('period_id')
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    state: reportStateEnum('state').notNull().default('draft'),
    status: measureStatusEnum('status').notNull().default('not_started'),
    progress: smallint('progress').notNull().default(0),
    /** Any of the three languages may be empty while the report is a draft. */
    narrative: jsonb('narrative').$type<{ ru?: string; kk?: string; en?: string }>(),
    evidenceLinks: jsonb('evidence_links').$type<EvidenceLink[]>().notNull().default([]),
    indicatorValues: jsonb('indicator_values').$type<IndicatorValue[]>().notNull().default([]),
    /** Submitted after the period's report due date. */
    late: boolean('late').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    reviewedAt: ts('reviewed_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    returnReason: text('return_reason'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('reports_measure_period_party_idx').on(t.measureId, t.periodId, t.partyId),
    index('reports_period_party_state_idx').on(t.periodId, t.partyId, t.state),
    index('reports_party_state_idx').on(t.partyId, t.state, t.submittedAt),
    check('reports_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);

/** A file attached to a report as evidence, with its SHA-256; bytes in `content` or under ACCORD_DATA_DIR. */
export const reportEvidence = pgTable(
  'report_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content'),
    storagePath: text('storage_path'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [
    index('report_evidence_report_idx').on(t.reportId),
    check('report_evidence_stored_check', sql`(${t.content} is null) <> (${t.storagePath} is null)`),
  ],
);

/**
 * The one status both parties reconcile for a measure in a period (issue 8 §3).
 * `status`/`progress` hold the current proposal (or the confirmed values).
 */
export const jointStatuses = pgTable(
  'joint_statuses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    periodId: uuid('period_id')
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    state: jointStateEnum('state').notNull().default('awaiting_reports'),
    status: measureStatusEnum('status'),
    progress: smallint('progress'),
    confirmations: jsonb('confirmations').$type<JointConfirmation[]>().notNull().default([]),
    dissents: jsonb('dissents').$type<JointDissent[]>().notNull().default([]),
    confirmedAt: ts('confirmed_at'),
    /** The approved reports the state was computed from (0010): reconciling the same ones again is a no-op. */
    reportsBasis: text('reports_basis'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('joint_statuses_measure_period_idx').on(t.measureId, t.periodId),
    index('joint_statuses_period_state_idx').on(t.periodId, t.state),
    check('joint_statuses_progress_check', sql`${t.progress} between 0 and 100`),
  ],
);

// ---------- workbench: agreement documents (migration 0013) ----------

/** A document of an agreement (the signed text as PDF or DOCX), its bytes and SHA-256. */
export const agreementDocuments = pgTable(
  'agreement_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('agreement_documents_agreement_idx').on(t.agreementId, t.uploadedAt)],
);
// ---------- comments and sphere keywords (issue 8 §6, issue 10 §5) ----------

export const commentVisibilityEnum = pgEnum('comment_visibility', COMMENT_VISIBILITIES);

/**
 * A comment on a measure (report_id null) or on a report (measure_id is the report's
 * measure, so one visibility join serves both). `party_id` is the party an internal
 * comment belongs to; a reply (`parent_id`) is one level deep. Deleting keeps the row
 * (body emptied) while replies hang on it.
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: threads read oldest first, also when a clock gives equal times. */
    seq: bigserial('seq', { mode: 'number' }),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'cascade' }),
    // biome-ignore lint/suspicious/noExplicitAny: a self-reference needs the annotation (drizzle docs)
    parentId: uuid('parent_id').references((): any => comments.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    visibility: commentVisibilityEnum('visibility').notNull(),
    partyId: uuid('party_id').references(() => parties.id),
    body: text('body').notNull(),
    mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
    editedAt: ts('edited_at'),
    deletedAt: ts('deleted_at'),
    deletedBy: uuid('deleted_by').references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index('comments_measure_idx').on(t.measureId, t.seq).where(sql`${t.reportId} is null`),
    index('comments_report_idx').on(t.reportId, t.seq).where(sql`${t.reportId} is not null`),
    index('comments_parent_idx').on(t.parentId),
    check('comments_internal_party_check', sql`(${t.visibility} = 'internal') = (${t.partyId} is not null)`),
  ],
);

/** The words that suggest a sphere for a provision's text, per language; admins edit them. */
export const sphereKeywords = pgTable('sphere_keywords', {
  sphereId: uuid('sphere_id')
    .primaryKey()
    .references(() => spheres.id, { onDelete: 'cascade' }),
  ru: text('ru').array().notNull().default(sql`'{}'::text[]`),
  kk: text('kk').array().notNull().default(sql`'{}'::text[]`),
  en: text('en').array().notNull().default(sql`'{}'::text[]`),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
// ---------- calendars (issue 10 §4) ----------
/**
 * A user's secret calendar feed URL: the SHA-256 of its secret (never the secret), one per
 * user; rotating replaces the hash, revoking deletes the row.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_secret_hash_idx').on(t.secretHash)],
);

// ---------- notifications (issue 8 §5; migration 0011) ----------
export const notificationKindEnum = pgEnum('notification_kind', NOTIFICATION_KINDS);
export const emailModeEnum = pgEnum('email_mode', EMAIL_MODES);
export const emailStateEnum = pgEnum('email_state', EMAIL_STATES);

/**
 * One thing a user is told about, in the app and (by its e-mail state) by mail. Written in the
 * transaction of the change it is about (an outbox: a rolled-back change tells nobody);
 * `dedupeKey` makes one event, or one reminder, notify a person once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKindEnum('kind').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    link: text('link').notNull(),
    /** The template's parameters (code, title, reason), in every language where texts are. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    emailState: emailStateEnum('email_state').notNull().default('pending'),
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailError: text('email_error'),
    emailedAt: ts('emailed_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.dedupeKey),
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} is null`),
    index('notifications_email_idx')
      .on(t.emailState, t.createdAt)
      .where(sql`${t.emailState} in ('pending', 'digest')`),
  ],
);

/** A user's choice per kind; a missing row means on, e-mailed at once. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKindEnum('kind').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    email: emailModeEnum('email').notNull().default('immediate'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
// ---------- indicators (issue 8 §4; migration 0010) ----------

/** A measurable indicator of a measure: unit, direction, baseline; actuals come from approved reports. */
export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    name: i18n('name').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction').notNull().default('up'),
    baselineValue: doublePrecision('baseline_value'),
    baselineDate: date('baseline_date', { mode: 'string' }),
    position: integer('position').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('indicators_measure_idx').on(t.measureId, t.position),
    check(
      'indicators_unit_check',
      sql`${t.unit} in ('percent', 'count', 'tonnes', 'usd_million', 'km', 'days', 'index')`,
    ),
    check('indicators_direction_check', sql`${t.direction} in ('up', 'down')`),
  ],
);

/** An indicator's target value for one reporting period. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    periodId: uuid('period_id')
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.periodId] }),
    index('indicator_targets_period_idx').on(t.periodId),
  ],
);

// ---------- baselines, commission meetings, change requests (issue 9 §3–5; migration 0012) ----------

export const baselineKindEnum = pgEnum('baseline_kind', ['manual', 'approval', 'meeting']);
export const changeRequestStateEnum = pgEnum('change_request_state', ['open', 'accepted', 'declined']);
export const decisionEffectEnum = pgEnum('decision_effect', ['creates', 'changes', 'closes', 'moves_dates']);

/** A co-chair of a commission meeting: one per party. */
export type CoChair = { partyId: string; name: I18nText; position: I18nText | null };
/** An item of a meeting's agenda. */
export type AgendaItem = { title: I18nText };
/** A responsible body as a baseline or a change request keeps it. */
export type FrozenResponsible = { organisationId: string; partyId: string; role: 'lead' | 'co_executor' };

/** A meeting of the intergovernmental commission (number 26 is «26-е заседание»). */
export const commissionMeetings = pgTable(
  'commission_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    place: i18n('place'),
    coChairs: jsonb('co_chairs').$type<CoChair[]>().notNull().default([]),
    agenda: jsonb('agenda').$type<AgendaItem[]>().notNull().default([]),
    heldAt: ts('held_at'),
    protocolName: text('protocol_name'),
    protocolType: text('protocol_type'),
    protocolSize: integer('protocol_size'),
    protocolSha256: text('protocol_sha256'),
    protocolContent: bytea('protocol_content'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('commission_meetings_number_idx').on(t.number),
    index('commission_meetings_date_idx').on(t.date),
    check('commission_meetings_number_check', sql`${t.number} between 1 and 10000`),
  ],
);

export const meetingRoadmaps = pgTable(
  'meeting_roadmaps',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => commissionMeetings.id, { onDelete: 'cascade' }),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'meeting_roadmaps_pk', columns: [t.meetingId, t.roadmapId] }),
    index('meeting_roadmaps_roadmap_idx').on(t.roadmapId),
  ],
);

/** A numbered decision of a meeting's protocol. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => commissionMeetings.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    text: i18n('text').notNull(),
  },
  (t) => [uniqueIndex('meeting_decisions_number_idx').on(t.meetingId, t.number)],
);

/** Which measures a decision creates, changes, closes or moves the dates of. */
export const decisionMeasures = pgTable(
  'decision_measures',
  {
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => meetingDecisions.id, { onDelete: 'cascade' }),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    effect: decisionEffectEnum('effect').notNull(),
  },
  (t) => [
    primaryKey({ name: 'decision_measures_pk', columns: [t.decisionId, t.measureId] }),
    index('decision_measures_measure_idx').on(t.measureId),
  ],
);

/** A roadmap's plan frozen at one moment (approval, a meeting, or on demand). */
export const baselines = pgTable(
  'baselines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roadmapId: uuid('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    name: i18n('name').notNull(),
    kind: baselineKindEnum('kind').notNull(),
    meetingId: uuid('meeting_id').references(() => commissionMeetings.id, { onDelete: 'set null' }),
    takenAt: ts('taken_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('baselines_roadmap_idx').on(t.roadmapId, t.takenAt)],
);

/** Every measure of the roadmap as it was frozen, of every tier (visibility applies on read). */
export const baselineItems = pgTable(
  'baseline_items',
  {
    baselineId: uuid('baseline_id')
      .notNull()
      .references(() => baselines.id, { onDelete: 'cascade' }),
    measureId: uuid('measure_id').notNull(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    sortKey: text('sort_key').notNull(),
    title: i18n('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    tier: tierEnum('tier').notNull(),
    ownerPartyId: uuid('owner_party_id'),
    status: measureStatusEnum('status').notNull(),
    progress: smallint('progress').notNull(),
    responsible: jsonb('responsible').$type<FrozenResponsible[]>().notNull().default([]),
    sphereIds: uuid('sphere_ids').array().notNull().default(sql`'{}'`),
    /** md5 of the compared fields, as a uuid (16 bytes, compared as one fixed-width value). */
    fingerprint: uuid('fingerprint').notNull(),
  },
  (t) => [
    // INCLUDE (fingerprint, sort_key, tier, owner_party_id), for the diff's index-only compare:
    // in migration 0019; drizzle cannot say it
    primaryKey({ name: 'baseline_items_pk', columns: [t.baselineId, t.measureId] }),
  ],
);

/** A coordinator's request to move a measure's due date or change its party's responsible bodies. */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    partyId: uuid('party_id')
      .notNull()
      .references(() => parties.id),
    requestedBy: uuid('requested_by').references(() => users.id),
    state: changeRequestStateEnum('state').notNull().default('open'),
    dueDate: date('due_date', { mode: 'string' }),
    /** The due date when the request was made, for reading it after the change. */
    previousDueDate: date('previous_due_date', { mode: 'string' }),
    responsible: jsonb('responsible').$type<FrozenResponsible[]>(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    declineReason: text('decline_reason'),
    decisionId: uuid('decision_id').references(() => meetingDecisions.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('change_requests_state_idx').on(t.state, t.createdAt),
    index('change_requests_measure_idx').on(t.measureId),
    index('change_requests_party_idx').on(t.partyId, t.state),
    check('change_requests_something_check', sql`${t.dueDate} is not null or ${t.responsible} is not null`),
  ],
);
// ---------- imports (roadmap import from XLSX, CSV and Word tables) ----------

/** The column mapping (header → field) an admin saved for a roadmap's next import. */
export const importMappings = pgTable('import_mappings', {
  roadmapId: uuid('roadmap_id')
    .primaryKey()
    .references(() => roadmaps.id, { onDelete: 'cascade' }),
  mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull(),
  ...timestamps,
});
// ---------- reporting counts (completeness of a period at any size; migration 0018) ----------

/**
 * A period's reporting completeness, kept current by triggers (migration `reporting_counts`)
 * in the transaction of every write: per period × responsible party × organisation (the nil
 * uuid for the party's own row) × owner (the owning party of internal measures, the nil uuid
 * for the others) × slot, the due pairs and what their reports make of them. `open` counts
 * the pairs neither handed in nor marked late, which are late too once the due date passed.
 */
export const reportingCounts = pgTable(
  'reporting_counts',
  {
    periodId: uuid('period_id')
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    partyId: uuid('party_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    owner: uuid('owner').notNull(),
    /** Spreads each count over a few rows by backend, so concurrent writers seldom wait on one row. */
    slot: smallint('slot').notNull(),
    due: bigint('due', { mode: 'number' }).notNull().default(0),
    submitted: bigint('submitted', { mode: 'number' }).notNull().default(0),
    approved: bigint('approved', { mode: 'number' }).notNull().default(0),
    returned: bigint('returned', { mode: 'number' }).notNull().default(0),
    lateFlag: bigint('late_flag', { mode: 'number' }).notNull().default(0),
    open: bigint('open', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.partyId, t.organisationId, t.owner, t.slot] })],
);
