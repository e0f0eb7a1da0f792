import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../test/api';

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
