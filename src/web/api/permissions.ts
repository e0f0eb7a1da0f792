/**
 * What the signed-in user may do, for hiding and disabling controls. The server decides
 * (src/domain/policies.ts); this mirrors those rules because the web app imports only
 * src/contracts. When they disagree the API's 403 is still shown in words.
 */
import type { Measure, User } from '../../contracts';

/** Fields a measure edit may carry (MeasureUpdate without `version`). */
export type MeasureField =
  | 'title'
  | 'description'
  | 'startDate'
  | 'dueDate'
  | 'completionForm'
  | 'weight'
  | 'tier'
  | 'ownerPartyId'
  | 'status'
  | 'progress'
  | 'sphereIds'
  | 'provisionIds'
  | 'responsible'
  | 'dependsOn';

const ALL_FIELDS: readonly MeasureField[] = [
  'title',
  'description',
  'startDate',
  'dueDate',
  'completionForm',
  'weight',
  'tier',
  'ownerPartyId',
  'status',
  'progress',
  'sphereIds',
  'provisionIds',
  'responsible',
  'dependsOn',
];
const COORDINATOR_FIELDS: readonly MeasureField[] = [
  'status',
  'progress',
  'startDate',
  'dueDate',
  'description',
  'responsible',
];
const REPORTER_FIELDS: readonly MeasureField[] = ['status', 'progress'];

type MeasureFacts = Pick<Measure, 'tier' | 'ownerPartyId' | 'responsible'>;

/** Admins manage agreements, roadmaps, organisations and users. */
export const canManageReference = (u: User | null | undefined) => u?.role === 'admin';

/** Fields of this measure the user may change (empty: read-only). */
export function editableMeasureFields(u: User | null | undefined, m: MeasureFacts): readonly MeasureField[] {
  if (!u) return [];
  switch (u.role) {
    case 'admin':
      return ALL_FIELDS;
    case 'coordinator':
      if (m.tier === 'internal' && u.partyId && m.ownerPartyId === u.partyId) return ALL_FIELDS;
      return m.responsible.some((r) => r.partyId === u.partyId) ? COORDINATOR_FIELDS : [];
    case 'reporter':
      return m.responsible.some((r) => r.organisationId === u.organisationId) ? REPORTER_FIELDS : [];
    default:
      return [];
  }
}

/** May the user create (or delete, or move) a measure of this tier and owner? */
export function canCreateMeasure(
  u: User | null | undefined,
  m: Pick<Measure, 'tier' | 'ownerPartyId'>,
): boolean {
  if (!u) return false;
  if (u.role === 'admin') return true;
  return u.role === 'coordinator' && m.tier === 'internal' && !!u.partyId && m.ownerPartyId === u.partyId;
}

/** Bulk edit is offered to anyone who can edit some measures at all. */
export const canBulkEdit = (u: User | null | undefined) =>
  !!u && (u.role === 'admin' || u.role === 'coordinator' || u.role === 'reporter');

/** Roles that need an organisation (and thereby a party) — the API's user rule. */
export const roleNeedsOrganisation = (role: User['role']) => role === 'coordinator' || role === 'reporter';
