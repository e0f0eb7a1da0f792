/**
 * Single measure writes citing a commission decision, and the reason rule of an approved plan
 * (issue 9 §4): PATCH, POST, DELETE and a change request's acceptance check a decision the same
 * way a bulk update does (its meeting must review the measure's roadmap), and a roadmap approved
 * before baselines existed is amended with a reason like any other, its plan frozen first.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { PlanDiff } from '../../contracts/baselines';
import { auditEvents, baselines } from '../../db/schema';
import { setUpTestApi, type TestApi, type WorldRole } from '../../test/api';
import { decisionOf as makeDecision } from '../../test/decisions';
import { buildMeasure, buildRoadmap, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
let here: string;
let elsewhere: string;
const M = '/api/v1/commission-meetings';

/** Meeting `number` reviewing `roadmapIds`, with one decision; its id. */
const decisionOf = (number: number, roadmapIds: string[]) =>
  makeDecision(api, cookie.admin, number, roadmapIds);

setUpTestApi(async (s) => {
  ({ api, w, cookie } = s);
  here = await decisionOf(50, [w.roadmap.id]);
  const other = await buildRoadmap(api.t.ctx.db, { agreementIds: [w.agreement.id] });
  elsewhere = await decisionOf(51, [other.id]);
});

const lead = () => [{ organisationId: w.kz.ministry.id, role: 'lead' as const }];
const ru = { 'accept-language': 'ru' };
const decisionsOf = async (id: string) =>
  (await api.call('GET', `/api/v1/measures/${id}/decisions`, { cookie: cookie.viewer })).json().data;

/** The refusal of a decision of a meeting that reviews another roadmap. */
function expectOtherRoadmap(r: { statusCode: number; json(): unknown }) {
  expect(r.statusCode).toBe(422);
  const { error } = r.json() as { error: { code: string; details: { message: string }[] } };
  expect(error.code).toBe('rule_violation');
  expect(error.details).toEqual([
    expect.objectContaining({ path: 'decisionId', rule: 'decision.otherRoadmap' }),
  ]);
  expect(error.details[0].message).toMatch(/не рассматривает дорожную карту этого мероприятия/);
}

describe('a decision cited by a single write', () => {
  it('answers 401 without a session and 400 for a malformed decisionId on DELETE', async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const url = `/api/v1/measures/${m.id}?version=1&reason=x&decisionId=nope`;
    expect((await api.call('DELETE', url)).statusCode).toBe(401);
    const bad = await api.call('DELETE', url, { cookie: cookie.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toContain('decisionId');
  });

  it('PATCH refuses a decision of a meeting reviewing another roadmap, and links the right one', async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const body = { version: 1, dueDate: '2027-03-31', reason: 'решение заседания' };
    const wrong = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: cookie.admin,
      headers: ru,
      body: { ...body, decisionId: elsewhere },
    });
    expectOtherRoadmap(wrong);
    const after = await api.call('GET', `/api/v1/measures/${m.id}`, { cookie: cookie.admin });
    expect(after.json()).toMatchObject({ version: 1, dueDate: '2026-12-31' });

    const none = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: cookie.admin,
      body: { ...body, decisionId: w.roadmap.id },
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details[0]).toMatchObject({ path: 'decisionId', rule: 'noSuch.decision' });

    const ok = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: cookie.admin,
      body: { ...body, decisionId: here },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await decisionsOf(m.id)).toEqual([
      expect.objectContaining({ decisionId: here, meetingNumber: 50, effect: 'moves_dates' }),
    ]);
    const meeting = (await api.call('GET', `${M}?roadmapId=${w.roadmap.id}`, { cookie: cookie.admin }))
      .json()
      .data.find((x: { number: number }) => x.number === 50);
    expect(meeting.decisions[0].measures.map((x: { measureId: string }) => x.measureId)).toContain(m.id);
  });

  it('POST refuses it too, and links the right one as the decision that created the measure', async () => {
    const body = {
      roadmapId: w.roadmap.id,
      title: { ru: 'По решению' },
      startDate: '2026-06-01',
      dueDate: '2026-12-31',
      completionForm: 'event_held',
      responsible: lead(),
      reason: 'решение заседания',
    };
    const wrong = await api.call('POST', '/api/v1/measures', {
      cookie: cookie.admin,
      headers: ru,
      body: { ...body, decisionId: elsewhere },
    });
    expectOtherRoadmap(wrong);
    const ok = await api.call('POST', '/api/v1/measures', {
      cookie: cookie.admin,
      body: { ...body, decisionId: here },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await decisionsOf(ok.json().id)).toEqual([
      expect.objectContaining({ decisionId: here, effect: 'creates' }),
    ]);
  });

  it('DELETE refuses it too and keeps the measure; the right one is recorded with the deletion', async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const url = (d: string) =>
      `/api/v1/measures/${m.id}?version=1&reason=${encodeURIComponent('снято решением')}&decisionId=${d}`;
    expectOtherRoadmap(await api.call('DELETE', url(elsewhere), { cookie: cookie.admin, headers: ru }));
    expect((await api.call('GET', `/api/v1/measures/${m.id}`, { cookie: cookie.admin })).statusCode).toBe(
      200,
    );
    const ok = await api.call('DELETE', url(here), { cookie: cookie.admin });
    expect(ok.statusCode, ok.body).toBe(204);
    const [ev] = await api.t.ctx.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, m.id), eq(auditEvents.action, 'measure.delete')));
    expect(ev.after).toEqual({ reason: 'снято решением', decisionId: here });
  });

  it("a change request's acceptance refuses it too, and links the right one", async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const cr = await api.call('POST', `/api/v1/measures/${m.id}/change-requests`, {
      cookie: cookie.kzCoord,
      body: { dueDate: '2027-02-28', reason: 'нужно время' },
    });
    expect(cr.statusCode, cr.body).toBe(201);
    const accept = (decisionId: string) =>
      api.call('POST', `/api/v1/change-requests/${cr.json().id}/accept`, {
        cookie: cookie.admin,
        headers: ru,
        body: { version: cr.json().version, decisionId },
      });
    expectOtherRoadmap(await accept(elsewhere));
    const ok = await accept(here);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'accepted', decisionId: here });
    expect(await decisionsOf(m.id)).toEqual([
      expect.objectContaining({ decisionId: here, effect: 'moves_dates' }),
    ]);
  });
});

describe('an approved roadmap without a baseline', () => {
  it('needs a reason for a plan change, and freezes its approved plan first, once', async () => {
    const legacy = await buildRoadmap(api.t.ctx.db, { agreementIds: [w.agreement.id], baseline: false });
    // the measures exist before the rule applied to this roadmap (written straight, as then)
    const m = await buildMeasure(api.t.ctx, {
      roadmapId: legacy.id,
      responsible: lead(),
      dueDate: '2026-10-31',
    });
    const frozen = () => api.t.ctx.db.select().from(baselines).where(eq(baselines.roadmapId, legacy.id));
    // buildMeasure gave a reason, so that first amendment froze the (then empty) plan
    expect(await frozen()).toHaveLength(1);
    await api.t.ctx.db.delete(baselines).where(eq(baselines.roadmapId, legacy.id));

    const bare = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: cookie.admin,
      body: { version: 1, dueDate: '2026-11-30' },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0]).toMatchObject({ path: 'reason', rule: 'plan.reasonRequired' });
    expect(await frozen()).toHaveLength(0);
    // monitoring is no amendment
    const progress = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: cookie.admin,
      body: { version: 1, status: 'in_progress', progress: 10, reason: 'исправление' },
    });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(await frozen()).toHaveLength(0);

    const ok = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: cookie.admin,
      body: { version: 2, dueDate: '2026-11-30', reason: 'перенос' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await api.call('PATCH', `/api/v1/measures/${m.id}`, {
      cookie: cookie.admin,
      body: { version: 3, dueDate: '2026-12-15', reason: 'ещё перенос' },
    });
    expect(again.statusCode, again.body).toBe(200);
    const [b, ...more] = await frozen();
    expect(more).toEqual([]);
    expect(b).toMatchObject({ kind: 'approval', name: { ru: 'Утверждённый план' } });

    // the diff against it shows both amendments as one move from the plan as it was agreed
    const d = await api.call('GET', `/api/v1/roadmaps/${legacy.id}/diff`, { cookie: cookie.viewer });
    expect(d.statusCode, d.body).toBe(200);
    const diff = d.json() as PlanDiff;
    expect(diff.from).toMatchObject({ kind: 'baseline', baselineId: b.id });
    expect(diff.changed.find((c) => c.item.measureId === m.id)?.changes).toEqual([
      { field: 'dueDate', old: '2026-10-31', new: '2026-12-15', days: 45 },
    ]);
    const h = await api.call('GET', `/api/v1/audit?entityId=${b.id}`, { cookie: cookie.admin });
    expect(h.json().data.map((e: { action: string }) => e.action)).toEqual(['baseline.create']);
  });

  it("freezes nothing on an amendment of one party's internal measure: the other party would see when", async () => {
    const legacy = await buildRoadmap(api.t.ctx.db, { agreementIds: [w.agreement.id], baseline: false });
    const internal = await buildMeasure(api.t.ctx, {
      roadmapId: legacy.id,
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
    });
    const listed = async () =>
      (await api.call('GET', `/api/v1/roadmaps/${legacy.id}/baselines`, { cookie: cookie.ruCoord })).json()
        .data;
    expect(await listed()).toEqual([]);
    const bare = await api.call('PATCH', `/api/v1/measures/${internal.id}`, {
      cookie: cookie.kzCoord,
      body: { version: 1, dueDate: '2026-11-30' },
    });
    expect(bare.statusCode).toBe(400);
    const ok = await api.call('PATCH', `/api/v1/measures/${internal.id}`, {
      cookie: cookie.kzCoord,
      body: { version: 1, dueDate: '2026-11-30', reason: 'внутренний перенос' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const del = await api.call('DELETE', `/api/v1/measures/${internal.id}?version=2&reason=x%20y%20z`, {
      cookie: cookie.kzCoord,
    });
    expect(del.statusCode, del.body).toBe(204);
    expect(await listed()).toEqual([]);
    // the first amendment both parties see freezes the plan
    await buildMeasure(api.t.ctx, { roadmapId: legacy.id, responsible: lead() });
    expect((await listed()).map((b: { kind: string }) => b.kind)).toEqual(['approval']);
  });
});
