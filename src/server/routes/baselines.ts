/** Baselines of a roadmap and what changed between two states of its plan (issue 9 §3). */
import { IdParams } from '../../contracts/common';
import {
  Baseline,
  BaselineCreate,
  BaselineDates,
  BaselineDatesParams,
  BaselineList,
  DiffQuery,
  PlanDiff,
} from '../../contracts/baselines';
import * as svc from '../../services/baselines';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';

const tags = ['baselines'];

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/roadmaps/:id/baselines',
    {
      schema: {
        tags,
        operationId: 'listRoadmapBaselines',
        summary: "A roadmap's baselines (frozen plans), newest first",
        params: IdParams,
        response: { 200: BaselineList, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.listBaselines(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/roadmaps/:id/baselines',
    {
      schema: {
        tags,
        operationId: 'createRoadmapBaseline',
        summary: "Freeze the roadmap's plan now as a named baseline (admin); audited",
        params: IdParams,
        body: BaselineCreate,
        response: { 201: Baseline, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await svc.createBaseline(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/roadmaps/:id/diff',
    {
      schema: {
        tags,
        operationId: 'diffRoadmapPlan',
        summary:
          'What changed in the plan between two states: baselines, dates (the plan at the end of that day, from history) or now; only measures the caller may see',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: PlanDiff, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404], 422: ERRORS[422] },
      },
    },
    async (req) => svc.roadmapDiff(ctx, requireActor(req), req.params.id, req.query),
  );
  app.get(
    '/roadmaps/:id/baselines/:baselineId/dates',
    {
      schema: {
        tags,
        operationId: 'getBaselineDates',
        summary:
          "The start and due dates each measure had in a baseline (the timeline's baseline bars); only measures the caller may see",
        params: BaselineDatesParams,
        response: { 200: BaselineDates, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.baselineDates(ctx, requireActor(req), req.params.id, req.params.baselineId),
  );
};

export default routes;
