/** Due-date and responsible-body change requests of a measure (issue 9 §4). */
import { z } from 'zod';
import { IsoDate, LIMITS, PageQuery, Reason, Timestamp, Uuid, Version } from './common';
import { RESPONSIBLE_ROLES } from './enums';

export const CHANGE_REQUEST_STATES = ['open', 'accepted', 'declined'] as const;

const Resp = z.strictObject({ organisationId: Uuid, role: z.enum(RESPONSIBLE_ROLES) });

export const ChangeRequestCreate = z
  .strictObject({
    dueDate: IsoDate.optional(),
    responsible: z
      .array(Resp)
      .min(1, 'name at least one responsible organisation')
      .max(100)
      .refine(
        (a) => new Set(a.map((r) => r.organisationId)).size === a.length,
        'must not name an organisation twice',
      )
      .optional()
      .describe("the requesting party's own bodies, replacing its current ones; the other party's stay"),
    reason: Reason,
  })
  .refine((v) => v.dueDate !== undefined || v.responsible !== undefined, {
    message: 'ask for a new due date or responsible bodies',
    path: ['dueDate'],
  });

export const ChangeRequest = z.object({
  id: Uuid,
  measureId: Uuid,
  measureCode: z.string(),
  roadmapId: Uuid,
  partyId: Uuid,
  requestedBy: Uuid.nullable(),
  requestedByName: z.string().nullable(),
  state: z.enum(CHANGE_REQUEST_STATES),
  dueDate: IsoDate.nullable(),
  previousDueDate: IsoDate.nullable().describe('the due date when the request was made'),
  currentDueDate: IsoDate.describe("the measure's due date now"),
  responsible: z.array(z.object({ organisationId: Uuid, role: z.enum(RESPONSIBLE_ROLES) })).nullable(),
  reason: z.string(),
  decidedAt: Timestamp.nullable(),
  declineReason: z.string().nullable(),
  decisionId: Uuid.nullable(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;

export const ChangeRequestQuery = PageQuery.extend({
  state: z.enum(CHANGE_REQUEST_STATES).optional(),
  roadmapId: Uuid.optional(),
  measureId: Uuid.optional(),
});

export const ChangeRequestList = z.object({
  data: z.array(ChangeRequest),
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});

export const ChangeRequestAccept = z.strictObject({
  version: Version,
  decisionId: Uuid.optional().describe('the commission decision that accepted it'),
});
export const ChangeRequestDecline = z.strictObject({
  version: Version,
  reason: Reason.describe('why it is declined; the requester reads it'),
});
export const CHANGE_REQUEST_LIMIT = LIMITS.pageSize;
