/** Reporting periods of a roadmap: list, generate, add one; close, lock, reopen. */
import { IdParams } from '../../contracts/common';
import {
  Period,
  PeriodCreate,
  PeriodGenerate,
  PeriodGenerated,
  PeriodList,
  PeriodReopen,
  PeriodTransition,
} from '../../contracts/periods';
import * as svc from '../../services/periods';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';

const tags = ['periods'];

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/roadmaps/:id/periods',
    {
      schema: {
        tags,
        operationId: 'listRoadmapPeriods',
        summary: 'List the reporting periods of a roadmap, in date order',
        params: IdParams,
        response: { 200: PeriodList, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.listPeriods(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/roadmaps/:id/periods/generate',
    {
      schema: {
        tags,
        operationId: 'generateRoadmapPeriods',
        summary:
          "Add the calendar periods of the roadmap's frequency from its earliest measure start up to the next one ahead of today (admin; idempotent)",
        params: IdParams,
        body: PeriodGenerate,
        response: { 200: PeriodGenerated, ...ERRORS },
      },
    },
    async (req) => svc.generatePeriods(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/roadmaps/:id/periods',
    {
      schema: {
        tags,
        operationId: 'createRoadmapPeriod',
        summary: 'Add one reporting period (admin); 409 when it overlaps another',
        params: IdParams,
        body: PeriodCreate,
        response: { 201: Period, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await svc.createPeriod(ctx, requireActor(req), req.params.id, req.body)),
  );
  for (const [action, summary] of [
    ['close', 'Close an open period (admin): reports may still come in, marked late'],
    ['lock', 'Lock a closed period (admin): nothing in it changes any more'],
  ] as const) {
    app.post(
      `/periods/:id/${action}`,
      {
        schema: {
          tags,
          operationId: `${action}Period`,
          summary,
          params: IdParams,
          body: PeriodTransition,
          response: { 200: Period, ...ERRORS },
        },
      },
      async (req) => svc.transitionPeriod(ctx, requireActor(req), req.params.id, action, req.body),
    );
  }
  app.post(
    '/periods/:id/reopen',
    {
      schema: {
        tags,
        operationId: 'reopenPeriod',
        summary: 'Reopen a closed or locked period (admin), with the reason; audited',
        params: IdParams,
        body: PeriodReopen,
        response: { 200: Period, ...ERRORS },
      },
    },
    async (req) => svc.transitionPeriod(ctx, requireActor(req), req.params.id, 'reopen', req.body),
  );
};

export default routes;
