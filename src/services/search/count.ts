/**
 * A count that stops at a cap: past a few thousand matches nobody needs the exact figure, and
 * counting every match of a common word reads the whole table («more than 1,000» instead).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { measures } from '../../db/schema';

/** Default cap of `countCapped`. */
export const COUNT_CAP = 1000;

/** The number of measures matching `where`, exact up to `cap`; beyond it `{ total: cap, totalIsExact: false }`. */
export async function countCapped(
  db: DbOrTx,
  where: SQL | undefined,
  cap: number = COUNT_CAP,
): Promise<{ total: number; totalIsExact: boolean }> {
  const result = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${measures} where ${where ?? sql`true`} limit ${cap + 1}) capped`,
  );
  const n = Number(result.rows[0]?.n ?? 0);
  return n > cap ? { total: cap, totalIsExact: false } : { total: n, totalIsExact: true };
}
