import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agreements, auditEvents, provisions } from '../../db/schema';
import { type TestApi, setUpTestApi } from '../../test/api';
import { buildAgreement, buildMeasure, buildProvision, buildSphere, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let admin: string;
let coordinator: string;
let viewer: string;

setUpTestApi((s) => {
  ({ api, w } = s);
  admin = s.cookie.admin;
  coordinator = s.cookie.kzCoord;
  viewer = s.cookie.viewer;
});

const KAZAKH = 'Қазақстан мен Ресей арасындағы әріптестік туралы декларация: ғ қ ң ө ұ ү һ і ә';

const newAgreement = () => ({
  kind: 'declaration',
  title: {
    ru: 'Декларация о всеобъемлющем стратегическом партнёрстве',
    kk: KAZAKH,
    en: 'Declaration on partnership',
  },
  partyIds: [w.kz.party.id, w.ru.party.id],
  signedOn: '2025-11-12',
  signedPlace: { ru: 'Москва', kk: 'Мәскеу' },
  binding: false,
  fullText: { ru: 'Полный текст декларации', kk: 'Декларацияның толық мәтіні' },
});

const auditOf = (entityId: string) =>
  api.t.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.pos);

describe('agreements', () => {
  it('answers 401 without a session', async () => {
    expect((await api.call('GET', '/api/v1/agreements')).statusCode).toBe(401);
    expect((await api.call('POST', '/api/v1/agreements', { body: newAgreement() })).statusCode).toBe(401);
  });

  it('answers 400 naming the field for bad input, and stores nothing', async () => {
    const before = await api.t.db.$count(agreements);
    const r = await api.call('POST', '/api/v1/agreements', {
      cookie: admin,
      body: { ...newAgreement(), partyIds: [w.kz.party.id], colour: 'red' },
    });
    expect(r.statusCode).toBe(400);
    const paths = r.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['partyIds', 'colour']));
    const noTitle = await api.call('POST', '/api/v1/agreements', {
      cookie: admin,
      body: { ...newAgreement(), title: { kk: KAZAKH } },
    });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().error.details).toContainEqual({
      path: 'title.ru',
      message: 'обязательное поле',
      rule: 'field.required',
    });
    const badDate = await api.call('POST', '/api/v1/agreements', {
      cookie: admin,
      body: { ...newAgreement(), signedOn: '2025-02-30' },
    });
    expect(badDate.json().error.details[0].path).toBe('signedOn');
    expect(await api.t.db.$count(agreements)).toBe(before);
  });

  it('answers 403 to a coordinator or viewer who tries to write', async () => {
    for (const cookie of [coordinator, viewer]) {
      const r = await api.call('POST', '/api/v1/agreements', { cookie, body: newAgreement() });
      expect(r.statusCode).toBe(403);
      const p = await api.call('PATCH', `/api/v1/agreements/${w.agreement.id}`, {
        cookie,
        body: { version: 1, status: 'in_force' },
      });
      expect(p.statusCode).toBe(403);
    }
  });

  it('creates, reads, finds and changes an agreement; Kazakh letters round-trip; each write is audited', async () => {
    const r = await api.call('POST', '/api/v1/agreements', { cookie: admin, body: newAgreement() });
    expect(r.statusCode).toBe(201);
    const a = r.json();
    expect(a).toMatchObject({
      title: { kk: KAZAKH },
      signedPlace: { kk: 'Мәскеу' },
      partyIds: [w.kz.party.id, w.ru.party.id],
      status: 'signed',
      provisionCount: 0,
      version: 1,
    });
    const got = await api.call('GET', `/api/v1/agreements/${a.id}`, { cookie: viewer });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(a);

    // title search in any language, party and status filters
    const byKk = await api.call('GET', `/api/v1/agreements?q=${encodeURIComponent('әріптестік')}`, {
      cookie: viewer,
    });
    expect(byKk.json().data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const byEn = await api.call('GET', '/api/v1/agreements?q=PARTNERSHIP', { cookie: viewer });
    expect(byEn.json().data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const other = await buildAgreement(api.t.db, { status: 'in_force' });
    const byParty = await api.call('GET', `/api/v1/agreements?partyId=${w.kz.party.id}&limit=1`, {
      cookie: viewer,
    });
    expect(byParty.json()).toMatchObject({ page: 1, limit: 1, total: 2 });
    expect(byParty.json().data).toHaveLength(1);
    const byStatus = await api.call('GET', '/api/v1/agreements?status=in_force', { cookie: viewer });
    expect(byStatus.json().data.map((x: { id: string }) => x.id)).toEqual([other.id]);
    const pct = await api.call('GET', '/api/v1/agreements?q=%25', { cookie: viewer });
    expect(pct.json().total).toBe(0);

    const p = await api.call('PATCH', `/api/v1/agreements/${a.id}`, {
      cookie: admin,
      body: { version: 1, status: 'in_force', partyIds: [w.ru.party.id, w.kz.party.id] },
    });
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({
      version: 2,
      status: 'in_force',
      partyIds: [w.ru.party.id, w.kz.party.id],
    });

    const stale = await api.call('PATCH', `/api/v1/agreements/${a.id}`, {
      cookie: admin,
      body: { version: 1, status: 'suspended' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.details[0].path).toBe('version');

    const events = await auditOf(a.id);
    expect(events.map((e) => e.action)).toEqual(['agreement.create', 'agreement.update']);
    expect(events[1].entityType).toBe('agreement');
    expect((events[1].before as { status: string }).status).toBe('signed');
    expect((events[1].after as { status: string }).status).toBe('in_force');
  });

  it('refuses an unknown party with 422 naming partyIds.N and leaves the database unchanged', async () => {
    const before = await api.t.db.$count(agreements);
    const r = await api.call('POST', '/api/v1/agreements', {
      cookie: admin,
      body: { ...newAgreement(), partyIds: [w.kz.party.id, '00000000-0000-4000-8000-000000000001'] },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual([
      { path: 'partyIds.1', message: 'такой стороны нет', rule: 'noSuch.party' },
    ]);
    expect(await api.t.db.$count(agreements)).toBe(before);

    const p = await api.call('PATCH', `/api/v1/agreements/${w.agreement.id}`, {
      cookie: admin,
      body: {
        version: w.agreement.version,
        partyIds: ['00000000-0000-4000-8000-000000000002', w.ru.party.id],
      },
    });
    expect(p.statusCode).toBe(422);
    expect(p.json().error.details[0].path).toBe('partyIds.0');
    const still = await api.call('GET', `/api/v1/agreements/${w.agreement.id}`, { cookie: admin });
    expect(still.json()).toMatchObject({ version: 1, partyIds: [w.kz.party.id, w.ru.party.id] });
  });

  it('answers 404 for an absent agreement', async () => {
    const r = await api.call('GET', '/api/v1/agreements/00000000-0000-4000-8000-000000000009', {
      cookie: viewer,
    });
    expect(r.statusCode).toBe(404);
  });

  it('refuses to delete an agreement a roadmap or a measure still uses, and deletes an unused one', async () => {
    const used = await api.call('DELETE', `/api/v1/agreements/${w.agreement.id}?version=1`, {
      cookie: admin,
    });
    expect(used.statusCode).toBe(409);
    expect(used.json().error.message).toMatch(/дорожн/);

    // an agreement whose provision a measure implements, though no roadmap lists it any more
    const a = await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] });
    const prov = await buildProvision(api.t.db, { agreementId: a.id, number: '1' });
    const rm = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: { ru: 'Карта' }, agreementIds: [a.id] },
    });
    await buildMeasure(api.t.ctx, {
      roadmapId: rm.json().id,
      provisionIds: [prov.id],
      responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
    });
    await api.t.pool.query('delete from roadmap_agreements where agreement_id = $1', [a.id]);
    const linked = await api.call('DELETE', `/api/v1/agreements/${a.id}`, { cookie: admin });
    expect(linked.statusCode).toBe(409);
    expect(linked.json().error.message).toMatch(/мероприяти/);
    expect(await api.t.db.$count(provisions, eq(provisions.agreementId, a.id))).toBe(1);

    const free = await buildAgreement(api.t.db);
    await buildProvision(api.t.db, { agreementId: free.id, number: '1' });
    const stale = await api.call('DELETE', `/api/v1/agreements/${free.id}?version=7`, { cookie: admin });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(
      (await api.call('DELETE', `/api/v1/agreements/${free.id}`, { cookie: coordinator })).statusCode,
    ).toBe(403);
    const ok = await api.call('DELETE', `/api/v1/agreements/${free.id}?version=1`, { cookie: admin });
    expect(ok.statusCode).toBe(204);
    expect((await api.call('GET', `/api/v1/agreements/${free.id}`, { cookie: admin })).statusCode).toBe(404);
    const [event] = await auditOf(free.id);
    expect(event.action).toBe('agreement.delete');
    expect((event.before as { provisions: unknown[] }).provisions).toHaveLength(1);
  });
});

describe('provisions', () => {
  const url = () => `/api/v1/agreements/${w.agreement.id}/provisions`;

  it('answers 401 without a session', async () => {
    expect((await api.call('GET', url())).statusCode).toBe(401);
    expect((await api.call('POST', url(), { body: { number: '1', text: { ru: 'x' } } })).statusCode).toBe(
      401,
    );
  });

  it('answers 400 naming the field for a bad clause number or an unknown field', async () => {
    const r = await api.call('POST', url(), {
      cookie: admin,
      body: { number: '1..2', text: { ru: 'Текст' }, x: 1 },
    });
    expect(r.statusCode).toBe(400);
    const paths = r.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['number', 'x']));
  });

  it('answers 403 to a non-admin who tries to write', async () => {
    const r = await api.call('POST', url(), {
      cookie: coordinator,
      body: { number: '1', text: { ru: 'Текст' } },
    });
    expect(r.statusCode).toBe(403);
  });

  it('adds, lists in reading order, changes and deletes provisions; Kazakh text round-trips', async () => {
    const agreement = await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] });
    const base = `/api/v1/agreements/${agreement.id}/provisions`;
    const energy = await buildSphere(api.t.db, { name: { ru: 'Энергетика', kk: 'Энергетика' } });
    const made: Record<string, { id: string; version: number }> = {};
    for (const number of ['10', '2', '2.1', '4a', '4']) {
      const r = await api.call('POST', base, {
        cookie: admin,
        body: {
          number,
          position: 0,
          text: { ru: `Пункт ${number}`, kk: `${number}-тармақ: көлік дәліздері, Солтүстік теңіз жолы` },
          sphereIds: number === '2' ? [w.sphere.id, energy.id] : [],
        },
      });
      expect(r.statusCode).toBe(201);
      made[number] = r.json();
    }
    const appended = await api.call('POST', base, {
      cookie: admin,
      body: { number: '1', text: { ru: 'В конце' } },
    });
    expect(appended.json().position).toBe(1);

    const list = await api.call('GET', `${base}?limit=500`, { cookie: viewer });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ page: 1, limit: 500, total: 6 });
    expect(list.json().data.map((p: { number: string }) => p.number)).toEqual([
      '2',
      '2.1',
      '4',
      '4a',
      '10',
      '1',
    ]);
    const two = list.json().data[0];
    expect(two.text.kk).toBe('2-тармақ: көлік дәліздері, Солтүстік теңіз жолы');
    expect(new Set(two.sphereIds)).toEqual(new Set([w.sphere.id, energy.id]));
    const page2 = await api.call('GET', `${base}?limit=4&page=2`, { cookie: viewer });
    expect(page2.json().data.map((p: { number: string }) => p.number)).toEqual(['10', '1']);

    const agreementNow = await api.call('GET', `/api/v1/agreements/${agreement.id}`, { cookie: viewer });
    expect(agreementNow.json().provisionCount).toBe(6);

    const one = await api.call('GET', `/api/v1/provisions/${made['4'].id}`, { cookie: viewer });
    expect(one.json()).toMatchObject({ agreementId: agreement.id, number: '4', version: 1 });

    const p = await api.call('PATCH', `/api/v1/provisions/${made['4'].id}`, {
      cookie: admin,
      body: {
        version: 1,
        number: '5',
        sphereIds: [energy.id],
        text: { ru: 'Пункт пять', kk: 'Бесінші тармақ' },
      },
    });
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({
      number: '5',
      sphereIds: [energy.id],
      text: { kk: 'Бесінші тармақ' },
      version: 2,
    });
    const stale = await api.call('PATCH', `/api/v1/provisions/${made['4'].id}`, {
      cookie: admin,
      body: { version: 1, position: 3 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    const del = await api.call('DELETE', `/api/v1/provisions/${made['10'].id}?version=1`, { cookie: admin });
    expect(del.statusCode).toBe(204);
    expect((await api.call('GET', `/api/v1/provisions/${made['10'].id}`, { cookie: admin })).statusCode).toBe(
      404,
    );

    const events = await api.t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'provision'), eq(auditEvents.entityId, made['4'].id)));
    expect(events.map((e) => e.action)).toEqual(['provision.create', 'provision.update']);
  });

  it('refuses a repeated clause number with 409 naming number, and unknown spheres with 422 naming sphereIds.N', async () => {
    const agreement = await buildAgreement(api.t.db);
    const base = `/api/v1/agreements/${agreement.id}/provisions`;
    const first = await api.call('POST', base, { cookie: admin, body: { number: '3', text: { ru: 'Три' } } });
    expect(first.statusCode).toBe(201);
    const again = await api.call('POST', base, {
      cookie: admin,
      body: { number: '3', text: { ru: 'Снова три' } },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual([
      { path: 'number', message: expect.stringContaining('3'), rule: 'provision.numberTaken' },
    ]);

    const second = await api.call('POST', base, {
      cookie: admin,
      body: { number: '4', text: { ru: 'Четыре' } },
    });
    const clash = await api.call('PATCH', `/api/v1/provisions/${second.json().id}`, {
      cookie: admin,
      body: { version: 1, number: '3' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details[0].path).toBe('number');

    const badSphere = await api.call('POST', base, {
      cookie: admin,
      body: {
        number: '5',
        text: { ru: 'Пять' },
        sphereIds: [w.sphere.id, '00000000-0000-4000-8000-000000000003'],
      },
    });
    expect(badSphere.statusCode).toBe(422);
    expect(badSphere.json().error.details).toEqual([
      { path: 'sphereIds.1', message: 'такой сферы нет', rule: 'noSuch.sphere' },
    ]);
    expect(await api.t.db.$count(provisions, eq(provisions.agreementId, agreement.id))).toBe(2);

    const missing = await api.call(
      'POST',
      '/api/v1/agreements/00000000-0000-4000-8000-000000000004/provisions',
      {
        cookie: admin,
        body: { number: '1', text: { ru: 'Один' } },
      },
    );
    expect(missing.statusCode).toBe(404);
    expect(
      (
        await api.call('GET', '/api/v1/agreements/00000000-0000-4000-8000-000000000004/provisions', {
          cookie: admin,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses to delete a provision a measure implements', async () => {
    const prov = await buildProvision(api.t.db, { agreementId: w.agreement.id, number: '77' });
    await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      provisionIds: [prov.id],
      responsible: [{ organisationId: w.ru.ministry.id, role: 'lead' }],
    });
    const r = await api.call('DELETE', `/api/v1/provisions/${prov.id}?version=1`, { cookie: admin });
    expect(r.statusCode).toBe(409);
    expect((await api.call('GET', `/api/v1/provisions/${prov.id}`, { cookie: viewer })).statusCode).toBe(200);
    expect((await api.call('DELETE', `/api/v1/provisions/${prov.id}`, { cookie: viewer })).statusCode).toBe(
      403,
    );
  });
});
