/**
 * `accord export FILE`: a logical backup (the embedded PostgreSQL ships no pg_dump, and a
 * logical file also moves between PostgreSQL versions). It reads one REPEATABLE READ
 * snapshot through server-side cursors, so it is consistent while the server keeps running
 * and never holds a whole table in memory. It writes no audit event.
 */
import path from 'node:path';
import { renameSync, rmSync, statSync } from 'node:fs';
import { createBackupWriter } from '../../documents/backup/file';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportHeader, rowPrefix } from '../../documents/backup/format';
import { AppError, forbidden } from '../../domain/errors';
import { type Actor, isAdmin } from '../../domain/policies';
import type { Ctx } from '../context';
import { backupTables, EXCLUDED_TABLES, migrationLevel, poolOf, q, selectRows, tableColumns } from './tables';

const FETCH_ROWS = 2000;

/** What `exportDatabase` wrote. */
export interface ExportSummary {
  file: string;
  bytes: number;
  rows: Record<string, number>;
  ms: number;
}

/**
 * Writes a complete logical backup to `file` (through `file.partial`, renamed when complete,
 * so a failed export never leaves a file that looks whole). Admins only.
 */
export async function exportDatabase(ctx: Ctx, actor: Actor, file: string): Promise<ExportSummary> {
  if (!isAdmin(actor)) throw forbidden('Only administrators export the database');
  const started = Date.now();
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const tables = backupTables();
  const client = await poolOf(ctx).connect();
  const out = createBackupWriter(partial, target.endsWith('.gz'));
  const rows: Record<string, number> = {};
  let failed = false;
  try {
    await client.query('begin isolation level repeatable read, read only');
    await client.query(`set local timezone = 'UTC'`);
    // Shortest text that reads back as the same double (the default from PostgreSQL 12 on).
    await client.query('set local extra_float_digits = 1');
    const columns = await tableColumns(
      client,
      tables.map((t) => t.name),
    );
    const missing = tables.filter((t) => !columns.has(t.name)).map((t) => t.name);
    if (missing.length) {
      throw new AppError(
        'conflict',
        `The database lacks tables ${missing.join(', ')}: run \`accord migrate\` first`,
      );
    }
    const header: ExportHeader = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      createdAt: new Date().toISOString(),
      schemaMigration: await migrationLevel(client),
      excluded: [...EXCLUDED_TABLES],
      tables: tables.map((t) => ({ name: t.name, columns: columns.get(t.name)! })),
    };
    await out.write(`${JSON.stringify(header)}\n`);
    for (const t of tables) {
      const prefix = rowPrefix(t.name);
      let n = 0;
      await client.query(`declare backup_rows no scroll cursor for ${selectRows(t)}`);
      for (;;) {
        const r = await client.query(`fetch forward ${FETCH_ROWS} from backup_rows`);
        if (r.rows.length === 0) break;
        let batch = '';
        for (const row of r.rows) batch += `${prefix}${row.r}}\n`;
        await out.write(batch);
        n += r.rows.length;
      }
      await client.query('close backup_rows');
      const count = await client.query(`select count(*)::int as n from ${q(t.name)}`);
      if (count.rows[0].n !== n) {
        // Only a parent cycle in a tree table can hide rows from the ordered walk.
        throw new AppError(
          'conflict',
          `${t.name}: ${count.rows[0].n - n} rows form a parent cycle and were not exported`,
        );
      }
      rows[t.name] = n;
    }
    await client.query('commit');
    await out.finish(rows);
    renameSync(partial, target);
  } catch (e) {
    failed = true;
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
    if (failed) {
      out.destroy();
      rmSync(partial, { force: true });
    }
  }
  return { file: target, bytes: statSync(target).size, rows, ms: Date.now() - started };
}
