/** Comments on measures and reports, threaded one level deep, with mentions; edits and moderation. */
import { IdParams } from '../../contracts/common';
import {
  Comment,
  CommentCreate,
  CommentDeleteQuery,
  CommentPage,
  CommentQuery,
  CommentUpdate,
  Mentionable,
  MentionableQuery,
} from '../../contracts/comments';
import * as svc from '../../services/comments';
import { requireActor } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';

const tags = ['comments'];

const routes: RouteModule = (app, { ctx }) => {
  for (const [kind, plural, Name] of [
    ['measure', 'measures', 'Measure'],
    ['report', 'reports', 'Report'],
  ] as const) {
    app.get(
      `/${plural}/:id/comments`,
      {
        schema: {
          tags,
          operationId: `list${Name}Comments`,
          summary: `The comments on a ${kind} the caller may read: top-level ones oldest first, each with its replies`,
          params: IdParams,
          querystring: CommentQuery,
          response: { 200: CommentPage, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
        },
      },
      async (req) => svc.listComments(ctx, requireActor(req), { kind, id: req.params.id }, req.query),
    );
    app.post(
      `/${plural}/:id/comments`,
      {
        schema: {
          tags,
          operationId: `create${Name}Comment`,
          summary: `Comment on a ${kind} (or reply to a top-level comment), shared or internal, with mentions`,
          params: IdParams,
          body: CommentCreate,
          response: { 201: Comment, ...ERRORS },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await svc.createComment(ctx, requireActor(req), { kind, id: req.params.id }, req.body)),
    );
    app.get(
      `/${plural}/:id/mentionable`,
      {
        schema: {
          tags,
          operationId: `list${Name}Mentionable`,
          summary: `People a new comment on this ${kind} may mention (those who may read it), by name`,
          params: IdParams,
          querystring: MentionableQuery,
          response: { 200: Mentionable, ...ERRORS },
        },
      },
      async (req) => svc.listMentionable(ctx, requireActor(req), { kind, id: req.params.id }, req.query),
    );
  }
  app.patch(
    '/comments/:id',
    {
      schema: {
        tags,
        operationId: 'updateComment',
        summary: 'Edit your own comment (send the version you read); audited',
        params: IdParams,
        body: CommentUpdate,
        response: { 200: Comment, ...ERRORS },
      },
    },
    async (req) => svc.updateComment(ctx, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/comments/:id',
    {
      schema: {
        tags,
        operationId: 'deleteComment',
        summary: 'Delete your own comment, or moderate as an administrator; audited',
        params: IdParams,
        querystring: CommentDeleteQuery,
        response: { 204: NoContent, ...ERRORS },
      },
    },
    async (req, reply) => {
      await svc.deleteComment(ctx, requireActor(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
