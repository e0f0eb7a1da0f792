/**
 * Mentions: the people who may read a comment, for the picker, and the check that every
 * mentioned person may read the comment as it will be stored (else 400 naming `mentions`).
 */
import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CommentVisibility, Mentionable, MentionableQuery } from '../../contracts/comments';
import type { DbOrTx } from '../../db/client';
import { organisations, users } from '../../db/schema';
import {
  type CommentFacts,
  canPostComment,
  canReadComment,
  forcedCommentParty,
  resolveCommentVisibility,
} from '../../domain/comments';
import { detail, fieldError, forbidden, ruleViolation } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { findVisibleComment } from './read';
import { loadTarget, type Target } from './target';

type UserRow = {
  id: string;
  name: string;
  role: Actor['role'];
  partyId: string | null;
  organisationId: string | null;
};

/** What the rules read of a user. */
const READER_COLUMNS = {
  id: users.id,
  name: users.name,
  role: users.role,
  partyId: users.partyId,
  organisationId: users.organisationId,
};

/** A user as the rules see them when they read. */
const readerOf = (u: UserRow): Actor => ({
  userId: u.id,
  role: u.role,
  partyId: u.partyId,
  organisationId: u.organisationId,
  label: u.name,
});

/** The readers of a comment as a WHERE over users: the internal party and admins, else everyone. */
function readersSql(partyId: string | null, targetParty: string | null): SQL | undefined {
  const party = partyId ?? targetParty;
  if (!party) return undefined;
  return or(
    eq(users.role, 'admin'),
    and(inArray(users.role, ['coordinator', 'reporter']), eq(users.partyId, party)),
  );
}

/** Refuses mentions of people who do not exist, are disabled, or may not read the comment. */
export async function checkMentions(db: DbOrTx, ids: readonly string[], facts: CommentFacts): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ ...READER_COLUMNS, disabled: users.disabled })
    .from(users)
    .where(inArray(users.id, [...ids]));
  const byId = new Map(found.map((u) => [u.id, u]));
  const details = ids.flatMap((id) => {
    const u = byId.get(id);
    if (!u || u.disabled) return [detail('mentions', 'comment.mentionUnknown')];
    return canReadComment(readerOf(u), facts)
      ? []
      : [detail('mentions', 'comment.mentionCannotSee', { name: u.name })];
  });
  if (details.length) throw fieldError('validation_failed', details);
}

/** GET /measures/{id}/mentionable and /reports/{id}/mentionable: whom a new comment may mention. */
export async function listMentionable(
  ctx: Ctx,
  actor: Actor,
  target: Pick<Target, 'kind' | 'id'>,
  q: z.output<typeof MentionableQuery>,
): Promise<Mentionable> {
  const t = await loadTarget(ctx.db, actor, target.kind, target.id);
  if (!canPostComment(actor, t.facts)) throw forbidden('forbidden.comments');
  const parent = q.parentId ? await findVisibleComment(ctx.db, actor, q.parentId) : null;
  const v = resolveCommentVisibility(actor, t.facts, q.visibility as CommentVisibility, parent?.row ?? null);
  if (!v.ok) throw ruleViolation('visibility', v.rule);
  const facts: CommentFacts = { ...t.facts, authorId: actor.userId, ...v, deleted: false };
  const targetParty = forcedCommentParty(t.facts);
  const rows = await ctx.db
    .select({ ...READER_COLUMNS, organisation: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(users.disabled, false),
        q.q ? ilike(users.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        readersSql(v.partyId, targetParty),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(20);
  return {
    data: rows
      .filter((u) => canReadComment(readerOf(u), facts))
      .map((u) => ({ id: u.id, name: u.name, role: u.role, organisation: u.organisation ?? null })),
  };
}
