/**
 * The SQL face of the measure rules: visibility, derived flags and counted children, as
 * WHERE conditions that every reader (lists, summary, roadmaps, exports, search) shares. Each
 * mirrors a pure rule in src/domain; queries.test.ts proves the two agree on the same rows.
 */
import { and, eq, getTableColumns, ne, or, type SQL, sql } from 'drizzle-orm';
import { measures } from '../../db/schema';
import { AT_RISK_THRESHOLD } from '../../domain/measures';
import { type Actor, internalScope } from '../../domain/policies';
import { REPORT_MISSING, reportFlaggedSetSql, reportFlagsSql } from './monitoring-flags';

/**
 * Every column but the search vector, which only WHERE clauses read: selecting it would ship
 * a large tsvector with every row for nothing.
 */
const { searchVector: _searchVector, ...columns } = getTableColumns(measures);
export const MEASURE_COLUMNS = columns;

/** A stored measure as services read it (never leaves a service: see present.ts). */
export type MeasureRow = Omit<typeof measures.$inferSelect, 'searchVector'>;
export type ResponsibleRow = { organisationId: string; partyId: string; role: 'lead' | 'co_executor' };

/** The measures an actor may see (domain `canReadMeasure`), as a WHERE condition (undefined: all). */
export function measureVisibility(actor: Actor): SQL | undefined {
  const scope = internalScope(actor);
  if (scope === 'all') return undefined;
  if (scope === null) return ne(measures.tier, 'internal');
  return or(ne(measures.tier, 'internal'), eq(measures.ownerPartyId, scope));
}

/** `measureVisibility` for another alias of the measures table (`dm.tier`, …). */
export function visibleAs(alias: string, actor: Actor): SQL {
  const scope = internalScope(actor);
  const a = sql.raw(alias);
  if (scope === 'all') return sql`true`;
  if (scope === null) return sql`${a}.tier <> 'internal'`;
  return sql`(${a}.tier <> 'internal' or ${a}.owner_party_id = ${scope})`;
}

const OPEN = sql`${measures.status} not in ('completed', 'cancelled')`;

/** SQL form of domain `isOverdue`. */
export const overdueSql = (day: string) => sql`(${OPEN} and ${measures.dueDate} < ${day}::date)`;

/** SQL form of domain `isAtRisk`: behind schedule (see its doc comment for the formula). */
export const scheduleAtRiskSql = (day: string) =>
  sql`(${OPEN} and ${measures.dueDate} >= ${day}::date and ${measures.startDate} <= ${day}::date and ((${day}::date - ${measures.startDate})::float8 / greatest(${measures.dueDate} - ${measures.startDate}, 1)) * 100 - ${measures.progress} > ${AT_RISK_THRESHOLD})`;

/**
 * SQL form of domain `isAtRiskAsKnown`: behind schedule, or open, not overdue and missing a
 * report of the roadmap's latest past-due period as `actor` may know it.
 */
export const atRiskSql = (day: string, actor: Actor) =>
  sql`(${scheduleAtRiskSql(day)} or (${OPEN} and ${measures.dueDate} >= ${day}::date and ${reportFlagsSql(actor, day)} = ${REPORT_MISSING}))`;

/**
 * The list filter `atRisk=`. True is an `or`, under which PostgreSQL turns no subquery into a
 * join: a count looks the outer measure up in the set of measures missing a report
 * (`reportFlaggedSetSql`, built and hashed once, of the open measures not overdue alone, as
 * only those can be at risk through a report; `roadmapId` narrows it to the list's roadmap);
 * a page (`page`) keeps `atRiskSql`, per row until the page is full (the planner would hash an
 * `exists` there and build the whole set for 50 rows). False keeps `atRiskSql` per row too:
 * most measures are not at risk, and a capped count or a page stops after a few; the anti-join
 * built the whole set first and cost ten times the CPU on the bench's 100,000 measures.
 */
export function atRiskFilterSql(
  day: string,
  actor: Actor,
  want: boolean,
  opts: { roadmapId?: string; page?: boolean } = {},
): SQL {
  if (!want) return sql`not ${atRiskSql(day, actor)}`;
  if (opts.page) return atRiskSql(day, actor);
  const missing = reportFlaggedSetSql(actor, day, 'missing', {
    roadmapId: opts.roadmapId,
    and: sql`fm.status not in ('completed', 'cancelled') and fm.due_date >= ${day}::date`,
  });
  return sql`(${scheduleAtRiskSql(day)} or (${OPEN} and ${measures.dueDate} >= ${day}::date and ${measures.id} in ${missing}))`;
}

/** SQL form of domain `countsTowardsParent`: the children of `parent` that its roll-up counts. */
export const countedChildrenSql = (parent: { id: string; tier: string }) =>
  and(
    eq(measures.parentId, parent.id),
    parent.tier === 'internal' ? undefined : ne(measures.tier, 'internal'),
  );

/**
 * `countsTowardsParent` for aliases `p` (parent) and `c` (child) in set-based statements
 * (the batch roll-up of write-batch.ts and the generator).
 */
export const countedChildrenJoin = (p: string, c: string) =>
  sql.raw(`(${p}.tier = 'internal' or ${c}.tier <> 'internal')`);
