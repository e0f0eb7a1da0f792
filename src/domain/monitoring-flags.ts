/**
 * Flags of the monitoring cycle (issue 8 §3): a measure is **disputed** when its latest joint
 * status (the period ending last) is disputed; a **report is missing** for a period when its
 * report due date has passed, a report is due on the measure (domain/reports `mustReport`: a
 * leaf, started by the period's end, not cancelled) and a responsible party has no submitted
 * or approved report.
 *
 * What counts as a report depends on who asks: a party's submitted report is its internal
 * data, so for the other party (and viewers) only approved reports count; a party sees its own
 * submissions, admins all. The flag thus never tells one party whether the other has submitted.
 * A **late report** is one not submitted by the due date: missing as above, or submitted late
 * (the report's `late`, which the other party reads once the report is approved). At risk
 * takes in a missing report of the latest past-due period (`isAtRiskAsKnown`).
 * Mirrored in SQL by services/measures/monitoring-flags.ts; a test holds the two equal.
 */
import type { JointState, MeasureStatus, ReportState } from '../contracts/enums';
import { isAtRisk, isOverdue, type ScheduleFacts } from './measures';
import { mustReport } from './reports';

/** Is the latest joint status (by period end) disputed? */
export function isDisputed(joints: readonly { endDate: string; state: JointState }[]): boolean {
  let latest: { endDate: string; state: JointState } | null = null;
  for (const j of joints) if (!latest || j.endDate > latest.endDate) latest = j;
  return latest?.state === 'disputed';
}

export interface MissingFacts {
  measure: { startDate: string; dueDate: string; status: MeasureStatus; childCount: number };
  responsibleParties: readonly string[];
  period: { startDate: string; endDate: string; reportDueDate: string };
  reports: readonly { partyId: string; state: ReportState }[];
  /** The party whose submissions the caller reads ('all' for admins, null for none). */
  scope: 'all' | string | null;
}

/** Is a report due on the measure for the period, and past its due date (a cancelled one owes none)? */
function owesReport(f: Omit<MissingFacts, 'reports'>, today: string): boolean {
  if (today <= f.period.reportDueDate || f.measure.status === 'cancelled') return false;
  return mustReport(f.measure, f.period);
}

/** Is a responsible party's report for the period missing, as the caller may know it? */
export function isReportMissing(f: MissingFacts, today: string): boolean {
  if (!owesReport(f, today)) return false;
  const counts = (r: { partyId: string; state: ReportState }) =>
    r.state === 'approved' || (r.state === 'submitted' && (f.scope === 'all' || f.scope === r.partyId));
  return f.responsibleParties.some((p) => !f.reports.some((r) => r.partyId === p && counts(r)));
}

/** Is a responsible party's report for the period late (missing, or submitted after the due date), as the caller may know it? */
export function isLateReport(
  f: Omit<MissingFacts, 'reports'> & {
    reports: readonly { partyId: string; state: ReportState; late: boolean }[];
  },
  today: string,
): boolean {
  if (!owesReport(f, today)) return false;
  const onTime = (r: { partyId: string; state: ReportState; late: boolean }) =>
    !r.late &&
    (r.state === 'approved' || (r.state === 'submitted' && (f.scope === 'all' || f.scope === r.partyId)));
  return f.responsibleParties.some((p) => !f.reports.some((r) => r.partyId === p && onTime(r)));
}

/**
 * At risk (issue 8 §3), as the caller may know it: behind schedule (domain/measures
 * `isAtRisk`), or open, not overdue and missing a responsible party's report for the
 * roadmap's latest period whose report due date has passed (`reportMissing`: `isReportMissing`
 * for that period). An overdue measure stays overdue, not at risk, as before.
 */
export function isAtRiskAsKnown(m: ScheduleFacts, reportMissing: boolean, today: string): boolean {
  if (isAtRisk(m, today)) return true;
  return reportMissing && m.status !== 'completed' && m.status !== 'cancelled' && !isOverdue(m, today);
}

/** The roadmap's latest period (by end date) whose report due date is before `today`, if any. */
export function latestDuePeriod<P extends { endDate: string; reportDueDate: string }>(
  periods: readonly P[],
  today: string,
): P | null {
  let latest: P | null = null;
  for (const p of periods) if (p.reportDueDate < today && (!latest || p.endDate > latest.endDate)) latest = p;
  return latest;
}
