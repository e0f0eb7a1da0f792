import { describe, expect, it } from 'vitest';
import type { PeriodState, ReportingFrequency } from '../contracts/enums';
import {
  addDays,
  calendarCodeMismatch,
  codeOfSpan,
  LOCK_AFTER_DAYS,
  type PeriodAction,
  periodContaining,
  periodsBetween,
  periodsToGenerate,
  periodTransitionError,
  reportDueDate,
  scheduledAction,
} from './periods';

describe('periodContaining', () => {
  it.each<[ReportingFrequency, string, string, string, string]>([
    ['quarterly', '2026-01-01', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['quarterly', '2026-06-30', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['quarterly', '2026-12-31', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['monthly', '2026-03-15', '2026-03', '2026-03-01', '2026-03-31'],
    ['monthly', '2028-02-10', '2028-02', '2028-02-01', '2028-02-29'],
    ['monthly', '2027-02-28', '2027-02', '2027-02-01', '2027-02-28'],
    ['half_yearly', '2026-06-30', '2026-H1', '2026-01-01', '2026-06-30'],
    ['half_yearly', '2026-07-01', '2026-H2', '2026-07-01', '2026-12-31'],
    ['yearly', '2026-08-08', '2026', '2026-01-01', '2026-12-31'],
  ])('%s period of %s is %s (%s – %s)', (freq, day, code, startDate, endDate) => {
    expect(periodContaining(freq, day)).toEqual({ code, startDate, endDate });
  });
});

describe('periodsBetween and periodsToGenerate', () => {
  it('lists every period touching the range, across a year end', () => {
    expect(periodsBetween('quarterly', '2025-11-12', '2026-04-01').map((p) => p.code)).toEqual([
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(periodsBetween('monthly', '2026-12-31', '2027-01-01').map((p) => p.code)).toEqual([
      '2026-12',
      '2027-01',
    ]);
  });

  it.each<[ReportingFrequency, string | null, string, string[]]>([
    ['quarterly', '2026-02-10', '2026-06-15', ['2026-Q1', '2026-Q2', '2026-Q3']],
    ['half_yearly', '2025-12-01', '2026-06-15', ['2025-H2', '2026-H1', '2026-H2']],
    ['yearly', '2026-05-01', '2026-06-15', ['2026', '2027']],
    ['monthly', '2026-05-20', '2026-06-15', ['2026-05', '2026-06', '2026-07']],
    // a roadmap that starts after the period ahead: nothing yet
    ['quarterly', '2027-03-01', '2026-06-15', []],
    ['quarterly', null, '2026-06-15', []],
  ])('%s from %s with today %s: %j', (freq, start, today, codes) => {
    expect(periodsToGenerate(freq, start, today).map((p) => p.code)).toEqual(codes);
  });
});

describe('codes and due dates', () => {
  it.each([
    ['2026-01-01', '2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-04-30', '2026-04'],
    ['2026-07-01', '2026-12-31', '2026-H2'],
    ['2026-01-01', '2026-12-31', '2026'],
    ['2026-01-15', '2026-02-14', '2026-01-15/2026-02-14'],
  ])('%s – %s is coded %s', (s, e, code) => expect(codeOfSpan(s, e)).toBe(code));

  it.each([
    ['2026-Q3', '2026-07-01', '2026-09-30', null],
    ['2026-Q3', '2027-01-01', '2027-01-20', '2027-01-01/2027-01-20'],
    ['2026-07', '2026-07-01', '2026-09-30', '2026-Q3'],
    ['Сессия 1', '2027-01-01', '2027-01-20', null],
  ])('the code %s on %s – %s: %s', (code, s, e, own) => expect(calendarCodeMismatch(code, s, e)).toBe(own));

  it.each([
    ['2026-03-31', 10, '2026-04-10'],
    ['2026-12-31', 10, '2027-01-10'],
    ['2028-02-29', 0, '2028-02-29'],
    ['2026-06-30', 90, '2026-09-28'],
  ])('a period ending %s with %i due days is due %s', (end, days, due) =>
    expect(reportDueDate(end, days)).toBe(due),
  );

  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('the state machine', () => {
  it.each<[PeriodState, PeriodAction, string | null]>([
    ['open', 'close', null],
    ['open', 'lock', 'period.cannotLock'],
    ['open', 'reopen', 'period.cannotReopen'],
    ['closed', 'close', 'period.cannotClose'],
    ['closed', 'lock', null],
    ['closed', 'reopen', null],
    ['locked', 'close', 'period.cannotClose'],
    ['locked', 'lock', 'period.cannotLock'],
    ['locked', 'reopen', null],
  ])('%s, %s → %s', (from, action, err) => expect(periodTransitionError(from, action)).toBe(err));
});

describe('the schedule', () => {
  const open = { state: 'open' as const, reportDueDate: '2026-04-10', closedOn: null, reopened: false };
  const closed = {
    state: 'closed' as const,
    reportDueDate: '2026-04-10',
    closedOn: '2026-04-11',
    reopened: false,
  };
  it.each([
    ['open, on its due date', open, '2026-04-10', null],
    ['open, the day after its due date', open, '2026-04-11', 'close'],
    ['open but reopened by hand', { ...open, reopened: true }, '2026-09-01', null],
    ['closed, a day short of the lock', closed, addDays('2026-04-11', LOCK_AFTER_DAYS - 1), null],
    ['closed, on the lock day', closed, addDays('2026-04-11', LOCK_AFTER_DAYS), 'lock'],
    ['closed again after a reopening', { ...closed, reopened: true }, '2026-05-11', 'lock'],
    ['locked', { ...closed, state: 'locked' as const }, '2027-01-01', null],
  ])('%s: %s', (_name, p, today, action) => expect(scheduledAction(p, today)).toBe(action));
});
