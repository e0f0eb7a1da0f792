/**
 * XLSX → grid, streamed: one sheet (the first, or the one named or numbered), formulas as
 * their cached values (never evaluated), date cells as dates, percent cells as `45%`, and
 * cells merged over several rows filled down. The ZIP is judged first (declared sizes, zip
 * bombs); then shared strings, styles and the chosen sheet are read as text streams (see
 * xlsx-parts.ts for why not exceljs's reader), stopping at the row limit.
 */
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import { type Cell, type Grid, IMPORT_LIMITS } from '../../domain/import/grid';
import { eachElement, entryText, parseRow, stringItem, styleKinds, xmlText } from './xlsx-parts';
import { checkZip, type ZipEntry } from './zip';

const corrupt = () =>
  new AppError('validation_failed', msg('error.import'), [
    detail('file', 'import.corrupt', { kind: 'XLSX' }),
  ]);
const tooManyRows = () =>
  new AppError('payload_too_large', msg('error.import'), [
    detail('file', 'import.tooManyRows', { max: IMPORT_LIMITS.rows }),
  ]);

async function wholeText(data: Buffer, e: ZipEntry | undefined): Promise<string> {
  if (!e) return '';
  let out = '';
  await entryText(data, e, (t) => {
    out += t;
  });
  return out;
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
    if (!a || !b || b.row <= a.row) continue;
    const v = rows[a.row]?.[a.col] ?? null;
    for (let y = a.row + 1; y <= b.row && y < rows.length; y++) {
      rows[y] ??= [];
      if ((rows[y][a.col] ?? null) === null) rows[y][a.col] = v;
      for (let x = 0; x < a.col; x++) rows[y][x] ??= null;
    }
  }
}

/** The grid of the chosen sheet (`sheet`: a name or a 1-based number; default the first). */
export async function readXlsx(data: Buffer, sheet?: string): Promise<Grid> {
  const entries = checkZip(data, 'xlsx');
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  try {
    const workbook = await wholeText(data, byName.get('xl/workbook.xml'));
    if (!workbook) throw corrupt();
    const rels = await wholeText(data, byName.get('xl/_rels/workbook.xml.rels'));
    const targets = new Map(
      [...rels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => [
        /\bId="([^"]+)"/.exec(m[0])?.[1] ?? '',
        (/\bTarget="([^"]+)"/.exec(m[0])?.[1] ?? '').replace(/^\/?(xl\/)?/, 'xl/'),
      ]),
    );
    const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)].map((m) => ({
      name: xmlText(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? ''),
      path: targets.get(/\br:id="([^"]+)"/.exec(m[0])?.[1] ?? '') ?? '',
    }));
    const chosen =
      sheet === undefined || sheet === ''
        ? sheets[0]
        : (sheets.find((s) => s.name === sheet) ??
          (/^\d+$/.test(sheet) ? sheets[Number(sheet) - 1] : undefined));
    if (!chosen)
      throw new AppError('validation_failed', msg('error.import'), [
        sheets.length
          ? detail('sheet', 'import.noSheet', {
              sheet: sheet ?? '',
              sheets: sheets.map((s) => s.name).join(', '),
            })
          : detail('file', 'import.corrupt', { kind: 'XLSX' }),
      ]);
    const entry = byName.get(chosen.path);
    if (!entry) throw corrupt();
    const date1904 = /date1904="(1|true)"/.test(workbook);
    const kinds = styleKinds(await wholeText(data, byName.get('xl/styles.xml')));
    const strings: string[] = [];
    const sst = byName.get('xl/sharedStrings.xml');
    if (sst)
      await eachElement(data, sst, 'si', (xml) =>
        strings.push(stringItem(xml).slice(0, IMPORT_LIMITS.cellChars)),
      );
    const rows: Cell[][] = [];
    const merges: string[] = [];
    let count = 0;
    await eachElement(data, entry, 'row', (xml) => {
      if (++count > IMPORT_LIMITS.rows) throw tooManyRows();
      const r = parseRow(xml, strings, kinds, date1904, IMPORT_LIMITS.columns);
      rows[r.index >= 0 ? r.index : rows.length] = r.cells;
    });
    if (rows.length > IMPORT_LIMITS.rows) throw tooManyRows();
    await eachElement(data, entry, 'mergeCell', (xml) => {
      const ref = /\bref="([A-Z]+\d+:[A-Z]+\d+)"/.exec(xml)?.[1];
      if (ref) merges.push(ref);
    });
    const grid = Array.from(rows, (r) => r ?? []);
    fillMerges(grid, merges);
    return { rows: grid };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw corrupt();
  }
}
