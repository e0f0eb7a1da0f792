/** Who may see the jobs queue and whose notification is whose, role by role. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../contracts/enums';
import { canReadJobs, ownsNotification } from './notification-policies';
import type { Actor } from './policies';

const actor = (role: Role, userId = 'u1'): Actor => ({
  userId,
  role,
  partyId: null,
  organisationId: null,
  label: role,
});

describe('notification policies', () => {
  it.each([
    ['admin', true],
    ['coordinator', false],
    ['reporter', false],
    ['viewer', false],
  ] as [Role, boolean][])('the jobs queue: %s → %s', (role, allowed) => {
    expect(canReadJobs(actor(role))).toBe(allowed);
  });

  it('gives a notification to its recipient alone, admins included', () => {
    expect(ownsNotification(actor('viewer', 'u1'), { recipientId: 'u1' })).toBe(true);
    expect(ownsNotification(actor('admin', 'u2'), { recipientId: 'u1' })).toBe(false);
  });
});
