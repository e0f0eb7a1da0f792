import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../test/api';
import { buildMeasure, buildWorld, type World } from '../test/factories';
import { buildApp } from './app';
import type { ApiApp } from './types';

let api: TestApi;
let fast: ApiApp;
let w: World;

beforeAll(async () => {
  api = await createTestApi();
  w = await buildWorld(api.t.ctx);
  await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    title: { ru: 'Сверка', kk: 'Салыстыру' },
    sphereIds: [w.sphere.id],
    responsible: [
      { organisationId: w.kz.agency.id, role: 'lead' },
      { organisationId: w.ru.agency.id, role: 'co_executor' },
    ],
  });
  fast = await buildApp({
    ctx: api.t.ctx,
    config: { sessionHours: 12 },
    webDir: null,
    validateResponses: false,
  });
  await fast.ready();
});
afterAll(async () => {
  await fast.close();
  await api.close();
});

describe('responses without schema checks (as accord start serves them)', () => {
  it('are byte-for-byte what the checked responses are', async () => {
    const cookie = await api.signIn(w.admin.email);
    for (const url of [
      `/api/v1/measures?roadmapId=${w.roadmap.id}`,
      `/api/v1/roadmaps/${w.roadmap.id}/summary`,
      '/api/v1/session',
      '/api/v1/organisations',
    ]) {
      const checked = await api.call('GET', url, { cookie });
      const plain = await fast.inject({ method: 'GET', url, headers: { cookie } });
      expect(checked.statusCode, url).toBe(200);
      expect(JSON.parse(plain.body), url).toEqual(JSON.parse(checked.body));
    }
  });
});
