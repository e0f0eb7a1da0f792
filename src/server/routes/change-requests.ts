/** Change requests of measures: a coordinator asks, the secretariat accepts or declines (issue 9 §4). */
import { IdParams } from '../../contracts/common';
import {
  ChangeRequest,
  ChangeRequestAccept,
  ChangeRequestCreate,
  ChangeRequestDecline,
  ChangeRequestList,
  ChangeRequestQuery,
} from '../../contracts/change-requests';
import * as svc from '../../services/change-requests';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';

const tags = ['change-requests'];

const routes: RouteModule = (app, { ctx }) => {
  app.post(
    '/measures/:id/change-requests',
    {
      schema: {
        tags,
        operationId: 'createChangeRequest',
        summary:
          "Ask for a new due date or for one's own party's responsible bodies (a coordinator of a responsible party), with the reason; audited",
        params: IdParams,
        body: ChangeRequestCreate,
        response: { 201: ChangeRequest, ...ERRORS },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await svc.createChangeRequest(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get(
    '/change-requests',
    {
      schema: {
        tags,
        operationId: 'listChangeRequests',
        summary: "Change requests, newest first: admins see all, a coordinator its party's",
        querystring: ChangeRequestQuery,
        response: { 200: ChangeRequestList, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => svc.findChangeRequests(ctx, requireActor(req), req.query),
  );
  app.get(
    '/change-requests/:id',
    {
      schema: {
        tags,
        operationId: 'getChangeRequest',
        summary: 'One change request, with its outcome',
        params: IdParams,
        response: { 200: ChangeRequest, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => svc.getChangeRequest(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/change-requests/:id/accept',
    {
      schema: {
        tags,
        operationId: 'acceptChangeRequest',
        summary:
          'Accept an open request (admin): the change is applied, citing the request and the decision if given',
        params: IdParams,
        body: ChangeRequestAccept,
        response: { 200: ChangeRequest, ...ERRORS },
      },
    },
    async (req) => svc.acceptChangeRequest(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/change-requests/:id/decline',
    {
      schema: {
        tags,
        operationId: 'declineChangeRequest',
        summary: 'Decline an open request with the reason (admin); the requester reads it',
        params: IdParams,
        body: ChangeRequestDecline,
        response: { 200: ChangeRequest, ...ERRORS },
      },
    },
    async (req) => svc.declineChangeRequest(ctx, requireActor(req), req.params.id, req.body),
  );
};

export default routes;
