/**
 * What a file is, from its first bytes rather than its name or the browser's word, and the
 * headers a download is sent with. Every upload (evidence, agreement documents, imports)
 * goes through `sniffKind`, so a PDF renamed `.xlsx` is refused as what it is.
 */

/** The kinds of file Accord accepts somewhere; each upload route names the ones it takes. */
export const FILE_KINDS = ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'webp', 'csv', 'txt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The content type each kind is stored and served with. */
export const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

const startsWith = (data: Uint8Array, bytes: number[], at = 0) =>
  data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);

/** The central directory of a ZIP names its entries; DOCX and XLSX are told apart by theirs. */
function officeKind(data: Uint8Array): 'docx' | 'xlsx' | null {
  const text = new TextDecoder('latin1').decode(data);
  if (text.includes('word/document.xml')) return 'docx';
  if (text.includes('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** Plain text: no NUL and no bytes below space but tab and line breaks in the first 8 KB. */
function looksLikeText(data: Uint8Array): boolean {
  const n = Math.min(data.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

/**
 * The kind of `data` judged by its content (magic numbers, the ZIP entries of Office files),
 * or null when it is none Accord knows. Text files are `txt` unless the caller's file name
 * ends in `.csv`. An encrypted (password-protected) Office file is an OLE container, not a
 * ZIP, and so is null.
 */
export function sniffKind(data: Uint8Array, fileName = ''): FileKind | null {
  if (data.length === 0) return null;
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return officeKind(data);
  if (looksLikeText(data)) return /\.csv$/i.test(fileName) ? 'csv' : 'txt';
  return null;
}

/** True for a password-protected or legacy Office file (an OLE compound document). */
export const isOleContainer = (data: Uint8Array) =>
  startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * A file name fit to keep: the last path segment, no control characters, no quotes or
 * slashes, at most 200 characters; `fallback` when nothing is left.
 */
export function cleanFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(c))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned.replace(/^\.+/, '') || fallback;
}

/**
 * A `Content-Disposition` that no file name can break: an ASCII fallback in `filename` and
 * the real name, percent-encoded, in `filename*` (RFC 6266 / 5987).
 */
export function contentDisposition(
  name: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const clean = cleanFileName(name);
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/[\\%]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
