/**
 * A ZIP container written as a stream (the OOXML package of an XLSX): each entry is deflated
 * by Node's zlib as its text arrives (level 3: most of level 6's saving for less CPU), its CRC
 * and sizes follow it in a data descriptor and the central directory closes the file, so
 * nothing but the current chunk is held in memory. Entries carry one fixed timestamp, so the
 * same content gives the same bytes. No ZIP64: an entry or offset past 4 GiB is refused.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

// 1 Jan 2026 00:00 in MS-DOS form: no clock in the bytes
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
// bit 3: sizes in the data descriptor; bit 11: UTF-8 names
const FLAGS = 0x0808;
const LIMIT = 0xffff_ffff;

/**
 * The fields the local header (from byte 4) and the central directory (from byte 6) share:
 * version needed, flags, method, time, date, CRC, sizes and the name's length.
 */
function entryFields(b: Buffer, at: number, e: Pick<Written, 'name' | 'crc' | 'compressed' | 'size'>) {
  b.writeUInt16LE(20, at);
  b.writeUInt16LE(FLAGS, at + 2);
  b.writeUInt16LE(8, at + 4);
  b.writeUInt16LE(DOS_TIME, at + 6);
  b.writeUInt16LE(DOS_DATE, at + 8);
  b.writeUInt32LE(e.crc, at + 10);
  b.writeUInt32LE(e.compressed, at + 14);
  b.writeUInt32LE(e.size, at + 18);
  b.writeUInt16LE(e.name.length, at + 22);
}

/** Writes entries one after another into `out`; `end` writes the central directory. */
export class ZipWriter {
  private offset = 0;
  private readonly entries: Written[] = [];

  constructor(
    private readonly out: Writable,
    private readonly level = 3,
  ) {}

  private async put(b: Buffer) {
    this.offset += b.length;
    if (!this.out.write(b)) await once(this.out, 'drain');
  }

  private localHeader(name: Buffer) {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    // sizes and CRC follow the data (FLAGS bit 3)
    entryFields(h, 4, { name, crc: 0, compressed: 0, size: 0 });
    return Buffer.concat([h, name]);
  }

  private async finish(w: Written) {
    if (w.size > LIMIT || w.compressed > LIMIT || w.offset > LIMIT)
      throw new Error('the file is too large for a ZIP without ZIP64');
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(w.crc, 4);
    d.writeUInt32LE(w.compressed, 8);
    d.writeUInt32LE(w.size, 12);
    await this.put(d);
    this.entries.push(w);
  }

  /** A small entry, whole. */
  async file(name: string, text: string) {
    const n = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data, { level: this.level });
    await this.put(this.localHeader(n));
    await this.put(packed);
    await this.finish({ name: n, crc: crc32(data), compressed: packed.length, size: data.length, offset });
  }

  /** A large entry, written piece by piece: `write` waits while zlib or `out` are full. */
  async stream(name: string) {
    const n = Buffer.from(name, 'utf8');
    const w: Written = { name: n, crc: 0, compressed: 0, size: 0, offset: this.offset };
    await this.put(this.localHeader(n));
    const z = createDeflateRaw({ level: this.level });
    let failed: Error | null = null;
    z.on('error', (e) => {
      failed = e;
    });
    z.on('data', (b: Buffer) => {
      w.compressed += b.length;
      this.offset += b.length;
      if (!this.out.write(b)) {
        z.pause();
        this.out.once('drain', () => z.resume());
      }
    });
    const ended = once(z, 'end');
    return {
      write: async (text: string) => {
        if (failed) throw failed;
        const b = Buffer.from(text, 'utf8');
        w.crc = crc32(b, w.crc);
        w.size += b.length;
        if (!z.write(b)) await once(z, 'drain');
      },
      end: async () => {
        z.end();
        await ended;
        if (failed) throw failed;
        await this.finish(w);
      },
    };
  }

  /** The central directory and its end record. */
  async end() {
    const start = this.offset;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      entryFields(c, 6, e);
      c.writeUInt32LE(e.offset, 42);
      await this.put(Buffer.concat([c, e.name]));
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(this.entries.length, 8);
    eocd.writeUInt16LE(this.entries.length, 10);
    eocd.writeUInt32LE(this.offset - start, 12);
    eocd.writeUInt32LE(start, 16);
    await this.put(eocd);
    this.out.end();
  }
}
