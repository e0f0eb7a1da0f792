/**
 * Whose deadlines a person's calendar feed shows (issue 10 §4): a reporter its
 * organisation's measures, a coordinator its party's (including the party's internal
 * plan), the secretariat (admins) and viewers every measure they may read. Report due dates
 * go to those who report: coordinators and reporters for their party, admins for all.
 */
import type { Actor } from './policies';

/** The measures a feed holds. */
export type CalendarScope =
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'party'; partyId: string }
  | { kind: 'all' };

/** The measures of the actor's own calendar (always within what it may read). */
export function calendarScope(a: Actor): CalendarScope {
  if (a.role === 'reporter' && a.organisationId)
    return { kind: 'organisation', organisationId: a.organisationId };
  if (a.role === 'coordinator' && a.partyId) return { kind: 'party', partyId: a.partyId };
  return { kind: 'all' };
}

/** Does the feed carry report due dates (the actor reports, or oversees reporting)? */
export function feedsReportDeadlines(a: Actor): boolean {
  return a.role === 'admin' || ((a.role === 'coordinator' || a.role === 'reporter') && a.partyId !== null);
}
