/** PATCH and DELETE /comments/{id}: the author edits and deletes its own; admins moderate. */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Comment, CommentUpdate } from '../../contracts/comments';
import type { Tx } from '../../db/client';
import { comments } from '../../db/schema';
import { canDeleteComment, canEditComment } from '../../domain/comments';
import { forbidden, notFound, versionConflict } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { auditForm } from './create';
import { checkMentions } from './mentions';
import { COMMENT_COLUMNS, type CommentRow, factsOf, findVisibleComment, presentComments } from './read';

async function loadLocked(tx: Tx, actor: Actor, id: string, version: number | undefined) {
  const found = await findVisibleComment(tx, actor, id, true);
  if (!found) throw notFound('comment');
  if (version !== undefined && found.row.version !== version)
    throw versionConflict('comment', found.row.version);
  return found;
}

async function reread(tx: Tx, id: string) {
  const res = await tx.execute<CommentRow & Record<string, unknown>>(
    sql`select ${COMMENT_COLUMNS} from comments c where c.id = ${id}`,
  );
  return res.rows;
}

/** Edits the text (and mentions) of one's own comment; the event lists the newly mentioned. */
export async function updateComment(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.output<typeof CommentUpdate>,
): Promise<Comment> {
  return mutate(ctx, actor, async (tx, audit) => {
    const { row, target } = await loadLocked(tx, actor, id, input.version);
    const facts = factsOf(row, target);
    if (!canEditComment(actor, facts)) throw forbidden('forbidden.commentEdit');
    const mentions = input.mentions ?? row.mentions;
    await checkMentions(tx, mentions, facts);
    const [before] = await presentComments(tx, [row], target);
    await tx
      .update(comments)
      .set({
        body: input.text,
        mentions,
        editedAt: ctx.now(),
        updatedAt: ctx.now(),
        version: row.version + 1,
      })
      .where(eq(comments.id, id));
    const [out] = await presentComments(tx, await reread(tx, id), target);
    audit.record({
      action: 'comment.update',
      entityType: 'comment',
      entityId: id,
      before: auditForm(before),
      after: { ...auditForm(out), addedMentions: mentions.filter((m) => !row.mentions.includes(m)) },
      partyScope: row.partyId,
    });
    return out;
  });
}

/**
 * Deletes a comment: its text goes, the row stays while replies hang on it (shown as
 * deleted); an admin deleting someone else's comment is moderating, and the event says so.
 */
export async function deleteComment(ctx: Ctx, actor: Actor, id: string, version?: number): Promise<void> {
  await mutate(ctx, actor, async (tx, audit) => {
    const { row, target } = await loadLocked(tx, actor, id, version);
    if (!canDeleteComment(actor, factsOf(row, target))) throw forbidden('forbidden.commentDelete');
    const [before] = await presentComments(tx, [row], target);
    await tx
      .update(comments)
      .set({
        body: '',
        mentions: [],
        deletedAt: ctx.now(),
        deletedBy: actor.userId,
        updatedAt: ctx.now(),
        version: row.version + 1,
      })
      .where(eq(comments.id, id));
    audit.record({
      action: 'comment.delete',
      entityType: 'comment',
      entityId: id,
      before: auditForm(before),
      after: { deleted: true, moderated: actor.userId !== row.authorId },
      partyScope: row.partyId,
    });
  });
}
