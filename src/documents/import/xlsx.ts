/**
 * XLSX → grid, with exceljs's streaming reader (rows are read as the ZIP streams, never the
 * whole workbook model): one sheet (the first, or the one named or numbered), formulas as
 * their cached values (never evaluated), dates as dates, percent cells as `45%`, and merged
 * cells spanning rows filled down (the reader skips merges, so they are read from the sheet).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import { type Cell, type Grid, IMPORT_LIMITS } from '../../domain/import/grid';
import { checkZip, mergedRanges } from './zip';

const tooManyRows = () =>
  new AppError('payload_too_large', msg('error.import'), [
    detail('file', 'import.tooManyRows', { max: IMPORT_LIMITS.rows }),
  ]);

const pad = (n: number) => String(n).padStart(2, '0');

/** One exceljs cell value as a grid cell. */
function toCell(v: unknown, numFmt: string | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (numFmt?.includes('%')) return `${Math.round(v * 1e6) / 1e4}%`;
    return v;
  }
  if (typeof v === 'string')
    return v.length > IMPORT_LIMITS.cellChars ? v.slice(0, IMPORT_LIMITS.cellChars) : v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return toCell(o.result ?? null, numFmt);
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const decode = (ref: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return { col: colNumber(m[1]) - 1, row: Number(m[2]) - 1 };
};

/** Fills cells merged over several rows with the value of the range's first cell. */
function fillMerges(rows: Cell[][], ranges: string[]) {
  for (const r of ranges) {
    const [a, b] = r.split(':').map(decode);
    if (b.row <= a.row) continue;
    const v = rows[a.row]?.[a.col] ?? null;
    for (let y = a.row + 1; y <= b.row && y < rows.length; y++) {
      rows[y] ??= [];
      for (let x = a.col; x <= b.col; x++)
        if ((rows[y][x] ?? null) === null) rows[y][x] = x === a.col ? v : null;
    }
  }
}

/** The sheets' names and the grid of the chosen one (`sheet`: a name or a 1-based number). */
export async function readXlsx(data: Buffer, sheet?: string): Promise<Grid> {
  const entries = checkZip(data, 'xlsx');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const names: string[] = [];
  let grid: Cell[][] | null = null;
  let chosenId: string | null = null;
  try {
    for await (const ws of reader as AsyncIterable<
      ExcelJS.stream.xlsx.WorksheetReader & { name: string; id: string }
    >) {
      names.push(ws.name);
      const wanted =
        grid === null &&
        (sheet === undefined || sheet === ''
          ? names.length === 1
          : sheet === ws.name || sheet === String(names.length));
      const rows: Cell[][] = [];
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (!wanted) continue;
        if (row.number > IMPORT_LIMITS.rows) throw tooManyRows();
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: false }, (c, col) => {
          if (col <= IMPORT_LIMITS.columns) cells[col - 1] = toCell(c.value, c.numFmt);
        });
        rows[row.number - 1] = Array.from(cells, (c) => c ?? null);
      }
      if (wanted) {
        grid = Array.from(rows, (r) => r ?? []);
        chosenId = String(ws.id);
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('validation_failed', msg('error.import'), [
      detail('file', 'import.corrupt', { kind: 'XLSX' }),
    ]);
  }
  if (!grid)
    throw new AppError('validation_failed', msg('error.import'), [
      names.length
        ? detail('sheet', 'import.noSheet', { sheet: sheet ?? '', sheets: names.join(', ') })
        : detail('file', 'import.corrupt', { kind: 'XLSX' }),
    ]);
  const sheetEntries = entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  const entry = sheetEntries.find((e) => e.name === `xl/worksheets/sheet${chosenId}.xml`) ?? sheetEntries[0];
  if (entry) fillMerges(grid, await mergedRanges(data, entry));
  return { rows: grid };
}
