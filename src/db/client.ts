/**
 * Database connection: a pg pool wrapped by Drizzle, migrations, and the embedded server
 * when no DATABASE_URL is set.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { type EmbeddedServer, startEmbedded } from './embedded';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction handle; services take `Db | Tx` where they can run inside either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// DATE columns come back as 'YYYY-MM-DD' strings (no time-zone shifts); int8 as numbers.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  /** Closes the pool, then stops the embedded server if this process owns it. */
  close(): Promise<void>;
}

/** Opens a pool on `url` and wraps it with Drizzle. */
export function openDatabase(url: string, opts: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 20, idleTimeoutMillis: 30_000 });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  const db = drizzle(pool, { schema });
  return { db, pool, url, close: () => pool.end() };
}

/** Applies committed migrations; an advisory lock keeps concurrent instances from racing. */
export async function migrateDatabase(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(727001)');
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(727001)').catch(() => {});
    client.release();
  }
}

/** True when every committed migration has been applied (for /readyz). */
export async function isMigrated(database: Pick<Database, 'db'>): Promise<boolean> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).length;
  try {
    const r = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return r.rows[0].n >= expected;
  } catch {
    return false;
  }
}

const DEFAULT_DB_NAME = 'accord';

/**
 * Connects to `DATABASE_URL`, or starts the embedded server under `dataDir` and creates the
 * `accord` database on it. The returned `close()` also stops an embedded server we own.
 */
export async function connect(opts: {
  databaseUrl?: string;
  dataDir: string;
  log?: (m: string) => void;
  poolSize?: number;
}): Promise<Database & { embedded: EmbeddedServer | null }> {
  if (opts.databaseUrl) {
    const database = openDatabase(opts.databaseUrl, { max: opts.poolSize });
    return { ...database, embedded: null };
  }
  const embedded = await startEmbedded(opts.dataDir, opts.log);
  const admin = new pg.Client({ connectionString: embedded.adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DEFAULT_DB_NAME]);
    if (exists.rowCount === 0) await admin.query(`create database ${DEFAULT_DB_NAME}`);
  } finally {
    await admin.end();
  }
  const url = embedded.adminUrl.replace(/\/postgres$/, `/${DEFAULT_DB_NAME}`);
  const database = openDatabase(url, { max: opts.poolSize });
  return {
    ...database,
    embedded,
    close: async () => {
      await database.close();
      await embedded.stop();
    },
  };
}
