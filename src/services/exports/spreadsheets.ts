/**
 * `measures.xlsx` and `measures.csv` of a roadmap: written to a stream page by page, so the
 * memory an export takes does not grow with the roadmap.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { Locale } from '../../contracts/enums';
import { CSV_BOM, csvLine } from '../../documents/spreadsheets/csv-writer';
import { exportColumns, cellValueOf } from '../../documents/spreadsheets/columns';
import { xlsxExport } from '../../documents/spreadsheets/xlsx-writer';
import type { Actor } from '../../domain/policies';
import { loadRoadmap } from '../roadmaps';
import { type Ctx, today } from '../context';
import {
  deepestLevel,
  type ExportQuery,
  exportDictionaries,
  exportRow,
  exportWhere,
  partyHeaders,
  readAhead,
  spreadsheetPages,
} from './rows';

/** A file to send: its name and a stream of its bytes. */
export interface ExportFile {
  fileName: string;
  stream: Readable;
}

/** The roadmap's measures as XLSX or CSV in the column format the import reads. */
export async function exportMeasures(
  ctx: Ctx,
  actor: Actor,
  roadmapId: string,
  q: ExportQuery,
  format: 'xlsx' | 'csv',
  locale: Locale,
): Promise<ExportFile> {
  const roadmap = await loadRoadmap(ctx.db, roadmapId);
  const day = today(ctx);
  const dict = await exportDictionaries(ctx.db);
  const columns = exportColumns(locale, partyHeaders(dict, locale));
  const out = new PassThrough();
  const title = roadmap.title[locale] ?? roadmap.title.ru;
  const run = async () => {
    const where = await exportWhere(ctx.db, actor, roadmapId, q, day);
    const pages = readAhead(spreadsheetPages(ctx.db, actor, where, day));
    if (format === 'xlsx') {
      const book = await xlsxExport(out, title, columns, await deepestLevel(ctx.db, where));
      for await (const page of pages) await book.write(page.map((m) => exportRow(m, dict, locale)));
      await book.end();
    } else {
      out.write(CSV_BOM + csvLine(columns.map((c) => c.header)));
      for await (const page of pages) {
        const chunk = page.map((m) => {
          const row = exportRow(m, dict, locale);
          return csvLine(columns.map((c) => cellValueOf(row, c.key)));
        });
        if (!out.write(chunk.join(''))) await new Promise((r) => out.once('drain', r));
      }
      out.end();
    }
  };
  run().catch((e) => out.destroy(e));
  return { fileName: `${title} ${day}.${format}`, stream: out };
}
