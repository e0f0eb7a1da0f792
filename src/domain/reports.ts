/**
 * Progress reports (issue 8 §2): the state machine, who may do what, and the period rules.
 * Pure; services/reports/* call these before they write.
 *
 * States: draft → submitted → approved | returned; returned → submitted (after editing);
 * approved → draft on reopen. A reopened report goes back to `draft` of the SAME report and
 * keeps its content (status, progress, narrative, links, files, values), so the party corrects
 * what it claimed instead of starting over; the audit trail keeps every earlier state.
 *
 * Who: a report belongs to one party. It is written and submitted by a reporter whose
 * organisation is responsible for the measure and belongs to that party, or by that party's
 * coordinator; it is approved, returned and reopened by that party's coordinator only (so a
 * reporter never approves its own report). Admins are the joint secretariat: they read every
 * report but never write, submit or approve for a party — a party's claim must be its own.
 * The other party never acts on a report (it does not even see one before approval).
 *
 * Periods: in a locked period nothing changes (409 naming the period); in a closed one
 * reports are still written, submitted and reviewed, and a submission after the period's
 * report due date is marked late.
 */
import type { PeriodState, ReportState } from '../contracts/enums';

export { parseIndicatorNumber } from '../contracts/common';
import type { MessageKey } from '../contracts/messages';
import type { Actor } from './policies';

/** What can be done to a report. `edit` covers PATCH and adding or deleting evidence. */
export type ReportAction = 'create' | 'edit' | 'submit' | 'approve' | 'return' | 'reopen';

/** The state each transition leads to. */
export const REPORT_TARGET: Record<'submit' | 'approve' | 'return' | 'reopen', ReportState> = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  reopen: 'draft',
};

/** The states an action may start from. */
const FROM: Record<Exclude<ReportAction, 'create'>, readonly ReportState[]> = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted'],
  reopen: ['approved'],
};

/** The catalogue key of why `action` cannot start from `state`; null when it can. */
export function reportStateError(
  state: ReportState,
  action: Exclude<ReportAction, 'create'>,
): MessageKey | null {
  if (FROM[action].includes(state)) return null;
  return `report.cannot.${action}` as MessageKey;
}

/** Return and reopen need a reason (the Reason schema: 3–1000 characters, audited). */
export const needsReason = (action: ReportAction) => action === 'return' || action === 'reopen';

/** The facts of a report the policy reads. */
export interface ReportActorFacts {
  /** The report's party. */
  partyId: string;
  /** The organisations responsible for the report's measure, with their parties. */
  responsible: readonly { organisationId: string; partyId: string }[];
}

/**
 * May `a` do `action` on a report of `r.partyId`? A refusal's key says why, for the 403.
 * Visibility comes first (the service answers 404 before asking this).
 */
export function reportPolicy(a: Actor, action: ReportAction, r: ReportActorFacts): MessageKey | null {
  if (a.role === 'admin') return 'forbidden.reportAdmin';
  if (a.partyId === null || a.partyId !== r.partyId) return 'forbidden.reportParty';
  const partyResponsible = r.responsible.some((x) => x.partyId === r.partyId);
  if (!partyResponsible) return 'forbidden.reportNotResponsible';
  const review = action === 'approve' || action === 'return' || action === 'reopen';
  if (a.role === 'coordinator') return null;
  if (a.role === 'reporter') {
    if (review) return 'forbidden.reportReview';
    return r.responsible.some((x) => x.organisationId === a.organisationId)
      ? null
      : 'forbidden.reportOrganisation';
  }
  return review ? 'forbidden.reportReview' : 'forbidden.reportWrite';
}

/** May `a` write (create, edit, submit) reports at all? For the web's menus. */
export const canWriteReports = (a: Actor) =>
  (a.role === 'reporter' || a.role === 'coordinator') && a.partyId !== null;

/** May `a` review (approve, return, reopen) reports at all? For the web's approval queue. */
export const canReviewReports = (a: Actor) => a.role === 'coordinator' && a.partyId !== null;

/** In a locked period nothing changes; the key of the 409, or null. */
export const periodLockedError = (state: PeriodState): MessageKey | null =>
  state === 'locked' ? 'report.periodLocked' : null;

/** A submission on `day` (YYYY-MM-DD) is late when it comes after the period's report due date. */
export const isLateSubmission = (day: string, reportDueDate: string) => day > reportDueDate;

/** A completed claim needs 100 % progress, as a measure does. */
export const claimError = (status: string, progress: number): MessageKey | null =>
  status === 'completed' && progress !== 100 ? 'measure.completed100' : null;

/**
 * Must a party report on this measure in this period? Leaves only (parents roll up), once the
 * measure has started by the period's end, and while it is still running in the period or not
 * finished (an overdue measure is still reported on). Mirrored in SQL by
 * services/reports/assignments.ts (`dueSql`); a test holds the two equal.
 */
export function mustReport(
  m: { childCount: number; startDate: string; dueDate: string; status: string },
  p: { startDate: string; endDate: string },
): boolean {
  if (m.childCount > 0) return false;
  if (m.startDate > p.endDate) return false;
  return m.dueDate >= p.startDate || (m.status !== 'completed' && m.status !== 'cancelled');
}
