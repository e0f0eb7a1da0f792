/** Every import reader behind one call: the grid of an XLSX sheet, a CSV file or a Word table. */
import type { Grid } from '../../domain/import/grid';
import { readCsv } from './csv';
import { readDocx } from './docx';
import { readXlsx } from './xlsx';

export { decodeText, detectDelimiter, parseCsv } from './csv';

/** The grid of `data`, a file of `kind`; `choice` names the sheet (XLSX) or table (DOCX). */
export function readGrid(kind: 'xlsx' | 'csv' | 'docx', data: Buffer, choice?: string): Promise<Grid> {
  if (kind === 'xlsx') return readXlsx(data, choice);
  if (kind === 'docx') return readDocx(data, choice);
  return Promise.resolve(readCsv(data));
}
