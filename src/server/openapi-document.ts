/**
 * The committed OpenAPI document, docs/openapi.json: what `npm run openapi` writes and what
 * src/server/openapi.test.ts holds the running app's document against, so a route change
 * without a regenerated document fails the tests.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ctx } from '../services/context';
import { buildApp } from './app';

/** Where the document is committed. */
export const OPENAPI_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../docs/openapi.json',
);

/** The document as committed: the app's document as indented JSON with a final newline. */
export const formatOpenApi = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

/**
 * The app's OpenAPI document, built without a database:
 * building the routes and their schemas runs no query.
 */
export async function buildOpenApiDocument(): Promise<unknown> {
  const app = await buildApp({
    // no database at all: building the routes and their schemas runs no query
    ctx: { db: null as unknown as Ctx['db'], now: () => new Date() },
    config: { sessionHours: 12 },
    webDir: null,
  });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
  }
}
