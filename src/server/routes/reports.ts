/** Progress reports: create, read, edit, the workflow, evidence files, assignments, completeness. */
import { z } from 'zod';
import { IdParams, Version } from '../../contracts/common';
import { msg } from '../../contracts/messages';
import {
  AssignmentPage,
  AssignmentQuery,
  Completeness,
  CompletenessQuery,
  EvidenceFile,
  REPORT_LIMITS,
  Report,
  ReportCreate,
  ReportPage,
  ReportQuery,
  ReportReasoned,
  ReportTransition,
  ReportUpdate,
} from '../../contracts/reports';
import { AppError, detail } from '../../domain/errors';
import { contentDisposition } from '../../domain/files';
import * as svc from '../../services/reports';
import { requireActor } from '../plugins/auth';
import { readUpload } from '../plugins/uploads';
import { ERRORS, type RouteModule } from '../types';

const tags = ['reports'];
const EVIDENCE_KINDS = ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'webp'] as const;

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/reports',
    {
      schema: {
        tags,
        operationId: 'listReports',
        summary: 'Find progress reports the caller may read: filters, newest period first, paginated',
        querystring: ReportQuery,
        response: { 200: ReportPage, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => svc.listReports(ctx, requireActor(req), req.query),
  );
  app.get(
    '/reports/assignments',
    {
      schema: {
        tags,
        operationId: 'listReportAssignments',
        summary:
          "What the caller must report on: its organisation's (reporter) or party's (coordinator) measures in every started, unlocked period, with each report's state and due date; overdue first",
        querystring: AssignmentQuery,
        response: { 200: AssignmentPage, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => svc.listAssignments(ctx, requireActor(req), req.query),
  );
  app.post(
    '/reports',
    {
      schema: {
        tags,
        operationId: 'createReport',
        summary: "Start the caller's party's draft report on a measure for a period (409 when it exists)",
        body: ReportCreate,
        response: { 201: Report, ...ERRORS },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createReport(ctx, requireActor(req), req.body)),
  );
  app.get(
    '/reports/:id',
    {
      schema: {
        tags,
        operationId: 'getReport',
        summary: 'Get one report (404 when absent or not visible: another party sees it once approved)',
        params: IdParams,
        response: { 200: Report, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.getReport(ctx, requireActor(req), req.params.id),
  );
  app.patch(
    '/reports/:id',
    {
      schema: {
        tags,
        operationId: 'updateReport',
        summary: 'Edit a draft or returned report',
        params: IdParams,
        body: ReportUpdate,
        response: { 200: Report, ...ERRORS },
      },
    },
    async (req) => svc.updateReport(ctx, requireActor(req), req.params.id, req.body),
  );
  // The workflow moves: one route each, the version read and (return, reopen) the reason.
  const moves = [
    [
      'submit',
      "Submit a draft or returned report for the party coordinator's approval (late after the due date)",
      ReportTransition,
      svc.submitReport,
    ],
    ['approve', "Approve a submitted report (the party's coordinator)", ReportTransition, svc.approveReport],
    [
      'return',
      'Return a submitted report to its writers, with the reason (the party coordinator)',
      ReportReasoned,
      svc.returnReport,
    ],
    [
      'reopen',
      'Reopen an approved report back to draft, content kept, with the reason (the party coordinator; not in a locked period)',
      ReportReasoned,
      svc.reopenReport,
    ],
  ] as const;
  for (const [action, summary, body, run] of moves) {
    app.post(
      `/reports/:id/${action}`,
      {
        schema: {
          tags,
          operationId: `${action}Report`,
          summary,
          params: IdParams,
          body,
          response: { 200: Report, ...ERRORS },
        },
      },
      // each schema types the body its service takes (the reasoned ones carry `reason`)
      async (req) =>
        run(ctx, requireActor(req), req.params.id, req.body as { version: number; reason: string }),
    );
  }
  app.post(
    '/reports/:id/evidence',
    {
      schema: {
        tags,
        operationId: 'uploadReportEvidence',
        summary:
          'Attach an evidence file (multipart: `file`, and `version` of the report): PDF, DOCX, XLSX or an image, at most 20 MB; the SHA-256 is kept',
        params: IdParams,
        consumes: ['multipart/form-data'],
        // documents the form; the multipart parser reads it (readUpload), so it is never validated here
        body: z
          .unknown()
          .describe("multipart/form-data: `file` (the file) and `version` (the report's version, as read)"),
        response: {
          201: EvidenceFile.extend({
            reportVersion: Version.describe("the report's version after the upload"),
          }),
          ...ERRORS,
          413: ERRORS[400].describe('the file is too large'),
          415: ERRORS[400].describe('not a file of an allowed type'),
        },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const up = await readUpload(req, { kinds: EVIDENCE_KINDS, maxBytes: REPORT_LIMITS.fileBytes });
      const version = Number(up.fields.version);
      if (!Number.isInteger(version) || version < 1)
        throw new AppError('validation_failed', msg('error.upload'), [detail('version', 'field.required')]);
      const file = await svc.uploadEvidence(ctx, actor, req.params.id, {
        fileName: up.fileName,
        contentType: up.contentType,
        data: up.data,
        version,
      });
      return reply.code(201).send(file);
    },
  );
  app.get(
    '/evidence/:id',
    {
      schema: {
        tags,
        operationId: 'downloadEvidence',
        summary: 'Download an evidence file (the access rules of its report)',
        params: IdParams,
        response: { 200: z.any().describe('the file'), 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req, reply) => {
      const f = await svc.downloadEvidence(ctx, requireActor(req), req.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('digest', `sha-256=${Buffer.from(f.sha256, 'hex').toString('base64')}`)
        .send(f.data);
    },
  );
  app.delete(
    '/evidence/:id',
    {
      schema: {
        tags,
        operationId: 'deleteEvidence',
        summary: 'Remove an evidence file from a draft or returned report (`version`: of the report)',
        params: IdParams,
        querystring: z.object({ version: z.coerce.number().int().min(1) }),
        response: { 200: z.object({ reportVersion: Version }), ...ERRORS },
      },
    },
    async (req) => svc.deleteEvidence(ctx, requireActor(req), req.params.id, req.query.version),
  );
  app.get(
    '/roadmaps/:id/reporting',
    {
      schema: {
        tags,
        operationId: 'getRoadmapReporting',
        summary:
          'Reporting completeness of a period (by default the current one) per party and organisation; of a party whose internal data the caller may not read, only due and approved',
        params: IdParams,
        querystring: CompletenessQuery,
        response: { 200: Completeness, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.reportingCompleteness(ctx, requireActor(req), req.params.id, req.query.periodId),
  );
};

export default routes;
