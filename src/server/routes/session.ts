/** Signing in and out with a session cookie, and who is signed in. */
import { SessionInfo, SignIn } from '../../contracts/accounts';
import { ErrorBody } from '../../contracts/common';
import { servesOverTls } from '../../config';
import { getSessionInfo, signIn, signOut } from '../../services/auth';
import { requireActor, SESSION_COOKIE } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';

const tags = ['session'];

const session: RouteModule = (app, { ctx, config }) => {
  // Behind a TLS proxy the request arrives as http, yet the browser must only send the
  // cookie back over https.
  const secureCookie = servesOverTls(config);

  app.post(
    '/session',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'createSession',
        summary: 'Sign in with e-mail and password; sets the session cookie',
        security: [],
        body: SignIn,
        response: {
          200: SessionInfo,
          400: ERRORS[400],
          401: ERRORS[401],
          429: ErrorBody.describe('too many failed attempts: see the Retry-After header'),
        },
      },
    },
    async (req, reply) => {
      const r = await signIn(
        ctx,
        {
          email: req.body.email,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        },
        config.sessionHours,
      );
      reply.setCookie(SESSION_COOKIE, r.secret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie || req.protocol === 'https',
        maxAge: config.sessionHours * 3600,
      });
      return r.info;
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags,
        operationId: 'getSession',
        summary: 'The signed-in user, and when the session (or API token) in use expires',
        response: { 200: SessionInfo, 401: ERRORS[401] },
      },
    },
    async (req) => getSessionInfo(ctx, requireActor(req), req.credentialExpiresAt),
  );

  app.delete(
    '/session',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'deleteSession',
        summary: 'Sign out: ends the session and clears the cookie',
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      const secret = req.cookies[SESSION_COOKIE];
      if (secret) await signOut(ctx, secret);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie });
      return reply.code(204).send(null);
    },
  );
};

export default session;
