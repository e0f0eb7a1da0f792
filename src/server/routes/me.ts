/** The signed-in user's own account: profile, password and API tokens. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  PasswordChange,
  ProfileUpdate,
  User,
} from '../../contracts/accounts';
import { ErrorBody, IdParams } from '../../contracts/common';
import { forbidden } from '../../domain/errors';
import { sha256 } from '../../services/auth';
import { changePassword, updateProfile } from '../../services/profile';
import * as tokens from '../../services/tokens';
import { requireActor, SESSION_COOKIE } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';

const tags = ['me'];

/**
 * Credentials are changed by a person in a session, never with an API token: a leaked token
 * must not be able to mint fresh tokens that outlive its own revocation, nor lock the owner
 * out by changing the password.
 */
function requireSession(req: FastifyRequest) {
  const actor = requireActor(req);
  if (req.authVia !== 'cookie') {
    throw forbidden('auth.tokenCannot');
  }
  return actor;
}

const routes: RouteModule = (app, { ctx }) => {
  app.patch(
    '/me',
    {
      schema: {
        tags,
        operationId: 'updateMe',
        summary: 'Change your own name and interface language',
        body: ProfileUpdate,
        response: { 200: User, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => updateProfile(ctx, requireActor(req), req.body),
  );
  app.post(
    '/me/password',
    {
      schema: {
        tags,
        operationId: 'changeMyPassword',
        summary: 'Change your password; your other sessions end, this one stays signed in',
        body: PasswordChange,
        response: {
          204: NoContent,
          400: ERRORS[400],
          401: ERRORS[401],
          403: ERRORS[403],
          422: ERRORS[422],
          429: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const actor = requireSession(req);
      const secret = req.cookies[SESSION_COOKIE];
      await changePassword(ctx, actor, req.body, {
        keepSessionId: secret ? sha256(secret) : undefined,
        ip: req.ip,
      });
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/me/tokens',
    {
      schema: {
        tags,
        operationId: 'listMyTokens',
        summary: 'Your API tokens, newest first (the secret is never shown again)',
        response: { 200: z.object({ data: z.array(ApiToken) }), 401: ERRORS[401] },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return tokens.listTokens(ctx, actor, actor.userId);
    },
  );
  app.post(
    '/me/tokens',
    {
      schema: {
        tags,
        operationId: 'createMyToken',
        summary: 'Create an API token for `Authorization: Bearer`; the answer shows the secret once',
        body: ApiTokenCreate,
        response: {
          201: ApiTokenCreated,
          400: ERRORS[400],
          401: ERRORS[401],
          403: ERRORS[403],
          422: ERRORS[422],
        },
      },
    },
    async (req, reply) => {
      const actor = requireSession(req);
      return reply.code(201).send(await tokens.createToken(ctx, actor, actor.userId, req.body));
    },
  );
  app.delete(
    '/me/tokens/:id',
    {
      schema: {
        tags,
        operationId: 'revokeMyToken',
        summary: 'Revoke one of your API tokens; it stops working at once',
        params: IdParams,
        response: { 204: NoContent, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      await tokens.revokeToken(ctx, actor, actor.userId, req.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
