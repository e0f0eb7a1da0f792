import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { setEvidenceDir } from '../../services/reports';
import { type TestApi, setUpTestApi, type WorldRole } from '../../test/api';
import { buildMeasure, buildOrganisation, buildUser, type World } from '../../test/factories';
import { buildPeriod, multipart, pdfBytes } from '../../test/reports';

// The tests' clock is 2026-06-15: Q1 (due 2026-04-10) is closed, Q2 (due 2026-07-10) open.
let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
let q1: { id: string };
let q2: { id: string };
let q0: { id: string };
let joint: { id: string; code: string };
let kzOnly: { id: string };
let kzInternal: { id: string };
let otherRep: string;

setUpTestApi(async (s) => {
  ({ api, w, cookie } = s);
  const rm = w.roadmap.id;
  q0 = await buildPeriod(api.t.db, {
    roadmapId: rm,
    code: '2025-Q4',
    startDate: '2025-10-01',
    endDate: '2025-12-31',
    reportDueDate: '2026-01-10',
    state: 'locked',
  });
  q1 = await buildPeriod(api.t.db, {
    roadmapId: rm,
    code: '2026-Q1',
    startDate: '2026-01-01',
    endDate: '2026-03-31',
    reportDueDate: '2026-04-10',
    state: 'closed',
  });
  q2 = await buildPeriod(api.t.db, {
    roadmapId: rm,
    code: '2026-Q2',
    startDate: '2026-04-01',
    endDate: '2026-06-30',
    reportDueDate: '2026-07-10',
  });
  joint = await buildMeasure(api.t.ctx, {
    roadmapId: rm,
    startDate: '2025-10-01',
    responsible: [
      { organisationId: w.kz.agency.id, role: 'lead' },
      { organisationId: w.ru.agency.id, role: 'co_executor' },
    ],
  });
  kzOnly = await buildMeasure(api.t.ctx, {
    roadmapId: rm,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
  kzInternal = await buildMeasure(api.t.ctx, {
    roadmapId: rm,
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
  const elsewhere = await buildOrganisation(api.t.db, {
    partyId: w.kz.party.id,
    name: { ru: 'Другое ведомство' },
  });
  const u = await buildUser(api.t.db, { role: 'reporter', organisation: elsewhere });
  otherRep = await api.signIn(u.email);
});

const NOBODY = '00000000-0000-4000-8000-00000000beef';
const post = (url: string, who: string | undefined, body?: unknown) =>
  api.call('POST', `/api/v1${url}`, { cookie: who, body });
const get = (url: string, who?: string) => api.call('GET', `/api/v1${url}`, { cookie: who });
const patch = (url: string, who: string, body: unknown) =>
  api.call('PATCH', `/api/v1${url}`, { cookie: who, body });
const upload = (
  id: string,
  who: string | undefined,
  file: { name: string; data: Buffer } | null,
  version: number,
) => {
  const m = multipart(file, { version: String(version) });
  return api.app.inject({
    method: 'POST',
    url: `/api/v1/reports/${id}/evidence`,
    headers: { ...m.headers, ...(who ? { cookie: who } : {}) },
    payload: m.payload,
  });
};
const paths = (r: { json(): { error: { details?: { path: string }[] } } }) =>
  (r.json().error.details ?? []).map((d) => d.path).sort();

/** A report of `who`'s party, created through the API. */
async function draft(measureId: string, periodId: string, who: string) {
  const r = await post('/reports', who, { measureId, periodId });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number; state: string; partyId: string };
}

describe('reports: the access walk', () => {
  it('answers 401 without a session on every route', async () => {
    const id = NOBODY;
    const answers = [
      await get('/reports'),
      await get('/reports/assignments'),
      await get(`/reports/${id}`),
      await post('/reports', undefined, { measureId: joint.id, periodId: q2.id }),
      await patch(`/reports/${id}`, '', { version: 1 }),
      await post(`/reports/${id}/submit`, undefined, { version: 1 }),
      await post(`/reports/${id}/approve`, undefined, { version: 1 }),
      await post(`/reports/${id}/return`, undefined, { version: 1, reason: 'нет данных' }),
      await post(`/reports/${id}/reopen`, undefined, { version: 1, reason: 'нет данных' }),
      await upload(id, undefined, { name: 'a.pdf', data: pdfBytes() }, 1),
      await get(`/evidence/${id}`),
      await api.call('DELETE', `/api/v1/evidence/${id}?version=1`),
      await get(`/roadmaps/${w.roadmap.id}/reporting`),
    ];
    for (const r of answers) expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming each bad field', async () => {
    const c = await post('/reports', cookie.kzRep, { measureId: 'x', periodId: q2.id, extra: 1 });
    expect(c.statusCode).toBe(400);
    expect(paths(c)).toEqual(['extra', 'measureId']);
    const rep = await draft(kzOnly.id, q2.id, cookie.kzRep);
    const p = await patch(`/reports/${rep.id}`, cookie.kzRep, {
      version: rep.version,
      progress: 101,
      status: 'done',
      evidenceLinks: [{ url: 'javascript:alert(1)', title: 'x' }],
      indicatorValues: [{ indicatorId: NOBODY, value: true }],
    });
    expect(p.statusCode).toBe(400);
    expect(paths(p)).toEqual(
      expect.arrayContaining(['evidenceLinks.0.url', 'indicatorValues.0.value', 'progress', 'status']),
    );
    const bad = await patch(`/reports/${rep.id}`, cookie.kzRep, {
      version: rep.version,
      indicatorValues: [
        { indicatorId: NOBODY, value: '12,5,1' },
        { indicatorId: NOBODY, value: '3' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['indicatorValues.0.value', 'indicatorValues.1.indicatorId']);
    expect(bad.json().error.message).toContain('должно быть числом');
    for (const action of ['return', 'reopen']) {
      const r = await post(`/reports/${rep.id}/${action}`, cookie.kzCoord, { version: rep.version });
      expect(r.statusCode).toBe(400);
      expect(paths(r)).toEqual(['reason']);
    }
    const nov = await upload(rep.id, cookie.kzRep, { name: 'a.pdf', data: pdfBytes() }, 0);
    expect(nov.statusCode).toBe(400);
    expect(paths(nov)).toEqual(['version']);
  });

  it('refuses those who may not write, with why in Russian', async () => {
    const body = { measureId: joint.id, periodId: q2.id };
    const admin = await post('/reports', cookie.admin, body);
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.message).toBe(
      'Администраторы читают отчёты, но не пишут, не представляют и не утверждают их за сторону',
    );
    expect((await post('/reports', cookie.viewer, body)).statusCode).toBe(403);
    const org = await post('/reports', otherRep, body);
    expect(org.statusCode).toBe(403);
    expect(org.json().error.message).toContain('исполнители организации, ответственной за мероприятие');
    const notResponsible = await post('/reports', cookie.ruCoord, { measureId: kzOnly.id, periodId: q2.id });
    expect(notResponsible.statusCode).toBe(403);
    expect(notResponsible.json().error.message).toBe('Ваша сторона не отвечает за это мероприятие');
    // the other party's internal measure does not exist for RU
    const hidden = await post('/reports', cookie.ruCoord, { measureId: kzInternal.id, periodId: q2.id });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('reports: the workflow', () => {
  it('runs draft → submitted → returned → submitted → approved, visible to RU only once approved', async () => {
    const indicator = await post(`/measures/${joint.id}/indicators`, cookie.admin, {
      name: { ru: 'Грузооборот' },
      unit: 'tonnes',
      direction: 'up',
      baseline: { value: 1200, date: '2025-12-31' },
      targets: [],
    });
    expect(indicator.statusCode, indicator.body).toBe(201);
    const indicatorId: string = indicator.json().id;
    const rep = await draft(joint.id, q2.id, cookie.kzRep);
    expect(rep).toMatchObject({ state: 'draft', partyId: w.kz.party.id });
    // a value for an indicator of another measure is refused, naming it
    const foreign = await patch(`/reports/${rep.id}`, cookie.kzRep, {
      version: rep.version,
      indicatorValues: [{ indicatorId: NOBODY, value: '12,5', source: 'Росстат' }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details[0]).toMatchObject({
      path: 'indicatorValues.0.indicatorId',
      message: 'не является показателем этого мероприятия',
    });
    const again = await post('/reports', cookie.kzCoord, { measureId: joint.id, periodId: q2.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(
      `У вашей стороны уже есть отчёт по мероприятию ${joint.code} за период 2026-Q2`,
    );
    const edited = await patch(`/reports/${rep.id}`, cookie.kzRep, {
      version: rep.version,
      status: 'in_progress',
      progress: 40,
      narrative: { ru: 'Проведены консультации', en: 'Consultations held' },
      evidenceLinks: [{ url: 'https://example.org/protocol', title: 'Протокол' }],
      indicatorValues: [{ indicatorId, value: '12,5', source: 'Росстат' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      progress: 40,
      version: 2,
      indicatorValues: [{ indicatorId, value: 12.5, source: 'Росстат' }],
    });
    const hidden = await get(`/reports/${rep.id}`, cookie.ruCoord);
    const missing = await get(`/reports/${NOBODY}`, cookie.ruCoord);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.message).toBe(missing.json().error.message);
    expect(hidden.json().error.message).toBe('Отчёт не найден');

    // a reporter may not approve its own report; the other party cannot even find it
    const selfApprove = await post(`/reports/${rep.id}/approve`, cookie.kzRep, { version: 2 });
    expect(selfApprove.statusCode).toBe(403);
    expect(selfApprove.json().error.message).toBe(
      'Утверждает, возвращает и открывает отчёты заново только координатор вашей стороны',
    );
    expect((await post(`/reports/${rep.id}/approve`, cookie.ruCoord, { version: 2 })).statusCode).toBe(404);
    // wrong state and stale version
    const early = await post(`/reports/${rep.id}/approve`, cookie.kzCoord, { version: 2 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(
      'Утвердить можно только представленный отчёт; этот отчёт сейчас «Черновик»',
    );
    expect(early.json().error.details).toEqual([expect.objectContaining({ path: 'state' })]);
    const stale = await post(`/reports/${rep.id}/submit`, cookie.kzRep, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(paths(stale)).toEqual(['version']);

    const sub = await post(`/reports/${rep.id}/submit`, cookie.kzRep, { version: 2 });
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({
      state: 'submitted',
      late: false,
      submittedBy: { id: w.kz.reporter.id },
    });
    const locked = await patch(`/reports/${rep.id}`, cookie.kzRep, { version: 3, progress: 50 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toContain('сейчас «Представлен»');

    const ret = await post(`/reports/${rep.id}/return`, cookie.kzCoord, {
      version: 3,
      reason: 'Приложите протокол',
    });
    expect(ret.json()).toMatchObject({ state: 'returned', returnReason: 'Приложите протокол' });
    expect((await get(`/reports/${rep.id}`, cookie.ruCoord)).statusCode).toBe(404);
    const resub = await post(`/reports/${rep.id}/submit`, cookie.kzRep, { version: 4 });
    expect(resub.json().state).toBe('submitted');
    const ok = await post(`/reports/${rep.id}/approve`, cookie.kzCoord, { version: 5 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', reviewedBy: { id: w.kz.coordinator.id } });

    // RU now reads it, without the return reason
    const seen = await get(`/reports/${rep.id}`, cookie.ruRep);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ state: 'approved', returnReason: null, progress: 40 });
    expect((await get(`/reports/${rep.id}`, cookie.viewer)).json().returnReason).toBeNull();
    expect((await get(`/reports/${rep.id}`, cookie.admin)).json().returnReason).toBe('Приложите протокол');

    // approved is read-only; reopening needs the coordinator and keeps the content
    expect((await patch(`/reports/${rep.id}`, cookie.kzCoord, { version: 6, progress: 50 })).statusCode).toBe(
      409,
    );
    expect(
      (await post(`/reports/${rep.id}/reopen`, cookie.kzRep, { version: 6, reason: 'уточнить' })).statusCode,
    ).toBe(403);
    const re = await post(`/reports/${rep.id}/reopen`, cookie.kzCoord, {
      version: 6,
      reason: 'Уточнить цифры',
    });
    expect(re.json()).toMatchObject({
      state: 'draft',
      progress: 40,
      narrative: { ru: 'Проведены консультации' },
    });
    expect((await get(`/reports/${rep.id}`, cookie.ruCoord)).statusCode).toBe(404);

    const events = await api.t.db
      .select({ action: auditEvents.action, after: auditEvents.after, partyScope: auditEvents.partyScope })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'report'), eq(auditEvents.entityId, rep.id)))
      .orderBy(auditEvents.occurredAt, auditEvents.id);
    expect(events.map((e) => e.action).sort()).toEqual(
      [
        'report.approve',
        'report.create',
        'report.reopen',
        'report.return',
        'report.submit',
        'report.submit',
        'report.update',
      ].sort(),
    );
    const returned = events.find((e) => e.action === 'report.return')!;
    expect(returned.after).toMatchObject({
      id: rep.id,
      measureId: joint.id,
      periodId: q2.id,
      partyId: w.kz.party.id,
      state: 'returned',
      reason: 'Приложите протокол',
    });
    expect(returned.partyScope).toBe(w.kz.party.id);
    expect(events.find((e) => e.action === 'report.approve')!.partyScope).toBeNull();
  });

  it('marks a submission in a closed period late and refuses every change in a locked one', async () => {
    const rep = await draft(joint.id, q1.id, cookie.ruRep);
    const sub = await post(`/reports/${rep.id}/submit`, cookie.ruRep, { version: rep.version });
    expect(sub.json()).toMatchObject({ state: 'submitted', late: true, periodState: 'closed' });
    const ok = await post(`/reports/${rep.id}/approve`, cookie.ruCoord, { version: rep.version + 1 });
    expect(ok.statusCode).toBe(200);
    const onLocked = await post('/reports', cookie.kzRep, { measureId: joint.id, periodId: q0.id });
    expect(onLocked.statusCode).toBe(409);
    expect(onLocked.json().error.message).toBe('Период 2025-Q4 заблокирован: его отчёты больше не меняются');
    // a report written before the period was locked stays as it is
    const old = await draft(kzOnly.id, q1.id, cookie.kzCoord);
    await api.t.db.execute(`update periods set state = 'locked' where id = '${q1.id}'`);
    for (const r of [
      await patch(`/reports/${old.id}`, cookie.kzCoord, { version: old.version, progress: 10 }),
      await post(`/reports/${old.id}/submit`, cookie.kzCoord, { version: old.version }),
      await post(`/reports/${rep.id}/reopen`, cookie.ruCoord, { version: rep.version + 2, reason: 'ошибка' }),
      await upload(old.id, cookie.kzCoord, { name: 'a.pdf', data: pdfBytes() }, old.version),
    ]) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.message).toBe('Период 2026-Q1 заблокирован: его отчёты больше не меняются');
    }
    await api.t.db.execute(`update periods set state = 'closed' where id = '${q1.id}'`);
  });
});

describe('reports: evidence files', () => {
  it('uploads, lists, downloads and deletes a file while the report is a draft', async () => {
    const rep = await draft(kzInternal.id, q2.id, cookie.kzRep);
    const data = pdfBytes('протокол');
    const up = await upload(rep.id, cookie.kzRep, { name: 'Протокол №1.pdf', data }, rep.version);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({
      fileName: 'Протокол №1.pdf',
      contentType: 'application/pdf',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      reportVersion: rep.version + 1,
    });
    const read = await get(`/reports/${rep.id}`, cookie.kzCoord);
    expect(read.json().evidenceFiles).toEqual([
      expect.objectContaining({
        id: file.id,
        uploadedBy: { id: w.kz.reporter.id, name: w.kz.reporter.name },
      }),
    ]);
    const dl = await get(`/evidence/${file.id}`, cookie.kzCoord);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="________ _1.pdf"; filename*=UTF-8''${encodeURIComponent('Протокол №1.pdf')}`,
    );
    expect(dl.rawPayload.equals(data)).toBe(true);
    // the other party and viewers: as if it did not exist
    for (const who of [cookie.ruCoord, cookie.viewer]) {
      const r = await get(`/evidence/${file.id}`, who);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.message).toBe('Файл подтверждения не найден');
    }
    const wrong = await upload(
      rep.id,
      cookie.kzRep,
      { name: 'a.pdf', data: Buffer.from('just text') },
      rep.version + 1,
    );
    expect(wrong.statusCode).toBe(415);
    const big = await upload(
      rep.id,
      cookie.kzRep,
      { name: 'big.pdf', data: Buffer.concat([pdfBytes(), Buffer.alloc(21 * 1024 * 1024)]) },
      rep.version + 1,
    );
    expect(big.statusCode).toBe(413);
    const sub = await post(`/reports/${rep.id}/submit`, cookie.kzRep, { version: rep.version + 1 });
    expect(sub.statusCode).toBe(200);
    const late = await api.call('DELETE', `/api/v1/evidence/${file.id}?version=${rep.version + 2}`, {
      cookie: cookie.kzRep,
    });
    expect(late.statusCode).toBe(409);
    await post(`/reports/${rep.id}/return`, cookie.kzCoord, {
      version: rep.version + 2,
      reason: 'не тот файл',
    });
    const del = await api.call('DELETE', `/api/v1/evidence/${file.id}?version=${rep.version + 3}`, {
      cookie: cookie.kzRep,
    });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ reportVersion: rep.version + 4 });
    expect((await get(`/evidence/${file.id}`, cookie.kzRep)).statusCode).toBe(404);
  });

  it('keeps the bytes under the data directory when one is set', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'accord-evidence-'));
    setEvidenceDir(dir);
    try {
      const m = await buildMeasure(api.t.ctx, {
        roadmapId: w.roadmap.id,
        responsible: [{ organisationId: w.ru.agency.id, role: 'lead' }],
      });
      const rep = await draft(m.id, q2.id, cookie.ruRep);
      const data = pdfBytes('на диске');
      const up = await upload(rep.id, cookie.ruRep, { name: 'akt.pdf', data }, rep.version);
      expect(up.statusCode).toBe(201);
      const files = readdirSync(path.join(dir, 'evidence'));
      expect(files).toEqual([up.json().id]);
      expect(readFileSync(path.join(dir, 'evidence', files[0])).equals(data)).toBe(true);
      const dl = await get(`/evidence/${up.json().id}`, cookie.ruCoord);
      expect(dl.rawPayload.equals(data)).toBe(true);
      await api.call('DELETE', `/api/v1/evidence/${up.json().id}?version=${rep.version + 1}`, {
        cookie: cookie.ruRep,
      });
      expect(readdirSync(path.join(dir, 'evidence'))).toEqual([]);
    } finally {
      setEvidenceDir(null);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reports: lists, assignments and completeness', () => {
  it('lists only what the caller may read, and counts alike', async () => {
    const kz = await get(`/reports?roadmapId=${w.roadmap.id}&limit=500`, cookie.kzCoord);
    const ru = await get(`/reports?roadmapId=${w.roadmap.id}&limit=500`, cookie.ruCoord);
    const kzParty = w.kz.party.id;
    type R = { partyId: string; state: string; returnReason: string | null; measureId: string };
    const ruSeesOfKz = (ru.json().data as R[]).filter((r) => r.partyId === kzParty);
    expect(ruSeesOfKz.every((r) => r.state === 'approved' && r.returnReason === null)).toBe(true);
    expect(ru.json().data.some((r: R) => r.measureId === kzInternal.id)).toBe(false);
    expect(ru.json().total).toBe(ru.json().data.length);
    expect(kz.json().data.some((r: R) => r.partyId === kzParty && r.state === 'draft')).toBe(true);
    const ruDrafts = await get(`/reports?partyId=${kzParty}&state=draft`, cookie.ruCoord);
    expect(ruDrafts.json()).toMatchObject({ data: [], total: 0, totalIsExact: true });
    const late = await get('/reports?late=true', cookie.ruRep);
    expect(late.json().data.every((r: { late: boolean }) => r.late)).toBe(true);
    const mine = await get('/reports?mine=true', otherRep);
    expect(mine.json().total).toBe(0);
    const mineKz = await get('/reports?mine=true', cookie.kzRep);
    expect(mineKz.json().data.every((r: R) => r.partyId === kzParty)).toBe(true);
    expect(mineKz.json().total).toBeGreaterThan(0);
  });

  it("gives the caller's assignments with overdue ones first", async () => {
    const r = await get(`/reports/assignments?roadmapId=${w.roadmap.id}`, cookie.kzRep);
    expect(r.statusCode).toBe(200);
    type A = { measureId: string; periodCode: string; overdue: boolean; report: { state: string } | null };
    const rows = r.json().data as A[];
    // 2025-Q4 is locked and left out; Q1 of the joint measure has no KZ report and is overdue
    expect(rows.some((a) => a.periodCode === '2025-Q4')).toBe(false);
    expect(rows[0]).toMatchObject({
      measureId: joint.id,
      periodCode: '2026-Q1',
      overdue: true,
      report: null,
    });
    const q2Joint = rows.find((a) => a.measureId === joint.id && a.periodCode === '2026-Q2');
    expect(q2Joint?.report?.state).toBe('draft');
    expect(rows.some((a) => a.measureId === kzInternal.id)).toBe(true);
    const ru = await get(`/reports/assignments?periodId=${q2.id}`, cookie.ruCoord);
    expect(
      (ru.json().data as A[]).some((a) => a.measureId === kzInternal.id || a.measureId === kzOnly.id),
    ).toBe(false);
    expect((await get('/reports/assignments', cookie.viewer)).json().total).toBe(0);
  });

  it("shows the other party's due and approved counts only", async () => {
    const kz = await get(`/roadmaps/${w.roadmap.id}/reporting?periodId=${q2.id}`, cookie.kzCoord);
    const ru = await get(`/roadmaps/${w.roadmap.id}/reporting?periodId=${q2.id}`, cookie.ruCoord);
    type C = {
      partyId: string;
      due: number;
      submitted: number | null;
      approved: number;
      late: number | null;
    };
    const kzOwn = (kz.json().byParty as C[]).find((c) => c.partyId === w.kz.party.id)!;
    const kzFromRu = (ru.json().byParty as C[]).find((c) => c.partyId === w.kz.party.id)!;
    expect(kzOwn.submitted).not.toBeNull();
    expect(kzOwn.due).toBeGreaterThan(kzFromRu.due); // KZ's internal measure is counted only for KZ
    expect(kzFromRu).toMatchObject({ submitted: null, returned: null, late: null });
    expect(kz.json().period).toMatchObject({ id: q2.id, code: '2026-Q2' });
    const byDefault = await get(`/roadmaps/${w.roadmap.id}/reporting`, cookie.viewer);
    expect(byDefault.json().period.code).toBe('2026-Q2');
    expect((byDefault.json().byOrganisation as C[]).every((c) => c.submitted === null)).toBe(true);
    expect((await get(`/roadmaps/${NOBODY}/reporting`, cookie.viewer)).statusCode).toBe(404);
  });
});
