/**
 * CSV → grid: UTF-8 (with or without BOM) when the bytes decode strictly as UTF-8, else
 * Windows-1251; the delimiter (`,` `;` or tab) judged from the first lines outside quotes;
 * quoted fields may hold delimiters, doubled quotes and line breaks.
 */
import iconv from 'iconv-lite';
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import { type Cell, type Grid, IMPORT_LIMITS } from '../../domain/import/grid';

/** The text of a CSV file, and the encoding it was read in. */
export function decodeText(data: Buffer): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  let bytes = data;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'win1251'), encoding: 'windows-1251' };
  }
}

/** The delimiter most used outside quotes in the first lines (ties: `;`, then `,`, then tab). */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
    else if (!quoted && ch === '\n') lines++;
  }
  return (['\t', ';', ','] as const).reduce((best, d) => (counts[d] > counts[best] ? d : best), ';');
}

/** Parses CSV text into rows of cells (RFC 4180, any of the three delimiters). */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    const v = wasQuoted ? field : field.trim();
    row.push(v === '' ? null : v.slice(0, IMPORT_LIMITS.cellChars));
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    if (rows.length > IMPORT_LIMITS.rows)
      throw new AppError('payload_too_large', msg('error.import'), [
        detail('file', 'import.tooManyRows', { max: IMPORT_LIMITS.rows }),
      ]);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length > 0 || wasQuoted) endRow();
  return rows;
}

/** A CSV file's grid. */
export function readCsv(data: Buffer): Grid {
  return { rows: parseCsv(decodeText(data).text) };
}
