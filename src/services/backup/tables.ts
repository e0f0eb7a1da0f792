/**
 * What a backup holds and how the database is read for it: the tables in dependency order,
 * their columns and the schema migration level. The file format is src/documents/backup/.
 *
 * What is in it: every table of src/db/schema.ts, the audit chain (events and head) and the
 * users' password hashes and hashed API tokens included, so that people sign in and
 * integrations keep working after a restore. Left out: `sessions` (sign-ins belong to the
 * server they were made on; a restored copy should ask people to sign in again rather than
 * resurrect cookies that may have been signed out since), `sign_in_attempts` (a
 * 15-minute rate-limit window, meaningless later), and the derived summary cache
 * (`summary_cache`, `roadmap_changes`, `summary_parts`, `summary_days`: the import's own
 * inserts note fresh changes and rebuild the sums through their triggers, and summaries are
 * recomputed on first use). The file therefore holds secrets
 * (argon2 hashes): keep it like the database itself.
 */
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import * as schema from '../../db/schema';
import type { MigrationLevel } from '../../documents/backup/format';
import type { Ctx } from '../context';

/** Tables deliberately left out of a backup (see the module comment for why). */
export const EXCLUDED_TABLES: readonly string[] = [
  'sessions',
  'sign_in_attempts',
  'summary_cache',
  'roadmap_changes',
  'summary_parts',
  'summary_days',
  'search_index_state',
];

/** One table as a backup sees it. */
export interface BackupTable {
  name: string;
  /** Primary-key columns: rows are written in this order, so equal databases give equal files. */
  primaryKey: string[];
  /** A column referencing the same table (a tree): parents are written before children. */
  selfReference: { column: string; references: string } | null;
}

/** An identifier quoted for SQL. */
export const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Every table of the schema except the excluded ones, parents before the tables that
 * reference them (declaration order among equals).
 */
export function backupTables(): BackupTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const configs = new Map(tables.map((t) => [getTableConfig(t).name, getTableConfig(t)]));
  const ordered: BackupTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle through ${name}`);
    state.set(name, 'visiting');
    const config = configs.get(name)!;
    let selfReference: BackupTable['selfReference'] = null;
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      if (target === name) {
        selfReference = { column: ref.columns[0].name, references: ref.foreignColumns[0].name };
      } else {
        visit(target);
      }
    }
    const primaryKey = [
      ...config.columns.filter((c) => c.primary).map((c) => c.name),
      ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
    ];
    state.set(name, 'done');
    if (!EXCLUDED_TABLES.includes(name)) ordered.push({ name, primaryKey, selfReference });
  };
  for (const name of configs.keys()) visit(name);
  return ordered;
}

/** A connection or pool that can run a query. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** The pg pool behind a context (cursors and transactions need a dedicated connection). */
export function poolOf(ctx: Ctx): pg.Pool {
  // Drizzle keeps the pg pool it wraps as `$client`.
  return (ctx.db as unknown as { $client: pg.Pool }).$client;
}

/** The migration level of the database behind `client` (count 0 when none is applied). */
export async function migrationLevel(client: Queryable): Promise<MigrationLevel> {
  const exists = await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists.rows[0].ok) return { count: 0, latest: null };
  const r = await client.query(
    'select count(*)::int as n, (array_agg(hash order by created_at desc, id desc))[1] as latest from drizzle.__drizzle_migrations',
  );
  return { count: r.rows[0].n, latest: r.rows[0].latest ?? null };
}

/** The columns of each of `names`, in table order. */
export async function tableColumns(client: Queryable, names: string[]): Promise<Map<string, string[]>> {
  const r = await client.query(
    `select table_name, array_agg(column_name::text order by ordinal_position) as columns
       from information_schema.columns
      where table_schema = current_schema() and table_name = any($1::text[])
      group by table_name`,
    [names],
  );
  return new Map(r.rows.map((row) => [row.table_name as string, row.columns as string[]]));
}

/** The rows of `t` as JSON text, parents before children in a tree table. */
export function selectRows(t: BackupTable): string {
  const order = t.primaryKey.map((c) => `t.${q(c)}`).join(', ');
  if (!t.selfReference) return `select row_to_json(t)::text as r from ${q(t.name)} t order by ${order}`;
  // Parents first: the level of each row in its tree, then the primary key.
  const { column, references } = t.selfReference;
  return `with recursive lvl(k, n) as (
            select ${q(references)}, 0 from ${q(t.name)} where ${q(column)} is null
            union all
            select c.${q(references)}, lvl.n + 1 from ${q(t.name)} c join lvl on c.${q(column)} = lvl.k
          )
          select row_to_json(t)::text as r from ${q(t.name)} t join lvl on lvl.k = t.${q(references)}
          order by lvl.n, ${order}`;
}
