/**
 * Logical backup and restore (`accord export FILE` / `accord import FILE`): the embedded
 * PostgreSQL ships no pg_dump, and a logical file also moves between PostgreSQL versions.
 *
 * Format: NDJSON (gzip-compressed when the file name ends in `.gz`).
 *   line 1   `{"format":"accord-export","version":1,"createdAt",…,"schemaMigration",…,"tables":[{name,columns}]}`
 *   rows     `{"t":"<table>","r":<row_to_json of the row>}`, table by table in dependency order
 *   last     `{"end":{"rows":{"<table>":n,…},"sha256":"<hex of every byte before this line>"}}`
 * The end line makes a truncated file detectable and the checksum a damaged one, before the
 * import touches the database.
 *
 * What is in it: every table of src/db/schema.ts, the audit chain (events and head) and the
 * users' password hashes and hashed API tokens included, so that people sign in and
 * integrations keep working after a restore. Left out: `sessions` (sign-ins belong to the
 * server they were made on; a restored copy should ask people to sign in again rather than
 * resurrect cookies that may have been signed out since), `sign_in_attempts` (a
 * 15-minute rate-limit window, meaningless later), and the derived summary cache
 * (`summary_cache`, `roadmap_changes`: the import's own inserts note fresh changes through
 * their triggers, and summaries are recomputed on first use). The file therefore holds secrets
 * (argon2 hashes): keep it like the database itself.
 *
 * The export reads one REPEATABLE READ snapshot through server-side cursors, so it is
 * consistent while the server keeps running and never holds a whole table in memory. The
 * import runs in one transaction (all or nothing) with `json_populate_recordset`, which
 * casts every value with PostgreSQL's own input functions: ids, timestamps (microseconds),
 * jsonb, tsvector and floats come back exactly. Neither writes an audit event: the restored
 * database is an exact replica of the exported one, audit chain included.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import * as schema from '../db/schema';
import { AppError, forbidden } from '../domain/errors';
import { type Actor, isAdmin } from '../domain/policies';
import type { Ctx } from './context';

/** The `format` value of the header line. */
export const EXPORT_FORMAT = 'accord-export';
/** The version of the file layout this code writes and reads. */
export const EXPORT_VERSION = 1;
/** Tables deliberately left out of a backup (see the module comment for why). */
export const EXCLUDED_TABLES: readonly string[] = [
  'sessions',
  'sign_in_attempts',
  'summary_cache',
  'roadmap_changes',
  'search_index_state',
];

const FETCH_ROWS = 2000;
const CHUNK_ROWS = 2000;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** One table as a backup sees it. */
export interface BackupTable {
  name: string;
  /** Primary-key columns: rows are written in this order, so equal databases give equal files. */
  primaryKey: string[];
  /** A column referencing the same table (a tree): parents are written before children. */
  selfReference: { column: string; references: string } | null;
}

/** The schema migration a database is at: how many are applied and the newest one's hash. */
export interface MigrationLevel {
  count: number;
  latest: string | null;
}

/** The first line of an export file. */
export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  createdAt: string;
  schemaMigration: MigrationLevel;
  excluded: string[];
  tables: { name: string; columns: string[] }[];
}

/** What `exportDatabase` wrote. */
export interface ExportSummary {
  file: string;
  bytes: number;
  rows: Record<string, number>;
  ms: number;
}

/** What `importDatabase` restored. */
export interface ImportSummary {
  file: string;
  createdAt: string;
  rows: Record<string, number>;
  ms: number;
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

const damaged = (message: string) =>
  new AppError('validation_failed', `The export file cannot be imported: ${message}`, [
    { path: 'FILE', message },
  ]);

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

type Queryable = Pick<pg.PoolClient, 'query'>;

function poolOf(ctx: Ctx): pg.Pool {
  // Drizzle keeps the pg pool it wraps as `$client`; cursors need a dedicated connection.
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

async function tableColumns(client: Queryable, names: string[]): Promise<Map<string, string[]>> {
  const r = await client.query(
    `select table_name, array_agg(column_name::text order by ordinal_position) as columns
       from information_schema.columns
      where table_schema = current_schema() and table_name = any($1::text[])
      group by table_name`,
    [names],
  );
  return new Map(r.rows.map((row) => [row.table_name as string, row.columns as string[]]));
}

function selectRows(t: BackupTable): string {
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

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
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
  const fileStream = createWriteStream(partial, { mode: 0o600 });
  const gzip = target.endsWith('.gz') ? createGzip({ level: 3 }) : null;
  if (gzip) gzip.pipe(fileStream);
  const out: Writable = gzip ?? fileStream;
  const hash = createHash('sha256');
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
    const emit = async (line: string) => {
      hash.update(line);
      await write(out, line);
    };
    await emit(`${JSON.stringify(header)}\n`);
    for (const t of tables) {
      const prefix = `{"t":${JSON.stringify(t.name)},"r":`;
      let n = 0;
      await client.query(`declare backup_rows no scroll cursor for ${selectRows(t)}`);
      for (;;) {
        const r = await client.query(`fetch forward ${FETCH_ROWS} from backup_rows`);
        if (r.rows.length === 0) break;
        let batch = '';
        for (const row of r.rows) batch += `${prefix}${row.r}}\n`;
        await emit(batch);
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
    await write(out, `${JSON.stringify({ end: { rows, sha256: hash.digest('hex') } })}\n`);
    out.end();
    await once(fileStream, 'close');
    renameSync(partial, target);
  } catch (e) {
    failed = true;
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
    if (failed) {
      out.destroy();
      fileStream.destroy();
      rmSync(partial, { force: true });
    }
  }
  return { file: target, bytes: statSync(target).size, rows, ms: Date.now() - started };
}

function openLines(file: string): { lines: AsyncIterable<string>; close: () => void } {
  const raw = createReadStream(file);
  let input: Readable = raw;
  if (file.endsWith('.gz')) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    input = raw.pipe(gunzip);
  }
  const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  return {
    lines: rl,
    close: () => {
      rl.close();
      raw.destroy();
    },
  };
}

const ROW_LINE = /^\{"t":"([a-z_][a-z0-9_]*)","r":\{/;

function parseHeader(line: string | undefined): ExportHeader {
  if (line === undefined || line === '') throw damaged('it is empty');
  let h: Partial<ExportHeader>;
  try {
    h = JSON.parse(line);
  } catch {
    throw damaged('it is not an Accord export (the first line is not JSON)');
  }
  if (h.format !== EXPORT_FORMAT) throw damaged('it is not an Accord export (no accord-export header)');
  if (h.version !== EXPORT_VERSION) {
    throw damaged(`it has format version ${h.version}; this Accord reads version ${EXPORT_VERSION}`);
  }
  if (!Array.isArray(h.tables) || !h.schemaMigration || typeof h.createdAt !== 'string') {
    throw damaged('its header is incomplete');
  }
  return h as ExportHeader;
}

/**
 * Reads the whole file once without touching the database: header, row lines, the end
 * line's row counts and checksum. Returns the header.
 */
async function checkFile(file: string): Promise<ExportHeader> {
  const { lines, close } = openLines(file);
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  let header: ExportHeader | null = null;
  let end: { rows: Record<string, number>; sha256: string } | null = null;
  let lineNo = 0;
  let badLine = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (end) throw damaged(`line ${lineNo}: data after the end record`);
      if (!header) {
        header = parseHeader(line);
        hash.update(`${line}\n`);
        continue;
      }
      if (line.startsWith('{"end":')) {
        try {
          end = JSON.parse(line).end;
        } catch {
          throw damaged(`line ${lineNo}: the end record is damaged`);
        }
        continue;
      }
      if (badLine) throw damaged(`line ${badLine}: not a row record (the file is damaged)`);
      const m = ROW_LINE.exec(line);
      if (!m || !line.endsWith('}}')) {
        // A bad last line is a cut-off file; decide once we know whether more follows.
        badLine = lineNo;
        continue;
      }
      counts[m[1]] = (counts[m[1]] ?? 0) + 1;
      hash.update(`${line}\n`);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damaged(`it could not be read: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    close();
  }
  if (!header) throw damaged('it is empty');
  if (badLine && !end) throw damaged(`it is truncated (line ${badLine}, the last, is incomplete)`);
  if (badLine) throw damaged(`line ${badLine}: not a row record (the file is damaged)`);
  if (!end) throw damaged('it is truncated (the end record is missing)');
  if (end.sha256 !== hash.digest('hex'))
    throw damaged('its checksum does not match: the file was altered or damaged');
  for (const name of new Set([...Object.keys(counts), ...Object.keys(end.rows ?? {})])) {
    if ((counts[name] ?? 0) !== (end.rows?.[name] ?? 0)) {
      throw damaged(
        `${name}: ${counts[name] ?? 0} rows found, the end record lists ${end.rows?.[name] ?? 0}`,
      );
    }
  }
  return header;
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
        if (lineNo === 1 || line.startsWith('{"end":')) continue;
        const m = ROW_LINE.exec(line)!;
        const name = m[1];
        if (name !== current || chunk.length >= CHUNK_ROWS || chunkBytes >= CHUNK_BYTES) {
          await flush();
          current = name;
          firstLine = lineNo;
        }
        // `{"t":"<name>","r":` … `}`: the row object is the text in between.
        const row = line.slice(m[0].length - 1, -1);
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
