/**
 * The measure search as SQL: a WHERE condition for lists, counts and summaries, and the order
 * that ranks an exact code first, then its descendants, then text matches by ts_rank.
 *
 * A measure matches by its code (4.3.1 and 4.3.1.x, never 4.1.3: the code is one lexeme), by its
 * own text, or through a responsible organisation whose name matches («Минтранс», «КТЖ»,
 * «Russian Railways»). The bodies are looked up first (`matchingOrganisations`, a few dozen
 * rows), so a query that names none is the text index alone; one that names some adds an
 * `id in (…)` over their measures, which PostgreSQL hashes once.
 */
import { asc, desc, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { measures } from '../../db/schema';
import { lemmatizeForQuery, looseQuery, queryCode } from '../../text';
import { organisationVector } from './documents';

/** The parts of a query, prepared once for both the condition and the ranking. */
export interface PreparedSearch {
  code: string | null;
  /** For measures' stored vectors (null: no searchable word). */
  tsquery: string | null;
  /** For raw names and texts (null: no searchable word, or a code). */
  loose: string | null;
}

/** Splits a query into its code, its tsquery and its loose tsquery. */
export function prepareSearch(text: string): PreparedSearch {
  const code = queryCode(text);
  return { code, tsquery: lemmatizeForQuery(text), loose: code ? null : looseQuery(text) };
}

/**
 * The organisations whose names a query matches, looked up before the measure query: most
 * queries name no body, and then the measure search is the text index alone (an OR with a
 * subquery would make PostgreSQL test every measure instead of reading the index).
 */
export async function matchingOrganisations(db: DbOrTx, text: string): Promise<string[]> {
  const q = prepareSearch(text);
  if (!q.loose) return [];
  const { rows } = await db.execute<{ id: string }>(
    sql`select o.id from organisations o where ${organisationVector} @@ to_tsquery('simple', ${q.loose})`,
  );
  return rows.map((r) => r.id);
}

/**
 * The WHERE condition of a measure search: undefined for a blank query (no filter), `false` when
 * nothing searchable remains (only stop words or punctuation). Visibility is not included.
 * `organisationIds` are the bodies the query names, looked up first by `matchingOrganisations`.
 */
export function measureSearchCondition(text: string, organisationIds: readonly string[]): SQL | undefined {
  if (!text.trim()) return undefined;
  const q = prepareSearch(text);
  const conds: SQL[] = [];
  if (q.code) conds.push(sql`(${measures.code} = ${q.code} or ${measures.code} like ${`${q.code}.%`})`);
  if (q.tsquery) conds.push(sql`${measures.searchVector} @@ to_tsquery('simple', ${q.tsquery})`);
  if (organisationIds.length)
    conds.push(sql`${measures.id} in (select mr.measure_id from measure_responsibles mr
      where mr.organisation_id in ${organisationIds})`);
  if (conds.length === 0) return sql`false`;
  return conds.length === 1 ? conds[0] : sql`(${sql.join(conds, sql` or `)})`;
}

/** ORDER BY for a ranked measure search: exact code, descendants, text rank, then the tree order. */
export function measureSearchOrder(text: string): SQL[] {
  const q = prepareSearch(text);
  const order: SQL[] = [];
  if (q.code)
    order.push(
      sql`case when ${measures.code} = ${q.code} then 0 when ${measures.code} like ${`${q.code}.%`} then 1 else 2 end`,
      // descendants in tree order (joint numbers, then each party's series), not by text rank
      sql`case when ${measures.code} like ${`${q.code}.%`} then ${measures.sortKey} end`,
    );
  if (q.tsquery) order.push(desc(sql`ts_rank(${measures.searchVector}, to_tsquery('simple', ${q.tsquery}))`));
  order.push(asc(measures.sortKey), asc(measures.id));
  return order;
}
