/**
 * Reporting periods, as pure rules: the calendar periods of a frequency (`2026-Q1`,
 * `2026-03`, `2026-H1`, `2026`), which of them a roadmap needs, when a report is due, and
 * the state machine open → closed → locked (reopen → open) with its schedule. Dates are ISO
 * calendar days (`YYYY-MM-DD`) in UTC, as everywhere in Accord.
 */
import type { PeriodState, ReportingFrequency } from '../contracts/enums';
import type { MessageKey } from '../contracts/messages';

/** A closed period locks itself this many days after it was closed. */
export const LOCK_AFTER_DAYS = 30;
/** The default number of days after a period's end by which its reports are due. */
export const DEFAULT_REPORT_DUE_DAYS = 10;
/** The most days a report may be due after its period ends. */
export const MAX_REPORT_DUE_DAYS = 90;

/** One calendar period: its code and first and last days (inclusive). */
export interface PeriodSpan {
  code: string;
  startDate: string;
  endDate: string;
}

const MONTHS: Record<ReportingFrequency, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** `iso` moved by `days` calendar days. */
export function addDays(iso: string, days: number): string {
  const d = utc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return day(d);
}

function code(freq: ReportingFrequency, year: number, index: number): string {
  switch (freq) {
    case 'monthly':
      return `${year}-${pad(index + 1)}`;
    case 'quarterly':
      return `${year}-Q${index + 1}`;
    case 'half_yearly':
      return `${year}-H${index + 1}`;
    case 'yearly':
      return String(year);
  }
}

/** The period of `freq` that contains the day `iso`. */
export function periodContaining(freq: ReportingFrequency, iso: string): PeriodSpan {
  const d = utc(iso);
  const year = d.getUTCFullYear();
  const months = MONTHS[freq];
  const index = Math.floor(d.getUTCMonth() / months);
  const start = new Date(Date.UTC(year, index * months, 1));
  const end = new Date(Date.UTC(year, (index + 1) * months, 0));
  return { code: code(freq, year, index), startDate: day(start), endDate: day(end) };
}

/** The period of `freq` right after `p`. */
export const nextPeriod = (freq: ReportingFrequency, p: PeriodSpan) =>
  periodContaining(freq, addDays(p.endDate, 1));

/** Every period of `freq` that touches the days `from`…`to` (inclusive), in date order. */
export function periodsBetween(freq: ReportingFrequency, from: string, to: string): PeriodSpan[] {
  const out: PeriodSpan[] = [];
  for (let p = periodContaining(freq, from); p.startDate <= to; p = nextPeriod(freq, p)) out.push(p);
  return out;
}

/**
 * The periods a roadmap needs: from the one holding its earliest measure start up to the
 * next one ahead of today, so that parties can see the coming period before it begins.
 * None when it has no measures yet.
 */
export function periodsToGenerate(
  freq: ReportingFrequency,
  earliestStart: string | null,
  today: string,
): PeriodSpan[] {
  if (!earliestStart) return [];
  const ahead = nextPeriod(freq, periodContaining(freq, today));
  return periodsBetween(freq, earliestStart, ahead.endDate);
}

/** The calendar code of a span when it is exactly one period of some frequency, else `start/end`. */
export function codeOfSpan(startDate: string, endDate: string): string {
  for (const freq of Object.keys(MONTHS) as ReportingFrequency[]) {
    const p = periodContaining(freq, startDate);
    if (p.startDate === startDate && p.endDate === endDate) return p.code;
  }
  return `${startDate}/${endDate}`;
}

const CALENDAR_CODE = /^\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$/;

/**
 * A code that reads as a calendar period (`2026-Q3`) must be that period: another span under
 * that name would mislead readers and block the real one from being generated. Answers the
 * code these dates deserve when `code` breaks the rule, else null.
 */
export function calendarCodeMismatch(code: string, startDate: string, endDate: string): string | null {
  if (!CALENDAR_CODE.test(code)) return null;
  const own = codeOfSpan(startDate, endDate);
  return own === code ? null : own;
}

/** The day a period's reports are due. */
export const reportDueDate = (endDate: string, reportDueDays: number) => addDays(endDate, reportDueDays);

/** Do two inclusive day ranges share a day? */
export const overlaps = (
  a: { startDate: string; endDate: string },
  b: { startDate: string; endDate: string },
) => a.startDate <= b.endDate && b.startDate <= a.endDate;

/** What a person or the schedule may do to a period. */
export type PeriodAction = 'close' | 'lock' | 'reopen';

const TARGET: Record<PeriodAction, PeriodState> = { close: 'closed', lock: 'locked', reopen: 'open' };
const FROM: Record<PeriodAction, readonly PeriodState[]> = {
  close: ['open'],
  // A period is locked once its late reports are in: it must be closed first.
  lock: ['closed'],
  reopen: ['closed', 'locked'],
};
const REFUSAL: Record<PeriodAction, MessageKey> = {
  close: 'period.cannotClose',
  lock: 'period.cannotLock',
  reopen: 'period.cannotReopen',
};

/** The state an action leads to. */
export const targetState = (action: PeriodAction): PeriodState => TARGET[action];

/** Why `action` is refused in state `from` (a message naming the state), or null when allowed. */
export function periodTransitionError(from: PeriodState, action: PeriodAction): MessageKey | null {
  return FROM[action].includes(from) ? null : REFUSAL[action];
}

/** The facts the schedule looks at. */
export interface ScheduledPeriod {
  state: PeriodState;
  reportDueDate: string;
  /** The day it was closed (UTC), when closed. */
  closedOn: string | null;
  /** Reopened by hand: the schedule leaves it to people from then on. */
  reopened: boolean;
}

/**
 * What the schedule does to a period today: close an open one the day after its reports are
 * due, lock a closed one LOCK_AFTER_DAYS after it was closed, or nothing. A period someone
 * reopened is not closed again by the clock (that would undo the reopening within the hour);
 * once closed by hand it locks on schedule as usual.
 */
export function scheduledAction(p: ScheduledPeriod, today: string): PeriodAction | null {
  if (p.state === 'open' && !p.reopened && today > p.reportDueDate) return 'close';
  if (p.state === 'closed' && p.closedOn && today >= addDays(p.closedOn, LOCK_AFTER_DAYS)) return 'lock';
  return null;
}
