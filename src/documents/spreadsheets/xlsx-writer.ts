/**
 * The XLSX of a roadmap export, written as a stream of SpreadsheetML into a ZIP (zip-writer.ts):
 * a frozen, filtered header row, column widths, dates as dates, the tree as outline levels and
 * indented titles, bold top-level rows, overdue rows in red and disputed ones in amber.
 *
 * Written by hand rather than with exceljs: its writer built a style object per cell and
 * serialised it to find the style's id, which made 100,000 measures cost ~14 s of CPU. Here
 * the sheet is text (inline strings, a handful of cell styles known in advance) deflated by
 * zlib, and memory holds one page of rows at a time.
 */
import type { Writable } from 'node:stream';
import { type ColumnKey, type ExportRow, neutralise, valueReader } from './columns';
import { ZipWriter } from './zip-writer';

const OVERDUE = 'FFFDE2E1';
const DISPUTED = 'FFFFF1D6';
const HEADER = 'FFE7EEF7';
const MAX_OUTLINE = 7;
const MAX_INDENT = 15;
const SLICE = 100;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// characters XML 1.0 cannot hold at all
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the ones removed
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (s: string) =>
  s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => escapeXml(s).replace(/"/g, '&quot;');

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const EPOCH = Date.UTC(1899, 11, 30);
/** `YYYY-MM-DD` as an Excel serial day (the 1900 system). */
export const serialDay = (iso: string) =>
  (Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - EPOCH) /
  86_400_000;

const FILLS = [null, OVERDUE, DISPUTED] as const;
type Kind = 'text' | 'date' | 'title';

/**
 * The cell styles (`cellXfs`): 0 the default, 1 the header, then every kind × bold × fill ×
 * indent a row can need, numbered once so that each cell names its style by index.
 */
function cellStyles() {
  const xfs = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
  ];
  const index = new Map<string, number>();
  const key = (kind: Kind, bold: boolean, fill: number, indent: number) =>
    `${kind}|${bold ? 1 : 0}|${fill}|${indent}`;
  for (const kind of ['text', 'date', 'title'] as const)
    for (const bold of [false, true])
      for (let fill = 0; fill < FILLS.length; fill++)
        for (let indent = 0; indent <= (kind === 'title' ? MAX_INDENT : 0); indent++) {
          const parts = [
            `numFmtId="${kind === 'date' ? 164 : 0}"`,
            `fontId="${bold ? 1 : 0}"`,
            `fillId="${fill === 0 ? 0 : fill + 2}"`,
            'borderId="0" xfId="0"',
            kind === 'date' ? 'applyNumberFormat="1"' : '',
            bold ? 'applyFont="1"' : '',
            fill ? 'applyFill="1"' : '',
          ].filter(Boolean);
          const align =
            kind === 'title'
              ? `<alignment vertical="top" wrapText="1"${indent ? ` indent="${indent}"` : ''}/>`
              : '';
          index.set(key(kind, bold, fill, indent), xfs.length);
          xfs.push(
            align ? `<xf ${parts.join(' ')} applyAlignment="1">${align}</xf>` : `<xf ${parts.join(' ')}/>`,
          );
        }
  const solid = (argb: string) =>
    `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
  const xml = `${XML}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${solid(HEADER)}${solid(OVERDUE)}${solid(DISPUTED)}</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  return {
    xml,
    of: (kind: Kind, bold: boolean, fill: number, indent: number) =>
      index.get(key(kind, bold, fill, kind === 'title' ? Math.min(indent, MAX_INDENT) : 0)) as number,
  };
}

const textCell = (ref: string, style: number, s: string) =>
  s === ''
    ? `<c r="${ref}" s="${style}"/>`
    : `<c r="${ref}" s="${style}" t="inlineStr"><is><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t></is></c>`;

/**
 * Starts a workbook on `out`. `write` adds a page of rows (waiting while the reader is
 * behind), `end` finishes the file. `outlineLevels` is the deepest level the rows will have.
 */
export async function xlsxExport(
  out: Writable,
  sheetName: string,
  columns: { key: ColumnKey; header: string; width: number }[],
  outlineLevels = MAX_OUTLINE,
) {
  const zip = new ZipWriter(out);
  const styles = cellStyles();
  const name =
    sheetName
      .slice(0, 31)
      .replace(/[\\/?*[\]:]/g, ' ')
      .trim() || 'Sheet1';
  const letters = columns.map((_, i) => columnLetters(i));
  const kinds: Kind[] = columns.map((c) =>
    c.key === 'startDate' || c.key === 'dueDate' ? 'date' : c.key === 'title' ? 'title' : 'text',
  );
  const sheet = await zip.stream('xl/worksheets/sheet1.xml');
  const cols = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('');
  const head = columns.map((c, i) => textCell(`${letters[i]}1`, 1, neutralise(c.header))).join('');
  await sheet.write(
    `${XML}<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetPr><outlinePr summaryBelow="0"/></sheetPr><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15" outlineLevelRow="${Math.min(outlineLevels, MAX_OUTLINE)}"/><cols>${cols}</cols><sheetData><row r="1">${head}</row>`,
  );
  let rowNumber = 1;

  const readers = columns.map((c) => valueReader(c.key));
  // the style of each column for a kind of row (bold × fill × indent), worked out once
  const rowStyles = new Map<number, number[]>();
  const stylesFor = (bold: boolean, fill: number, indent: number) => {
    const k = (Math.min(indent, MAX_INDENT) * FILLS.length + fill) * 2 + (bold ? 1 : 0);
    let list = rowStyles.get(k);
    if (!list) {
      list = kinds.map((kind) => styles.of(kind, bold, fill, indent));
      rowStyles.set(k, list);
    }
    return list;
  };

  const rowXml = (row: ExportRow) => {
    const r = ++rowNumber;
    const fill = row.overdue ? 1 : row.disputed ? 2 : 0;
    const style = stylesFor(row.depth === 0, fill, row.depth * 2);
    let xml = `<row r="${r}"${row.depth > 0 ? ` outlineLevel="${Math.min(row.depth, MAX_OUTLINE)}"` : ''}>`;
    for (let i = 0; i < readers.length; i++) {
      const v = readers[i](row);
      // an empty cell is written only to carry the row's fill
      if (v === '' && fill === 0) continue;
      const ref = letters[i] + r;
      if (v === '') xml += `<c r="${ref}" s="${style[i]}"/>`;
      else if (kinds[i] === 'date')
        xml += `<c r="${ref}" s="${style[i]}"><v>${serialDay(v as string)}</v></c>`;
      else if (typeof v === 'number') xml += `<c r="${ref}" s="${style[i]}"><v>${v}</v></c>`;
      else xml += textCell(ref, style[i], neutralise(v));
    }
    return `${xml}</row>`;
  };

  return {
    async write(rows: readonly ExportRow[]) {
      // in slices: a few hundred kilobytes of text at a time stay cheap for the collector
      for (let i = 0; i < rows.length; i += SLICE) {
        let xml = '';
        for (const row of rows.slice(i, i + SLICE)) xml += rowXml(row);
        await sheet.write(xml);
      }
    },
    async end() {
      const last = `${letters[letters.length - 1]}${rowNumber}`;
      await sheet.write(`</sheetData><autoFilter ref="A1:${last}"/></worksheet>`);
      await sheet.end();
      const quoted = `'${name.replace(/'/g, "''")}'`;
      await zip.file(
        'xl/workbook.xml',
        `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets><sheet name="${attr(name)}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${attr(`${quoted}!$A$1:$${letters[letters.length - 1]}$${rowNumber}`)}</definedName></definedNames></workbook>`,
      );
      await zip.file('xl/styles.xml', styles.xml);
      await zip.file(
        'xl/_rels/workbook.xml.rels',
        `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      );
      await zip.file(
        '_rels/.rels',
        `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      );
      await zip.file(
        '[Content_Types].xml',
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      );
      await zip.end();
    },
  };
}
