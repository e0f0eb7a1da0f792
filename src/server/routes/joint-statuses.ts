/** Joint statuses: the reconciliation list, one with both parties' claims, confirm and dissent. */
import { IdParams } from '../../contracts/common';
import {
  JointConfirm,
  JointDissentCreate,
  JointStatus,
  JointStatusDetail,
  JointStatusPage,
  JointStatusQuery,
} from '../../contracts/joint-statuses';
import { z } from 'zod';
import * as svc from '../../services/joint-statuses';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';

const tags = ['joint-statuses'];

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/joint-statuses',
    {
      schema: {
        tags,
        operationId: 'findJointStatuses',
        summary:
          'Joint statuses of the measures the caller may see (filters: roadmap, period, measure, state)',
        querystring: JointStatusQuery,
        response: { 200: JointStatusPage, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => svc.findJointStatuses(ctx, requireActor(req), req.query),
  );
  app.get(
    '/joint-statuses/:id',
    {
      schema: {
        tags,
        operationId: 'getJointStatus',
        summary: "One joint status with both parties' claims side by side (only reports the caller may read)",
        params: IdParams,
        response: { 200: JointStatusDetail, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.getJointStatus(ctx.db, requireActor(req), req.params.id),
  );
  app.post(
    '/joint-statuses/:id/confirm',
    {
      schema: {
        tags,
        operationId: 'confirmJointStatus',
        summary:
          'A coordinator of a responsible party confirms values; confirmed once every responsible party confirmed the same (the measure follows)',
        params: IdParams,
        body: JointConfirm,
        response: { 200: JointStatusDetail, ...ERRORS },
      },
    },
    async (req) => svc.confirmJointStatus(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/joint-statuses/:id/dissent',
    {
      schema: {
        tags,
        operationId: 'dissentJointStatus',
        summary: "A coordinator of a responsible party records its party's dissent, kept beside the status",
        params: IdParams,
        body: JointDissentCreate,
        response: { 200: JointStatusDetail, ...ERRORS },
      },
    },
    async (req) => svc.dissentJointStatus(ctx, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/measures/:id/joint-statuses',
    {
      schema: {
        tags,
        operationId: 'listMeasureJointStatuses',
        summary: "A measure's joint status per reporting period, newest first",
        params: IdParams,
        response: {
          200: z.object({ data: z.array(JointStatus) }),
          400: ERRORS[400],
          401: ERRORS[401],
          404: ERRORS[404],
        },
      },
    },
    async (req) => svc.measureJointStatuses(ctx, requireActor(req), req.params.id),
  );
};

export default routes;
