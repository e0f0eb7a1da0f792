/**
 * Reconciliation (issue 8 §3): the one joint status of a measure in a period, from its
 * responsible parties' approved reports and their coordinators' confirmations. Pure: the
 * service (services/joint-statuses) loads the facts and stores what these functions answer.
 *
 * - While a responsible party has no approved report the status awaits reports.
 * - When all have one: the same status and progresses within PROGRESS_TOLERANCE points →
 *   confirmed at once with that status and the lowest progress (each approval is its party's
 *   confirmation); otherwise disputed, with no proposal until a coordinator confirms values.
 * - A coordinator's confirmation replaces its party's earlier one and becomes the proposal;
 *   once every responsible party has confirmed the same values the status is confirmed.
 * - Dissents are kept as they were recorded, beside whatever the state becomes.
 */
import type { JointState, MeasureStatus } from '../contracts/enums';

/** Progresses this far apart (or less) still agree. */
export const PROGRESS_TOLERANCE = 10;

/** One party's values: an approved report's claim, or a coordinator's confirmation. */
export interface Confirmation {
  partyId: string;
  userId: string | null;
  at: string;
  status: MeasureStatus;
  progress: number;
}

export interface Dissent {
  partyId: string;
  userId: string;
  at: string;
  text: string;
}

/** What a joint status holds (the stored row's own facts). */
export interface JointFacts {
  state: JointState;
  status: MeasureStatus | null;
  progress: number | null;
  confirmations: Confirmation[];
  dissents: Dissent[];
}

/** An approved report as reconciliation reads it (its reviewer and review time confirm it). */
export interface ApprovedClaim {
  partyId: string;
  status: MeasureStatus;
  progress: number;
  reviewedBy: string | null;
  reviewedAt: string;
}

/** Do these claims agree: one status, progresses within the tolerance? */
export function claimsAgree(claims: readonly Pick<Confirmation, 'status' | 'progress'>[]): boolean {
  if (claims.length === 0) return false;
  const statuses = new Set(claims.map((c) => c.status));
  const ps = claims.map((c) => c.progress);
  return statuses.size === 1 && Math.max(...ps) - Math.min(...ps) <= PROGRESS_TOLERANCE;
}

/**
 * The joint status as the approved reports alone say: `responsible` are the measure's
 * responsible parties, `approved` their approved reports for the period (others ignored).
 * Earlier dissents are kept.
 */
export function fromReports(
  responsible: readonly string[],
  approved: readonly ApprovedClaim[],
  dissents: readonly Dissent[] = [],
): JointFacts {
  const parties = new Set(responsible);
  const byParty = new Map<string, ApprovedClaim>();
  for (const c of approved) if (parties.has(c.partyId)) byParty.set(c.partyId, c);
  const confirmations: Confirmation[] = [...byParty.values()]
    .map((c) => ({
      partyId: c.partyId,
      userId: c.reviewedBy,
      at: c.reviewedAt,
      status: c.status,
      progress: c.progress,
    }))
    .sort((a, b) => a.partyId.localeCompare(b.partyId));
  const base = { confirmations, dissents: [...dissents] };
  if (parties.size === 0 || byParty.size < parties.size)
    return { state: 'awaiting_reports', status: null, progress: null, ...base };
  if (!claimsAgree(confirmations)) return { state: 'disputed', status: null, progress: null, ...base };
  return {
    state: 'confirmed',
    status: confirmations[0].status,
    progress: Math.min(...confirmations.map((c) => c.progress)),
    ...base,
  };
}

/** Why a confirmation or dissent is refused (a message key of the catalogue). */
export type JointRefusal = 'jointStatus.awaitingReports' | 'jointStatus.notResponsible';

/**
 * A coordinator of `by.partyId` confirms `values`: its earlier confirmation is replaced, the
 * values become the proposal, and the status is confirmed when every responsible party has
 * confirmed exactly these values (else disputed, waiting for the others).
 */
export function confirm(
  js: JointFacts,
  responsible: readonly string[],
  by: Confirmation,
): { ok: true; next: JointFacts } | { ok: false; problem: JointRefusal } {
  if (!responsible.includes(by.partyId)) return { ok: false, problem: 'jointStatus.notResponsible' };
  if (js.state === 'awaiting_reports') return { ok: false, problem: 'jointStatus.awaitingReports' };
  const confirmations = [...js.confirmations.filter((c) => c.partyId !== by.partyId), by].sort((a, b) =>
    a.partyId.localeCompare(b.partyId),
  );
  const same = (c: Confirmation) => c.status === by.status && c.progress === by.progress;
  const all = new Set(responsible).size;
  const agreeing = confirmations.filter((c) => responsible.includes(c.partyId) && same(c)).length;
  return {
    ok: true,
    next: {
      state: agreeing === all ? 'confirmed' : 'disputed',
      status: by.status,
      progress: by.progress,
      confirmations,
      dissents: js.dissents,
    },
  };
}

/** A coordinator of a responsible party records a dissent; it stays whatever happens next. */
export function dissent(
  js: JointFacts,
  responsible: readonly string[],
  d: Dissent,
): { ok: true; next: JointFacts } | { ok: false; problem: JointRefusal } {
  if (!responsible.includes(d.partyId)) return { ok: false, problem: 'jointStatus.notResponsible' };
  if (js.state === 'awaiting_reports') return { ok: false, problem: 'jointStatus.awaitingReports' };
  return { ok: true, next: { ...js, dissents: [...js.dissents, d] } };
}

/**
 * A fingerprint of the approved reports a joint status was computed from: reconciling again
 * with the same reports changes nothing (confirmations given since are kept).
 */
export function reportsBasis(
  approved: readonly (ApprovedClaim & { reportId: string })[],
  responsible: readonly string[],
): string {
  return [
    [...new Set(responsible)].sort().join(','),
    ...approved.map((c) => `${c.partyId}:${c.reportId}:${c.status}:${c.progress}:${c.reviewedAt}`).sort(),
  ].join('|');
}

/**
 * The audit action naming a change of state (null: the state stayed). A new joint status
 * starts as awaiting reports, so its first state is a transition from there.
 */
export function transitionAction(
  before: JointState,
  after: JointState,
): 'joint_status.dispute' | 'joint_status.confirm' | 'joint_status.await' | null {
  if (before === after) return null;
  if (after === 'disputed') return 'joint_status.dispute';
  if (after === 'confirmed') return 'joint_status.confirm';
  return 'joint_status.await';
}
