/** Indicators of a measure: list, add, change, remove, and the target-versus-actual series. */
import { z } from 'zod';
import { IdParams, Version } from '../../contracts/common';
import {
  Indicator,
  IndicatorCreate,
  IndicatorList,
  IndicatorSeries,
  IndicatorUpdate,
} from '../../contracts/indicators';
import * as svc from '../../services/indicators';
import { requireActor } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';

const tags = ['indicators'];

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/measures/:id/indicators',
    {
      schema: {
        tags,
        operationId: 'listMeasureIndicators',
        summary: "A measure's indicators with baselines and targets per period",
        params: IdParams,
        response: { 200: IndicatorList, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.listIndicators(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/measures/:id/indicators',
    {
      schema: {
        tags,
        operationId: 'createMeasureIndicator',
        summary:
          'Add an indicator (admins, coordinators of a responsible party); numbers may use a decimal comma («12,5»)',
        params: IdParams,
        body: IndicatorCreate,
        response: { 201: Indicator, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await svc.createIndicator(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.patch(
    '/indicators/:id',
    {
      schema: {
        tags,
        operationId: 'updateIndicator',
        summary: 'Change an indicator (send the version you read); targets, when given, replace all',
        params: IdParams,
        body: IndicatorUpdate,
        response: { 200: Indicator, ...ERRORS },
      },
    },
    async (req) => svc.updateIndicator(ctx, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/indicators/:id',
    {
      schema: {
        tags,
        operationId: 'deleteIndicator',
        summary: 'Remove an indicator (send the version you read)',
        params: IdParams,
        querystring: z.object({ version: z.coerce.number().pipe(Version) }),
        response: { 204: NoContent, ...ERRORS },
      },
    },
    async (req, reply) => {
      await svc.deleteIndicator(ctx, requireActor(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/indicators/:id/series',
    {
      schema: {
        tags,
        operationId: 'getIndicatorSeries',
        summary: "Per period the target and each party's actual value from its approved report",
        params: IdParams,
        response: { 200: IndicatorSeries, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.indicatorSeries(ctx, requireActor(req), req.params.id),
  );
};

export default routes;
