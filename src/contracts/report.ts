/** The commission status report (PDF, DOCX) and deadline calendars (ICS): their parameters and answers. */
import { z } from 'zod';
import { IsoDate } from './common';
import { LOCALES } from './enums';

/** `?asOf=&since=&locale=` of report.pdf and report.docx. */
export const CommissionReportQuery = z
  .object({
    asOf: IsoDate.optional().describe(
      'the day the figures are counted for (overdue, at risk); default today',
    ),
    since: IsoDate.optional().describe(
      'list what changed from this day to asOf (the previous commission session); omitted: no changes section',
    ),
    locale: z.enum(LOCALES).optional().describe("the document's language; default the user's"),
  })
  .refine((q) => !q.since || !q.asOf || q.since <= q.asOf, {
    message: 'must not be after the as-of date',
    path: ['since'],
  });
export type CommissionReportQuery = z.infer<typeof CommissionReportQuery>;

/** POST /me/calendar takes nothing (an empty object or no body). */
export const CalendarRotate = z.strictObject({}).nullish();

/** The secret feed URL of the signed-in user, as created or rotated. */
export const CalendarFeed = z.object({
  url: z.string().describe('the secret iCalendar URL: anyone holding it reads your deadlines'),
  createdAt: z.string().describe('when this URL was made (ISO date-time)'),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

/** Whether the user has a feed (the URL itself is shown once, when made). */
export const CalendarFeedState = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type CalendarFeedState = z.infer<typeof CalendarFeedState>;
