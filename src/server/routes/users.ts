/** User accounts, managed by administrators: list, read, create, change, disable, tokens. */
import { z } from 'zod';
import { ApiToken, User, UserCreate, UserQuery, UserUpdate } from '../../contracts/accounts';
import { IdParams, Uuid } from '../../contracts/common';
import * as tokens from '../../services/tokens';
import * as users from '../../services/users';
import { requireActor } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';
import { pageSchema } from './crud';

const tags = ['users'];

const routes: RouteModule = (app, { ctx }) => {
  app.get(
    '/users',
    {
      schema: {
        tags,
        operationId: 'findUsers',
        summary: 'Find users by role, party, organisation or a text in name or e-mail (administrators)',
        querystring: UserQuery,
        response: { 200: pageSchema(User), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403] },
      },
    },
    async (req) => users.findUsers(ctx, requireActor(req), req.query),
  );
  app.get(
    '/users/:id',
    {
      schema: {
        tags,
        operationId: 'getUser',
        summary: 'Get one user (administrators)',
        params: IdParams,
        response: { 200: User, 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
      },
    },
    async (req) => users.getUser(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/users',
    {
      schema: {
        tags,
        operationId: 'createUser',
        summary: 'Create a user (administrators); coordinators and reporters need an organisation',
        body: UserCreate,
        response: { 201: User, ...ERRORS },
      },
    },
    async (req, reply) => reply.code(201).send(await users.createUser(ctx, requireActor(req), req.body)),
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        operationId: 'updateUser',
        summary:
          'Change a user (administrators; send the version you read). `disabled: true` ends their sessions and stops their tokens at once',
        params: IdParams,
        body: UserUpdate,
        response: { 200: User, ...ERRORS },
      },
    },
    async (req) => users.updateUser(ctx, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/users/:id/tokens',
    {
      schema: {
        tags,
        operationId: 'listUserTokens',
        summary: "A user's API tokens, newest first (administrators)",
        params: IdParams,
        response: {
          200: z.object({ data: z.array(ApiToken) }),
          400: ERRORS[400],
          401: ERRORS[401],
          403: ERRORS[403],
          404: ERRORS[404],
        },
      },
    },
    async (req) => tokens.listTokens(ctx, requireActor(req), req.params.id),
  );
  app.delete(
    '/users/:id/tokens/:tokenId',
    {
      schema: {
        tags,
        operationId: 'revokeUserToken',
        summary: "Revoke a user's API token (administrators), e.g. a leaked one",
        params: z.object({ id: Uuid, tokenId: Uuid }),
        response: { 204: NoContent, 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
      },
    },
    async (req, reply) => {
      await tokens.revokeToken(ctx, requireActor(req), req.params.id, req.params.tokenId);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
