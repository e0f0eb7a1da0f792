/** Notifications in the app and by e-mail, their preferences, and the jobs queue (issue 8 §5, §7). */
import { z } from 'zod';
import { PageQuery, pageOf, Timestamp, Uuid } from './common';

/** What a notification is about; each has its template in the message catalogue (`notify.<kind>.*`). */
export const NOTIFICATION_KINDS = [
  'report_due_7',
  'report_due_1',
  'report_overdue',
  'report_submitted',
  'report_returned',
  'joint_disputed',
  'joint_confirmed',
  'comment_mention',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a kind reaches a user by e-mail: at once, in the daily digest, or not at all. */
export const EMAIL_MODES = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** Where a notification's e-mail stands. */
export const EMAIL_STATES = ['pending', 'digest', 'sent', 'skipped', 'failed'] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

export const Notification = z.object({
  id: Uuid,
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string().describe("the notification's text in the caller's language"),
  link: z.string().describe('the path of the item in the web app, e.g. /measures/{id}'),
  entityType: z.string(),
  entityId: Uuid,
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'], 'must be true or false')
    .optional()
    .transform((v) => v === 'true')
    .describe('only unread ones'),
});
export const NotificationList = pageOf(Notification);
export const UnreadCount = z.object({ count: z.number().int() });
/** Marking read takes nothing but the path; an empty body (or none) is accepted. */
export const MarkReadBody = z.strictObject({}).nullish();
export const ReadAllResult = z.object({ marked: z.number().int() });

export const NotificationPreference = z.strictObject({
  kind: z.enum(NOTIFICATION_KINDS),
  enabled: z.boolean().describe('off: no notification of this kind at all'),
  email: z.enum(EMAIL_MODES),
});
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = z.object({ data: z.array(NotificationPreference) });
export const NotificationPreferencesUpdate = z.strictObject({
  data: z
    .array(NotificationPreference)
    .min(1)
    .max(NOTIFICATION_KINDS.length)
    .refine((a) => new Set(a.map((p) => p.kind)).size === a.length, 'names each kind at most once'),
});

/** The states of a background job (pg-boss). */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

export const Job = z.object({
  id: Uuid,
  name: z.string(),
  state: z.enum(JOB_STATES),
  data: z.string().describe('a short summary of its input, secrets removed'),
  attempts: z.number().int().describe('runs so far (the first and its retries)'),
  retryLimit: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
});
export type Job = z.infer<typeof Job>;
export const JobQuery = PageQuery.extend({ state: z.enum(JOB_STATES).optional() });
export const JobList = pageOf(Job);

export const JobNameParams = z.object({ name: z.string().min(1).max(100) });
export const JobRunBody = z.strictObject({}).nullish();
export const JobQueued = z.object({
  id: Uuid.nullable().describe('the queued job; null when an identical one was just queued'),
});
