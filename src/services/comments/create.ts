/** POST /measures/{id}/comments and /reports/{id}/comments: a comment or a reply. */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Comment, CommentCreate } from '../../contracts/comments';
import { comments } from '../../db/schema';
import { type CommentFacts, canPostComment, resolveCommentVisibility } from '../../domain/comments';
import { forbidden, ruleViolation } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { checkMentions } from './mentions';
import { COMMENT_COLUMNS, type CommentRow, findVisibleComment, presentComments } from './read';
import { loadTarget, type Target } from './target';

/** The audit form of a comment: the contract, with mentions as the user ids notifications need. */
export const auditForm = (c: Comment) => ({
  ...c,
  // the target by name too, so that notifications find what the mentions are about
  ...(c.target.kind === 'measure' ? { measureId: c.target.id } : { reportId: c.target.id }),
  mentions: c.mentions.map((m) => m.id),
});

/** Posts a comment on a target the actor reads; replies go one level deep. */
export async function createComment(
  ctx: Ctx,
  actor: Actor,
  target: Pick<Target, 'kind' | 'id'>,
  input: z.output<typeof CommentCreate>,
): Promise<Comment> {
  return mutate(ctx, actor, async (tx, audit) => {
    const t = await loadTarget(tx, actor, target.kind, target.id);
    if (!canPostComment(actor, t.facts)) throw forbidden('forbidden.comments');
    let parent: CommentRow | null = null;
    if (input.parentId) {
      const found = await findVisibleComment(tx, actor, input.parentId);
      if (!found || found.target.kind !== t.kind || found.target.id !== t.id)
        throw ruleViolation('parentId', 'comment.noSuchParent');
      if (found.row.parentId) throw ruleViolation('parentId', 'comment.replyDepth');
      parent = found.row;
    }
    const v = resolveCommentVisibility(actor, t.facts, input.visibility, parent);
    if (!v.ok) throw ruleViolation('visibility', v.rule);
    const facts: CommentFacts = { ...t.facts, authorId: actor.userId, ...v, deleted: false };
    await checkMentions(tx, input.mentions, facts);
    const [inserted] = await tx
      .insert(comments)
      .values({
        measureId: t.measureId,
        reportId: t.reportId,
        parentId: parent?.id ?? null,
        authorId: actor.userId,
        visibility: v.visibility,
        partyId: v.partyId,
        body: input.text,
        mentions: input.mentions,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning({ id: comments.id });
    const res = await tx.execute<CommentRow & Record<string, unknown>>(
      sql`select ${COMMENT_COLUMNS} from comments c where c.id = ${inserted.id}`,
    );
    const [out] = await presentComments(tx, res.rows, t);
    audit.record({
      action: 'comment.create',
      entityType: 'comment',
      entityId: out.id,
      after: auditForm(out),
      partyScope: v.partyId,
    });
    return out;
  });
}
