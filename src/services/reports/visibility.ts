/**
 * The SQL form of domain `canReadReport` (src/domain/report-visibility.ts), shared by every
 * reader of reports: the reports list, joint statuses' side-by-side view, comments,
 * notifications, exports, calendars and the commission report. visibility.test.ts proves the
 * two agree on the same rows.
 */
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { reports } from '../../db/schema';
import { type Actor, internalScope } from '../../domain/policies';
import { measureVisibility } from '../measures/queries';

/**
 * The reports an actor may read, as a WHERE condition over `reports` joined to `measures`
 * (on reports.measure_id = measures.id); undefined when the actor reads them all.
 */
export function reportVisibility(actor: Actor): SQL | undefined {
  const scope = internalScope(actor);
  if (scope === 'all') return undefined;
  const approved = eq(reports.state, 'approved');
  return and(measureVisibility(actor), scope === null ? approved : or(approved, eq(reports.partyId, scope)));
}

/** `reportVisibility` for aliases of the two tables (`r` for reports, `m` for measures), in raw SQL. */
export function reportVisibleAs(r: string, m: string, actor: Actor): SQL {
  const scope = internalScope(actor);
  const rr = sql.raw(r);
  const mm = sql.raw(m);
  if (scope === 'all') return sql`true`;
  if (scope === null) return sql`(${mm}.tier <> 'internal' and ${rr}.state = 'approved')`;
  return sql`((${mm}.tier <> 'internal' or ${mm}.owner_party_id = ${scope}) and (${rr}.state = 'approved' or ${rr}.party_id = ${scope}))`;
}
