/**
 * Real files for import tests, built the way people's tools build them: XLSX with exceljs,
 * DOCX with `docx` (a roadmap table under a title), CSV in UTF-8 with a BOM or Windows-1251,
 * a hand-made ZIP for the zip bomb, and the multipart form that carries them.
 */
import { deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export type TestCell = string | number | Date | { formula: string; result: string | number } | null;

/** An XLSX of one sheet (or more: `extraSheets`), with merged ranges. */
export async function xlsxOf(
  rows: TestCell[][],
  o: { sheet?: string; merges?: string[]; extraSheets?: Record<string, TestCell[][]> } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, extra] of Object.entries(o.extraSheets ?? {})) wb.addWorksheet(name).addRows(extra);
  const ws = wb.addWorksheet(o.sheet ?? 'Лист1');
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      if (v === null) return;
      const cell = row.getCell(j + 1);
      cell.value = v as ExcelJS.CellValue;
      if (v instanceof Date) cell.numFmt = 'dd.mm.yyyy';
    });
    row.commit();
  });
  for (const m of o.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A big XLSX written with the streaming writer (benchmarks, the row limit). */
export async function bigXlsx(
  header: string[],
  n: number,
  row: (i: number) => (string | number)[],
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(header).commit();
  for (let i = 0; i < n; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** A cell of a Word table: text, or text spanning columns/rows. */
export type DocCell = string | { text: string; columnSpan?: number; rowSpan?: number };

/** A DOCX with a title and notes above a table, and a note below. */
export async function docxOf(rows: DocCell[][], above: string[] = [], below: string[] = []): Promise<Buffer> {
  const para = (t: string) => new Paragraph({ text: t });
  const table = new Table({
    rows: rows.map(
      (r) =>
        new TableRow({
          children: r.map((c) =>
            typeof c === 'string'
              ? new TableCell({ children: c.split('\n').map(para) })
              : new TableCell({
                  children: c.text.split('\n').map(para),
                  columnSpan: c.columnSpan,
                  rowSpan: c.rowSpan,
                }),
          ),
        }),
    ),
  });
  const doc = new Document({ sections: [{ children: [...above.map(para), table, ...below.map(para)] }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

const csvText = (rows: (string | number)[][], sep: string) =>
  rows
    .map((r) =>
      r.map((v) => (/[";\n,]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(sep),
    )
    .join('\r\n');

/** A CSV in UTF-8 with a byte-order mark. */
export const csvUtf8Bom = (rows: (string | number)[][], sep = ',') =>
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows, sep), 'utf8')]);

/** A CSV in Windows-1251. */
export const csv1251 = (rows: (string | number)[][], sep = ';') =>
  iconv.encode(csvText(rows, sep), 'win1251');

/** A ZIP whose one entry (named so it sniffs as XLSX) inflates to `mb` megabytes of zeros. */
export function zipBomb(mb: number): Buffer {
  const name = Buffer.from('xl/workbook.xml');
  const raw = Buffer.alloc(mb * 1024 * 1024);
  const data = deflateRawSync(raw, { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(raw.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(raw.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + name.length + data.length;
  const cdSize = central.length + name.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** A multipart/form-data body. */
export function multipart(parts: { name: string; value: string | Buffer; fileName?: string }[]) {
  const boundary = 'XaccordImportX';
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"` : ''}\r\n${p.fileName ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`,
    ),
    Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
