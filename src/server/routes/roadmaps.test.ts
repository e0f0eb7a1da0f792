import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, roadmaps } from '../../db/schema';
import { type TestApi, setUpTestApi } from '../../test/api';
import { buildAgreement, buildMeasure, buildProvision, buildRoadmap, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let admin: string;
let kz: string;
let ru: string;
let viewer: string;

setUpTestApi((s) => {
  ({ api, w } = s);
  admin = s.cookie.admin;
  kz = s.cookie.kzCoord;
  ru = s.cookie.ruCoord;
  viewer = s.cookie.viewer;
});

const TITLE = {
  ru: 'Дорожная карта на 2026–2028 годы',
  kk: '2026–2028 жылдарға арналған жол картасы: әғқңөұүһі',
};
const ids = (r: { json(): { data: { id: string }[] } }) => r.json().data.map((x) => x.id);

describe('roadmaps', () => {
  it('answers 401 without a session', async () => {
    expect((await api.call('GET', '/api/v1/roadmaps')).statusCode).toBe(401);
    expect((await api.call('POST', '/api/v1/roadmaps', { body: { title: TITLE } })).statusCode).toBe(401);
  });

  it('answers 400 naming the field for bad input', async () => {
    const r = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: { ru: '' }, status: 'final', agreementIds: ['x'], owner: 'me' },
    });
    expect(r.statusCode).toBe(400);
    const paths = r.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['title.ru', 'status', 'agreementIds.0', 'owner']));
    const q = await api.call('GET', '/api/v1/roadmaps?status=final', { cookie: viewer });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details[0].path).toBe('status');
  });

  it('answers 403 to a coordinator or viewer who tries to write', async () => {
    for (const cookie of [kz, viewer]) {
      expect(
        (await api.call('POST', '/api/v1/roadmaps', { cookie, body: { title: TITLE } })).statusCode,
      ).toBe(403);
      const p = await api.call('PATCH', `/api/v1/roadmaps/${w.roadmap.id}`, {
        cookie,
        body: { version: 1, title: { ru: 'Чужая' } },
      });
      expect(p.statusCode).toBe(403);
      expect((await api.call('DELETE', `/api/v1/roadmaps/${w.roadmap.id}`, { cookie })).statusCode).toBe(403);
    }
  });

  it('creates a draft, approves and archives it, refusing the way back; Kazakh title round-trips; audited', async () => {
    const r = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: TITLE, description: { ru: 'Иллюстративный пример' }, agreementIds: [w.agreement.id] },
    });
    expect(r.statusCode).toBe(201);
    const rm = r.json();
    expect(rm).toMatchObject({
      title: TITLE,
      status: 'draft',
      agreementIds: [w.agreement.id],
      measureCount: 0,
      version: 1,
    });
    expect((await api.call('GET', `/api/v1/roadmaps/${rm.id}`, { cookie: viewer })).json()).toEqual(rm);

    const approved = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 1, status: 'approved' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', version: 2 });

    const stale = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 1, title: { ru: 'Старая' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    const back = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 2, status: 'draft' },
    });
    expect(back.statusCode).toBe(422);
    expect(back.json().error.details).toEqual([
      { path: 'status', message: expect.stringContaining('проект'), rule: 'roadmap.noBackToDraft' },
    ]);

    // measures can still be added to an approved roadmap, as a plan amendment with its reason
    const m = await buildMeasure(api.t.ctx, {
      roadmapId: rm.id,
      responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
      reason: 'решение комиссии',
    });

    const archived = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 2, status: 'archived' },
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived', version: 3, measureCount: 1 });

    // archived is read-only: the roadmap and its measures
    const rename = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 3, title: { ru: 'Новое имя' } },
    });
    expect(rename.statusCode).toBe(422);
    expect(rename.json().error.details[0].path).toBe('status');
    const measurePatch = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: admin,
      body: { version: m.version, progress: 40, status: 'in_progress', reason: 'Исправление' },
    });
    expect(measurePatch.statusCode).toBe(422);
    const newMeasure = await api.call('POST', '/api/v1/measures', {
      cookie: admin,
      body: {
        roadmapId: rm.id,
        title: { ru: 'Новое' },
        startDate: '2026-01-01',
        dueDate: '2026-02-01',
        completionForm: 'other',
        responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
      },
    });
    expect(newMeasure.statusCode).toBe(422);
    expect(newMeasure.json().error.details[0].path).toBe('roadmapId');

    const events = await api.t.db
      .select({ action: auditEvents.action, entityType: auditEvents.entityType })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, rm.id))
      .orderBy(auditEvents.pos);
    expect(events).toEqual([
      { action: 'roadmap.create', entityType: 'roadmap' },
      { action: 'roadmap.update', entityType: 'roadmap' },
      { action: 'roadmap.update', entityType: 'roadmap' },
    ]);
  });

  it('refuses a new archived roadmap and unknown agreements (422 naming the field), storing nothing', async () => {
    const before = await api.t.db.$count(roadmaps);
    const arch = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: TITLE, status: 'archived' },
    });
    expect(arch.statusCode).toBe(422);
    expect(arch.json().error.details[0].path).toBe('status');
    const bad = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: TITLE, agreementIds: [w.agreement.id, '00000000-0000-4000-8000-0000000000aa'] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      { path: 'agreementIds.1', message: 'такого соглашения нет', rule: 'noSuch.agreement' },
    ]);
    expect(await api.t.db.$count(roadmaps)).toBe(before);
  });

  it('counts only the measures the caller may see, in one list, with filters', async () => {
    const agreement = await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] });
    const rm = await buildRoadmap(api.t.db, { status: 'draft', agreementIds: [agreement.id] });
    const lead = (organisationId: string) => [{ organisationId, role: 'lead' as const }];
    await buildMeasure(api.t.ctx, { roadmapId: rm.id, responsible: lead(w.ru.ministry.id) });
    await buildMeasure(api.t.ctx, { roadmapId: rm.id, responsible: lead(w.kz.ministry.id) });
    await buildMeasure(api.t.ctx, {
      roadmapId: rm.id,
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: lead(w.kz.agency.id),
    });
    const countFor = async (cookie: string) => {
      const r = await api.call('GET', `/api/v1/roadmaps?agreementId=${agreement.id}`, { cookie });
      expect(r.statusCode).toBe(200);
      expect(r.json().total).toBe(1);
      return r.json().data[0].measureCount;
    };
    expect(await countFor(admin)).toBe(3);
    expect(await countFor(kz)).toBe(3);
    expect(await countFor(ru)).toBe(2);
    expect(await countFor(viewer)).toBe(2);
    expect((await api.call('GET', `/api/v1/roadmaps/${rm.id}`, { cookie: ru })).json().measureCount).toBe(2);

    const drafts = await api.call('GET', '/api/v1/roadmaps?status=draft&limit=500', { cookie: viewer });
    expect(ids(drafts)).toContain(rm.id);
    expect(ids(drafts)).not.toContain(w.roadmap.id);
    const page = await api.call('GET', '/api/v1/roadmaps?limit=1&page=2', { cookie: viewer });
    expect(page.json()).toMatchObject({ page: 2, limit: 1 });
    expect(page.json().data).toHaveLength(1);
  });

  it('refuses to drop an agreement whose provisions the roadmap’s measures implement', async () => {
    const a = await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] });
    const b = await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] });
    const prov = await buildProvision(api.t.db, { agreementId: a.id, number: '1' });
    const rm = await buildRoadmap(api.t.db, { status: 'draft', agreementIds: [a.id] });
    await buildMeasure(api.t.ctx, {
      roadmapId: rm.id,
      provisionIds: [prov.id],
      responsible: [{ organisationId: w.ru.ministry.id, role: 'lead' }],
    });
    const drop = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 1, agreementIds: [b.id] },
    });
    expect(drop.statusCode).toBe(422);
    expect(drop.json().error.details[0].path).toBe('agreementIds');
    const add = await api.call('PATCH', `/api/v1/roadmaps/${rm.id}`, {
      cookie: admin,
      body: { version: 1, agreementIds: [a.id, b.id] },
    });
    expect(add.statusCode).toBe(200);
    expect(new Set(add.json().agreementIds)).toEqual(new Set([a.id, b.id]));
  });

  it('deletes only a draft without measures', async () => {
    const approved = await api.call('DELETE', `/api/v1/roadmaps/${w.roadmap.id}?version=1`, {
      cookie: admin,
    });
    expect(approved.statusCode).toBe(409);
    expect(approved.json().error.details[0].path).toBe('status');

    const withMeasures = await buildRoadmap(api.t.db, { status: 'draft' });
    await buildMeasure(api.t.ctx, {
      roadmapId: withMeasures.id,
      responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
    });
    const busy = await api.call('DELETE', `/api/v1/roadmaps/${withMeasures.id}?version=1`, { cookie: admin });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.message).toMatch(/мероприятия/);

    const empty = await buildRoadmap(api.t.db, { status: 'draft', agreementIds: [w.agreement.id] });
    const stale = await api.call('DELETE', `/api/v1/roadmaps/${empty.id}?version=2`, { cookie: admin });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const ok = await api.call('DELETE', `/api/v1/roadmaps/${empty.id}?version=1`, { cookie: admin });
    expect(ok.statusCode).toBe(204);
    expect((await api.call('GET', `/api/v1/roadmaps/${empty.id}`, { cookie: admin })).statusCode).toBe(404);
    const [event] = await api.t.db.select().from(auditEvents).where(eq(auditEvents.entityId, empty.id));
    expect(event).toMatchObject({ action: 'roadmap.delete', entityType: 'roadmap' });
  });
});
