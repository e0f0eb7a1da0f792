/** Health of the system as the readiness probe sees it, so the HTTP layer never touches the database module. */
import { sql } from 'drizzle-orm';
import { isMigrated } from '../db/client';
import type { Ctx } from './context';

/** True when the database answers and every committed migration has been applied. */
export async function isReady(ctx: Ctx): Promise<boolean> {
  return isMigrated(ctx).catch(() => false);
}

/** True when the database holds no agreement and no measure yet (the demo loads only into such a one). */
export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const r = await ctx.db.execute<{ n: number }>(
    sql`select (select count(*) from agreements) + (select count(*) from measures) as n`,
  );
  return Number(r.rows[0].n) === 0;
}
