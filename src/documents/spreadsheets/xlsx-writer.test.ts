import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../import/xlsx';
import { type ExportRow, exportColumns } from './columns';
import { columnLetters, serialDay, xlsxExport } from './xlsx-writer';

const row = (over: Partial<ExportRow>): ExportRow => ({
  depth: 1,
  code: '1.1',
  title: 'Провести форум',
  titleKk: '',
  titleEn: '',
  description: '',
  spheres: 'Транспорт',
  provisions: '',
  bodies: ['МИД KZ; Агентство KZ', 'МИД RU'],
  startDate: '2026-01-15',
  dueDate: '2026-12-31',
  completionForm: 'Протокол',
  status: 'В работе',
  progress: 45,
  tier: 'Общий',
  weight: 1,
  overdue: false,
  disputed: false,
  flags: '',
  ...over,
});

async function book(rows: ExportRow[][], name = 'Дорожная карта: 2026') {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  const columns = exportColumns('ru', [{ name: 'Казахстан' }, { name: 'Россия' }]);
  const w = await xlsxExport(out, name, columns, 2);
  for (const page of rows) await w.write(page);
  await w.end();
  await done;
  return { bytes: Buffer.concat(chunks), columns };
}

describe('xlsx export writer', () => {
  it('writes a workbook Excel readers open: frozen filtered header, widths, dates, outline, fills', async () => {
    const { bytes, columns } = await book([
      [
        row({ depth: 0, code: '1', title: 'Транспорт', bodies: ['', ''], progress: 30 }),
        row({ overdue: true, flags: 'просрочено', dueDate: '2025-06-30' }),
      ],
      [
        row({ depth: 2, code: '1.1.1', disputed: true, flags: 'спорно', startDate: '', title: '=1+1' }),
        row({ code: '1.2', title: 'A & B <c> "d"\u0007 ', description: 'строка 1\nстрока 2' }),
      ],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Дорожная карта  2026');
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(1).values).toEqual([undefined, ...columns.map((c) => c.header)]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:${columnLetters(columns.length - 1)}5`);
    expect(ws.getColumn(2).width).toBe(60);
    const due = columns.findIndex((c) => c.key === 'dueDate') + 1;
    const start = columns.findIndex((c) => c.key === 'startDate') + 1;
    const title = columns.findIndex((c) => c.key === 'title') + 1;
    const progress = columns.findIndex((c) => c.key === 'progress') + 1;
    const cell = ws.getRow(2).getCell(due);
    expect(cell.value).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(cell.numFmt).toBe('dd.mm.yyyy');
    expect(ws.getRow(3).getCell(due).value).toEqual(new Date('2025-06-30T00:00:00Z'));
    expect(ws.getRow(4).getCell(start).value).toBeNull();
    expect(ws.getRow(2).getCell(progress).value).toBe(30);
    // the tree: outline levels, indented titles, top level in bold
    expect([2, 3, 4, 5].map((r) => ws.getRow(r).outlineLevel)).toEqual([0, 1, 2, 1]);
    expect(ws.getRow(4).getCell(title).alignment).toMatchObject({ indent: 4, wrapText: true });
    expect(ws.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(3).getCell(1).font?.bold).toBeFalsy();
    // overdue red, disputed amber, on every cell of the row; others unfilled
    const fill = (r: number, c: number) => {
      const f = ws.getRow(r).getCell(c).fill;
      return f?.type === 'pattern' && f.pattern === 'solid' ? f.fgColor?.argb : null;
    };
    expect([1, title, due, columns.length].map((c) => fill(3, c))).toEqual(Array(4).fill('FFFDE2E1'));
    expect([1, start, columns.length].map((c) => fill(4, c))).toEqual(Array(3).fill('FFFFF1D6'));
    expect(fill(2, 1)).toBeNull();
    expect(fill(5, title)).toBeNull();
    // texts: a formula neutralised, XML's own characters kept, characters XML cannot hold dropped
    expect(ws.getRow(4).getCell(title).value).toBe("'=1+1");
    expect(ws.getRow(5).getCell(title).value).toBe('A & B <c> "d" ');
    expect(ws.getRow(5).getCell(title + 3).value).toBe('строка 1\nстрока 2');
  });

  it('is read back by the import’s own reader, cell for cell', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) =>
      row({ code: `1.${i + 1}`, title: `Мероприятие ${i + 1} — «казахстанская» сторона`, progress: i % 101 }),
    );
    const { bytes, columns } = await book([rows.slice(0, 2000), rows.slice(2000)]);
    const grid = await readXlsx(bytes);
    expect(grid.rows.length).toBe(2501);
    expect(grid.rows[0]).toEqual(columns.map((c) => c.header));
    const last = grid.rows[2500];
    expect(last[0]).toBe('1.2500');
    expect(last[1]).toBe('Мероприятие 2500 — «казахстанская» сторона');
    expect(last[columns.findIndex((c) => c.key === 'dueDate')]).toBe('2026-12-31');
    expect(last[columns.findIndex((c) => c.key === 'progress')]).toBe(2499 % 101);
  });

  it('gives the same bytes for the same rows (no clock in the file), each entry’s CRC right', async () => {
    const a = await book([[row({})]]);
    const b = await book([[row({})]]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    // Info-ZIP checks every entry's CRC and sizes against its data, which neither reader does
    const dir = mkdtempSync(path.join(tmpdir(), 'accord-xlsx-'));
    try {
      writeFileSync(path.join(dir, 'a.xlsx'), a.bytes);
      const test = execFileSync('unzip', ['-t', path.join(dir, 'a.xlsx')], { encoding: 'utf8' });
      expect(test).toContain('No errors detected');
      expect(test.match(/OK$/gm)).toHaveLength(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('numbers columns and days as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
    expect(serialDay('1900-03-01')).toBe(61);
    expect(serialDay('2026-12-31')).toBe(46387);
  });
});
