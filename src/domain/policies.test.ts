import { describe, expect, it } from 'vitest';
import type { Role } from '../contracts/enums';
import {
  type Actor,
  canManageTokensOf,
  canManageUsers,
  selfLockoutProblem,
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
