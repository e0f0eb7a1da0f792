import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type TestApi, setUpTestApi } from '../../test/api';
import type { World } from '../../test/factories';

let api: TestApi;
let w: World;
let admin: string;
let coord: string;

setUpTestApi((s) => {
  ({ api, w } = s);
  admin = s.cookie.admin;
  coord = s.cookie.kzCoord;
});

const count = async (table: string) =>
  Number((await api.t.db.execute(sql.raw(`select count(*) as n from ${table}`))).rows[0].n);

describe.each([
  {
    path: '/api/v1/parties',
    table: 'parties',
    valid: () => ({ code: 'BY', kind: 'state', name: { ru: 'Беларусь', kk: 'Беларусь', en: 'Belarus' } }),
    invalid: { code: 'by', kind: 'state', name: { ru: 'Беларусь' } },
    invalidPath: 'code',
    change: { name: { ru: 'Республика Беларусь' } },
  },
  {
    path: '/api/v1/spheres',
    table: 'spheres',
    valid: () => ({ code: 'health', name: { ru: 'Здравоохранение', kk: 'Денсаулық сақтау' } }),
    invalid: { code: 'health', name: { kk: 'Денсаулық' } },
    invalidPath: 'name.ru',
    change: { position: 12 },
  },
  {
    path: '/api/v1/organisations',
    table: 'organisations',
    valid: () => ({
      partyId: w.kz.party.id,
      kind: 'agency',
      name: { ru: 'Комитет по водным ресурсам', kk: 'Су ресурстары комитеті' },
    }),
    invalid: { partyId: 'not-a-uuid', kind: 'agency', name: { ru: 'Комитет' } },
    invalidPath: 'partyId',
    change: { shortName: { ru: 'КВР' } },
  },
])('$path: 401 → 400 → 403 → success', ({ path, table, valid, invalid, invalidPath, change }) => {
  it('create, read, update with its version, delete', async () => {
    expect((await api.call('POST', path, { body: valid() })).statusCode).toBe(401);
    const before = await count(table);
    const bad = await api.call('POST', path, { cookie: admin, body: invalid });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toContain(invalidPath);
    expect((await api.call('POST', path, { cookie: coord, body: valid() })).statusCode).toBe(403);
    expect(await count(table)).toBe(before);

    const created = await api.call('POST', path, { cookie: admin, body: valid() });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json();
    expect(item.name).toEqual(valid().name);
    expect((await api.call('GET', `${path}/${item.id}`, { cookie: coord })).json().id).toBe(item.id);
    expect(
      (await api.call('GET', path, { cookie: coord })).json().data.map((x: { id: string }) => x.id),
    ).toContain(item.id);

    const stale = await api.call('PATCH', `${path}/${item.id}`, {
      cookie: admin,
      body: { version: 99, ...change },
    });
    expect(stale.statusCode).toBe(409);
    const ok = await api.call('PATCH', `${path}/${item.id}`, {
      cookie: admin,
      body: { version: 1, ...change },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);

    expect((await api.call('DELETE', `${path}/${item.id}`, { cookie: coord })).statusCode).toBe(403);
    expect((await api.call('DELETE', `${path}/${item.id}`, { cookie: admin })).statusCode).toBe(204);
    expect((await api.call('GET', `${path}/${item.id}`, { cookie: admin })).statusCode).toBe(404);
  });
});

describe('reference data integrity', () => {
  it('refuses a duplicate code with 409 naming the field', async () => {
    const r = await api.call('POST', '/api/v1/parties', {
      cookie: admin,
      body: { code: 'KZ', kind: 'state', name: { ru: 'Ещё Казахстан' } },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details[0].path).toBe('code');
  });

  it('refuses to delete a party still used by organisations, and keeps it', async () => {
    const r = await api.call('DELETE', `/api/v1/parties/${w.kz.party.id}`, { cookie: admin });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/^Запись ещё используется \(.+\); сначала удалите эти связи$/);
    expect((await api.call('GET', `/api/v1/parties/${w.kz.party.id}`, { cookie: admin })).statusCode).toBe(
      200,
    );
  });

  it('records each change in the audit trail', async () => {
    const events = (await api.call('GET', '/api/v1/audit?entityType=party', { cookie: admin })).json().data;
    expect(events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['party.create', 'party.update', 'party.delete']),
    );
  });
});
