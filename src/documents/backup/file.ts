/**
 * Reading and writing backup files (format.ts): line streams through gzip when the name
 * ends in `.gz`, the running checksum, and the whole-file check an import makes before it
 * writes anything.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { AppError } from '../../domain/errors';
import { damaged, endLine, type ExportHeader, isEndLine, parseHeader, parseRowLine } from './format';

/** The lines of a backup file, gunzipped when its name ends in `.gz`. */
export function openLines(file: string): { lines: AsyncIterable<string>; close: () => void } {
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

/** Writes a backup to `file` (gzip when `gzip`), hashing every byte before the end line. */
export interface BackupWriter {
  /** Appends text (whole lines) to the checksummed part. */
  write(text: string): Promise<void>;
  /** Writes the end line with `rows` and the checksum, and closes the file. */
  finish(rows: Record<string, number>): Promise<void>;
  /** Abandons the file (the caller removes it). */
  destroy(): void;
}

async function put(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** A writer on a new file at `file` (mode 0600: a backup holds password hashes). */
export function createBackupWriter(file: string, gzip: boolean): BackupWriter {
  const fileStream: WriteStream = createWriteStream(file, { mode: 0o600 });
  const zip = gzip ? createGzip({ level: 3 }) : null;
  if (zip) zip.pipe(fileStream);
  const out: Writable = zip ?? fileStream;
  const hash = createHash('sha256');
  return {
    async write(text) {
      hash.update(text);
      await put(out, text);
    },
    async finish(rows) {
      await put(out, endLine({ rows, sha256: hash.digest('hex') }));
      out.end();
      await once(fileStream, 'close');
    },
    destroy() {
      out.destroy();
      fileStream.destroy();
    },
  };
}

/**
 * Reads the whole file once: header, row lines, the end line's row counts and checksum.
 * Returns the header; a truncated or damaged file is a `damaged` error saying where.
 */
export async function checkFile(file: string): Promise<ExportHeader> {
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
      if (isEndLine(line)) {
        try {
          end = JSON.parse(line).end;
        } catch {
          throw damaged(`line ${lineNo}: the end record is damaged`);
        }
        continue;
      }
      if (badLine) throw damaged(`line ${badLine}: not a row record (the file is damaged)`);
      const row = parseRowLine(line);
      if (!row) {
        // A bad last line is a cut-off file; decide once we know whether more follows.
        badLine = lineNo;
        continue;
      }
      counts[row.table] = (counts[row.table] ?? 0) + 1;
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
