/** Signing in and out with a session cookie, and who is signed in. */
import { SessionInfo, SignIn } from '../../contracts/accounts';
import { presentUser } from '../../services/users';
import { signIn, signOut } from '../../services/auth';
import { findUserRow } from '../../services/users';
import { requireActor, SESSION_COOKIE } from '../plugins/auth';
import { ERRORS, NoContent, type RouteModule } from '../types';
import { ErrorBody } from '../../contracts/common';
import { notFound } from '../../domain/errors';

const tags = ['session'];

const session: RouteModule = (app, { ctx, config }) => {
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
        response: { 200: SessionInfo, 400: ERRORS[400], 401: ERRORS[401], 429: ErrorBody },
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
        secure: req.protocol === 'https',
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
        summary: 'The signed-in user',
        response: { 200: SessionInfo, 401: ERRORS[401] },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const user = await findUserRow(ctx, actor.userId);
      if (!user) throw notFound('User');
      return { user: presentUser(user), expiresAt: null };
    },
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
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};

export default session;
