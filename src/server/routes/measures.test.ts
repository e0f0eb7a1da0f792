import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Measure } from '../../contracts/roadmaps';
import { createTestApi, signInWorld, type TestApi, type WorldRole } from '../../test/api';
import { buildMeasure, buildSphere, buildWorld, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookies: Record<WorldRole, string>;
let shared: Measure;
let internalKz: Measure;

const M = '/api/v1/measures';
const resp = (w: World, kzOrg = w.kz.agency.id, ruOrg = w.ru.agency.id) => [
  { organisationId: kzOrg, role: 'lead' as const },
  { organisationId: ruOrg, role: 'lead' as const },
];

beforeAll(async () => {
  api = await createTestApi();
  w = await buildWorld(api.t.ctx);
  cookies = await signInWorld(api, w);
  shared = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    title: { ru: 'Модернизация железной дороги Достык — Алашанькоу', kk: 'Теміржолды жаңғырту' },
    responsible: resp(w),
    sphereIds: [w.sphere.id],
  });
  internalKz = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    title: { ru: 'Внутренняя позиция Казахстана по тарифам' },
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
});
afterAll(() => api.close());

describe('measures: 401 → 400 → 403 → success', () => {
  it('create', async () => {
    const body = {
      roadmapId: w.roadmap.id,
      title: { ru: 'Проведение форума' },
      startDate: '2026-02-01',
      dueDate: '2026-09-30',
      completionForm: 'event_held',
      responsible: resp(w),
      reason: 'новое мероприятие утверждённого плана',
    };
    expect((await api.call('POST', M, { body })).statusCode).toBe(401);
    const bad = await api.call('POST', M, {
      cookie: cookies.admin,
      body: { ...body, dueDate: '2026-13-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('dueDate');
    expect((await api.call('POST', M, { cookie: cookies.kzRep, body })).statusCode).toBe(403);
    const ok = await api.call('POST', M, { cookie: cookies.admin, body });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      code: expect.stringMatching(/^\d+$/),
      status: 'not_started',
      version: 1,
    });
  });

  it('update', async () => {
    const url = `${M}/${shared.id}`;
    expect((await api.call('PATCH', url, { body: { version: 1, status: 'in_progress' } })).statusCode).toBe(
      401,
    );
    const bad = await api.call('PATCH', url, { cookie: cookies.kzRep, body: { version: 1, progress: 140 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('progress');
    const cur = (await api.call('GET', url, { cookie: cookies.admin })).json();
    const denied = await api.call('PATCH', url, {
      cookie: cookies.viewer,
      body: { version: cur.version, progress: 10 },
    });
    expect(denied.statusCode).toBe(403);
    // status and progress follow the reconciled joint status: a reporter no longer sets them
    const reporter = await api.call('PATCH', url, {
      cookie: cookies.kzRep,
      body: { version: cur.version, status: 'in_progress', progress: 30 },
    });
    expect(reporter.statusCode).toBe(403);
    expect(reporter.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'status',
      'progress',
    ]);
    const noReason = await api.call('PATCH', url, {
      cookie: cookies.admin,
      body: { version: cur.version, status: 'in_progress', progress: 30 },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ path: 'reason', rule: 'measure.statusReason' });
    const ok = await api.call('PATCH', url, {
      cookie: cookies.admin,
      body: { version: cur.version, status: 'in_progress', progress: 30, reason: 'Исправление ошибки ввода' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'in_progress', progress: 30, version: cur.version + 1 });
  });

  it('a stale version is refused with 409 and changes nothing', async () => {
    const url = `${M}/${shared.id}`;
    const cur = (await api.call('GET', url, { cookie: cookies.admin })).json();
    const r = await api.call('PATCH', url, {
      cookie: cookies.admin,
      body: { version: cur.version - 1, progress: 99, reason: 'Исправление' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('version_conflict');
    expect(r.json().error.details[0].path).toBe('version');
    expect((await api.call('GET', url, { cookie: cookies.admin })).json().progress).toBe(cur.progress);
  });

  it('delete needs the version and refuses non-admins on joint measures', async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    const url = `${M}/${m.id}`;
    expect((await api.call('DELETE', `${url}?version=1`)).statusCode).toBe(401);
    expect((await api.call('DELETE', url, { cookie: cookies.admin })).statusCode).toBe(400);
    expect((await api.call('DELETE', `${url}?version=1`, { cookie: cookies.kzCoord })).statusCode).toBe(403);
    const bare = await api.call('DELETE', `${url}?version=1`, { cookie: cookies.admin });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0]).toMatchObject({
      path: 'reason',
      rule: 'plan.reasonRequiredCreateDelete',
    });
    const why = `${url}?version=1&reason=${encodeURIComponent('снято по решению')}`;
    expect((await api.call('DELETE', why, { cookie: cookies.admin })).statusCode).toBe(204);
    expect((await api.call('GET', url, { cookie: cookies.admin })).statusCode).toBe(404);
  });
});

describe('measures: bad input', () => {
  const base = () => ({
    roadmapId: w.roadmap.id,
    title: { ru: 'Мероприятие' },
    startDate: '2026-02-01',
    dueDate: '2026-09-30',
    completionForm: 'event_held',
    responsible: resp(w),
    reason: 'новое мероприятие утверждённого плана',
  });
  const count = async () =>
    Number((await api.t.db.execute(sql`select count(*) as n from measures`)).rows[0].n);

  it.each([
    ['an unknown field', { extra: 1 }, 'extra'],
    ['a wrong type', { weight: 'heavy' }, 'weight'],
    ['an over-long title', { title: { ru: 'я'.repeat(501) } }, 'title.ru'],
    ['a missing Russian title', { title: { en: 'Forum' } }, 'title.ru'],
    ['a date out of range', { dueDate: '2300-01-01' }, 'dueDate'],
    ['an invalid status', { status: 'done' }, 'status'],
  ])('refuses %s with 400 naming the field, saving nothing', async (_label, patch, path) => {
    const before = await count();
    const r = await api.call('POST', M, { cookie: cookies.admin, body: { ...base(), ...patch } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await count()).toBe(before);
  });

  it('refuses a due date before the start date with 422', async () => {
    const r = await api.call('POST', M, {
      cookie: cookies.admin,
      body: { ...base(), startDate: '2026-05-01', dueDate: '2026-04-01' },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details[0].path).toBe('dueDate');
  });

  it('refuses references to absent entities, naming the index', async () => {
    const r = await api.call('POST', M, {
      cookie: cookies.admin,
      body: { ...base(), sphereIds: [w.sphere.id, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details[0].path).toBe('sphereIds.1');
  });

  it('answers invalid JSON and oversized bodies with the error format', async () => {
    const bad = await api.call('POST', M, { cookie: cookies.admin, body: '{"title":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const big = await api.call('POST', M, {
      cookie: cookies.admin,
      body: { ...base(), description: { ru: 'x'.repeat(3_000_000) } },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
  });

  it('accepts and returns a long description (responses are never stricter than requests)', async () => {
    const description = { ru: 'Описание. '.repeat(1500) };
    const r = await api.call('POST', M, { cookie: cookies.admin, body: { ...base(), description } });
    expect(r.statusCode, r.body).toBe(201);
    const again = await api.call('GET', `${M}/${r.json().id}`, { cookie: cookies.admin });
    expect(again.statusCode).toBe(200);
    expect(again.json().description.ru).toBe(description.ru.trim());
  });

  it('round-trips Kazakh letters through create, read and search', async () => {
    const title = { ru: 'Сотрудничество', kk: 'Әріптестік: ғылым, құқық, ңөұүһі' };
    const r = await api.call('POST', M, { cookie: cookies.admin, body: { ...base(), title } });
    expect(r.json().title).toEqual(title);
    const again = await api.call('GET', `${M}/${r.json().id}`, { cookie: cookies.viewer });
    expect(again.json().title).toEqual(title);
    const found = await api.call('GET', `${M}?q=${encodeURIComponent('ӘРІПТЕСТІК құқық')}`, {
      cookie: cookies.viewer,
    });
    expect(found.json().data.map((m: Measure) => m.id)).toEqual([r.json().id]);
  });
});

describe('measures: filters, search and sorting', () => {
  let w2: World;
  let ids: Record<string, string>;
  beforeAll(async () => {
    w2 = await buildWorld(api.t.ctx);
    const energy = await buildSphere(api.t.db, { code: 'energy_f' });
    const mk = async (title: string, o: Record<string, unknown> = {}) =>
      (
        await buildMeasure(api.t.ctx, {
          roadmapId: w2.roadmap.id,
          title: { ru: title },
          responsible: resp(w2),
          ...o,
        })
      ).id;
    ids = {
      decl: await mk('Подготовить проект декларацию о сотрудничестве', { dueDate: '2026-03-01' }),
      rail: await mk('Реконструкция железная дорога на границе', {
        sphereIds: [energy.id],
        startDate: '2026-06-01',
        dueDate: '2026-12-01',
      }),
      done: await mk('Подписать протокол', { status: 'completed', dueDate: '2026-01-31' }),
      risky: await mk('Запустить цифровую платформу', {
        startDate: '2026-01-01',
        dueDate: '2026-08-01',
        progress: 5,
        status: 'in_progress',
      }),
      kzOnly: await mk('Обучение казахстанских специалистов', {
        startDate: '2026-06-01',
        responsible: [{ organisationId: w2.kz.ministry.id, role: 'lead' }],
      }),
    };
  });
  const list = async (q: string, cookie = cookies.admin) => {
    const r = await api.call('GET', `${M}?roadmapId=${w2.roadmap.id}&${q}`, { cookie });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { data: Measure[]; total: number };
  };

  it('finds Russian word forms: «декларации» finds «декларацию», «железных дорог» finds «железная дорога»', async () => {
    expect((await list('q=декларации')).data.map((m) => m.id)).toEqual([ids.decl]);
    expect((await list(`q=${encodeURIComponent('железных дорог')}`)).data.map((m) => m.id)).toEqual([
      ids.rail,
    ]);
  });

  it('filters overdue and at-risk as of today (2026-06-15)', async () => {
    const overdue = await list('overdue=true');
    expect(overdue.data.map((m) => m.id)).toEqual([ids.decl]);
    expect(overdue.data[0].overdue).toBe(true);
    const risk = await list('atRisk=true');
    expect(risk.data.map((m) => m.id)).toEqual([ids.risky]);
  });

  it('filters by sphere, party, organisation, status and due range', async () => {
    expect((await list(`sphereId=${w2.sphere.id}`)).total).toBe(0);
    expect((await list('status=completed')).data.map((m) => m.id)).toEqual([ids.done]);
    expect((await list(`organisationId=${w2.kz.ministry.id}`)).data.map((m) => m.id)).toEqual([ids.kzOnly]);
    expect((await list(`partyId=${w2.ru.party.id}`)).total).toBe(4);
    expect((await list('dueFrom=2026-02-01&dueTo=2026-08-31')).data.map((m) => m.id).sort()).toEqual(
      [ids.decl, ids.risky].sort(),
    );
  });

  it('sorts and paginates with a stable total', async () => {
    const byDue = await list('sort=dueDate&limit=2&page=1');
    expect(byDue.total).toBe(5);
    expect(byDue.data.map((m) => m.id)).toEqual([ids.done, ids.decl]);
    const page2 = await list('sort=dueDate&limit=2&page=2');
    expect(page2.data.map((m) => m.id)).toEqual([ids.risky, expect.any(String)]);
    const desc = await list('sort=-dueDate&limit=1');
    expect(desc.data[0].id).toBe(ids.kzOnly);
  });

  it('refuses an unknown sort or a bad filter naming the parameter', async () => {
    const r = await api.call('GET', `${M}?sort=colour`, { cookie: cookies.admin });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('sort');
    const s = await api.call('GET', `${M}?status=done`, { cookie: cookies.admin });
    expect(s.json().error.details[0].path).toMatch(/^status/);
  });
});

describe('measures: another party never sees internal data', () => {
  it('hides the internal measure from the other party and the viewer in lists, search, get and history', async () => {
    for (const who of ['ruCoord', 'ruRep', 'viewer'] as const) {
      const all = await api.call('GET', `${M}?roadmapId=${w.roadmap.id}&limit=500`, { cookie: cookies[who] });
      expect(all.json().data.map((m: Measure) => m.id)).not.toContain(internalKz.id);
      const search = await api.call('GET', `${M}?q=${encodeURIComponent('тарифам')}`, {
        cookie: cookies[who],
      });
      expect(search.json().total).toBe(0);
      expect((await api.call('GET', `${M}/${internalKz.id}`, { cookie: cookies[who] })).statusCode).toBe(404);
      expect(
        (await api.call('GET', `${M}/${internalKz.id}/history`, { cookie: cookies[who] })).statusCode,
      ).toBe(404);
    }
    for (const who of ['kzCoord', 'kzRep', 'admin'] as const) {
      const r = await api.call('GET', `${M}/${internalKz.id}`, { cookie: cookies[who] });
      expect(r.statusCode).toBe(200);
    }
  });

  it('answers a foreign internal measure used as a reference exactly like an absent one', async () => {
    const absent = '00000000-0000-4000-8000-000000000000';
    const body = (dep: string) => ({
      roadmapId: w.roadmap.id,
      title: { ru: 'Зависимое' },
      startDate: '2026-02-01',
      dueDate: '2026-09-30',
      completionForm: 'other',
      tier: 'internal',
      ownerPartyId: w.ru.party.id,
      responsible: [{ organisationId: w.ru.agency.id, role: 'lead' }],
      dependsOn: [dep],
    });
    const foreign = await api.call('POST', M, { cookie: cookies.ruCoord, body: body(internalKz.id) });
    const missing = await api.call('POST', M, { cookie: cookies.ruCoord, body: body(absent) });
    expect(foreign.statusCode).toBe(missing.statusCode);
    expect(foreign.json().error.details).toEqual(missing.json().error.details);
    expect(JSON.stringify(foreign.json())).not.toContain('тариф');
  });
});

describe('measures: tree, move and bulk', () => {
  it('rolls progress up to the parent, weighted', async () => {
    const parent = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      parentId: parent.id,
      weight: 3,
      progress: 100,
      status: 'completed',
      responsible: resp(w),
    });
    const child = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      parentId: parent.id,
      weight: 1,
      progress: 20,
      status: 'in_progress',
      responsible: resp(w),
    });
    const p = (await api.call('GET', `${M}/${parent.id}`, { cookie: cookies.admin })).json();
    expect(p.progress).toBe(80); // (3×100 + 1×20) / 4
    expect(p.status).toBe('in_progress');
    expect(p.childCount).toBe(2);
    const ids = async (q: string) =>
      (await api.call('GET', `${M}?roadmapId=${w.roadmap.id}&limit=500&${q}`, { cookie: cookies.admin }))
        .json()
        .data.map((m: Measure) => m.id);
    const [leaves, parents] = [await ids('leaf=true'), await ids('leaf=false')];
    expect(parents).toContain(parent.id);
    expect(leaves).not.toContain(parent.id);
    expect(leaves).toContain(child.id);
  });

  it('shows dependencies and children only where the reader may see them', async () => {
    const parent = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    const kzOnly = [{ organisationId: w.kz.agency.id, role: 'lead' as const }];
    const hidden = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      parentId: parent.id,
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: kzOnly,
    });
    const open = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      parentId: parent.id,
      responsible: resp(w),
    });
    // a joint measure may not depend on one party's internal plan at all
    const refused = await api.call('POST', M, {
      cookie: cookies.admin,
      body: {
        roadmapId: w.roadmap.id,
        title: { ru: 'Зависит от внутреннего' },
        startDate: '2026-02-01',
        dueDate: '2026-09-30',
        completionForm: 'event_held',
        responsible: resp(w),
        dependsOn: [open.id, hidden.id],
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual([
      {
        path: 'dependsOn.1',
        rule: 'dependency.jointOnly',
        message: 'совместное мероприятие может зависеть только от совместных мероприятий',
      },
    ]);
    // an internal measure may depend on joint ones and on its own party's internal ones
    const mine = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: kzOnly,
      dependsOn: [open.id, hidden.id],
    });
    const asKz = (await api.call('GET', `${M}/${mine.id}`, { cookie: cookies.kzRep })).json();
    expect(asKz.dependsOn.sort()).toEqual([open.id, hidden.id].sort());
    expect((await api.call('GET', `${M}/${mine.id}`, { cookie: cookies.ruRep })).statusCode).toBe(404);
    const count = async (cookie: string) =>
      (await api.call('GET', `${M}?roadmapId=${w.roadmap.id}&limit=500`, { cookie }))
        .json()
        .data.find((x: Measure) => x.id === parent.id).childCount;
    expect(await count(cookies.kzRep)).toBe(2);
    expect(await count(cookies.ruRep)).toBe(1);
  });

  it('moves a subtree, renumbering codes, and refuses a cycle', async () => {
    const a = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    const b = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    const a1 = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      parentId: a.id,
      responsible: resp(w),
    });
    const cycle = await api.call('POST', `${M}/${a.id}/move`, {
      cookie: cookies.admin,
      body: { version: 1, parentId: a1.id },
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.details[0].path).toBe('parentId');
    const cur = (await api.call('GET', `${M}/${a.id}`, { cookie: cookies.admin })).json();
    const moved = await api.call('POST', `${M}/${a.id}/move`, {
      cookie: cookies.admin,
      body: { version: cur.version, parentId: b.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().code).toBe(`${b.code}.1`);
    const child = (await api.call('GET', `${M}/${a1.id}`, { cookie: cookies.admin })).json();
    expect(child.code).toBe(`${b.code}.1.1`);
    expect(child.depth).toBe(2);
  });

  it('bulk-updates all or nothing and reports each refused item', async () => {
    const ok = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    const other = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      responsible: [{ organisationId: w.ru.ministry.id, role: 'lead' }],
    });
    const refused = await api.call('POST', `${M}/bulk`, {
      cookie: cookies.kzCoord,
      body: {
        items: [
          { id: ok.id, version: 1 },
          { id: other.id, version: 1 },
        ],
        set: { dueDate: '2027-01-31' },
        reason: 'перенос по согласованию',
      },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details[0].path).toMatch(/^items\.1/);
    expect((await api.call('GET', `${M}/${ok.id}`, { cookie: cookies.admin })).json().dueDate).toBe(
      '2026-12-31',
    );
    const items = [
      { id: ok.id, version: 1 },
      { id: other.id, version: 1 },
    ];
    const noReason = await api.call('POST', `${M}/bulk`, {
      cookie: cookies.admin,
      body: { items, set: { status: 'in_progress' } },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0]).toMatchObject({ path: 'reason', rule: 'measure.statusReason' });
    const done = await api.call('POST', `${M}/bulk`, {
      cookie: cookies.admin,
      body: {
        items: [
          { id: ok.id, version: 1 },
          { id: other.id, version: 1 },
        ],
        set: { dueDate: '2027-03-31' },
        reason: 'перенос по согласованию',
      },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().updated).toBe(2);
    expect(done.json().data.map((m: Measure) => m.dueDate)).toEqual(['2027-03-31', '2027-03-31']);
  });

  it('records every change in the measure history with actor, before and after', async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    await api.call('PATCH', `${M}/${m.id}`, {
      cookie: cookies.admin,
      body: { version: 1, progress: 40, status: 'in_progress', reason: 'Сведения секретариата' },
    });
    const h = (await api.call('GET', `${M}/${m.id}/history`, { cookie: cookies.ruRep })).json().data;
    expect(h[0]).toMatchObject({ action: 'measure.update', actorLabel: w.admin.email });
    expect(h[0].before.progress).toBe(0);
    expect(h[0].after).toMatchObject({ progress: 40, source: 'edit', reason: 'Сведения секретариата' });
    expect(h[0].requestId).toEqual(expect.any(String));
  });
});

describe('measures: concurrent creation', () => {
  it('numbers measures created at the same time without clashes', async () => {
    const parent = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: resp(w) });
    const body = {
      roadmapId: w.roadmap.id,
      parentId: parent.id,
      title: { ru: 'Параллельное' },
      startDate: '2026-02-01',
      dueDate: '2026-09-30',
      completionForm: 'event_held',
      responsible: resp(w),
      reason: 'новое мероприятие утверждённого плана',
    };
    const rs = await Promise.all(
      Array.from({ length: 8 }, () => api.call('POST', M, { cookie: cookies.admin, body })),
    );
    expect(rs.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(rs.map((r) => r.json().code)).size).toBe(8);
  });

  it('names the code when an explicit code is already used', async () => {
    const body = {
      roadmapId: w.roadmap.id,
      code: '900',
      title: { ru: 'Дубль' },
      startDate: '2026-02-01',
      dueDate: '2026-09-30',
      completionForm: 'event_held',
      responsible: resp(w),
      reason: 'новое мероприятие утверждённого плана',
    };
    expect((await api.call('POST', M, { cookie: cookies.admin, body })).statusCode).toBe(201);
    const dup = await api.call('POST', M, { cookie: cookies.admin, body });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('code');
  });
});
