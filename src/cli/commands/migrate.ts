/** `accord migrate`: applies the committed schema migrations and says which ones it applied. */
import type { Command } from 'commander';
import { applyMigrations } from '../../services/migrations';
import { printJson, say, withSystem } from './common';

/** Registers `accord migrate`. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply the database schema migrations that are not applied yet (start does this too)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withSystem(
        async ({ database }) => {
          const { applied, total } = await applyMigrations(database);
          if (opts.json) printJson({ applied, total });
          else if (applied.length)
            say(
              `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}`,
            );
          else say(`the database is up to date (${total} migration${total === 1 ? '' : 's'} applied)`);
        },
        { migrate: false },
      );
    });
}
