import { describe, expect, it } from 'vitest';
import type { CommentVisibility } from '../contracts/comments';
import {
  type CommentFacts,
  type CommentTargetFacts,
  canDeleteComment,
  canEditComment,
  canPostComment,
  canReadComment,
  resolveCommentVisibility,
} from './comments';
import type { Actor } from './policies';

const KZ = 'kz';
const RU = 'ru';
const person = (role: Actor['role'], partyId: string | null, userId = `${role}-${partyId}`): Actor => ({
  userId,
  role,
  partyId,
  organisationId: partyId ? `org-${partyId}` : null,
  label: userId,
});
const admin = person('admin', null);
const viewer = person('viewer', null);
const kzCoord = person('coordinator', KZ);
const kzRep = person('reporter', KZ);
const ruCoord = person('coordinator', RU);

const sharedMeasure: CommentTargetFacts = { measure: { tier: 'shared', ownerPartyId: null }, report: null };
const internalKz: CommentTargetFacts = { measure: { tier: 'internal', ownerPartyId: KZ }, report: null };
const draftKz: CommentTargetFacts = { ...sharedMeasure, report: { partyId: KZ, state: 'submitted' } };
const approvedKz: CommentTargetFacts = { ...sharedMeasure, report: { partyId: KZ, state: 'approved' } };

describe('resolveCommentVisibility', () => {
  const cases: [string, Actor, CommentTargetFacts, CommentVisibility, unknown][] = [
    ['shared stays shared', kzCoord, sharedMeasure, 'shared', { visibility: 'shared', partyId: null }],
    [
      'internal is the author’s party',
      kzRep,
      sharedMeasure,
      'internal',
      { visibility: 'internal', partyId: KZ },
    ],
    [
      'an internal measure forces its owner',
      admin,
      internalKz,
      'shared',
      { visibility: 'internal', partyId: KZ },
    ],
    [
      'a report not yet approved forces its party',
      admin,
      draftKz,
      'shared',
      { visibility: 'internal', partyId: KZ },
    ],
    [
      'an approved report is open to both',
      ruCoord,
      approvedKz,
      'shared',
      { visibility: 'shared', partyId: null },
    ],
    [
      'an approved report, internal of the other side',
      ruCoord,
      approvedKz,
      'internal',
      { visibility: 'internal', partyId: RU },
    ],
  ];
  it.each(cases)('%s', (_name, a, t, requested, expected) => {
    expect(resolveCommentVisibility(a, t, requested)).toEqual({ ok: true, ...(expected as object) });
  });
  it('refuses an internal comment from an admin, who has no party', () => {
    expect(resolveCommentVisibility(admin, sharedMeasure, 'internal')).toEqual({
      ok: false,
      rule: 'comment.internalNeedsParty',
    });
  });
  it('keeps a reply to an internal comment inside that party', () => {
    expect(
      resolveCommentVisibility(kzCoord, sharedMeasure, 'shared', { visibility: 'internal', partyId: KZ }),
    ).toEqual({ ok: true, visibility: 'internal', partyId: KZ });
  });
});

describe('reading, posting, editing and deleting', () => {
  const comment = (t: CommentTargetFacts, over: Partial<CommentFacts> = {}): CommentFacts => ({
    ...t,
    authorId: kzRep.userId,
    visibility: 'shared',
    partyId: null,
    deleted: false,
    ...over,
  });
  const table: [string, Actor, CommentFacts, boolean][] = [
    ['the other party reads a shared comment', ruCoord, comment(sharedMeasure), true],
    [
      'the other party never reads an internal one',
      ruCoord,
      comment(sharedMeasure, { visibility: 'internal', partyId: KZ }),
      false,
    ],
    [
      'viewers never read an internal one',
      viewer,
      comment(sharedMeasure, { visibility: 'internal', partyId: KZ }),
      false,
    ],
    ['admins read every one', admin, comment(internalKz, { visibility: 'internal', partyId: KZ }), true],
    ['a shared comment on a report the other side cannot read', ruCoord, comment(draftKz), false],
    [
      'the own party reads its internal one',
      kzCoord,
      comment(sharedMeasure, { visibility: 'internal', partyId: KZ }),
      true,
    ],
  ];
  it.each(table)('%s', (_name, a, c, expected) => expect(canReadComment(a, c)).toBe(expected));

  it('lets everyone but viewers post where they read', () => {
    expect(canPostComment(viewer, sharedMeasure)).toBe(false);
    expect(canPostComment(ruCoord, sharedMeasure)).toBe(true);
    expect(canPostComment(ruCoord, internalKz)).toBe(false);
    expect(canPostComment(admin, draftKz)).toBe(true);
  });

  it('lets the author edit, and the author or an admin delete', () => {
    const c = comment(sharedMeasure);
    expect(canEditComment(kzRep, c)).toBe(true);
    expect(canEditComment(kzCoord, c)).toBe(false);
    expect(canEditComment(admin, c)).toBe(false);
    expect(canDeleteComment(admin, c)).toBe(true);
    expect(canDeleteComment(kzCoord, c)).toBe(false);
    expect(canDeleteComment(kzRep, { ...c, deleted: true })).toBe(false);
  });
});
