/**
 * Flags of the monitoring cycle (issue 8 §3): a measure is **disputed** when its latest joint
 * status (the period ending last) is disputed; a **report is missing** for a period when its
 * report due date has passed and a responsible party has no submitted or approved report.
 *
 * What counts as a report depends on who asks: a party's submitted report is its internal
 * data, so for the other party (and viewers) only approved reports count; a party sees its own
 * submissions, admins all. The flag thus never tells one party whether the other has submitted.
 * Mirrored in SQL by services/measures/monitoring-flags.ts; a test holds the two equal.
 */
import type { JointState, MeasureStatus, ReportState } from '../contracts/enums';

/** Is the latest joint status (by period end) disputed? */
export function isDisputed(joints: readonly { endDate: string; state: JointState }[]): boolean {
  let latest: { endDate: string; state: JointState } | null = null;
  for (const j of joints) if (!latest || j.endDate > latest.endDate) latest = j;
  return latest?.state === 'disputed';
}

export interface MissingFacts {
  measure: { startDate: string; status: MeasureStatus };
  responsibleParties: readonly string[];
  period: { endDate: string; reportDueDate: string };
  reports: readonly { partyId: string; state: ReportState }[];
  /** The party whose submissions the caller reads ('all' for admins, null for none). */
  scope: 'all' | string | null;
}

/** Is a responsible party's report for the period missing, as the caller may know it? */
export function isReportMissing(f: MissingFacts, today: string): boolean {
  if (today <= f.period.reportDueDate) return false;
  if (f.measure.status === 'cancelled' || f.measure.startDate > f.period.endDate) return false;
  const counts = (r: { partyId: string; state: ReportState }) =>
    r.state === 'approved' || (r.state === 'submitted' && (f.scope === 'all' || f.scope === r.partyId));
  return f.responsibleParties.some((p) => !f.reports.some((r) => r.partyId === p && counts(r)));
}
