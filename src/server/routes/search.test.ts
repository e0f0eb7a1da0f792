import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResults } from '../../contracts/search';
import { createTestApi, signInWorld, type TestApi, type WorldRole } from '../../test/api';
import { buildMeasure, buildProvision, buildWorld, type World } from '../../test/factories';

describe('GET /api/v1/search', () => {
  let api: TestApi;
  let w: World;
  let cookies: Record<WorldRole, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await createTestApi();
    w = await buildWorld(api.t.ctx);
    cookies = await signInWorld(api, w);
    const lead = (org: { id: string }) => [{ organisationId: org.id, role: 'lead' as const }];
    const make = async (key: string, input: Parameters<typeof buildMeasure>[1]) => {
      ids[key] = (await buildMeasure(api.t.ctx, input)).id;
    };
    const base = { roadmapId: w.roadmap.id };
    await make('rail', {
      ...base,
      code: '4',
      title: { ru: 'Модернизация железнодорожных станций' },
      responsible: lead(w.kz.agency),
    });
    await make('kzInternal', {
      ...base,
      code: 'KZ1',
      title: { ru: 'Оценка железнодорожного транзита' },
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: lead(w.kz.agency),
    });
    await make('ruInternal', {
      ...base,
      code: 'RU1',
      title: { ru: 'Расчёт железнодорожных тарифов' },
      tier: 'internal',
      ownerPartyId: w.ru.party.id,
      responsible: lead(w.ru.agency),
    });
    await buildProvision(api.t.db, {
      agreementId: w.agreement.id,
      number: '10',
      text: { ru: 'Стороны модернизируют железнодорожную сеть' },
    });
  });
  afterAll(() => api.close());

  const search = async (role: WorldRole, q: string) => {
    const r = await api.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { cookie: cookies[role] });
    expect(r.statusCode).toBe(200);
    return r.json() as SearchResults;
  };

  it('answers 401 without a session and 400 naming the field for bad input', async () => {
    expect((await api.call('GET', '/api/v1/search?q=дорога')).statusCode).toBe(401);
    for (const url of [
      '/api/v1/search',
      '/api/v1/search?q=%20%20',
      `/api/v1/search?q=${'я'.repeat(201)}`,
      '/api/v1/search?q=a&limit=0',
      '/api/v1/search?q=a&limit=21',
    ]) {
      const r = await api.call('GET', url, { cookie: cookies.viewer });
      expect(r.statusCode, url).toBe(400);
      const body = r.json();
      expect(body.error.code).toBeTruthy();
      expect(body.error.requestId).toBeTruthy();
      expect(body.error.details[0].path).toMatch(/^(q|limit)$/);
    }
  });

  it('finds measures by derived words, with provisions, in the caller’s view only', async () => {
    const admin = await search('admin', 'железная дорога');
    expect(admin.measures.map((m) => m.id).sort()).toEqual([ids.rail, ids.kzInternal, ids.ruInternal].sort());
    expect(admin.provisions.map((p) => p.number)).toEqual(['10']);
    expect(admin.measures[0]).toMatchObject({ roadmapId: w.roadmap.id, title: { ru: expect.any(String) } });

    const kz = await search('kzCoord', 'железная дорога');
    expect(kz.measures.map((m) => m.id).sort()).toEqual([ids.rail, ids.kzInternal].sort());
    const ru = await search('ruRep', 'железная дорога');
    expect(ru.measures.map((m) => m.id).sort()).toEqual([ids.rail, ids.ruInternal].sort());
    const viewer = await search('viewer', 'железная дорога');
    expect(viewer.measures.map((m) => m.id)).toEqual([ids.rail]);
    // Nothing of the other party's internal measure leaks: no id, code or title.
    expect(JSON.stringify(viewer)).not.toContain(ids.kzInternal);
    expect(JSON.stringify(viewer)).not.toContain('тарифов');
  });

  it('finds organisations and their measures by name, and follows a rename at once', async () => {
    const renamed = await api.call('PATCH', `/api/v1/organisations/${w.kz.agency.id}`, {
      cookie: cookies.admin,
      body: { version: w.kz.agency.version, shortName: { ru: 'КТЖ', en: 'KTZ' } },
    });
    expect(renamed.statusCode).toBe(200);
    const byShort = await search('viewer', 'КТЖ');
    expect(byShort.organisations.map((o) => o.id)).toEqual([w.kz.agency.id]);
    expect(byShort.measures.map((m) => m.id)).toEqual([ids.rail]);
    expect((await search('viewer', 'KTZ')).measures.map((m) => m.id)).toEqual([ids.rail]);

    const again = await api.call('PATCH', `/api/v1/organisations/${w.kz.agency.id}`, {
      cookie: cookies.admin,
      body: { version: renamed.json().version, shortName: { ru: 'Казахстанские железные дороги' } },
    });
    expect(again.statusCode).toBe(200);
    expect((await search('viewer', 'КТЖ')).measures).toEqual([]);
    expect((await search('viewer', 'казахстанские')).measures.map((m) => m.id)).toEqual([ids.rail]);
  });

  it('finds a measure by its exact code first and the list filter agrees', async () => {
    const r = await search('admin', '4');
    expect(r.measures[0].id).toBe(ids.rail);
    const list = await api.call(
      'GET',
      `/api/v1/measures?roadmapId=${w.roadmap.id}&q=${encodeURIComponent('железной дороги')}`,
      {
        cookie: cookies.viewer,
      },
    );
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((m: { id: string }) => m.id)).toEqual([ids.rail]);
  });
});
