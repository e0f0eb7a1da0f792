/** Health of the system as the readiness probe sees it, so the HTTP layer never touches the database module. */
import { isMigrated } from '../db/client';
import type { Ctx } from './context';

/** True when the database answers and every committed migration has been applied. */
export async function isReady(ctx: Ctx): Promise<boolean> {
  return isMigrated(ctx).catch(() => false);
}
