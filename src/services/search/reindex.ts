/**
 * Keeps stored search vectors in step with the text module: when SEARCH_INDEX_VERSION changes
 * (new lexemes: families, stems, codes as one token), every measure's vector is rebuilt once, in
 * batches, at start; `search_index_state` records the version the vectors were built with.
 */
import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { measures, searchIndexState } from '../../db/schema';
import { SEARCH_INDEX_VERSION } from '../../text';
import { measureSearchText } from './documents';

const BATCH = 2000;

/** Rebuilds measures' search vectors if they were built by another index version; returns how many. */
export async function ensureSearchIndex(db: Db): Promise<number> {
  const [state] = await db.select().from(searchIndexState);
  if (state?.version === SEARCH_INDEX_VERSION) return 0;
  let rebuilt = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await db
      .select({
        id: measures.id,
        code: measures.code,
        title: measures.title,
        description: measures.description,
      })
      .from(measures)
      .where(gt(measures.id, after))
      .orderBy(asc(measures.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    const docs = rows.map((r) => ({ i: r.id, q: measureSearchText(r) }));
    await db.execute(sql`update ${measures} m set search_vector = to_tsvector('simple', x.q)
      from json_to_recordset(${JSON.stringify(docs)}::json) as x(i uuid, q text) where m.id = x.i`);
    rebuilt += rows.length;
    after = rows[rows.length - 1].id;
  }
  await db
    .insert(searchIndexState)
    .values({ id: 1, version: SEARCH_INDEX_VERSION })
    .onConflictDoUpdate({ target: searchIndexState.id, set: { version: SEARCH_INDEX_VERSION } });
  return rebuilt;
}
