/**
 * `accord import FILE`: restores an export into an empty database in one transaction (all
 * or nothing) with `json_populate_recordset`, which casts every value with PostgreSQL's own
 * input functions: ids, timestamps (microseconds), jsonb, tsvector and floats come back
 * exactly. It writes no audit event: the restored database is an exact replica of the
 * exported one, audit chain included.
 */
import path from 'node:path';
import { statSync } from 'node:fs';
import { checkFile, openLines } from '../../documents/backup/file';
import { damaged, isEndLine, parseRowLine } from '../../documents/backup/format';
import { AppError, forbidden } from '../../domain/errors';
import { type Actor, isAdmin } from '../../domain/policies';
import type { Ctx } from '../context';
import { backupTables, migrationLevel, poolOf, q, tableColumns } from './tables';

const CHUNK_ROWS = 2000;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** What `importDatabase` restored. */
export interface ImportSummary {
  file: string;
  createdAt: string;
  rows: Record<string, number>;
  ms: number;
}

/**
 * Restores an export into an empty database in one transaction: either every row is
 * restored or nothing changes. Refuses a non-empty database, a different schema migration
 * and a truncated or damaged file, each with a message saying which. Admins only.
 */
export async function importDatabase(ctx: Ctx, actor: Actor, file: string): Promise<ImportSummary> {
  if (!isAdmin(actor)) throw forbidden('Only administrators import a database');
  const started = Date.now();
  const source = path.resolve(file);
  try {
    statSync(source);
  } catch {
    throw new AppError('not_found', `No such file: ${source}`, [{ path: 'FILE', message: 'does not exist' }]);
  }
  const header = await checkFile(source);
  const tables = backupTables();
  const byName = new Map(tables.map((t) => [t.name, t]));
  const client = await poolOf(ctx).connect();
  const rows: Record<string, number> = {};
  try {
    const level = await migrationLevel(client);
    if (level.count !== header.schemaMigration.count || level.latest !== header.schemaMigration.latest) {
      throw new AppError(
        'conflict',
        `The export was made at schema migration ${header.schemaMigration.count} and this database is at ${level.count}${
          level.count === header.schemaMigration.count ? ' (a different migration)' : ''
        }: import it with the Accord version that exported it, then upgrade`,
        [{ path: 'schemaMigration', message: 'does not match the database' }],
      );
    }
    const columns = await tableColumns(
      client,
      tables.map((t) => t.name),
    );
    for (const t of header.tables) {
      rows[t.name] = 0;
      if (!byName.has(t.name))
        throw damaged(`it contains table ${t.name}, which this database does not have`);
      const here = columns.get(t.name) ?? [];
      if ([...here].sort().join(',') !== [...t.columns].sort().join(',')) {
        throw damaged(
          `table ${t.name} has columns (${t.columns.join(', ')}) but the database has (${here.join(', ')})`,
        );
      }
    }

    await client.query('begin');
    await client.query(`set local timezone = 'UTC'`);
    // Blocks writers (a running server) until the restore commits; readers go on.
    await client.query(`lock table ${tables.map((t) => q(t.name)).join(', ')} in exclusive mode`);
    const nonEmpty: string[] = [];
    for (const t of tables) {
      const r = await client.query(`select exists (select 1 from ${q(t.name)}) as any`);
      if (r.rows[0].any) nonEmpty.push(t.name);
    }
    if (nonEmpty.length) {
      throw new AppError(
        'conflict',
        `The database is not empty (${nonEmpty.slice(0, 4).join(', ')}${nonEmpty.length > 4 ? ` and ${nonEmpty.length - 4} more tables` : ''} hold rows): ` +
          'import restores into an empty database only. ' +
          'Point ACCORD_DATA_DIR at a new directory (or DATABASE_URL at a new database) and run the import there',
        [{ path: 'database', message: 'is not empty' }],
      );
    }

    let current: string | null = null;
    let chunk: string[] = [];
    let chunkBytes = 0;
    let firstLine = 0;
    let lineNo = 0;
    const flush = async () => {
      if (!current || chunk.length === 0) return;
      const cols = columns.get(current)!.map(q).join(', ');
      try {
        await client.query(
          `insert into ${q(current)} (${cols}) select ${cols} from json_populate_recordset(null::${q(current)}, $1::json)`,
          [`[${chunk.join(',')}]`],
        );
      } catch (e) {
        throw damaged(
          `lines ${firstLine}–${lineNo} (${current}): ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      rows[current] = (rows[current] ?? 0) + chunk.length;
      chunk = [];
      chunkBytes = 0;
    };
    const { lines, close } = openLines(source);
    try {
      for await (const line of lines) {
        lineNo++;
        if (lineNo === 1 || isEndLine(line)) continue;
        // checkFile has read every line already: each one here is a whole row line.
        const { table: name, row } = parseRowLine(line)!;
        if (name !== current || chunk.length >= CHUNK_ROWS || chunkBytes >= CHUNK_BYTES) {
          await flush();
          current = name;
          firstLine = lineNo;
        }
        chunk.push(row);
        chunkBytes += row.length;
      }
      await flush();
    } finally {
      close();
    }
    // Serial and identity columns continue after the restored rows.
    const serials = await client.query(
      `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
         from information_schema.columns
        where table_schema = current_schema() and table_name = any($1::text[])
          and (column_default like 'nextval(%' or is_identity = 'YES')`,
      [tables.map((t) => t.name)],
    );
    for (const s of serials.rows) {
      if (!s.seq) continue;
      await client.query(
        `select setval($1, coalesce((select max(${q(s.column_name)}) from ${q(s.table_name)}), 0) + 1, false)`,
        [s.seq],
      );
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  return { file: source, createdAt: header.createdAt, rows, ms: Date.now() - started };
}
