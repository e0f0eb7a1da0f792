/**
 * The Accord backup file (`accord export` / `accord import`): NDJSON, gzip-compressed when
 * the file name ends in `.gz`.
 *   line 1   `{"format":"accord-export","version":1,"createdAt",…,"schemaMigration",…,"tables":[{name,columns}]}`
 *   rows     `{"t":"<table>","r":<row_to_json of the row>}`, table by table in dependency order
 *   last     `{"end":{"rows":{"<table>":n,…},"sha256":"<hex of every byte before this line>"}}`
 * The end line makes a truncated file detectable and the checksum a damaged one, before an
 * import touches the database. This module is the format only: what goes in a backup and
 * how it is read from or written to a database is src/services/backup/.
 */
import { AppError } from '../../domain/errors';

/** The `format` value of the header line. */
export const EXPORT_FORMAT = 'accord-export';
/** The version of the file layout this code writes and reads. */
export const EXPORT_VERSION = 1;

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

/** The last line: rows per table and the SHA-256 of every byte before it. */
export interface ExportEnd {
  rows: Record<string, number>;
  sha256: string;
}

/** A `validation_failed` error on FILE saying why the file cannot be imported. */
export const damaged = (message: string) =>
  new AppError('validation_failed', `The export file cannot be imported: ${message}`, [
    { path: 'FILE', message },
  ]);

const ROW_LINE = /^\{"t":"([a-z_][a-z0-9_]*)","r":\{/;

/** The text that starts every row line of `table`; the row's JSON and `}\n` follow. */
export const rowPrefix = (table: string) => `{"t":${JSON.stringify(table)},"r":`;

/** The end line (with its newline). */
export const endLine = (end: ExportEnd) => `${JSON.stringify({ end })}\n`;

/** True for the end line. */
export const isEndLine = (line: string) => line.startsWith('{"end":');

/** The table and row JSON text of a row line, or null when the line is not a whole row line. */
export function parseRowLine(line: string): { table: string; row: string } | null {
  const m = ROW_LINE.exec(line);
  if (!m || !line.endsWith('}}')) return null;
  // `{"t":"<name>","r":` … `}`: the row object is the text in between.
  return { table: m[1], row: line.slice(m[0].length - 1, -1) };
}

/** The header of a backup, checked for format, version and completeness. */
export function parseHeader(line: string | undefined): ExportHeader {
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
