/** Applying the committed schema migrations, and saying which ones a run applied. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Database, MIGRATIONS_DIR, migrateDatabase } from '../db/client';

interface JournalEntry {
  when: number;
  tag: string;
}

/** The committed migrations in order, by their drizzle-kit tag (`0000_init`). */
function journal(): JournalEntry[] {
  const j = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  return j.entries as JournalEntry[];
}

async function appliedWhen(database: Pick<Database, 'pool'>): Promise<Set<number>> {
  const exists = await database.pool.query(
    `select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!exists.rows[0].ok) return new Set();
  const r = await database.pool.query('select created_at from drizzle.__drizzle_migrations');
  return new Set(r.rows.map((row) => Number(row.created_at)));
}

/** Applies what is not applied yet; answers the tags applied now and how many exist. */
export async function applyMigrations(database: Database): Promise<{ applied: string[]; total: number }> {
  const before = await appliedWhen(database);
  await migrateDatabase(database);
  const after = await appliedWhen(database);
  const all = journal();
  return {
    applied: all.filter((e) => after.has(e.when) && !before.has(e.when)).map((e) => e.tag),
    total: all.length,
  };
}
