/** Small helpers every service uses: version checks, transactions with audit, ids. */
import { inArray } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import {
  detail,
  type Entity,
  type EntityName,
  entityOf,
  fieldError,
  notFound,
  versionConflict,
} from '../domain/errors';

/**
 * Throws 404 when the row is absent and 409 when the caller's version is stale; `label`
 * names the row in the message (a measure's code in a bulk change).
 */
export function checkVersion<T extends { version: number }>(
  row: T | undefined,
  version: number,
  what: Entity | EntityName,
  label?: string,
): T {
  const entity = entityOf(what);
  if (!row) throw notFound(entity);
  if (row.version !== version) throw versionConflict(entity, row.version, label);
  return row;
}

/** Drops keys whose value is undefined (absent in a PATCH). */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Checks that every id exists in `table` (in one query); a missing one is a 422 naming
 * the field and index, e.g. `sphereIds.2`.
 */
export async function requireIds(
  db: DbOrTx,
  table: PgTable,
  idColumn: PgColumn,
  ids: readonly string[],
  path: string,
  what: Entity,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = (await db
    .select({ id: idColumn })
    .from(table)
    .where(inArray(idColumn, [...ids]))) as { id: string }[];
  const found = new Set(rows.map((r) => r.id));
  const details = ids.flatMap((id, i) => (found.has(id) ? [] : [detail(`${path}.${i}`, `noSuch.${what}`)]));
  if (details.length) throw fieldError('rule_violation', details);
}

export const iso = (d: Date) => d.toISOString();

type Results<T extends readonly (() => PromiseLike<unknown>)[]> = {
  -readonly [K in keyof T]: Awaited<ReturnType<T[K]>>;
};

/**
 * Runs independent reads in parallel on the pool, but one after another inside a
 * transaction: its single connection runs one query at a time (pg warns, and will refuse).
 */
export async function readAll<const T extends readonly (() => PromiseLike<unknown>)[]>(
  db: DbOrTx,
  reads: T,
): Promise<Results<T>> {
  if (db instanceof PgTransaction) {
    const out: unknown[] = [];
    for (const read of reads) out.push(await read());
    return out as Results<T>;
  }
  return (await Promise.all(reads.map((read) => read()))) as Results<T>;
}
