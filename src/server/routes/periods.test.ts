import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { type TestApi, setUpTestApi } from '../../test/api';
import { buildMeasure, buildRoadmap, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let admin: string;
let kz: string;
let viewer: string;
let rep: string;

setUpTestApi((s) => {
  ({ api, w } = s);
  admin = s.cookie.admin;
  kz = s.cookie.kzCoord;
  viewer = s.cookie.viewer;
  rep = s.cookie.ruRep;
});

const lead = (organisationId: string) => [{ organisationId, role: 'lead' as const }];
const codes = (r: { json(): { data: { code: string }[] } }) => r.json().data.map((p) => p.code);

/** A draft roadmap with one joint measure starting on `start`, approved through the API. */
async function approvedRoadmap(start: string, extra: Record<string, unknown> = {}) {
  const r = await api.call('POST', '/api/v1/roadmaps', {
    cookie: admin,
    body: { title: { ru: 'Карта с периодами' }, ...extra },
  });
  expect(r.statusCode).toBe(201);
  await buildMeasure(api.t.ctx, {
    roadmapId: r.json().id,
    startDate: start,
    responsible: lead(w.kz.ministry.id),
  });
  const a = await api.call('PATCH', `/api/v1/roadmaps/${r.json().id}`, {
    cookie: admin,
    body: { version: 1, status: 'approved' },
  });
  expect(a.statusCode).toBe(200);
  return a.json() as { id: string };
}

async function periodEvents(entityId: string) {
  return api.t.db
    .select({ action: auditEvents.action, actorLabel: auditEvents.actorLabel, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'period'), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.pos);
}

describe('reporting periods', () => {
  it('answers 401 without a session on every route', async () => {
    const id = w.roadmap.id;
    const calls = [
      api.call('GET', `/api/v1/roadmaps/${id}/periods`),
      api.call('POST', `/api/v1/roadmaps/${id}/periods/generate`),
      api.call('POST', `/api/v1/roadmaps/${id}/periods`, {
        body: { startDate: '2026-01-01', endDate: '2026-01-31' },
      }),
      api.call('POST', `/api/v1/periods/${id}/close`, { body: { version: 1 } }),
      api.call('POST', `/api/v1/periods/${id}/lock`, { body: { version: 1 } }),
      api.call('POST', `/api/v1/periods/${id}/reopen`, { body: { version: 1, reason: 'ошибка' } }),
    ];
    for (const r of await Promise.all(calls)) expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming the field for bad input', async () => {
    const bad = await api.call('POST', `/api/v1/roadmaps/${w.roadmap.id}/periods`, {
      cookie: admin,
      body: { startDate: '2026-02-30', endDate: 'soon', owner: 'me' },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['startDate', 'endDate', 'owner']));
    const rm = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: { ru: 'Карта' }, reportingFrequency: 'weekly', reportDueDays: 91 },
    });
    expect(rm.statusCode).toBe(400);
    expect(
      rm
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['reportDueDays', 'reportingFrequency']);
    const close = await api.call('POST', `/api/v1/periods/${w.roadmap.id}/close`, {
      cookie: admin,
      body: {},
    });
    expect(close.statusCode).toBe(400);
    expect(close.json().error.details[0].path).toBe('version');
  });

  it('refuses every write to non-admins with a Russian 403, and lets every signed-in user read', async () => {
    const rm = await approvedRoadmap('2026-03-01');
    const [p] = (await api.call('GET', `/api/v1/roadmaps/${rm.id}/periods`, { cookie: viewer })).json().data;
    for (const cookie of [kz, viewer, rep]) {
      expect((await api.call('GET', `/api/v1/roadmaps/${rm.id}/periods`, { cookie })).statusCode).toBe(200);
      const writes = [
        await api.call('POST', `/api/v1/roadmaps/${rm.id}/periods/generate`, { cookie }),
        await api.call('POST', `/api/v1/roadmaps/${rm.id}/periods`, {
          cookie,
          body: { startDate: '2030-01-01', endDate: '2030-01-31' },
        }),
        await api.call('POST', `/api/v1/periods/${p.id}/close`, { cookie, body: { version: p.version } }),
        await api.call('POST', `/api/v1/periods/${p.id}/reopen`, {
          cookie,
          body: { version: p.version, reason: 'по ошибке' },
        }),
      ];
      for (const r of writes) {
        expect(r.statusCode).toBe(403);
        expect(r.json().error.message).toBe('Отчётными периодами управляют только администраторы');
      }
    }
    expect(
      (await api.call('GET', `/api/v1/roadmaps/${rm.id}/periods`, { cookie: admin })).json().data[0],
    ).toEqual(p);
  });

  it('answers 404 for a roadmap or period that does not exist', async () => {
    const none = '00000000-0000-4000-8000-0000000000ab';
    const r = await api.call('GET', `/api/v1/roadmaps/${none}/periods`, { cookie: viewer });
    expect(r.statusCode).toBe(404);
    const c = await api.call('POST', `/api/v1/periods/${none}/close`, {
      cookie: admin,
      body: { version: 1 },
    });
    expect(c.statusCode).toBe(404);
    expect(c.json().error.message).toBe('Отчётный период не найден');
  });

  it('creates the periods up to the next quarter when a roadmap is approved, due after reportDueDays', async () => {
    const rm = await approvedRoadmap('2026-02-10', { reportDueDays: 15 });
    const got = await api.call('GET', `/api/v1/roadmaps/${rm.id}`, { cookie: viewer });
    expect(got.json()).toMatchObject({ reportingFrequency: 'quarterly', reportDueDays: 15 });
    const list = await api.call('GET', `/api/v1/roadmaps/${rm.id}/periods`, { cookie: viewer });
    expect(list.statusCode).toBe(200);
    // today is 2026-06-15 (the tests' clock): Q2, and Q3 ahead of it
    expect(list.json().data).toEqual([
      expect.objectContaining({
        code: '2026-Q1',
        startDate: '2026-01-01',
        endDate: '2026-03-31',
        reportDueDate: '2026-04-15',
      }),
      expect.objectContaining({
        code: '2026-Q2',
        startDate: '2026-04-01',
        endDate: '2026-06-30',
        reportDueDate: '2026-07-15',
      }),
      expect.objectContaining({
        code: '2026-Q3',
        startDate: '2026-07-01',
        endDate: '2026-09-30',
        reportDueDate: '2026-10-15',
      }),
    ]);
    expect(list.json().data[0]).toMatchObject({
      roadmapId: rm.id,
      state: 'open',
      closedAt: null,
      lockedAt: null,
      version: 1,
    });
    const events = await periodEvents(list.json().data[0].id);
    expect(events.map((e) => e.action)).toEqual(['period.create']);
  });

  it('generates idempotently, in the roadmap frequency, ignoring internal measures', async () => {
    const r = await buildRoadmap(api.t.db, {
      status: 'draft',
      reportingFrequency: 'monthly',
      reportDueDays: 5,
    });
    await buildMeasure(api.t.ctx, {
      roadmapId: r.id,
      startDate: '2026-04-20',
      responsible: lead(w.ru.ministry.id),
    });
    // one party's internal plan starts earlier: the joint calendar must not show it
    await buildMeasure(api.t.ctx, {
      roadmapId: r.id,
      startDate: '2025-01-01',
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: lead(w.kz.agency.id),
    });
    const first = await api.call('POST', `/api/v1/roadmaps/${r.id}/periods/generate`, { cookie: admin });
    expect(first.statusCode).toBe(200);
    expect(first.json().created).toBe(4);
    expect(codes(first)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07']);
    expect(first.json().data[0].reportDueDate).toBe('2026-05-05');
    const again = await api.call('POST', `/api/v1/roadmaps/${r.id}/periods/generate`, { cookie: admin });
    expect(again.json()).toEqual({ created: 0, data: first.json().data });
  });

  it('adds one period, refusing an overlap with a 409 naming the period it overlaps', async () => {
    const rm = await approvedRoadmap('2026-04-01');
    const url = `/api/v1/roadmaps/${rm.id}/periods`;
    const clash = await api.call('POST', url, {
      cookie: admin,
      body: { startDate: '2026-09-15', endDate: '2026-10-15' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toBe(
      'Период пересекается с периодом 2026-Q3 (2026-07-01 – 2026-09-30)',
    );
    expect(clash.json().error.details).toEqual([
      {
        path: 'startDate',
        message: 'пересекается с периодом 2026-Q3',
        rule: 'period.overlapsWith',
      },
    ]);
    const backwards = await api.call('POST', url, {
      cookie: admin,
      body: { startDate: '2026-11-01', endDate: '2026-10-15' },
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error.details[0].path).toBe('endDate');
    const q4 = await api.call('POST', url, {
      cookie: admin,
      body: { startDate: '2026-10-01', endDate: '2026-12-31' },
    });
    expect(q4.statusCode).toBe(201);
    expect(q4.json()).toMatchObject({
      code: '2026-Q4',
      reportDueDate: '2027-01-10',
      state: 'open',
      version: 1,
    });
    const odd = await api.call('POST', url, {
      cookie: admin,
      body: { startDate: '2027-01-01', endDate: '2027-01-20', code: '2026-Q4' },
    });
    expect(odd.statusCode).toBe(422);
    expect(odd.json().error.details).toEqual([
      {
        path: 'code',
        message: 'это код календарного периода, а даты соответствуют 2027-01-01/2027-01-20',
        rule: 'period.calendarCode',
      },
    ]);
    const session = await api.call('POST', url, {
      cookie: admin,
      body: { startDate: '2027-02-01', endDate: '2027-02-10', code: 'Сессия' },
    });
    expect(session.statusCode).toBe(201);
    const taken = await api.call('POST', url, {
      cookie: admin,
      body: { startDate: '2027-03-01', endDate: '2027-03-10', code: 'Сессия' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('В дорожной карте уже есть период Сессия');
    expect(taken.json().error.details[0].path).toBe('code');
    const named = await api.call('POST', url, {
      cookie: admin,
      body: { startDate: '2027-01-01', endDate: '2027-01-20' },
    });
    expect(named.json().code).toBe('2027-01-01/2027-01-20');
    expect(codes(await api.call('GET', url, { cookie: viewer }))).toEqual([
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2027-01-01/2027-01-20',
      'Сессия',
    ]);
  });

  it('closes, locks and reopens with the version read; 409 on a stale version or the wrong state; audited with the reason', async () => {
    const rm = await approvedRoadmap('2026-01-05');
    const [p] = (await api.call('GET', `/api/v1/roadmaps/${rm.id}/periods`, { cookie: admin })).json().data;
    const post = (action: string, body: unknown) =>
      api.call('POST', `/api/v1/periods/${p.id}/${action}`, { cookie: admin, body });

    const early = await post('lock', { version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'Заблокировать можно только закрытый период; период 2026-Q1 — «Открыт»',
    );
    expect(early.json().error.details[0]).toMatchObject({ path: 'state', message: 'сейчас «Открыт»' });

    const closed = await post('close', { version: 1 });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      state: 'closed',
      closedAt: '2026-06-15T09:00:00.000Z',
      version: 2,
    });
    const twice = await post('close', { version: 2 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('conflict');
    expect(twice.json().error.message).toContain('«Закрыт»');

    const stale = await post('lock', { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const locked = await post('lock', { version: 2 });
    expect(locked.json()).toMatchObject({
      state: 'locked',
      lockedAt: '2026-06-15T09:00:00.000Z',
      version: 3,
    });

    for (const body of [
      { version: 3 },
      { version: 3, reason: ' a ' },
      { version: 3, reason: 'x'.repeat(1001) },
    ]) {
      const r = await post('reopen', body);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details[0].path).toBe('reason');
    }
    const reopened = await post('reopen', { version: 3, reason: 'Сторона представила исправленные данные' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      state: 'open',
      closedAt: null,
      lockedAt: null,
      reopenedAt: '2026-06-15T09:00:00.000Z',
      version: 4,
    });
    const again = await post('reopen', { version: 4, reason: 'ещё раз' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Период 2026-Q1 уже открыт');

    const events = await periodEvents(p.id);
    expect(events.map((e) => e.action)).toEqual([
      'period.create',
      'period.close',
      'period.lock',
      'period.reopen',
    ]);
    expect(events[3].after).toMatchObject({
      state: 'open',
      reason: 'Сторона представила исправленные данные',
    });
    expect(events[1].actorLabel).not.toBe('system');
  });
});

describe('a roadmap’s reporting settings', () => {
  it('lets an admin change frequency and due days; open periods follow the due days, closed ones keep theirs', async () => {
    const rm = await approvedRoadmap('2026-01-05');
    const [q1] = (await api.call('GET', `/api/v1/roadmaps/${rm.id}/periods`, { cookie: admin })).json().data;
    await api.call('POST', `/api/v1/periods/${q1.id}/close`, { cookie: admin, body: { version: 1 } });
    const coord = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: kz,
      body: { version: 2, reportDueDays: 20 },
    });
    expect(coord.statusCode).toBe(403);
    const r = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 2, reportDueDays: 20, reportingFrequency: 'monthly' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ reportDueDays: 20, reportingFrequency: 'monthly', version: 3 });
    const list = (await api.call('GET', `/api/v1/roadmaps/${rm.id}/periods`, { cookie: viewer })).json().data;
    expect(list.map((p: { code: string; reportDueDate: string }) => [p.code, p.reportDueDate])).toEqual([
      ['2026-Q1', '2026-04-10'],
      ['2026-Q2', '2026-07-20'],
      ['2026-Q3', '2026-10-20'],
    ]);
    expect((await periodEvents(list[1].id)).map((e) => e.action)).toEqual(['period.create', 'period.update']);
    // the new frequency adds months only where no period stands yet
    const gen = await api.call('POST', `/api/v1/roadmaps/${rm.id}/periods/generate`, { cookie: admin });
    expect(gen.json().created).toBe(0);
  });
});
