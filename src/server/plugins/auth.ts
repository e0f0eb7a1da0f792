/**
 * Who is calling: a session cookie (the web app) or `Authorization: Bearer <token>`
 * (integrations). Resolves `req.actor` before any handler runs; handlers that need a
 * signed-in user call `requireActor(req)`. Cookie-authenticated writes from another origin
 * are refused here, before they reach a service (CSRF).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { msg } from '../../contracts/messages';
import { AppError, detail } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { authenticateSession, authenticateToken } from '../../services/auth';
import type { Ctx } from '../../services/context';

export const SESSION_COOKIE = 'accord_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'cookie' | 'token' | null;
    /** When the session or token in use ends; null for a token without expiry. */
    credentialExpiresAt: Date | null;
  }
  interface FastifyContextConfig {
    /** The route answers anonymous callers (sign-in); every other API route needs an actor. */
    public?: boolean;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor, or a 401 for an anonymous request. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) {
    throw new AppError('unauthenticated', msg('auth.required'), [detail('', 'auth.notSignedIn')]);
  }
  return req.actor;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A browser always sends Origin (or Sec-Fetch-Site) with a cross-origin write; a request
 * from our own pages carries our own origin. A client that sends neither is not a browser
 * and cannot be tricked into a cross-site request.
 */
export function isCrossOrigin(req: FastifyRequest, publicUrl?: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  const allowed = new Set([`${req.protocol}://${req.headers.host}`]);
  if (publicUrl) {
    const o = originOf(publicUrl);
    if (o) allowed.add(o);
  }
  return !allowed.has(origin);
}

export function registerAuth(
  app: FastifyInstance,
  opts: { ctx: Ctx; sessionHours: number; publicUrl?: string },
) {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('credentialExpiresAt', null);

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const found = m ? await authenticateToken(opts.ctx, m[1]) : null;
      if (!found) {
        throw new AppError('unauthenticated', msg('auth.badToken'), [
          detail('authorization', 'auth.badTokenDetail'),
        ]);
      }
      req.actor = { ...found.actor, requestId: req.id };
      req.authVia = 'token';
      req.credentialExpiresAt = found.expiresAt;
      return;
    }
    const secret = req.cookies?.[SESSION_COOKIE];
    if (secret) {
      const found = await authenticateSession(opts.ctx, secret, opts.sessionHours);
      if (found) {
        req.actor = { ...found.actor, requestId: req.id };
        req.authVia = 'cookie';
        req.credentialExpiresAt = found.expiresAt;
      }
    }
    // Cookie writes, and sign-in itself (login CSRF), must come from our own pages.
    if (
      !SAFE.has(req.method) &&
      (secret || req.url.startsWith('/api/v1/session')) &&
      isCrossOrigin(req, opts.publicUrl)
    ) {
      throw new AppError('forbidden', msg('auth.crossOrigin'), [detail('origin', 'auth.sameOrigin')]);
    }
  });

  // Before validation, so an anonymous caller learns only that it must sign in (401), not
  // what the route would accept (400).
  app.addHook('preValidation', async (req) => {
    if (req.url.startsWith('/api/v1/') && !req.routeOptions.config?.public && req.routeOptions.url)
      requireActor(req);
  });
}
