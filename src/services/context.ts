/**
 * What every use case receives besides the actor: the database and a clock. Tests pass a
 * fixed clock to make "today" (overdue, at risk) deterministic.
 */
import type { Db } from '../db/client';
import { isoToday } from '../domain/measures';

export interface Ctx {
  db: Db;
  now: () => Date;
}

export const today = (ctx: Ctx) => isoToday(ctx.now());
