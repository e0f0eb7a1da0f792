/** Roadmap import (multipart file → dry run or save), its saved column mapping, and the exports. */
import { z } from 'zod';
import { IdParams } from '../../contracts/common';
import {
  ColumnMapping,
  ImportMapping,
  ImportMappingSave,
  ImportQuery,
  ImportResult,
} from '../../contracts/imports';
import { msg, negotiateLocale } from '../../contracts/messages';
import { MeasureQuery } from '../../contracts/roadmaps';
import { AppError, detail } from '../../domain/errors';
import { contentDisposition, CONTENT_TYPES } from '../../domain/files';
import { IMPORT_LIMITS } from '../../domain/import/grid';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../../services/context';
import { exportMeasures, exportRoadmapJson } from '../../services/exports';
import { getImportMapping, importRoadmap, saveImportMapping } from '../../services/imports';
import { userLocale } from '../../services/locale';
import { requireActor } from '../plugins/auth';
import { readUpload } from '../plugins/uploads';
import { ERRORS, type RouteModule } from '../types';

const tags = ['imports and exports'];

/** The caller's language: the account's, else Accept-Language. */
async function localeOf(ctx: Ctx, actor: Actor, header: string | string[] | undefined) {
  return (
    (await userLocale(ctx, actor.userId)) ??
    negotiateLocale(typeof header === 'string' ? header : header?.[0])
  );
}

function parseMapping(text: string | undefined) {
  if (!text) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', msg('error.import'), [detail('mapping', 'import.mapping')]);
  }
  const r = ColumnMapping.safeParse(json);
  if (!r.success)
    throw new AppError('validation_failed', msg('error.import'), [detail('mapping', 'import.mapping')]);
  return r.data;
}

const ImportForm = z
  .object({
    file: z.any().optional().describe('the XLSX, CSV or DOCX file (required)'),
    mapping: z
      .string()
      .optional()
      .describe('JSON: header (or column number) → field, over the saved mapping'),
    sheet: z.string().optional().describe('XLSX: the sheet, by name or number (default: the first)'),
    table: z.string().optional().describe('DOCX: the table, by number (default: 1)'),
  })
  .nullish();
const ExportQuery = MeasureQuery.omit({ page: true, limit: true, sort: true, roadmapId: true });
/** A file download, streamed (no JSON body). */
const FileAnswer = z.any().describe('the file');

const routes: RouteModule = (app, { ctx }) => {
  app.post(
    '/roadmaps/:id/import',
    {
      schema: {
        tags,
        operationId: 'importRoadmap',
        summary:
          'Import measures from an XLSX, CSV or DOCX table (multipart: file, mapping, sheet, table); dry run by default',
        description:
          'Multipart fields: `file` (XLSX up to 20 MB, CSV up to 20 MB, DOCX up to 10 MB; at most 50,000 rows), ' +
          '`mapping` (JSON: header → field, over the saved mapping), `sheet` (XLSX: name or number), `table` (DOCX: number). ' +
          'The dry run answers the preview with every problem; the real run saves all or nothing (422 listing every problem).',
        params: IdParams,
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        // read by readUpload as a stream, so only documented here (the parser leaves no body)
        body: ImportForm,
        response: { 200: ImportResult, ...ERRORS, 413: ERRORS[400], 415: ERRORS[400] },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const up = await readUpload(req, { kinds: ['xlsx', 'csv', 'docx'], maxBytes: IMPORT_LIMITS.xlsxBytes });
      if (up.kind === 'docx' && up.data.length > IMPORT_LIMITS.docxBytes)
        throw new AppError('payload_too_large', msg('error.bodyTooLarge'), [
          detail('file', 'upload.tooLarge', { mb: IMPORT_LIMITS.docxBytes / 1024 / 1024 }),
        ]);
      return importRoadmap(
        ctx,
        actor,
        req.params.id,
        { fileName: up.fileName, kind: up.kind as 'xlsx', data: up.data },
        {
          dryRun: req.query.dryRun,
          createOrganisations: req.query.createOrganisations,
          mapping: parseMapping(up.fields.mapping),
          choice: up.kind === 'xlsx' ? up.fields.sheet : up.kind === 'docx' ? up.fields.table : undefined,
          locale: await localeOf(ctx, actor, req.headers['accept-language']),
        },
      );
    },
  );
  app.get(
    '/roadmaps/:id/import-mapping',
    {
      schema: {
        tags,
        operationId: 'getImportMapping',
        summary: "The roadmap's saved column mapping for imports",
        params: IdParams,
        response: { 200: ImportMapping, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
      },
    },
    async (req) => getImportMapping(ctx, requireActor(req), req.params.id),
  );
  app.put(
    '/roadmaps/:id/import-mapping',
    {
      schema: {
        tags,
        operationId: 'saveImportMapping',
        summary: "Save the roadmap's column mapping for the next import (audited)",
        params: IdParams,
        body: ImportMappingSave,
        response: { 200: ImportMapping, ...ERRORS },
      },
    },
    async (req) => saveImportMapping(ctx, requireActor(req), req.params.id, req.body),
  );
  for (const format of ['xlsx', 'csv'] as const)
    app.get(
      `/roadmaps/:id/measures.${format}`,
      {
        schema: {
          tags,
          operationId: format === 'xlsx' ? 'exportMeasuresXlsx' : 'exportMeasuresCsv',
          summary: `The roadmap's measures as ${format.toUpperCase()} (the import's columns; the filters of GET /measures)`,
          params: IdParams,
          querystring: ExportQuery,
          response: { 200: FileAnswer, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const locale = await localeOf(ctx, actor, req.headers['accept-language']);
        const file = await exportMeasures(ctx, actor, req.params.id, req.query, format, locale);
        return reply
          .header('content-type', CONTENT_TYPES[format])
          .header('content-disposition', contentDisposition(file.fileName))
          .header('cache-control', 'no-store')
          .send(file.stream);
      },
    );
  app.get(
    '/roadmaps/:id/export.json',
    {
      schema: {
        tags,
        operationId: 'exportRoadmapJson',
        summary:
          'The roadmap with its measures, approved reports and joint statuses, as the caller may read them',
        params: IdParams,
        response: { 200: FileAnswer, 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req, reply) => {
      const file = await exportRoadmapJson(ctx, requireActor(req), req.params.id);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );
};

export default routes;
