/**
 * Search timings on a generated dataset (issue 6, search): a page of 50 matches with and without
 * a roadmap filter, beside the plain tsquery page (the floor: the same page without the
 * organisation branch), exact and capped counts, the ranked header search, and the plan.
 *
 *   BENCH_DATABASE_URL=postgres://…/db npx tsx bench/search.ts
 *
 * The database should hold `accord demo generate --measures 100000` data (one roadmap).
 */
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client';
import { measures } from '../src/db/schema';
import { SYSTEM_ACTOR } from '../src/domain/policies';
import { initMorphology, lemmatizeForQuery } from '../src/text';
import { matchingOrganisations, measureSearchCondition } from '../src/services/search/conditions';
import { countCapped } from '../src/services/search/count';
import { searchEverything } from '../src/services/search/everything';
const target = process.env.BENCH_DATABASE_URL;
if (!target)
  throw new Error('Set BENCH_DATABASE_URL to a database made by `accord demo generate --measures 100000`');
const database = openDatabase(target);
const db = database.db;
await initMorphology();
await db.execute(sql`vacuum analyze`);
const [{ id: roadmapId }] = await db.select({ id: measures.roadmapId }).from(measures).limit(1);
const p50 = async (label: string, f: () => Promise<unknown>, n = 21) => {
  for (let i = 0; i < 3; i++) await f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  console.log(label.padEnd(60), ts[Math.floor(n / 2)].toFixed(1), 'ms');
};
const page = (where: SQL | undefined) =>
  db
    .select({ id: measures.id, code: measures.code, title: measures.title })
    .from(measures)
    .where(where)
    .orderBy(asc(measures.sortKey), asc(measures.id))
    .limit(50);
for (const q of ['развитие', 'железная дорога', 'Минтранс', '4.3.1']) {
  const cond = measureSearchCondition(q, await matchingOrganisations(db, q));
  const tsq = lemmatizeForQuery(q);
  const plain = tsq ? sql`${measures.searchVector} @@ to_tsquery('simple', ${tsq})` : sql`false`;
  const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int n from measures where ${cond}`))
    .rows;
  console.log(`-- «${q}»: ${n} matches`);
  await p50('page of 50, no roadmap', () => page(cond));
  await p50('page of 50, roadmap filter', () => page(and(eq(measures.roadmapId, roadmapId), cond)));
  await p50('limit: plain tsquery page of 50 (no org branch)', () => page(plain));
  await p50('exact count', () => db.$count(measures, cond));
  await p50('countCapped(1000)', () => countCapped(db, cond));
  await p50('header search (ranked, 5 per kind)', () =>
    searchEverything({ db, now: () => new Date() }, SYSTEM_ACTOR, { q, limit: 5 }),
  );
}
{
  const cond = measureSearchCondition('развитие', []);
  const plan = await db.execute<{ 'QUERY PLAN': string }>(
    sql`explain (analyze, buffers) select id, code, title from measures where ${cond} order by sort_key, id limit 50`,
  );
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await database.close();
