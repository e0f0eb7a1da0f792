/**
 * The SQL form of domain `canReadComment` (src/domain/comments.ts), for every reader of
 * comments: lists, counts, mentions and notifications. visibility.test.ts proves the two agree.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, internalScope } from '../../domain/policies';
import { visibleAs } from '../measures/queries';
import { reportVisibleAs } from '../reports/visibility';

/**
 * The comments an actor may read, over aliases `c` (comments), `m` (its measure) and `r` (its
 * report, left-joined: null for a comment on the measure itself).
 */
export function commentVisibleAs(c: string, m: string, r: string, actor: Actor): SQL {
  const scope = internalScope(actor);
  if (scope === 'all') return sql`true`;
  const cc = sql.raw(c);
  const target = sql`(${sql.raw(`${c}.report_id`)} is null or ${reportVisibleAs(r, m, actor)})`;
  const own =
    scope === null
      ? sql`${cc}.visibility = 'shared'`
      : sql`(${cc}.visibility = 'shared' or ${cc}.party_id = ${scope})`;
  return sql`(${visibleAs(m, actor)} and ${target} and ${own})`;
}

/** The FROM clause `commentVisibleAs` expects, under the aliases c, m and r. */
export const COMMENT_FROM = sql`comments c join measures m on m.id = c.measure_id left join reports r on r.id = c.report_id`;
