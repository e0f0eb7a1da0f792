/**
 * The names of audit events, one line each. Every write records one of these; notifications
 * and jobs subscribe to them by name, so a typo is a type error rather than a silent miss.
 */
export const AUDIT_ACTIONS = {
  'party.create': 'a party was added',
  'party.update': 'a party was changed',
  'party.delete': 'a party was removed',
  'sphere.create': 'a sphere of cooperation was added',
  'sphere.update': 'a sphere was changed',
  'sphere.delete': 'a sphere was removed',
  'organisation.create': 'an organisation was added',
  'organisation.update': 'an organisation was changed',
  'organisation.delete': 'an organisation was removed',
  'user.create': 'an account was created',
  'user.update': 'an account was changed by an administrator (name, role, organisation)',
  'user.disable': 'an account was disabled: its sessions and tokens end',
  'user.enable': 'a disabled account was enabled again',
  'user.profile_update': 'a user changed their own name or language',
  'user.password_change': 'a user changed their own password',
  'user.password_reset': 'an administrator set a new password for a user',
  'api_token.create': 'a personal API token was issued',
  'api_token.revoke': 'an API token was revoked',
  'api_token.revoke_all': 'every API token of a user was revoked (the account was disabled)',
  'session.create': 'a user signed in',
  'session.delete': 'a user signed out',
  'session.end_all': 'all sessions of a user were ended',
  'agreement.create': 'an agreement was added',
  'agreement.update': 'an agreement was changed',
  'agreement.delete': 'an agreement was removed',
  'provision.create': 'a provision was added',
  'provision.update': 'a provision was changed',
  'provision.delete': 'a provision was removed',
  'roadmap.create': 'a roadmap was created',
  'roadmap.update': 'a roadmap was changed (title, agreements, status)',
  'roadmap.delete': 'a roadmap was removed',
  'period.create': 'a reporting period was added to a roadmap (by an admin, on approval or by generation)',
  'period.update': "an open period's report due date followed its roadmap's new reportDueDays",
  'period.close': 'a reporting period was closed (by an admin or on schedule after its reports were due)',
  'period.lock': 'a reporting period was locked: nothing in it changes any more',
  'period.reopen': 'a closed or locked reporting period was reopened, with the reason',
  'measure.create': 'a measure was added to a roadmap',
  'measure.update':
    'fields of a measure changed (the event names its source: edit, bulk, report, import, decision)',
  'measure.move': 'a measure and its subtree moved under another parent and were renumbered',
  'measure.delete': 'a measure was removed',
  'dataset.generate': 'a synthetic dataset was generated (benchmarks)',
  'audit.checkpoint': 'the head of the audit chain was signed with the audit key',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];
