/** Whose deadlines a calendar feed shows, per role. */
import { describe, expect, it } from 'vitest';
import { calendarScope, feedsReportDeadlines } from './calendar';
import type { Actor } from './policies';

const actor = (role: Actor['role'], partyId: string | null, organisationId: string | null): Actor => ({
  userId: 'u',
  role,
  partyId,
  organisationId,
  label: role,
});

describe('calendarScope', () => {
  it.each([
    [actor('admin', null, null), { kind: 'all' }, true],
    [actor('viewer', null, null), { kind: 'all' }, false],
    [actor('coordinator', 'kz', 'mfa'), { kind: 'party', partyId: 'kz' }, true],
    [actor('reporter', 'kz', 'agency'), { kind: 'organisation', organisationId: 'agency' }, true],
    [actor('reporter', 'kz', null), { kind: 'all' }, true],
  ])('%j → %j, report deadlines %s', (a, scope, reports) => {
    expect(calendarScope(a)).toEqual(scope);
    expect(feedsReportDeadlines(a)).toBe(reports);
  });
});
