/**
 * Who reads, writes and moderates comments (issue 8 §6). A comment is `shared` (everyone who
 * may read its target) or `internal` (one party, and admins). Its target decides the least it
 * must hide: a comment on an internal measure stays inside the measure's owner, a comment on a
 * report the other party cannot read (not yet approved) stays inside the report's party, and a
 * reply to an internal comment stays inside that comment's party. Mirrored in SQL by
 * services/comments/visibility.ts; the tests prove the two agree.
 */
import type { CommentVisibility } from '../contracts/comments';
import type { ReportState, Tier } from '../contracts/enums';
import type { MessageKey } from '../contracts/messages';
import { type Actor, canReadMeasure, internalScope, isAdmin } from './policies';
import { canReadReport } from './report-visibility';

/** What a comment is on: a measure, or a report on that measure. */
export interface CommentTargetFacts {
  measure: { tier: Tier; ownerPartyId: string | null };
  report: { partyId: string; state: ReportState } | null;
}

/** A stored comment as the rules read it. */
export interface CommentFacts extends CommentTargetFacts {
  authorId: string;
  visibility: CommentVisibility;
  partyId: string | null;
  deleted: boolean;
}

/** May the actor read the measure or report a comment is on? */
export function canReadCommentTarget(a: Actor, t: CommentTargetFacts): boolean {
  return t.report ? canReadReport(a, { ...t.report, measure: t.measure }) : canReadMeasure(a, t.measure);
}

/** May the actor read this comment? Others get 404, and it is never counted for them. */
export function canReadComment(a: Actor, c: CommentFacts): boolean {
  if (!canReadCommentTarget(a, c)) return false;
  if (c.visibility === 'shared') return true;
  const scope = internalScope(a);
  return scope === 'all' || (scope !== null && scope === c.partyId);
}

/** Posting: everyone who reads the target but viewers, who read only. */
export const canPostComment = (a: Actor, t: CommentTargetFacts) =>
  a.role !== 'viewer' && canReadCommentTarget(a, t);

/** Editing: the author, while the comment stands and the author still reads it. */
export const canEditComment = (a: Actor, c: CommentFacts) =>
  !c.deleted && a.userId === c.authorId && a.role !== 'viewer' && canReadComment(a, c);

/** Deleting: the author, or an admin moderating. */
export const canDeleteComment = (a: Actor, c: CommentFacts) =>
  !c.deleted && (a.userId === c.authorId || isAdmin(a)) && canReadComment(a, c);

/** The party a comment on this target must stay inside whatever its author asks, else null. */
export function forcedCommentParty(
  t: CommentTargetFacts,
  parent: { visibility: CommentVisibility; partyId: string | null } | null = null,
): string | null {
  if (t.measure.tier === 'internal') return t.measure.ownerPartyId;
  if (t.report && t.report.state !== 'approved') return t.report.partyId;
  if (parent?.visibility === 'internal') return parent.partyId;
  return null;
}

/**
 * The visibility a new comment gets: internal inside the forced party when the target (or
 * the parent) demands it, else what the author asked; an internal comment belongs to the
 * author's party, so an author without one (an admin) can only ask for shared.
 */
export function resolveCommentVisibility(
  a: Actor,
  t: CommentTargetFacts,
  requested: CommentVisibility,
  parent: { visibility: CommentVisibility; partyId: string | null } | null = null,
): { ok: true; visibility: CommentVisibility; partyId: string | null } | { ok: false; rule: MessageKey } {
  const forced = forcedCommentParty(t, parent);
  if (forced) return { ok: true, visibility: 'internal', partyId: forced };
  if (requested === 'shared') return { ok: true, visibility: 'shared', partyId: null };
  if (!a.partyId || (a.role !== 'coordinator' && a.role !== 'reporter'))
    return { ok: false, rule: 'comment.internalNeedsParty' };
  return { ok: true, visibility: 'internal', partyId: a.partyId };
}
