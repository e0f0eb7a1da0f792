import { describe, expect, it } from 'vitest';
import { REPORT_STATES, type Role } from '../contracts/enums';
import type { Actor } from './policies';
import {
  claimError,
  isLateSubmission,
  mustReport,
  parseIndicatorNumber,
  type ReportAction,
  reportPolicy,
  reportStateError,
  periodLockedError,
} from './reports';

const actor = (role: Role, partyId: string | null, organisationId: string | null): Actor => ({
  userId: `u-${role}`,
  role,
  partyId,
  organisationId,
  label: role,
});

// The KZ report on a joint measure: the KZ agency and the RU ministry are responsible.
const kzReport = {
  partyId: 'kz',
  responsible: [
    { organisationId: 'kz-agency', partyId: 'kz' },
    { organisationId: 'ru-ministry', partyId: 'ru' },
  ],
};

describe('report state machine', () => {
  const table: [Exclude<ReportAction, 'create'>, string[]][] = [
    ['edit', ['draft', 'returned']],
    ['submit', ['draft', 'returned']],
    ['approve', ['submitted']],
    ['return', ['submitted']],
    ['reopen', ['approved']],
  ];
  it.each(table)('allows %s from exactly %j', (action, from) => {
    const allowed = REPORT_STATES.filter((s) => reportStateError(s, action) === null);
    expect(allowed).toEqual(from);
    for (const s of REPORT_STATES.filter((x) => !from.includes(x)))
      expect(reportStateError(s, action)).toBe(`report.cannot.${action}`);
  });
});

describe('who may act on a report', () => {
  const people: [string, Actor][] = [
    ['admin', actor('admin', null, null)],
    ['viewer', actor('viewer', null, null)],
    ['KZ coordinator', actor('coordinator', 'kz', 'kz-ministry')],
    ['KZ reporter of the responsible agency', actor('reporter', 'kz', 'kz-agency')],
    ['KZ reporter of another organisation', actor('reporter', 'kz', 'kz-other')],
    ['RU coordinator', actor('coordinator', 'ru', 'ru-ministry')],
    ['RU reporter of a responsible ministry', actor('reporter', 'ru', 'ru-ministry')],
  ];
  const expected: Record<string, Record<ReportAction, string | null>> = {
    admin: {
      create: 'forbidden.reportAdmin',
      edit: 'forbidden.reportAdmin',
      submit: 'forbidden.reportAdmin',
      approve: 'forbidden.reportAdmin',
      return: 'forbidden.reportAdmin',
      reopen: 'forbidden.reportAdmin',
    },
    viewer: {
      create: 'forbidden.reportParty',
      edit: 'forbidden.reportParty',
      submit: 'forbidden.reportParty',
      approve: 'forbidden.reportParty',
      return: 'forbidden.reportParty',
      reopen: 'forbidden.reportParty',
    },
    'KZ coordinator': { create: null, edit: null, submit: null, approve: null, return: null, reopen: null },
    'KZ reporter of the responsible agency': {
      create: null,
      edit: null,
      submit: null,
      approve: 'forbidden.reportReview',
      return: 'forbidden.reportReview',
      reopen: 'forbidden.reportReview',
    },
    'KZ reporter of another organisation': {
      create: 'forbidden.reportOrganisation',
      edit: 'forbidden.reportOrganisation',
      submit: 'forbidden.reportOrganisation',
      approve: 'forbidden.reportReview',
      return: 'forbidden.reportReview',
      reopen: 'forbidden.reportReview',
    },
    'RU coordinator': Object.fromEntries(
      (['create', 'edit', 'submit', 'approve', 'return', 'reopen'] as const).map((k) => [
        k,
        'forbidden.reportParty',
      ]),
    ) as Record<ReportAction, string>,
    'RU reporter of a responsible ministry': Object.fromEntries(
      (['create', 'edit', 'submit', 'approve', 'return', 'reopen'] as const).map((k) => [
        k,
        'forbidden.reportParty',
      ]),
    ) as Record<ReportAction, string>,
  };
  it.each(people)('%s', (name, a) => {
    const got = Object.fromEntries(
      (['create', 'edit', 'submit', 'approve', 'return', 'reopen'] as const).map((k) => [
        k,
        reportPolicy(a, k, kzReport),
      ]),
    );
    expect(got).toEqual(expected[name]);
  });

  it('refuses a party that is not responsible for the measure', () => {
    const onlyRu = { partyId: 'kz', responsible: [{ organisationId: 'ru-ministry', partyId: 'ru' }] };
    expect(reportPolicy(actor('coordinator', 'kz', 'kz-ministry'), 'create', onlyRu)).toBe(
      'forbidden.reportNotResponsible',
    );
  });
});

describe('period and claim rules', () => {
  it('locks nothing but locked periods', () => {
    expect([periodLockedError('open'), periodLockedError('closed'), periodLockedError('locked')]).toEqual([
      null,
      null,
      'report.periodLocked',
    ]);
  });
  it('marks a submission after the due date late, on the due date not', () => {
    expect(isLateSubmission('2026-04-10', '2026-04-10')).toBe(false);
    expect(isLateSubmission('2026-04-11', '2026-04-10')).toBe(true);
  });
  it('needs 100 % for a completed claim', () => {
    expect(claimError('completed', 90)).toBe('measure.completed100');
    expect(claimError('completed', 100)).toBeNull();
    expect(claimError('in_progress', 90)).toBeNull();
  });
});

describe('mustReport', () => {
  const q2 = { startDate: '2026-04-01', endDate: '2026-06-30' };
  const m = (o: Partial<Parameters<typeof mustReport>[0]>) => ({
    childCount: 0,
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    status: 'in_progress',
    ...o,
  });
  it.each([
    ['a running leaf', m({}), true],
    ['a parent', m({ childCount: 2 }), false],
    ['a leaf starting after the period', m({ startDate: '2026-07-01' }), false],
    ['a leaf starting on its last day', m({ startDate: '2026-06-30' }), true],
    ['a leaf finished before the period', m({ dueDate: '2026-03-31', status: 'completed' }), false],
    ['a leaf cancelled before the period', m({ dueDate: '2026-03-31', status: 'cancelled' }), false],
    ['an overdue unfinished leaf', m({ dueDate: '2026-03-31', status: 'in_progress' }), true],
  ])('%s → %s', (_n, measure, want) => expect(mustReport(measure, q2)).toBe(want));
});

describe('parseIndicatorNumber', () => {
  it.each([
    [12.5, 12.5],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1 200,5', 1200.5],
    ['-3', -3],
    ['', null],
    ['12,5,1', null],
    ['abc', null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    ['1e400', null],
    [null, null],
  ])('%j → %j', (v, want) => expect(parseIndicatorNumber(v)).toBe(want));
});
