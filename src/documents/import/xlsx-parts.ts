/**
 * The parts of an XLSX an import reads, parsed as text streams in bounded memory: shared
 * strings, the number formats of cell styles (dates, percentages), the sheets' names and
 * entries, and a sheet's rows. exceljs's streaming reader decodes each inflated chunk on its
 * own and so breaks a Cyrillic letter that straddles two chunks; here the bytes go through
 * one UTF-8 decoder per entry.
 */
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import type { Cell } from '../../domain/import/grid';
import type { ZipEntry } from './zip';

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** XML text with its entities resolved. */
export const xmlText = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
        )
      : (ENT[e] ?? m),
  );

/** Streams an entry as text; `onText` gets decoded text (never a split character). */
export async function entryText(data: Buffer, e: ZipEntry, onText: (s: string) => void): Promise<void> {
  if (data.readUInt32LE(e.offset) !== 0x04034b50) throw new Error('bad local header');
  const start = e.offset + 30 + data.readUInt16LE(e.offset + 26) + data.readUInt16LE(e.offset + 28);
  const body = data.subarray(start, start + e.compressed);
  const dec = new StringDecoder('utf8');
  if (e.method === 0) {
    onText(dec.write(body) + dec.end());
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const z = createInflateRaw();
    let seen = 0;
    z.on('data', (b: Buffer) => {
      seen += b.length;
      // a zip that lies about its sizes is stopped at what it declared
      if (seen > e.size + 1024) return z.destroy(new Error('entry larger than declared'));
      try {
        onText(dec.write(b));
      } catch (err) {
        z.destroy(err as Error);
      }
    });
    z.on('end', () => {
      onText(dec.end());
      resolve();
    });
    z.on('error', reject);
    z.end(body);
  });
}

/** Calls `onElement` with each complete `<tag …>…</tag>` (or self-closed) element of a streamed entry. */
export async function eachElement(
  data: Buffer,
  e: ZipEntry,
  tag: string,
  onElement: (xml: string) => void,
): Promise<void> {
  let buf = '';
  const open = new RegExp(`<(?:\\w+:)?${tag}[\\s>/]`, 'g');
  const close = new RegExp(`</(?:\\w+:)?${tag}>|/>`, 'g');
  await entryText(data, e, (text) => {
    buf += text;
    let consumed = 0;
    for (;;) {
      open.lastIndex = consumed;
      const o = open.exec(buf);
      if (!o) {
        // nothing opens here: keep only a tail that may hold the start of a tag
        consumed = Math.max(consumed, buf.length - tag.length - 16);
        break;
      }
      const tagEnd = buf.indexOf('>', o.index);
      if (tagEnd < 0) break;
      let end: number;
      if (buf[tagEnd - 1] === '/') end = tagEnd + 1;
      else {
        close.lastIndex = tagEnd;
        let c = close.exec(buf);
        // skip self-closed children: only the element's own closing tag ends it
        while (c && c[0] === '/>') c = close.exec(buf);
        if (!c) break;
        end = c.index + c[0].length;
      }
      onElement(buf.slice(o.index, end));
      consumed = end;
    }
    buf = buf.slice(consumed);
  });
}

/** The text of an `<si>` (shared string): its `<t>` runs, phonetic hints left out. */
export const stringItem = (xml: string) =>
  xmlText(
    [
      ...xml
        .replace(/<(?:\w+:)?rPh[\s\S]*?<\/(?:\w+:)?rPh>/g, '')
        .matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g),
    ]
      .map((m) => m[1])
      .join(''),
  );

const DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** The kind of each cell style (`s` index): a date, a percentage or a plain number. */
export function styleKinds(stylesXml: string): ('date' | 'percent' | 'number')[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\s[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g))
    custom.set(Number(m[1]), xmlText(m[2]));
  const xfs = /<(?:\w+:)?cellXfs[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\s([^>]*)/g)].map((m) => {
    const id = Number(/numFmtId="(\d+)"/.exec(m[1])?.[1] ?? 0);
    if (id === 9 || id === 10) return 'percent';
    if (DATE_IDS.has(id)) return 'date';
    const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    if (code.includes('%')) return 'percent';
    if (/[dmyДМГ]/i.test(code) && !/^[#0.,\s]*$/.test(code)) return 'date';
    return 'number';
  });
}

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel serial day as `YYYY-MM-DD` (the 1900 or 1904 system). */
export function serialDate(n: number, date1904: boolean): string {
  const d = new Date(
    Date.UTC(date1904 ? 1904 : 1899, date1904 ? 0 : 11, date1904 ? 1 : 30) + Math.floor(n) * 86_400_000,
  );
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** One `<row>` element: its 0-based index and cells (cached values of formulas, never evaluated). */
export function parseRow(
  xml: string,
  strings: readonly string[],
  kinds: readonly string[],
  date1904: boolean,
  maxCols: number,
): { index: number; cells: Cell[] } {
  const r = /^<(?:\w+:)?row\s[^>]*\br="(\d+)"/.exec(xml);
  const cells: Cell[] = [];
  let next = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
    const attrs = m[1] ?? '';
    const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
    const col = ref ? colNumber(ref) - 1 : next;
    next = col + 1;
    if (col >= maxCols || !m[2]) continue;
    const t = /\bt="(\w+)"/.exec(attrs)?.[1];
    const s = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
    const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(m[2])?.[1];
    let value: Cell = null;
    if (t === 'inlineStr') value = stringItem(m[2]);
    else if (v === undefined) value = null;
    else if (t === 's') value = strings[Number(v)] ?? null;
    else if (t === 'str') value = xmlText(v);
    else if (t === 'b') value = v === '1' ? 'true' : 'false';
    else if (t === 'e') value = null;
    else {
      const n = Number(v);
      if (!Number.isFinite(n)) value = xmlText(v);
      else if (kinds[s] === 'date') value = serialDate(n, date1904);
      else if (kinds[s] === 'percent') value = `${Math.round(n * 1e6) / 1e4}%`;
      else value = n;
    }
    if (value !== null && value !== '') cells[col] = value;
  }
  return { index: r ? Number(r[1]) - 1 : -1, cells: Array.from(cells, (c) => c ?? null) };
}
