/**
 * The measure list filtered by a monitoring flag (`atRisk=true`, `lateReport=true`): the first
 * page of 50 of the roadmap with its total, as the roadmap page's filter asks for it. The flags
 * depend on the reports of the roadmap's latest past-due period, so the dataset should hold
 * the report operations' reports (`--only report-submit` prepares them once).
 *
 * The raw form runs the service's own SQL text through `pg`, as bench/reports.ts does for its
 * reads (the same page and capped count, atRisk's count tried on its schedule part first):
 * what is left between the two is Fastify, authentication, presenting and serialising.
 */
import { and, asc, type SQL, sql } from 'drizzle-orm';
import { PgDialect, QueryBuilder } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { MeasureQuery } from '../src/contracts/roadmaps';
import { measures } from '../src/db/schema';
import { OUTER_ID, relationColumns } from '../src/services/measures/present';
import { MEASURE_COLUMNS, scheduleAtRiskSql } from '../src/services/measures/queries';
import { LIST_COUNT_CAP, measureFilter } from '../src/services/measures/read';
import type { Operation, Scenario } from './operations';

const dialect = new PgDialect();

/** The capped count of the list (`countCapped`'s statement) for `where`. */
const countQuery = (where: SQL | undefined) =>
  dialect.sqlToQuery(
    sql`select count(*)::int as n from (select 1 from ${measures} where ${where ?? sql`true`} limit ${LIST_COUNT_CAP + 1}) capped`,
  );

/** `list-at-risk` and `list-late-report`: the roadmap's first page of 50 and its total. */
export function flagListOperations(s: Scenario): Operation[] {
  return (['atRisk', 'lateReport'] as const).map((flag) => {
    const path = `/api/v1/measures?roadmapId=${s.roadmapId}&${flag}=true&limit=50`;
    const q = MeasureQuery.parse({ roadmapId: s.roadmapId, [flag]: 'true', limit: '50' });
    const page = new QueryBuilder()
      .select({ m: MEASURE_COLUMNS, ...relationColumns(OUTER_ID, s.admin, s.day) })
      .from(measures)
      .where(measureFilter(s.admin, q, s.day, [], { page: true }))
      .orderBy(asc(measures.sortKey), asc(measures.id))
      .limit(50)
      .toSQL();
    const total = countQuery(measureFilter(s.admin, q, s.day));
    const bySchedule = countQuery(
      and(measureFilter(s.admin, { ...q, atRisk: undefined }, s.day), scheduleAtRiskSql(s.day)),
    );
    const count = async (pool: pg.Pool) => {
      if (flag === 'atRisk') {
        const r = await pool.query(bySchedule.sql, bySchedule.params);
        if (r.rows[0].n > LIST_COUNT_CAP) return;
      }
      await pool.query(total.sql, total.params);
    };
    return {
      name: flag === 'atRisk' ? 'list-at-risk' : 'list-late-report',
      targetMs: 15,
      http: async () => ({ kind: 'fixed', method: 'GET', path }),
      sample: { method: 'GET', path },
      // page and total side by side, as the service runs them
      raw: async (pool) => {
        await Promise.all([pool.query(page.sql, page.params), count(pool)]);
        return true;
      },
      queries: [
        { label: 'page', text: page.sql, values: page.params },
        ...(flag === 'atRisk'
          ? [{ label: 'total, schedule part first', text: bySchedule.sql, values: bySchedule.params }]
          : []),
        { label: 'total', text: total.sql, values: total.params },
      ],
    } satisfies Operation;
  });
}
