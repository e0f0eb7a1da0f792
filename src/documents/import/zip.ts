/**
 * The ZIP container of XLSX and DOCX, read just enough to judge it before a reader unpacks
 * it: the entries and their declared sizes (a zip bomb declares far more than it weighs).
 */
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import { IMPORT_LIMITS } from '../../domain/import/grid';

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

const corrupt = (kind: string) =>
  new AppError('validation_failed', msg('error.import'), [
    detail('file', 'import.corrupt', { kind: kind.toUpperCase() }),
  ]);

/** The entries of the central directory; throws `import.corrupt` when there is none to read. */
export function zipEntries(data: Buffer, kind: string): ZipEntry[] {
  const min = Math.max(0, data.length - 65_557);
  let eocd = -1;
  for (let i = data.length - 22; i >= min; i--)
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw corrupt(kind);
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw corrupt(kind);
    const nameLen = data.readUInt16LE(p + 28);
    const extra = data.readUInt16LE(p + 30);
    const comment = data.readUInt16LE(p + 32);
    out.push({
      name: data.toString('utf8', p + 46, p + 46 + nameLen),
      method: data.readUInt16LE(p + 10),
      compressed: data.readUInt32LE(p + 20),
      size: data.readUInt32LE(p + 24),
      offset: data.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

/**
 * Refuses a ZIP whose entries declare more than the limit in all, or expand more than the
 * ratio (past 1 MB): the answer comes before anything is unpacked.
 */
export function checkZip(data: Buffer, kind: string): ZipEntry[] {
  const entries = zipEntries(data, kind);
  const total = entries.reduce((s, e) => s + e.size, 0);
  const bomb = entries.some((e) => e.size > 1024 * 1024 && e.size > e.compressed * IMPORT_LIMITS.ratio);
  if (total > IMPORT_LIMITS.unpackedBytes || bomb)
    throw new AppError('payload_too_large', msg('error.import'), [
      detail('file', 'import.zipBomb', { mb: Math.round(IMPORT_LIMITS.unpackedBytes / 1024 / 1024) }),
    ]);
  return entries;
}
