import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, jointStatuses, periods, reportEvidence } from '../../db/schema';
import { type TestApi, setUpTestApi, type TestWorld } from '../../test/api';
import { buildMeasure } from '../../test/factories';
import { buildMonitoredMeasures, buildTwoQuarters, putReport, reconcileNow } from '../../test/joint';

let s: TestWorld;
let api: TestApi;
const ids = { q1: '', q2: '', joint: '', single: '', internal: '' };

s = setUpTestApi(async (t) => {
  ({ api } = t);
  const { w } = t;
  Object.assign(ids, await buildTwoQuarters(api.t.ctx, w.roadmap.id));
  const m = await buildMonitoredMeasures(api.t.ctx, w);
  Object.assign(ids, { joint: m.joint, single: m.kzOnly, internal: m.internal });
});

const report = (
  measureId: string,
  periodId: string,
  side: 'kz' | 'ru',
  state: 'draft' | 'submitted' | 'approved',
  status: 'in_progress' | 'completed' | 'not_started',
  progress: number,
  narrative?: string,
) =>
  putReport(api.t.ctx, {
    measureId,
    periodId,
    partyId: s.w[side].party.id,
    state,
    status,
    progress,
    reviewedBy: state === 'approved' ? s.w[side].coordinator.id : null,
    narrative: narrative ? { ru: narrative } : null,
  });

async function jointOf(measureId: string, periodId: string) {
  const [j] = await api.t.db
    .select()
    .from(jointStatuses)
    .where(and(eq(jointStatuses.measureId, measureId), eq(jointStatuses.periodId, periodId)));
  return j;
}
const measure = async (id: string, cookie = s.cookie.admin) =>
  (await api.call('GET', `/api/v1/measures/${id}`, { cookie })).json();
const events = (entityId: string) =>
  api.t.db
    .select({ action: auditEvents.action, after: auditEvents.after, partyScope: auditEvents.partyScope })
    .from(auditEvents)
    .where(eq(auditEvents.entityId, entityId))
    .orderBy(auditEvents.pos);

describe('joint statuses', () => {
  it('answers 401 without a session on every route', async () => {
    const id = ids.joint;
    const calls = [
      api.call('GET', '/api/v1/joint-statuses'),
      api.call('GET', `/api/v1/joint-statuses/${id}`),
      api.call('POST', `/api/v1/joint-statuses/${id}/confirm`, {
        body: { version: 1, status: 'in_progress', progress: 10 },
      }),
      api.call('POST', `/api/v1/joint-statuses/${id}/dissent`, { body: { version: 1, text: 'нет' } }),
      api.call('GET', `/api/v1/measures/${id}/joint-statuses`),
    ];
    for (const r of await Promise.all(calls)) expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming the field for bad input', async () => {
    const bad = await api.call('POST', `/api/v1/joint-statuses/${ids.joint}/confirm`, {
      cookie: s.cookie.kzCoord,
      body: { version: 0, status: 'done', progress: 101, extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'status', 'progress', 'extra']));
    const q = await api.call('GET', '/api/v1/joint-statuses?state=agreed&periodId=x', {
      cookie: s.cookie.kzCoord,
    });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['state', 'periodId']),
    );
    const d = await api.call('POST', `/api/v1/joint-statuses/${ids.joint}/dissent`, {
      cookie: s.cookie.kzCoord,
      body: { version: 1, text: ' ' },
    });
    expect(d.statusCode).toBe(400);
    expect(d.json().error.details[0].path).toBe('text');
  });

  it('awaits the other party, never showing its draft; confirms within 10 points at the lower progress; the measure follows', async () => {
    await report(ids.joint, ids.q1, 'kz', 'approved', 'in_progress', 40, 'сделано много');
    await report(ids.joint, ids.q1, 'ru', 'draft', 'in_progress', 90, 'черновик РФ');
    await reconcileNow(api.t.ctx, ids.joint, ids.q1);
    const j = await jointOf(ids.joint, ids.q1);
    expect(j).toMatchObject({ state: 'awaiting_reports', status: null, progress: null });

    const kzView = await api.call('GET', `/api/v1/joint-statuses/${j.id}`, { cookie: s.cookie.kzCoord });
    expect(kzView.statusCode).toBe(200);
    expect(kzView.json().claims.map((c: { partyId: string }) => c.partyId)).toEqual([s.w.kz.party.id]);
    expect(kzView.body).not.toContain('черновик РФ');
    expect(kzView.body).not.toContain('"progress":90');
    const ruView = await api.call('GET', `/api/v1/joint-statuses/${j.id}`, { cookie: s.cookie.ruCoord });
    expect(ruView.json().claims).toHaveLength(2);
    const viewer = await api.call('GET', `/api/v1/joint-statuses/${j.id}`, { cookie: s.cookie.viewer });
    expect(viewer.body).not.toContain('черновик РФ');

    await report(ids.joint, ids.q1, 'ru', 'approved', 'in_progress', 50);
    await reconcileNow(api.t.ctx, ids.joint, ids.q1);
    const c = await jointOf(ids.joint, ids.q1);
    expect(c).toMatchObject({ state: 'confirmed', status: 'in_progress', progress: 40 });
    expect(c.confirmations.map((x) => x.partyId).sort()).toEqual([s.w.kz.party.id, s.w.ru.party.id].sort());
    const m = await measure(ids.joint);
    expect(m).toMatchObject({ status: 'in_progress', progress: 40 });
    const update = (await events(ids.joint)).filter((e) => e.action === 'measure.update').at(-1);
    expect(update?.after).toMatchObject({ source: 'report', progress: 40 });

    // idempotent: the same reports again change nothing and record nothing
    const before = (await events(c.id)).length;
    await reconcileNow(api.t.ctx, ids.joint, ids.q1);
    expect((await events(c.id)).length).toBe(before);
    expect((await jointOf(ids.joint, ids.q1)).version).toBe(c.version);
    expect((await events(c.id)).map((e) => e.action)).toEqual([
      'joint_status.create',
      'joint_status.confirm',
    ]);
  });

  it('a measure with one responsible party is confirmed on its report alone', async () => {
    await report(ids.single, ids.q1, 'kz', 'approved', 'in_progress', 25);
    await reconcileNow(api.t.ctx, ids.single, ids.q1);
    expect(await jointOf(ids.single, ids.q1)).toMatchObject({ state: 'confirmed', progress: 25 });
    expect(await measure(ids.single)).toMatchObject({ progress: 25, status: 'in_progress' });
  });

  it('disputes differing claims; both coordinators confirm one value with a dissent; the measure follows', async () => {
    const kzReport = await report(ids.joint, ids.q2, 'kz', 'approved', 'in_progress', 80, 'почти готово');
    await report(ids.joint, ids.q2, 'ru', 'approved', 'in_progress', 55, 'половина');
    const [file] = await api.t.db
      .insert(reportEvidence)
      .values({
        reportId: kzReport.id,
        fileName: 'акт.pdf',
        contentType: 'application/pdf',
        size: 4,
        sha256: 'x'.repeat(64),
        content: Buffer.from('%PDF'),
      })
      .returning();
    await reconcileNow(api.t.ctx, ids.joint, ids.q2);
    const d = await jointOf(ids.joint, ids.q2);
    expect(d).toMatchObject({ state: 'disputed', status: null });
    const list = await api.call('GET', `/api/v1/joint-statuses?state=disputed&roadmapId=${s.w.roadmap.id}`, {
      cookie: s.cookie.ruCoord,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, totalIsExact: true });
    expect(list.json().data[0]).toMatchObject({ id: d.id, period: { code: '2026-Q2' }, state: 'disputed' });
    const detail = (
      await api.call('GET', `/api/v1/joint-statuses/${d.id}`, { cookie: s.cookie.kzCoord })
    ).json();
    expect(detail.claims.map((c: { progress: number }) => c.progress)).toEqual(
      s.w.kz.party.id < s.w.ru.party.id ? [80, 55] : [55, 80],
    );
    const kzClaim = detail.claims.find((c: { partyId: string }) => c.partyId === s.w.kz.party.id);
    expect(kzClaim).toMatchObject({
      state: 'approved',
      narrative: { ru: 'почти готово' },
      evidenceFiles: [{ id: file.id, name: 'акт.pdf', size: 4 }],
      indicatorValues: [],
    });

    const body = { version: d.version, status: 'in_progress', progress: 70 };
    const url = `/api/v1/joint-statuses/${d.id}/confirm`;
    for (const [who, cookie] of [
      ['reporter', s.cookie.kzRep],
      ['viewer', s.cookie.viewer],
      ['admin', s.cookie.admin],
    ] as const) {
      const r = await api.call('POST', url, { cookie, body });
      expect(r.statusCode, who).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    const stale = await api.call('POST', url, { cookie: s.cookie.kzCoord, body: { ...body, version: 99 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].path).toBe('version');
    const done = await api.call('POST', url, {
      cookie: s.cookie.kzCoord,
      body: { ...body, status: 'completed', progress: 70 },
    });
    expect(done.statusCode).toBe(422);
    expect(done.json().error.details[0].path).toBe('progress');

    const kz = await api.call('POST', url, { cookie: s.cookie.kzCoord, body });
    expect(kz.statusCode).toBe(200);
    expect(kz.json()).toMatchObject({ state: 'disputed', status: 'in_progress', progress: 70 });
    // the later period is not confirmed yet: the measure still follows Q1
    expect(await measure(ids.joint)).toMatchObject({ progress: 40 });

    const ru = await api.call('POST', url, {
      cookie: s.cookie.ruCoord,
      body: { ...body, version: kz.json().version, dissent: 'Считаем, что выполнено на 55 %' },
    });
    expect(ru.statusCode).toBe(200);
    expect(ru.json()).toMatchObject({ state: 'confirmed', status: 'in_progress', progress: 70 });
    expect(ru.json().dissents).toEqual([
      expect.objectContaining({ partyId: s.w.ru.party.id, text: 'Считаем, что выполнено на 55 %' }),
    ]);
    expect(await measure(ids.joint)).toMatchObject({ status: 'in_progress', progress: 70 });

    const more = await api.call('POST', `/api/v1/joint-statuses/${d.id}/dissent`, {
      cookie: s.cookie.kzCoord,
      body: { version: ru.json().version, text: 'Особое мнение Казахстана' },
    });
    expect(more.statusCode).toBe(200);
    expect(more.json()).toMatchObject({ state: 'confirmed', progress: 70 });
    expect(more.json().dissents).toHaveLength(2);
    const perPeriod = await api.call('GET', `/api/v1/measures/${ids.joint}/joint-statuses`, {
      cookie: s.cookie.viewer,
    });
    expect(perPeriod.json().data.map((j: { period: { code: string } }) => j.period.code)).toEqual([
      '2026-Q2',
      '2026-Q1',
    ]);
    expect((await events(d.id)).map((e) => e.action)).toEqual([
      'joint_status.create',
      'joint_status.dispute',
      'joint_status.confirm',
      'joint_status.confirm',
      'joint_status.dissent',
    ]);
  });

  it('a reopened report takes the status back to awaiting; confirming then is the wrong state', async () => {
    await report(ids.joint, ids.q2, 'ru', 'submitted', 'in_progress', 55);
    await reconcileNow(api.t.ctx, ids.joint, ids.q2);
    const j = await jointOf(ids.joint, ids.q2);
    expect(j).toMatchObject({ state: 'awaiting_reports', status: null });
    expect(j.dissents).toHaveLength(2);
    // the measure follows the latest confirmed period that remains: Q1
    expect(await measure(ids.joint)).toMatchObject({ progress: 40 });
    const r = await api.call('POST', `/api/v1/joint-statuses/${j.id}/confirm`, {
      cookie: s.cookie.kzCoord,
      body: { version: j.version, status: 'in_progress', progress: 60 },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details[0]).toMatchObject({ path: 'state', rule: 'jointStatus.awaitingReports' });
  });

  it('refuses a coordinator of a party that is not responsible, and changes in a locked period', async () => {
    const j = await jointOf(ids.single, ids.q1);
    const r = await api.call('POST', `/api/v1/joint-statuses/${j.id}/dissent`, {
      cookie: s.cookie.ruCoord,
      body: { version: j.version, text: 'Мы против' },
    });
    expect(r.statusCode).toBe(403);
    await api.t.db.update(periods).set({ state: 'locked' }).where(eq(periods.id, ids.q1));
    const l = await api.call('POST', `/api/v1/joint-statuses/${j.id}/dissent`, {
      cookie: s.cookie.kzCoord,
      body: { version: j.version, text: 'Поздно' },
    });
    expect(l.statusCode).toBe(422);
    expect(l.json().error.details[0].path).toBe('periodId');
    await api.t.db.update(periods).set({ state: 'open' }).where(eq(periods.id, ids.q1));
  });
});

describe('joint statuses of internal measures', () => {
  let id = '';
  beforeAll(async () => {
    await report(ids.internal, ids.q1, 'kz', 'approved', 'in_progress', 33, 'внутренний отчёт');
    await reconcileNow(api.t.ctx, ids.internal, ids.q1);
    id = (await jointOf(ids.internal, ids.q1)).id;
  });

  it('are the owner party’s: confirmed for it, absent for the other party and viewers', async () => {
    const own = await api.call('GET', `/api/v1/joint-statuses/${id}`, { cookie: s.cookie.kzRep });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ state: 'confirmed', progress: 33 });
    for (const cookie of [s.cookie.ruCoord, s.cookie.ruRep, s.cookie.viewer]) {
      const r = await api.call('GET', `/api/v1/joint-statuses/${id}`, { cookie });
      expect(r.statusCode).toBe(404);
      const absent = await api.call('GET', `/api/v1/joint-statuses/00000000-0000-4000-8000-000000000000`, {
        cookie,
      });
      expect(r.body.replace(/"requestId":"[^"]*"/, '')).toBe(absent.body.replace(/"requestId":"[^"]*"/, ''));
      const list = await api.call('GET', `/api/v1/joint-statuses?measureId=${ids.internal}`, { cookie });
      expect(list.json()).toMatchObject({ total: 0, data: [] });
      const all = await api.call('GET', '/api/v1/joint-statuses?limit=100', { cookie });
      expect(all.body).not.toContain(ids.internal);
      const m = await api.call('GET', `/api/v1/measures/${ids.internal}/joint-statuses`, { cookie });
      expect(m.statusCode).toBe(404);
      const c = await api.call('POST', `/api/v1/joint-statuses/${id}/confirm`, {
        cookie,
        body: { version: 1, status: 'in_progress', progress: 10 },
      });
      expect(c.statusCode).toBe(404);
    }
    const ev = (await events(id)).at(-1);
    expect(ev?.partyScope).toBe(s.w.kz.party.id);
  });
});

describe('monitoring flags on measures and the summary', () => {
  it('lists disputed measures and those missing a report, and counts them in the summary', async () => {
    const { w } = s;
    const m = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      responsible: [
        { organisationId: w.kz.agency.id, role: 'lead' },
        { organisationId: w.ru.agency.id, role: 'co_executor' },
      ],
    });
    const M = '/api/v1/measures';
    const summary = async (cookie: string) =>
      (await api.call('GET', `/api/v1/roadmaps/${w.roadmap.id}/summary`, { cookie })).json();
    const before = await summary(s.cookie.kzCoord);
    const list = async (q: string, cookie = s.cookie.kzCoord) =>
      (await api.call('GET', `${M}?roadmapId=${w.roadmap.id}&limit=200&${q}`, { cookie }))
        .json()
        .data.map((x: { id: string }) => x.id);
    // Q1's reports were due on 10 April (the test clock is mid-June): none from either party yet
    expect(await list(`reportMissing=${ids.q1}`)).toContain(m.id);
    expect((await api.call('GET', `${M}?reportMissing=nope`, { cookie: s.cookie.kzCoord })).statusCode).toBe(
      400,
    );

    await report(m.id, ids.q1, 'kz', 'approved', 'completed', 100);
    await report(m.id, ids.q1, 'ru', 'submitted', 'in_progress', 50);
    // RU's submission counts for RU and the admin, not for Kazakhstan, which sees only approved reports
    expect(await list(`reportMissing=${ids.q1}`, s.cookie.ruCoord)).not.toContain(m.id);
    expect(await list(`reportMissing=${ids.q1}`, s.cookie.admin)).not.toContain(m.id);
    expect(await list(`reportMissing=${ids.q1}`)).toContain(m.id);
    await report(m.id, ids.q1, 'ru', 'approved', 'in_progress', 50);
    await reconcileNow(api.t.ctx, m.id, ids.q1);
    expect(await list(`reportMissing=${ids.q1}`)).not.toContain(m.id);
    expect(await list('disputed=true')).toContain(m.id);
    expect(await list('disputed=false')).not.toContain(m.id);
    expect((await measure(m.id, s.cookie.viewer)).disputed).toBe(true);
    const after = await summary(s.cookie.kzCoord);
    expect(after.disputed).toBe(before.disputed + 1);
    expect(after.disputed).toBe((await list('disputed=true')).length);
    expect(after.reportMissingPeriodId).toBe(ids.q1);
    expect(after.reportMissing).toBe((await list(`reportMissing=${ids.q1}`)).length);
  });
});
