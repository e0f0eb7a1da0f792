/**
 * What the signed-in user may do, for hiding and disabling controls: the server's own pure
 * rules (src/domain/policies.ts) applied to the session user, so the UI and the API never
 * disagree. The API still decides; a refusal it gives is shown in words.
 */
import type { User } from '../../contracts';
import { type Actor, canManageReference as adminRule, userAffiliationRule } from '../../domain/policies';

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
