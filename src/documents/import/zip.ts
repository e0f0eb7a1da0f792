/**
 * The ZIP container of XLSX and DOCX, read just enough to judge it before a reader unpacks
 * it: the entries' declared sizes (a zip bomb declares far more than it weighs), and one
 * entry streamed through inflate (XLSX merged cells, which the streaming reader skips).
 */
import { createInflateRaw } from 'node:zlib';
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

/** Streams one entry's uncompressed bytes to `onChunk` (at most its declared size, plus a margin). */
export async function streamEntry(data: Buffer, e: ZipEntry, onChunk: (s: string) => void): Promise<void> {
  const local = e.offset;
  if (data.readUInt32LE(local) !== 0x04034b50) return;
  const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
  const body = data.subarray(start, start + e.compressed);
  if (e.method === 0) return onChunk(body.toString('utf8'));
  await new Promise<void>((resolve, reject) => {
    const z = createInflateRaw();
    let seen = 0;
    z.on('data', (b: Buffer) => {
      seen += b.length;
      if (seen > e.size + 1024) z.destroy(new Error('entry larger than declared'));
      else onChunk(b.toString('latin1'));
    });
    z.on('end', resolve);
    z.on('error', reject);
    z.end(body);
  });
}

/** The merged ranges (`A1:F1`) of a sheet entry, read as a stream in bounded memory. */
export async function mergedRanges(data: Buffer, e: ZipEntry): Promise<string[]> {
  const out: string[] = [];
  let tail = '';
  await streamEntry(data, e, (chunk) => {
    const text = tail + chunk;
    for (const m of text.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"/g)) out.push(m[1]);
    tail = text.slice(-64);
    if (tail.includes('<mergeCell ') && /<mergeCell ref="[A-Z]+\d+:[A-Z]+\d+"/.test(tail))
      tail = tail.slice(tail.lastIndexOf('"') + 1);
  });
  return [...new Set(out)];
}
