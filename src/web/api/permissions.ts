/**
 * What the signed-in user may do, for hiding and disabling controls: the server's own pure
 * rules (src/domain/policies.ts) applied to the session user, so the UI and the API never
 * disagree. This file is the web's one door to those rules; the API still decides, and a
 * refusal it gives is shown in words.
 */
import { useMemo } from 'react';
import type { Measure, User } from '../../contracts';
import {
  type Actor,
  canManageReference as adminRule,
  editableMeasureFields,
  type MeasureField,
  userAffiliationRule,
} from '../../domain/policies';
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

/** A coordinator of a party responsible for the measure may ask for a new due date. */
export const mayRequestChange = (u: User | null | undefined, m: Measure) =>
  !!u && canRequestChange(actorOf(u), factsOf(m));

/** The secretariat accepts and declines change requests, and manages commission meetings. */
export const mayDecideChangeRequests = (u: User | null | undefined) =>
  !!u && canDecideChangeRequest(actorOf(u));
export const mayManageMeetings = (u: User | null | undefined) => !!u && canManageMeetings(actorOf(u));
