/**
 * Reading comments: a target's threads a page at a time (top-level comments oldest first,
 * each with its replies), counted and filtered by the SQL visibility rule alone, so nothing
 * the caller may not read is ever counted, numbered or hinted at.
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Comment, CommentPage, CommentQuery, CommentThread } from '../../contracts/comments';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import {
  type CommentFacts,
  canPostComment,
  forcedCommentParty,
  resolveCommentVisibility,
} from '../../domain/comments';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { loadTarget, type Target } from './target';
import { COMMENT_FROM, commentVisibleAs } from './visibility';

/** A comment row as the readers select it. */
export interface CommentRow {
  id: string;
  measureId: string;
  reportId: string | null;
  parentId: string | null;
  authorId: string;
  visibility: 'shared' | 'internal';
  partyId: string | null;
  body: string;
  mentions: string[];
  editedAt: Date | string | null;
  deletedAt: Date | string | null;
  createdAt: Date | string;
  version: number;
}

export const COMMENT_COLUMNS = sql.raw(
  `c.id, c.measure_id as "measureId", c.report_id as "reportId", c.parent_id as "parentId",
   c.author_id as "authorId", c.visibility, c.party_id as "partyId", c.body, c.mentions,
   c.edited_at as "editedAt", c.deleted_at as "deletedAt", c.created_at as "createdAt", c.version`,
);

const isoOf = (d: Date | string) => new Date(d).toISOString();

/** The comments of one target: its own, not those of the measure's reports. */
export const onTarget = (t: Pick<Target, 'kind' | 'id'>): SQL =>
  t.kind === 'measure' ? sql`c.measure_id = ${t.id} and c.report_id is null` : sql`c.report_id = ${t.id}`;

/** The facts of a stored comment for the domain rules. */
export const factsOf = (row: CommentRow, t: Target): CommentFacts => ({
  ...t.facts,
  authorId: row.authorId,
  visibility: row.visibility,
  partyId: row.partyId,
  deleted: row.deletedAt !== null,
});

type Person = { id: string; name: string; organisationId: string | null; partyId: string | null };

/** Authors and mentioned people of these rows, in one query. */
async function peopleOf(db: DbOrTx, rows: CommentRow[]): Promise<Map<string, Person>> {
  const ids = [...new Set(rows.flatMap((r) => [r.authorId, ...r.mentions]))];
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: users.id, name: users.name, organisationId: users.organisationId, partyId: users.partyId })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(found.map((p) => [p.id, p]));
}

function present(row: CommentRow, t: Pick<Target, 'kind' | 'id'>, people: Map<string, Person>): Comment {
  const author = people.get(row.authorId) ?? {
    id: row.authorId,
    name: '',
    organisationId: null,
    partyId: null,
  };
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    target: { kind: t.kind, id: t.id },
    parentId: row.parentId,
    author,
    visibility: row.visibility,
    partyId: row.partyId,
    text: deleted ? '' : row.body,
    mentions: deleted ? [] : row.mentions.map((id) => ({ id, name: people.get(id)?.name ?? '' })),
    createdAt: isoOf(row.createdAt),
    editedAt: row.editedAt ? isoOf(row.editedAt) : null,
    deleted,
    version: row.version,
  };
}

/** Rows → contract, with every person resolved in one query. */
export async function presentComments(db: DbOrTx, rows: CommentRow[], t: Pick<Target, 'kind' | 'id'>) {
  const people = await peopleOf(db, rows);
  return rows.map((r) => present(r, t, people));
}

/**
 * A top-level comment is listed while it stands, or, once deleted, while a reply the caller
 * reads hangs on it (shown without its text).
 */
const listedSql = (actor: Actor) =>
  sql`(c.deleted_at is null or exists (select 1 from comments c2 where c2.parent_id = c.id and c2.deleted_at is null and ${commentVisibleAs('c2', 'm', 'r', actor)}))`;

/** GET /measures/{id}/comments and /reports/{id}/comments. */
export async function listComments(
  ctx: Ctx,
  actor: Actor,
  target: Pick<Target, 'kind' | 'id'>,
  q: z.output<typeof CommentQuery>,
): Promise<CommentPage> {
  const t = await loadTarget(ctx.db, actor, target.kind, target.id);
  const visible = sql`${onTarget(t)} and ${commentVisibleAs('c', 'm', 'r', actor)}`;
  const top = sql`${visible} and c.parent_id is null and ${listedSql(actor)}`;
  const [page, counts] = await Promise.all([
    ctx.db.execute<CommentRow & Record<string, unknown>>(
      sql`select ${COMMENT_COLUMNS} from ${COMMENT_FROM} where ${top} order by c.seq limit ${q.limit} offset ${(q.page - 1) * q.limit}`,
    ),
    ctx.db.execute<{ total: number; comments: number }>(
      sql`select (select count(*)::int from ${COMMENT_FROM} where ${top}) as total,
                 (select count(*)::int from ${COMMENT_FROM} where ${visible} and c.deleted_at is null) as comments`,
    ),
  ]);
  const parents = page.rows.map((r) => r.id);
  const replies = parents.length
    ? (
        await ctx.db.execute<CommentRow & Record<string, unknown>>(
          sql`select ${COMMENT_COLUMNS} from ${COMMENT_FROM} where ${visible} and c.deleted_at is null and c.parent_id in ${parents} order by c.seq`,
        )
      ).rows
    : [];
  const all = await presentComments(ctx.db, [...page.rows, ...replies], t);
  const byParent = new Map<string, Comment[]>();
  for (const c of all.slice(page.rows.length))
    byParent.set(c.parentId!, [...(byParent.get(c.parentId!) ?? []), c]);
  const data: CommentThread[] = all
    .slice(0, page.rows.length)
    .map((c) => ({ ...c, replies: byParent.get(c.id) ?? [] }));
  const allowed = canPostComment(actor, t.facts);
  const posting = {
    allowed,
    forcedInternal: forcedCommentParty(t.facts) !== null,
    canChooseInternal: allowed && resolveCommentVisibility(actor, t.facts, 'internal').ok,
  };
  const { total, comments } = counts.rows[0];
  return { data, page: q.page, limit: q.limit, total, comments, posting };
}

/** One comment the actor may read, with its target; 404 otherwise (also while it is deleted). */
export async function findVisibleComment(
  db: DbOrTx,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ row: CommentRow; target: Target } | null> {
  const res = await db.execute<CommentRow & Record<string, unknown>>(
    sql`select ${COMMENT_COLUMNS} from ${COMMENT_FROM} where c.id = ${id} and c.deleted_at is null and ${commentVisibleAs('c', 'm', 'r', actor)}${lock ? sql` for update of c` : sql``}`,
  );
  const row = res.rows[0];
  if (!row) return null;
  const target = row.reportId
    ? await loadTarget(db, actor, 'report', row.reportId)
    : await loadTarget(db, actor, 'measure', row.measureId);
  return { row, target };
}
