/** CSV lines of an export: UTF-8 with a BOM (so Excel reads Cyrillic), `;`-separated, quoted where needed. */
import { neutralise } from './columns';

/** The byte-order mark that starts the file. */
export const CSV_BOM = '\uFEFF';

const quote = (v: string | number) => {
  const s = typeof v === 'number' ? String(v) : neutralise(v);
  return /[";\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV line (CRLF-terminated, as RFC 4180 writes it). */
export const csvLine = (values: readonly (string | number)[]): string => `${values.map(quote).join(';')}\r\n`;
