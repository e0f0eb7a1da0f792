/** Measures: the tree of a roadmap, its filters, bulk changes, moves and history. */
import { z } from 'zod';
import { AuditEvent } from '../../contracts/audit';
import { IdParams, Reason, Uuid, Version } from '../../contracts/common';
import {
  Measure,
  MeasureBulkResult,
  MeasureBulkUpdate,
  MeasureCreate,
  MeasureMove,
  MeasureQuery,
  MeasureUpdate,
} from '../../contracts/roadmaps';
import * as measures from '../../services/measures';
import { requireActor } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';
import { pageSchema } from './crud';

const tags = ['measures'];

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/measures',
    {
      schema: {
        tags,
        operationId: 'findMeasures',
        summary: 'Find measures: filter, full-text search (Russian word forms match), sort, paginate',
        querystring: MeasureQuery,
        response: {
          200: pageSchema(Measure).extend({
            totalIsExact: z
              .boolean()
              .describe('false when more measures match than are counted: the total then reads «more than»'),
          }),
          400: ERRORS[400],
          401: ERRORS[401],
        },
      },
    },
    async (req) => measures.findMeasures(ctx, requireActor(req), req.query),
  );
  app.get(
    '/measures/:id',
    {
      schema: {
        tags,
        operationId: 'getMeasure',
        summary: 'Get one measure',
        params: IdParams,
        response: { 200: Measure, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => measures.getMeasure(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/measures/:id/history',
    {
      schema: {
        tags,
        operationId: 'getMeasureHistory',
        summary: 'Who changed the measure, what and when (from the audit trail)',
        params: IdParams,
        response: { 200: z.object({ data: z.array(AuditEvent) }), 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => measures.measureHistory(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/measures',
    {
      schema: {
        tags,
        operationId: 'createMeasure',
        summary: 'Create a measure (code: the next free number under the parent when omitted)',
        body: MeasureCreate,
        response: { 201: Measure, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await measures.createMeasure(ctx, requireActor(req), req.body)),
  );
  app.patch(
    '/measures/:id',
    {
      schema: {
        tags,
        operationId: 'updateMeasure',
        summary: 'Change a measure (send the version you read; a stale one gets 409)',
        params: IdParams,
        body: MeasureUpdate,
        response: { 200: Measure, ...ERRORS },
      },
    },
    async (req) => measures.updateMeasure(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/measures/:id/move',
    {
      schema: {
        tags,
        operationId: 'moveMeasure',
        summary: 'Move a measure and its subtree under another parent; codes are renumbered',
        params: IdParams,
        body: MeasureMove,
        response: { 200: Measure, ...ERRORS },
      },
    },
    async (req) => measures.moveMeasure(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/measures/bulk',
    {
      schema: {
        tags,
        operationId: 'bulkUpdateMeasures',
        summary: 'Change many measures at once: all or nothing, each refusal reported by item',
        body: MeasureBulkUpdate,
        response: { 200: MeasureBulkResult, ...ERRORS },
      },
    },
    async (req) => measures.bulkUpdateMeasures(ctx, requireActor(req), req.body),
  );
  app.delete(
    '/measures/:id',
    {
      schema: {
        tags,
        operationId: 'deleteMeasure',
        summary:
          'Delete a measure without children (send the version you read); in an approved roadmap the deletion amends the plan and needs `reason`, and may cite the decision it follows',
        params: IdParams,
        querystring: z.object({
          version: z.coerce.number().pipe(Version),
          reason: Reason.optional().describe(
            'why: required in an approved roadmap (a plan amendment); audited',
          ),
          decisionId: Uuid.optional().describe(
            "the commission decision the deletion follows: its meeting must review the measure's roadmap; audited",
          ),
        }),
        response: { 204: NoContent, ...ERRORS },
      },
    },
    async (req, reply) => {
      await measures.deleteMeasure(
        ctx,
        requireActor(req),
        req.params.id,
        req.query.version,
        req.query.reason,
        req.query.decisionId,
      );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
