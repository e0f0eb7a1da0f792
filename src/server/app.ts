/**
 * The HTTP server: the API under /api/v1 (validated and documented by zod schemas), the
 * OpenAPI document and its UI, health probes and the built web app at `/`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { servesOverTls } from '../config';
import { LIMITS } from '../contracts/common';
import type { Ctx } from '../services/context';
import { userLocale } from '../services/locale';
import { isReady } from '../services/health';
import { registerAuth } from './plugins/auth';
import { clientErrorHandler } from './plugins/client-errors';
import { frameworkErrors, MAX_PARAM_LENGTH, registerErrorHandling } from './plugins/errors';
import { registerInputChecks } from './plugins/input';
import { registerUploads } from './plugins/uploads';
import { routeModules } from './routes';
import { registerWebApp } from './static';
import type { ApiApp, RouteDeps } from './types';

declare module 'fastify' {
  interface FastifyInstance {
    /** The /api/v1 routes as registered (method and URL pattern). */
    apiRoutes: { method: string; url: string }[];
  }
}

/** 180 days, the HSTS lifetime sent when the server is reached over TLS. */
const HSTS_MAX_AGE = 15_552_000;

/**
 * API answers carry private data, so no browser or proxy may keep them; only the OpenAPI
 * document, the same for everyone, may be cached briefly.
 */
export function apiCacheControl(url: string): string {
  return url.split('?')[0] === '/api/v1/openapi.json' ? 'public, max-age=300' : 'no-store';
}

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  ctx: Ctx;
  config: RouteDeps['config'];
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from this folder (default dist/web, when it exists). */
  webDir?: string | null;
  /**
   * Check every response against its schema before sending (default true). Tests keep it on,
   * so a presenter that drifts from its contract fails loudly; `accord start` turns it off
   * because presenters already build exactly the contract's shape and the check costs as
   * much CPU as the rest of a list request.
   */
  validateResponses?: boolean;
}

export async function buildApp(opts: AppOptions): Promise<ApiApp> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: LIMITS.bodyBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // Without ACCORD_TRUST_PROXY, X-Forwarded-For is the client's word and is ignored.
    trustProxy: opts.config.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  // Every API route as registered, so a test can hold the OpenAPI document against it.
  const apiRoutes: { method: string; url: string }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/v1/') || r.url === '/api/v1/openapi.json') return;
    for (const method of [r.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: r.url });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    opts.validateResponses === false ? () => (data) => JSON.stringify(data) : serializerCompiler,
  );
  registerErrorHandling(app, { userLocale: (id) => userLocale(opts.ctx, id) });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/') && !req.url.startsWith('/api/docs'))
      reply.header('cache-control', apiCacheControl(req.url));
  });

  await app.register(fastifyCookie);
  await registerUploads(app);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects its CSS variables in <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Only when people come over TLS: HSTS on plain local http would lock browsers out of it.
    hsts: servesOverTls(opts.config) ? { maxAge: HSTS_MAX_AGE, includeSubDomains: true } : false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Accord API',
        version: '1',
        description:
          'Plans and monitors the implementation of intergovernmental agreements. Sign in with POST /api/v1/session (cookie) or send `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'accord_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const deps: RouteDeps = { ctx: opts.ctx, config: opts.config };
  registerAuth(app, {
    ctx: opts.ctx,
    sessionHours: opts.config.sessionHours,
    publicUrl: opts.config.publicUrl,
  });
  registerInputChecks(app);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ready = await isReady(opts.ctx);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
  });

  await app.register(
    async (api) => {
      for (const mod of routeModules) mod(api as ApiApp, deps);
    },
    { prefix: '/api/v1' },
  );
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );

  const webDir = opts.webDir === undefined ? WEB_DIR : opts.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) await registerWebApp(app, webDir);
  return app as ApiApp;
}
