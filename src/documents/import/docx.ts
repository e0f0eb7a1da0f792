/**
 * A Word table → grid: mammoth converts the document to HTML, and the chosen table (the
 * first by default) is read cell by cell; a cell spanning columns leaves the spanned cells
 * empty, a cell spanning rows fills them (an executor named once for several measures).
 */
import mammoth from 'mammoth';
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import { type Cell, type Grid, IMPORT_LIMITS } from '../../domain/import/grid';
import { checkZip } from './zip';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
        )
      : (ENTITIES[e] ?? m),
  );

/** The text of a cell's HTML: paragraphs and breaks become line breaks. */
const cellText = (html: string) =>
  decodeEntities(
    html
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/p>\s*<p[^>]*>/g, '\n')
      .replace(/<\/li>\s*<li[^>]*>/g, '\n')
      .replace(/<[^>]+>/g, ''),
  ).trim();

/** The tables of mammoth's HTML (nested tables are read as text of their cell). */
export function htmlTables(html: string): { html: string }[] {
  const out: { html: string }[] = [];
  const re = /<(\/?)table\b[^>]*>/g;
  let depth = 0;
  let start = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (!m[1]) {
      if (depth++ === 0) start = m.index;
    } else if (--depth === 0) out.push({ html: html.slice(start, m.index + m[0].length) });
  }
  return out;
}

/** One table's HTML as a grid, spans resolved. */
export function tableGrid(html: string): Cell[][] {
  const rows: Cell[][] = [];
  const pending: (number | undefined)[] = []; // rows a cell above still covers, per column
  const carry: Cell[] = [];
  const inner = html.replace(/^<table[^>]*>|<\/table>$/g, '');
  for (const tr of inner.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
    const row: Cell[] = [];
    let col = 0;
    const fillCovered = () => {
      while (pending[col]) {
        row[col] = carry[col];
        pending[col]!--;
        col++;
      }
    };
    for (const td of tr[1].matchAll(/<t([dh])([^>]*)>([\s\S]*?)<\/t\1>/g)) {
      fillCovered();
      const colspan = Number(/colspan="(\d+)"/.exec(td[2])?.[1] ?? 1);
      const rowspan = Number(/rowspan="(\d+)"/.exec(td[2])?.[1] ?? 1);
      const text = cellText(td[3]).slice(0, IMPORT_LIMITS.cellChars);
      const v: Cell = text === '' ? null : text;
      for (let k = 0; k < colspan; k++) {
        row[col + k] = k === 0 ? v : null;
        if (rowspan > 1) {
          pending[col + k] = rowspan - 1;
          carry[col + k] = k === 0 ? v : null;
        }
      }
      col += colspan;
    }
    fillCovered();
    rows.push(Array.from(row, (c) => c ?? null));
    if (rows.length > IMPORT_LIMITS.rows)
      throw new AppError('payload_too_large', msg('error.import'), [
        detail('file', 'import.tooManyRows', { max: IMPORT_LIMITS.rows }),
      ]);
  }
  return rows;
}

/** The grid of a DOCX's table number `table` (1-based; the first by default). */
export async function readDocx(data: Buffer, table?: string): Promise<Grid> {
  checkZip(data, 'docx');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: data })).value;
  } catch {
    throw new AppError('validation_failed', msg('error.import'), [
      detail('file', 'import.corrupt', { kind: 'DOCX' }),
    ]);
  }
  const tables = htmlTables(html);
  const n = table ? Number(table) : 1;
  if (!Number.isInteger(n) || n < 1 || n > tables.length)
    throw new AppError('validation_failed', msg('error.import'), [
      tables.length === 0
        ? detail('file', 'import.noTable')
        : detail('table', 'import.tableNumber', { count: tables.length }),
    ]);
  return { rows: tableGrid(tables[n - 1].html) };
}
