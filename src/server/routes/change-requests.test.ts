import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { setUpTestApi, type TestApi, type WorldRole } from '../../test/api';
import { buildMeasure, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
let joint: { id: string; version: number };
let kzOnly: { id: string };
let kzInternal: { id: string };
const CR = '/api/v1/change-requests';

setUpTestApi(async (s) => {
  ({ api, w, cookie } = s);
  joint = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    dueDate: '2026-06-30',
    responsible: [
      { organisationId: w.kz.ministry.id, role: 'lead' },
      { organisationId: w.ru.ministry.id, role: 'co_executor' },
    ],
  });
  kzOnly = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
  });
  kzInternal = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
});

const ask = (id: string, body: unknown, who: WorldRole = 'kzCoord') =>
  api.call('POST', `/api/v1/measures/${id}/change-requests`, { cookie: cookie[who], body });
const list = async (who: WorldRole, q = '') => {
  const r = await api.call('GET', `${CR}${q}`, { cookie: cookie[who] });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { total: number; data: { id: string; state: string; declineReason: string | null }[] };
};

describe('change requests', () => {
  it('answers 401 without a session', async () => {
    for (const r of await Promise.all([
      api.call('POST', `/api/v1/measures/${joint.id}/change-requests`, {
        body: { dueDate: '2026-09-30', reason: 'нужно время' },
      }),
      api.call('GET', CR),
      api.call('POST', `${CR}/${joint.id}/accept`, { body: { version: 1 } }),
      api.call('POST', `${CR}/${joint.id}/decline`, { body: { version: 1, reason: 'нет' } }),
    ]))
      expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming the field for bad input', async () => {
    const r = await ask(joint.id, { reason: 'x' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['reason', 'dueDate']),
    );
    const bad = await ask(joint.id, { dueDate: '2026-02-30', reason: 'нужно время', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['dueDate', 'extra']),
    );
  });

  it('lets only a coordinator of a responsible party ask; others get 403, a hidden measure 404', async () => {
    const body = { dueDate: '2026-09-30', reason: 'нужно время' };
    for (const who of ['admin', 'kzRep', 'viewer'] as const) {
      const r = await ask(joint.id, body, who);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    expect((await ask(kzOnly.id, body, 'ruCoord')).statusCode).toBe(403);
    expect((await ask(kzInternal.id, body, 'ruCoord')).statusCode).toBe(404);
    const same = await ask(joint.id, { dueDate: '2026-06-30', reason: 'нужно время' });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.details[0]).toMatchObject({
      path: 'dueDate',
      rule: 'changeRequest.sameDueDate',
    });
    const early = await ask(joint.id, { dueDate: '2025-06-30', reason: 'нужно время' });
    expect(early.json().error.details[0]).toMatchObject({ path: 'dueDate', rule: 'date.beforeStart' });
    const foreign = await ask(joint.id, {
      responsible: [{ organisationId: w.ru.agency.id, role: 'lead' }],
      reason: 'передать агентству',
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details[0]).toMatchObject({
      path: 'responsible.0.organisationId',
      rule: 'changeRequest.ownPartyOnly',
    });
  });

  it('is accepted by the secretariat: the due date moves through the one write path, citing the request', async () => {
    const r = await ask(joint.id, { dueDate: '2026-09-30', reason: 'задержка поставок' });
    expect(r.statusCode, r.body).toBe(201);
    const cr = r.json();
    expect(cr).toMatchObject({
      state: 'open',
      dueDate: '2026-09-30',
      currentDueDate: '2026-06-30',
      partyId: w.kz.party.id,
    });
    expect((await list('admin', '?state=open')).data.map((x) => x.id)).toContain(cr.id);
    expect((await list('kzCoord')).data.map((x) => x.id)).toContain(cr.id);
    expect((await list('ruCoord')).data.map((x) => x.id)).not.toContain(cr.id);
    expect((await list('viewer')).total).toBe(0);
    const no = await api.call('POST', `${CR}/${cr.id}/accept`, {
      cookie: cookie.kzCoord,
      body: { version: 1 },
    });
    expect(no.statusCode).toBe(403);
    const stale = await api.call('POST', `${CR}/${cr.id}/accept`, {
      cookie: cookie.admin,
      body: { version: 7 },
    });
    expect(stale.statusCode).toBe(409);
    const ok = await api.call('POST', `${CR}/${cr.id}/accept`, {
      cookie: cookie.admin,
      body: { version: 1 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'accepted',
      previousDueDate: '2026-06-30',
      currentDueDate: '2026-09-30',
      version: 2,
    });
    const m = await api.call('GET', `/api/v1/measures/${joint.id}`, { cookie: cookie.ruCoord });
    expect(m.json().dueDate).toBe('2026-09-30');
    const [e] = await api.t.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, joint.id), eq(auditEvents.action, 'measure.update')));
    expect(e.after).toMatchObject({
      source: 'decision',
      reason: 'задержка поставок',
      changeRequestId: cr.id,
    });
    const again = await api.call('POST', `${CR}/${cr.id}/decline`, {
      cookie: cookie.admin,
      body: { version: 2, reason: 'поздно' },
    });
    expect(again.statusCode).toBe(409);
    const mine = await api.call('GET', `${CR}/${cr.id}`, { cookie: cookie.kzCoord });
    expect(mine.json().state).toBe('accepted');
    expect((await api.call('GET', `${CR}/${cr.id}`, { cookie: cookie.ruCoord })).statusCode).toBe(404);
  });

  it("replaces only the requesting party's bodies when accepted, and tells the requester why when declined", async () => {
    const r = await ask(joint.id, {
      responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
      reason: 'передать агентству',
    });
    expect(r.statusCode, r.body).toBe(201);
    const ok = await api.call('POST', `${CR}/${r.json().id}/accept`, {
      cookie: cookie.admin,
      body: { version: 1 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const m = (await api.call('GET', `/api/v1/measures/${joint.id}`, { cookie: cookie.admin })).json();
    expect(m.responsible.map((x: { organisationId: string }) => x.organisationId).sort()).toEqual(
      [w.kz.agency.id, w.ru.ministry.id].sort(),
    );
    const d = await ask(kzInternal.id, { dueDate: '2027-03-31', reason: 'внутренняя причина' });
    expect(d.statusCode, d.body).toBe(201);
    const no = await api.call('POST', `${CR}/${d.json().id}/decline`, {
      cookie: cookie.admin,
      body: { version: 1 },
    });
    expect(no.statusCode).toBe(400);
    expect(no.json().error.details[0].path).toBe('reason');
    const dec = await api.call('POST', `${CR}/${d.json().id}/decline`, {
      cookie: cookie.admin,
      body: { version: 1, reason: 'срок согласован сторонами' },
    });
    expect(dec.statusCode).toBe(200);
    const mine = (await list('kzCoord', '?state=declined')).data;
    expect(mine).toEqual([
      expect.objectContaining({ id: d.json().id, declineReason: 'срок согласован сторонами' }),
    ]);
    // the other party learns nothing of a request about an internal measure, not even a count
    expect((await list('ruCoord')).total).toBe(0);
    const actions = await api.t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'change_request'));
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(['change_request.create', 'change_request.accept', 'change_request.decline']),
    );
  });
});
