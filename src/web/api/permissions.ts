/**
 * What the signed-in user may do, for hiding and disabling controls: the server's own pure
 * rules (src/domain/policies.ts) applied to the session user, so the UI and the API never
 * disagree. This file is the web's one door to those rules; the API still decides, and a
 * refusal it gives is shown in words.
 */
import { useMemo } from 'react';
import type { Comment, Measure, User } from '../../contracts';
import { canDeleteComment, canEditComment } from '../../domain/comments';
import {
  type Actor,
  canCreateMeasure as createRule,
  canDeleteMeasure as deleteRule,
  canManageReference as adminRule,
  canMoveMeasure as moveRule,
  editableMeasureFields,
  type MeasureField,
  userAffiliationRule,
} from '../../domain/policies';
import {
  canReviewReports as reviewReportsRule,
  canWriteReports as writeReportsRule,
  type ReportAction,
  reportPolicy,
} from '../../domain/reports';
import { canManageIndicators, canReconcile } from '../../domain/joint-policies';
import { canDecideChangeRequest, canRequestChange } from '../../domain/change-request-policies';
import { canManageMeetings } from '../../domain/meeting-policies';
import { useSession } from './session';

export type { MeasureField };

/** The signed-in user as the policy functions see an actor. */
export function actorOf(user: User): Actor {
  return {
    userId: user.id,
    role: user.role,
    partyId: user.partyId,
    organisationId: user.organisationId,
    label: user.email,
  };
}

/** Admins manage agreements, roadmaps, organisations and users. */
export const canManageReference = (u: User | null | undefined) => !!u && adminRule(actorOf(u));

/** Roles that need an organisation (and thereby a party): the API's rule for users. */
export const roleNeedsOrganisation = (role: User['role']) => !userAffiliationRule(role, null).ok;

/** The facts editableMeasureFields needs from a measure. */
const factsOf = (m: Measure) => ({ tier: m.tier, ownerPartyId: m.ownerPartyId, responsible: m.responsible });

/** The fields of `measure` this user may change (empty: read-only, or nobody signed in). */
export function editableFields(user: User | null | undefined, measure: Measure): readonly MeasureField[] {
  return user ? editableMeasureFields(actorOf(user), factsOf(measure)) : [];
}

/** The fields of `measure` the signed-in user may change, kept while neither changes. */
export function useEditableFields(measure: Measure | undefined): readonly MeasureField[] {
  const user = useSession().data?.user ?? null;
  return useMemo(() => (measure ? editableFields(user, measure) : []), [user, measure]);
}

/** Whether `user` may change at least one of `fields` of the measure (bulk edit selection). */
export const mayChangeAny = (
  user: User | null | undefined,
  measure: Measure,
  fields: readonly MeasureField[],
) => {
  const allowed = editableFields(user, measure);
  return fields.some((f) => allowed.includes(f));
};

/**
 * Whether the user may add a measure to a roadmap: admins anywhere; a coordinator only an
 * internal one of its own party (the form then offers exactly that).
 */
export function mayCreateMeasures(user: User | null | undefined): boolean {
  if (!user) return false;
  const a = actorOf(user);
  return createRule(
    a,
    user.role === 'admin'
      ? { tier: 'shared', ownerPartyId: null }
      : { tier: 'internal', ownerPartyId: user.partyId },
  );
}

/** Whether the user may move or delete this measure (the API's rules for both). */
export const mayRestructure = (user: User | null | undefined, m: Measure) =>
  !!user && moveRule(actorOf(user), factsOf(m)) && deleteRule(actorOf(user), factsOf(m));

/**
 * What this user may do to a comment on screen (its target is readable, or it would not be
 * shown): edit one's own, delete one's own or moderate as an admin. The API decides again.
 */
export function commentRights(u: User | null | undefined, c: Comment): { edit: boolean; delete: boolean } {
  if (!u) return { edit: false, delete: false };
  const facts = {
    measure: { tier: 'shared' as const, ownerPartyId: null },
    report: null,
    authorId: c.author.id,
    visibility: c.visibility,
    partyId: c.partyId,
    deleted: c.deleted,
  };
  return { edit: canEditComment(actorOf(u), facts), delete: canDeleteComment(actorOf(u), facts) };
}
/** Reporters and coordinators write reports of their party (src/domain/reports.ts). */
export const canWriteReports = (u: User | null | undefined) => !!u && writeReportsRule(actorOf(u));

/** Coordinators approve, return and reopen their party's reports. */
export const canReviewReports = (u: User | null | undefined) => !!u && reviewReportsRule(actorOf(u));

/** Why `user` may not do `action` on a report, or null (the server's rule). */
export const reportRefusal = (
  u: User | null | undefined,
  action: ReportAction,
  report: { partyId: string },
  measure: Pick<Measure, 'responsible'> | null,
) =>
  u && measure
    ? reportPolicy(actorOf(u), action, { partyId: report.partyId, responsible: measure.responsible })
    : 'forbidden.default';
/** Whether `user` confirms or dissents for its party on a joint status of these responsible parties. */
export const mayReconcile = (u: User | null | undefined, responsiblePartyIds: readonly string[]) =>
  !!u && canReconcile(actorOf(u), responsiblePartyIds);

/** Whether `user` adds, changes or removes the indicators of `measure`. */
export const mayManageIndicators = (u: User | null | undefined, measure: Measure) =>
  !!u && canManageIndicators(actorOf(u), factsOf(measure));

/** Who opens the Reconciliation page: coordinators and admins. */
export const seesReconciliation = (u: User | null | undefined) =>
  !!u && (u.role === 'coordinator' || u.role === 'admin');
/** A coordinator of a party responsible for the measure may ask for a new due date. */
export const mayRequestChange = (u: User | null | undefined, m: Measure) =>
  !!u && canRequestChange(actorOf(u), factsOf(m));

/** The secretariat accepts and declines change requests, and manages commission meetings. */
export const mayDecideChangeRequests = (u: User | null | undefined) =>
  !!u && canDecideChangeRequest(actorOf(u));
export const mayManageMeetings = (u: User | null | undefined) => !!u && canManageMeetings(actorOf(u));
