/**
 * The XLSX of a roadmap export, written as a stream (exceljs's streaming WorkbookWriter: each
 * row is committed and flushed, so 100,000 measures stay in bounded memory): a frozen,
 * filtered header row, column widths, dates as dates, the tree as outline levels and indented
 * titles, overdue rows in red and disputed ones in amber.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type ColumnKey, type ExportRow, neutralise, cellValueOf } from './columns';

const OVERDUE = 'FFFDE2E1';
const DISPUTED = 'FFFFF1D6';
const HEADER = 'FFE7EEF7';

const asDate = (iso: string) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** Starts a workbook on `out`; `add` writes a row, `end` finishes the file. */
export function xlsxExport(
  out: Writable,
  sheetName: string,
  columns: { key: ColumnKey; header: string; width: number }[],
) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '), {
    views: [{ state: 'frozen', ySplit: 1 }],
    properties: { outlineLevelRow: 0, defaultRowHeight: 15 },
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const head = ws.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER } };
  });
  head.commit();
  const titleCol = columns.findIndex((c) => c.key === 'title') + 1;
  return {
    add(row: ExportRow) {
      const values = columns.map((c) => {
        const v = cellValueOf(row, c.key);
        if (c.key === 'startDate' || c.key === 'dueDate') return asDate(v as string);
        return typeof v === 'string' ? neutralise(v) : v;
      });
      const r = ws.addRow(values);
      r.outlineLevel = Math.min(row.depth, 7);
      columns.forEach((c, i) => {
        if (c.key === 'startDate' || c.key === 'dueDate') r.getCell(i + 1).numFmt = 'dd.mm.yyyy';
      });
      r.getCell(titleCol).alignment = {
        indent: Math.min(row.depth * 2, 15),
        wrapText: true,
        vertical: 'top',
      };
      if (row.depth === 0) r.font = { bold: true };
      const fill = row.overdue ? OVERDUE : row.disputed ? DISPUTED : null;
      if (fill)
        r.eachCell({ includeEmpty: true }, (cell) => {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
        });
      r.commit();
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}
