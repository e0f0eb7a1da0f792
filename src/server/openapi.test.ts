import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../test/api';
import { formatOpenApi, OPENAPI_FILE } from './openapi-document';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('OpenAPI document', () => {
  it('documents every registered /api/v1 route with its responses', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).json();
    const routes = api.app.apiRoutes;
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`);
    }
    for (const r of routes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(documented, `${r.method} ${r.url} is missing from the OpenAPI document`).toContain(
        `${r.method} ${path}`,
      );
      const op = doc.paths[path][r.method.toLowerCase()];
      expect(
        Object.keys(op.responses ?? {}).length,
        `${r.method} ${r.url} documents no responses`,
      ).toBeGreaterThan(0);
      if (['POST', 'PATCH', 'PUT'].includes(r.method) && !r.url.endsWith('/session')) {
        expect(op.requestBody, `${r.method} ${r.url} documents no request body`).toBeDefined();
      }
    }
    expect(routes.length).toBeGreaterThan(20);
  });

  it('gives every operation an operationId of its own', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).json();
    const seen = new Map<string, string>();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, `${where} has no operationId`).toMatch(/^[a-z][A-Za-z]+$/);
        expect(
          seen.get(op.operationId!),
          `${where} repeats the operationId ${op.operationId}`,
        ).toBeUndefined();
        seen.set(op.operationId!, where);
      }
    }
    expect(seen.get('findMeasures')).toBe('GET /api/v1/measures');
    expect(seen.get('listParties')).toBe('GET /api/v1/parties');
    expect(seen.get('createOrganisation')).toBe('POST /api/v1/organisations');
  });

  it('is committed as docs/openapi.json, regenerated with `npm run openapi`', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).json();
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    // One assertion on the whole text: a diff shows the routes that changed.
    expect(
      formatOpenApi(doc) === committed,
      'docs/openapi.json is stale: run `npm run openapi` and commit the result',
    ).toBe(true);
  });

  it('writes summaries in good English', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json')).json();
    const summaries = Object.values(doc.paths as Record<string, Record<string, { summary: string }>>).flatMap(
      (ops) => Object.values(ops).map((op) => op.summary),
    );
    expect(summaries).toContain('List parties');
    expect(summaries).toContain('Create an organisation');
    expect(summaries.filter((x) => /\b(partys|a [aeio]\w+)\b/i.test(x))).toEqual([]);
  });

  it('serves the documentation UI at /api/docs', async () => {
    const r = await api.call('GET', '/api/docs/');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('swagger');
  });

  it('answers /healthz and /readyz', async () => {
    expect((await api.call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await api.call('GET', '/readyz')).json()).toEqual({ status: 'ready' });
  });
});
