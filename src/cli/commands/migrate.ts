/** `accord migrate`: applies the committed schema migrations and says which ones it applied. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { MIGRATIONS_DIR, migrateDatabase } from '../../db/client';
import { printJson, say, withSystem } from './common';

interface JournalEntry {
  when: number;
  tag: string;
}

/** The committed migrations in order, by their drizzle-kit tag (`0000_init`). */
function journal(): JournalEntry[] {
  const j = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
  return j.entries as JournalEntry[];
}

/** Registers `accord migrate`. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply the database schema migrations that are not applied yet (start does this too)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withSystem(
        async ({ database }) => {
          const appliedWhen = async (): Promise<Set<number>> => {
            const exists = await database.pool.query(
              `select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
            );
            if (!exists.rows[0].ok) return new Set();
            const r = await database.pool.query('select created_at from drizzle.__drizzle_migrations');
            return new Set(r.rows.map((row) => Number(row.created_at)));
          };
          const before = await appliedWhen();
          await migrateDatabase(database);
          const after = await appliedWhen();
          const all = journal();
          const applied = all.filter((e) => after.has(e.when) && !before.has(e.when)).map((e) => e.tag);
          if (opts.json) {
            printJson({ applied, total: all.length });
          } else if (applied.length) {
            say(
              `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}`,
            );
          } else {
            say(`the database is up to date (${all.length} migration${all.length === 1 ? '' : 's'} applied)`);
          }
        },
        { migrate: false },
      );
    });
}
