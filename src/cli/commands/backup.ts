/** `accord export FILE` and `accord import FILE`: logical backup and restore of the whole database. */
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { EXCLUDED_TABLES, exportDatabase, importDatabase } from '../../services/backup';
import { printJson, say, withSystem } from './common';

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Registers `accord export` and `accord import`. */
export function registerBackup(program: Command): void {
  program
    .command('export')
    .description(
      'Write a complete logical backup of the database to FILE (NDJSON; gzip when FILE ends in .gz): every table, ' +
        `the audit chain and password hashes included, but not ${EXCLUDED_TABLES.join(' or ')}. ` +
        'Consistent while the server runs; keep the file as safe as the database',
    )
    .argument('<file>', 'where to write the backup (replaced if it exists)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await withSystem(({ ctx }) => exportDatabase(ctx, SYSTEM_ACTOR, file));
      if (opts.json) return printJson(r);
      say(
        `exported ${total(r.rows)} rows of ${Object.keys(r.rows).length} tables to ${r.file} (${mb(r.bytes)}, ${(r.ms / 1000).toFixed(1)} s)`,
      );
    });

  program
    .command('import')
    .description(
      'Restore a backup made by `accord export` into an EMPTY database, all or nothing; ' +
        'the file is checked (header, schema migration, checksum) before anything is written',
    )
    .argument('<file>', 'the backup file')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const r = await withSystem(({ ctx }) => importDatabase(ctx, SYSTEM_ACTOR, file));
      if (opts.json) return printJson(r);
      say(
        `imported ${total(r.rows)} rows of ${Object.keys(r.rows).length} tables from ${r.file} (exported ${r.createdAt}, ${(r.ms / 1000).toFixed(1)} s)`,
      );
      say(
        'sign in with the accounts of the exported database; `accord audit verify` checks the restored audit trail',
      );
    });
}
