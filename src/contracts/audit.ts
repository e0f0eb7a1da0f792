import { z } from 'zod';
import { PageQuery, Timestamp, Uuid } from './common';

export { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, type AuditAction } from './audit-actions';

export const AUDIT_ENTITY_TYPES = [
  'party',
  'sphere',
  'organisation',
  'user',
  'api_token',
  'session',
  'agreement',
  'provision',
  'roadmap',
  'period',
  'measure',
  'report',
  'evidence',
  'joint_status',
  'indicator',
  'comment',
  'notification',
  'baseline',
  'change_request',
  'meeting',
  'agreement_document',
  'import_mapping',
  'calendar',
  'system',
] as const;

export const AuditEvent = z.object({
  seq: z.number().int().nullable().describe('position in the hash chain; null for a moment until sealed'),
  id: Uuid,
  occurredAt: Timestamp,
  actorId: Uuid.nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.enum(AUDIT_ENTITY_TYPES),
  entityId: Uuid.nullable(),
  requestId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string().nullable(),
  actorName: z.string().nullable().describe('the name of the person who acted, when it was a user'),
  actorOrganisationId: Uuid.nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = PageQuery.extend({
  entityType: z.enum(AUDIT_ENTITY_TYPES).optional(),
  entityId: Uuid.optional(),
  actorId: Uuid.optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
});

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
