/**
 * Who may do what. Services call these before they load or write; every rule is here so
 * that one table-driven test can check them all.
 *
 * The model (PRODUCT.md): an admin is the joint secretariat and sees everything; a
 * coordinator acts for its party; a reporter for its organisation; a viewer reads what both
 * parties share. Internal-tier data of a party is visible to that party's coordinators and
 * reporters only (and to admins), never to the other party nor to viewers.
 */
import type { Role, Tier } from '../contracts/enums';
import { type Message, type MessageKey, msg } from '../contracts/messages';

export interface Actor {
  userId: string;
  role: Role;
  partyId: string | null;
  organisationId: string | null;
  label: string;
  requestId?: string;
}

/** The system itself (start-up, demo loading, the CLI run by the server's operator). */
export const SYSTEM_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  role: 'admin',
  partyId: null,
  organisationId: null,
  label: 'system',
};

export const isAdmin = (a: Actor) => a.role === 'admin';

/** The party whose internal data the actor may read, or 'all' for admins, or null for none. */
export function internalScope(a: Actor): 'all' | string | null {
  if (a.role === 'admin') return 'all';
  if ((a.role === 'coordinator' || a.role === 'reporter') && a.partyId) return a.partyId;
  return null;
}

export interface MeasureFacts {
  tier: Tier;
  ownerPartyId: string | null;
  /** Parties and organisations responsible for the measure. */
  responsible: readonly { organisationId: string; partyId: string }[];
}

/** May the actor see this measure at all? Others get 404, as if it did not exist. */
export function canReadMeasure(a: Actor, m: Pick<MeasureFacts, 'tier' | 'ownerPartyId'>): boolean {
  if (m.tier !== 'internal') return true;
  const scope = internalScope(a);
  return scope === 'all' || (scope !== null && scope === m.ownerPartyId);
}

/** Reference data and structure (agreements, roadmaps, parties, spheres, organisations, users). */
export const canManageReference = (a: Actor) => isAdmin(a);

export const MEASURE_FIELDS = [
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
] as const;
export type MeasureField = (typeof MEASURE_FIELDS)[number];

/**
 * A measure's status and progress follow its reconciled joint status (issue 8 §3): only the
 * secretariat changes them directly, with a reason (`statusChangeNeedsReason`). Reporters
 * report; they no longer edit a measure.
 */
const STATUS_FIELDS: readonly MeasureField[] = ['status', 'progress'];
const COORDINATOR_FIELDS: readonly MeasureField[] = ['startDate', 'dueDate', 'description', 'responsible'];
const REPORTER_FIELDS: readonly MeasureField[] = [];
/**
 * A measure's tier (who may see it) and owner are the secretariat's decision: a party may not
 * publish its internal plan into the joint one on its own (`public` will need both parties).
 */
const TIER_FIELDS: readonly MeasureField[] = ['tier', 'ownerPartyId'];
const OWNER_FIELDS = MEASURE_FIELDS.filter((f) => !TIER_FIELDS.includes(f) && !STATUS_FIELDS.includes(f));

/**
 * Does this change need a reason? A direct change of status or progress (an edit or a bulk
 * update, not a reconciled report, an import or a decision) is a correction and says why.
 */
export function statusChangeNeedsReason(source: string, changed: readonly string[]): boolean {
  return (
    (source === 'edit' || source === 'bulk') && changed.some((f) => STATUS_FIELDS.includes(f as MeasureField))
  );
}

/** A measure the actor's party owns outright: an internal one of its own party. */
const ownsInternal = (a: Actor, m: MeasureFacts) =>
  m.tier === 'internal' && a.partyId !== null && m.ownerPartyId === a.partyId;

/** Fields of this measure the actor may change (empty: read-only). */
export function editableMeasureFields(a: Actor, m: MeasureFacts): readonly MeasureField[] {
  if (!canReadMeasure(a, m)) return [];
  switch (a.role) {
    case 'admin':
      return MEASURE_FIELDS;
    case 'coordinator':
      if (ownsInternal(a, m)) return OWNER_FIELDS;
      return m.responsible.some((r) => r.partyId === a.partyId) ? COORDINATOR_FIELDS : [];
    case 'reporter':
      return m.responsible.some((r) => r.organisationId === a.organisationId) ? REPORTER_FIELDS : [];
    default:
      return [];
  }
}

/**
 * A coordinator may change responsible organisations of its own party only: the other
 * party's list must stay as it was.
 */
export function responsibleChangeAllowed(
  a: Actor,
  before: readonly { organisationId: string; partyId: string; role: string }[],
  after: readonly { organisationId: string; partyId: string; role: string }[],
): boolean {
  if (a.role === 'admin') return true;
  const foreign = (list: typeof before) =>
    list
      .filter((r) => r.partyId !== a.partyId)
      .map((r) => `${r.organisationId}:${r.role}`)
      .sort()
      .join(',');
  return foreign(before) === foreign(after);
}

/** Creating (and deleting or moving) measures: admins, and coordinators for their own internal ones. */
export function canCreateMeasure(a: Actor, m: Pick<MeasureFacts, 'tier' | 'ownerPartyId'>): boolean {
  if (a.role === 'admin') return true;
  return (
    a.role === 'coordinator' && m.tier === 'internal' && a.partyId !== null && m.ownerPartyId === a.partyId
  );
}

export const canDeleteMeasure = (a: Actor, m: MeasureFacts) => canCreateMeasure(a, m);
export const canMoveMeasure = (a: Actor, m: MeasureFacts) => canCreateMeasure(a, m);

/** Audit log: the joint secretariat only. A measure's history follows canReadMeasure. */
export const canReadAudit = (a: Actor) => isAdmin(a);

/** Accounts of other people (create, edit, disable, reset passwords): the joint secretariat only. */
export const canManageUsers = (a: Actor) => isAdmin(a);

/** API tokens of a user: the user themselves, and admins (to revoke a leaked one). */
export const canManageTokensOf = (a: Actor, ownerId: string) => a.userId === ownerId || isAdmin(a);

/**
 * Which organisation and party a user of this role belongs to. Coordinators and reporters
 * act for an organisation and so for its party; an admin is the joint secretariat, above
 * both parties; a viewer may name an organisation (an analyst's institute) but never gains a
 * party, since a party would open that party's internal data.
 */
export function userAffiliationRule(
  role: Role,
  organisation: { id: string; partyId: string } | null,
): { ok: true; organisationId: string | null; partyId: string | null } | { ok: false; problem: Message } {
  switch (role) {
    case 'coordinator':
    case 'reporter':
      return organisation
        ? { ok: true, organisationId: organisation.id, partyId: organisation.partyId }
        : { ok: false, problem: msg('user.orgRequired', { role: msg(`role.${role}`) }) };
    case 'admin':
      return organisation
        ? { ok: false, problem: msg('user.adminNoOrg') }
        : { ok: true, organisationId: null, partyId: null };
    default:
      return { ok: true, organisationId: organisation?.id ?? null, partyId: null };
  }
}

/**
 * An admin may not lock themselves out: neither disable their own account nor give up the
 * admin role (another admin must do it), so at least one working admin always remains.
 */
export function selfLockoutProblem(
  a: Actor,
  targetId: string,
  change: { disabled?: boolean; role?: Role },
): { path: 'disabled' | 'role'; rule: MessageKey } | null {
  if (a.userId !== targetId) return null;
  if (change.disabled === true) return { path: 'disabled', rule: 'user.selfDisable' };
  if (change.role !== undefined && change.role !== a.role) {
    return { path: 'role', rule: 'user.selfRole' };
  }
  return null;
}

/** Reporting periods (add, generate, close, lock, reopen): the joint secretariat only. */
export const canManagePeriods = (a: Actor) => isAdmin(a);
