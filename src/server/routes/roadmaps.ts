/** Roadmaps (draft → approved → archived) and their summary. */
import {
  Roadmap,
  RoadmapCreate,
  RoadmapQuery,
  RoadmapSummary,
  RoadmapUpdate,
} from '../../contracts/roadmaps';
import { IdParams } from '../../contracts/common';
import * as svc from '../../services/roadmaps';
import { roadmapSummary } from '../../services/summary';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';
import { crudRoutes } from './crud';

const routes: RouteModule = (app, { ctx }) => {
  crudRoutes(app, ctx, {
    path: '/roadmaps',
    tag: 'roadmaps',
    noun: 'roadmap',
    item: Roadmap,
    query: RoadmapQuery,
    create: RoadmapCreate,
    update: RoadmapUpdate,
    list: svc.findRoadmaps,
    get: svc.getRoadmap,
    add: svc.createRoadmap,
    change: svc.updateRoadmap,
    remove: svc.deleteRoadmap,
  });
  app.get(
    '/roadmaps/:id/summary',
    {
      schema: {
        tags: ['roadmaps'],
        operationId: 'getRoadmapSummary',
        summary:
          'Counts and progress by status, sphere, party and organisation (of the measures the caller may see)',
        params: IdParams,
        response: { 200: RoadmapSummary, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => roadmapSummary(ctx, requireActor(req), req.params.id),
  );
};

export default routes;
