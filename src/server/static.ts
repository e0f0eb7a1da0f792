/**
 * The built web app at `/`: files from dist/web, sent precompressed (`.br`, `.gz`, written by
 * the build) to clients that accept it; hashed files under /assets cached for a year
 * (their names change with their content), everything else revalidated on each use. Any
 * other GET outside /api/ gets index.html, since the web app routes in the browser.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves `webDir` (which must hold index.html) and the browser-routing fallback. */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(res, file) {
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(file) ? IMMUTABLE : 'no-cache');
      res.setHeader('vary', 'accept-encoding');
    },
  });
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: `No route GET ${req.url}`, details: [] } });
    }
    return reply.sendFile('index.html');
  });
}
