import { describe, expect, it } from 'vitest';
import type { Role } from '../contracts/enums';
import {
  type Actor,
  canManageTokensOf,
  canManageUsers,
  editableMeasureFields,
  selfLockoutProblem,
  statusChangeNeedsReason,
  userAffiliationRule,
} from './policies';

const actor = (role: Role, userId = 'u-1'): Actor => ({
  userId,
  role,
  partyId: role === 'coordinator' || role === 'reporter' ? 'p-kz' : null,
  organisationId: role === 'coordinator' || role === 'reporter' ? 'o-1' : null,
  label: `${role}@example.org`,
});

describe('accounts policies', () => {
  it('lets only admins manage users', () => {
    expect(
      (['admin', 'coordinator', 'reporter', 'viewer'] as const).map((r) => canManageUsers(actor(r))),
    ).toEqual([true, false, false, false]);
  });

  it('lets a user manage their own tokens and an admin anyone’s', () => {
    expect(canManageTokensOf(actor('reporter', 'me'), 'me')).toBe(true);
    expect(canManageTokensOf(actor('coordinator', 'me'), 'someone')).toBe(false);
    expect(canManageTokensOf(actor('admin', 'me'), 'someone')).toBe(true);
  });

  it('takes a coordinator’s or reporter’s party from its organisation and requires one', () => {
    const org = { id: 'o-9', partyId: 'p-ru' };
    for (const role of ['coordinator', 'reporter'] as const) {
      expect(userAffiliationRule(role, org)).toEqual({ ok: true, organisationId: 'o-9', partyId: 'p-ru' });
      expect(userAffiliationRule(role, null)).toMatchObject({ ok: false });
    }
  });

  it('gives admins no organisation and viewers no party', () => {
    const org = { id: 'o-9', partyId: 'p-ru' };
    expect(userAffiliationRule('admin', null)).toEqual({ ok: true, organisationId: null, partyId: null });
    expect(userAffiliationRule('admin', org)).toMatchObject({ ok: false });
    expect(userAffiliationRule('viewer', org)).toEqual({ ok: true, organisationId: 'o-9', partyId: null });
    expect(userAffiliationRule('viewer', null)).toEqual({ ok: true, organisationId: null, partyId: null });
  });

  it('stops an admin from disabling or demoting themselves, not others', () => {
    const me = actor('admin', 'me');
    expect(selfLockoutProblem(me, 'me', { disabled: true })?.path).toBe('disabled');
    expect(selfLockoutProblem(me, 'me', { role: 'viewer' })?.path).toBe('role');
    expect(selfLockoutProblem(me, 'me', { role: 'admin', disabled: false })).toBeNull();
    expect(selfLockoutProblem(me, 'other', { disabled: true, role: 'viewer' })).toBeNull();
  });
});

describe('measure status and progress follow reconciliation', () => {
  const who = (role: Actor['role'], partyId: string | null, organisationId: string | null): Actor => ({
    userId: 'u',
    role,
    partyId,
    organisationId,
    label: role,
  });
  const joint = {
    tier: 'shared' as const,
    ownerPartyId: null,
    responsible: [{ organisationId: 'kz-agency', partyId: 'kz' }],
  };
  const internal = { ...joint, tier: 'internal' as const, ownerPartyId: 'kz' };

  it.each([
    ['admin', who('admin', null, null), joint, true],
    ['coordinator of the responsible party', who('coordinator', 'kz', 'kz-ministry'), joint, false],
    ['coordinator owning an internal measure', who('coordinator', 'kz', 'kz-ministry'), internal, false],
    ['reporter of the responsible organisation', who('reporter', 'kz', 'kz-agency'), joint, false],
  ] as const)('%s may set them directly: %s', (_n, actor, m, allowed) => {
    const fields = editableMeasureFields(actor, m);
    expect(fields.includes('status')).toBe(allowed);
    expect(fields.includes('progress')).toBe(allowed);
  });

  it('a coordinator still plans dates; a reporter edits nothing', () => {
    expect(editableMeasureFields(who('coordinator', 'kz', 'kz-ministry'), joint)).toContain('dueDate');
    expect(editableMeasureFields(who('reporter', 'kz', 'kz-agency'), joint)).toEqual([]);
  });

  it.each([
    ['edit', ['status'], true],
    ['bulk', ['progress', 'dueDate'], true],
    ['edit', ['dueDate'], false],
    ['report', ['status', 'progress'], false],
    ['import', ['status'], false],
    ['decision', ['progress'], false],
  ] as const)('a %s changing %j needs a reason: %s', (source, changed, needs) => {
    expect(statusChangeNeedsReason(source, changed)).toBe(needs);
  });
});
