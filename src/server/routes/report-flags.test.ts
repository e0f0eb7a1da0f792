/**
 * At risk through a missing report and the late-report flag through the API (issue 8 §3):
 * the measure list's filters, each measure's flags and the summary's counts agree, as each
 * party may know them; and nothing of the other party's unapproved report (a draft, a
 * submission, a return) shows in a party's flags or counts.
 */
import { describe, expect, it } from 'vitest';
import type { ReportState } from '../../contracts/enums';
import { type TestApi, setUpTestApi, type TestWorld, type WorldRole } from '../../test/api';
import { buildMeasure, buildRoadmap } from '../../test/factories';
import { buildPeriod, putReport } from '../../test/joint';

let s: TestWorld;
let api: TestApi;
const ids = { roadmap: '', q1: '', joint: '', behind: '', done: '' };

s = setUpTestApi(async (t) => {
  ({ api } = t);
  const { w } = t;
  // a roadmap of its own, so that the counts are this test's measures only
  ids.roadmap = (await buildRoadmap(api.t.db, { status: 'draft' })).id;
  ids.q1 = (await buildPeriod(api.t.ctx, ids.roadmap)).id; // due 10 April; the test clock is mid-June
  const both = [
    { organisationId: w.kz.agency.id, role: 'lead' as const },
    { organisationId: w.ru.agency.id, role: 'co_executor' as const },
  ];
  const base = { roadmapId: ids.roadmap, responsible: both, reason: 'Проверка флагов' };
  // on schedule: at risk only if a report is missing
  ids.joint = (await buildMeasure(api.t.ctx, { ...base, status: 'in_progress', progress: 60 })).id;
  // behind schedule: at risk whatever the reports
  ids.behind = (await buildMeasure(api.t.ctx, { ...base, status: 'in_progress', progress: 5 })).id;
  // completed: never at risk, but its missing reports are still late
  ids.done = (await buildMeasure(api.t.ctx, { ...base, status: 'completed', progress: 100 })).id;
});

const M = '/api/v1/measures';
const list = async (q: string, who: WorldRole) => {
  const res = await api.call('GET', `${M}?roadmapId=${ids.roadmap}&limit=100&${q}`, {
    cookie: s.cookie[who],
  });
  expect(res.statusCode).toBe(200);
  return (res.json().data as { id: string }[]).map((x) => x.id).sort();
};
const summary = async (who: WorldRole) => {
  const res = await api.call('GET', `/api/v1/roadmaps/${ids.roadmap}/summary`, { cookie: s.cookie[who] });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const flags = async (id: string, who: WorldRole) => {
  const m = (await api.call('GET', `${M}/${id}`, { cookie: s.cookie[who] })).json();
  return { atRisk: m.atRisk as boolean, lateReport: m.lateReport as boolean };
};
const put = (measureId: string, side: 'kz' | 'ru', state: ReportState) =>
  putReport(api.t.ctx, {
    measureId,
    periodId: ids.q1,
    partyId: s.w[side].party.id,
    state,
    status: 'in_progress',
    progress: 60,
    reviewedBy: state === 'approved' || state === 'returned' ? s.w[side].coordinator.id : null,
  });

/** Everything KZ's users read about this roadmap's flags: lists, flags, summary counts. */
async function kzView() {
  const out: unknown[] = [];
  for (const who of ['kzCoord', 'kzRep'] as const) {
    out.push(
      await list('atRisk=true', who),
      await list('lateReport=true', who),
      await list('lateReport=false', who),
    );
    out.push(await list(`reportMissing=${ids.q1}`, who));
    for (const id of [ids.joint, ids.behind, ids.done]) out.push(await flags(id, who));
    const sm = await summary(who);
    out.push(sm.leaves, sm.byParty, sm.byOrganisation, sm.reportMissing, sm.lateReport);
  }
  return JSON.stringify(out);
}

describe('GET /measures?lateReport and atRisk with reports', () => {
  it('401 without a session, 400 for a bad value naming the field', async () => {
    expect((await api.call('GET', `${M}?lateReport=true`)).statusCode).toBe(401);
    const bad = await api.call('GET', `${M}?lateReport=maybe`, { cookie: s.cookie.kzCoord });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('lateReport');
  });

  it('filters, flags and counts agree, and follow the reports as each party may know them', async () => {
    const sorted = (...xs: string[]) => [...xs].sort();
    const check = async (who: WorldRole, atRisk: string[], late: string[]) => {
      expect(await list('atRisk=true', who), `${who} atRisk`).toEqual(sorted(...atRisk));
      expect(await list('lateReport=true', who), `${who} lateReport`).toEqual(sorted(...late));
      const sm = await summary(who);
      expect([sm.leaves.atRisk, sm.lateReport, sm.reportMissingPeriodId], who).toEqual([
        atRisk.length,
        late.length,
        ids.q1,
      ]);
      for (const id of [ids.joint, ids.behind, ids.done])
        expect(await flags(id, who), `${who} ${id}`).toEqual({
          atRisk: atRisk.includes(id),
          lateReport: late.includes(id),
        });
    };
    const everyone = ['admin', 'kzCoord', 'ruRep', 'viewer'] as const;
    // nobody reported: the joint measure is at risk on its missing reports; all three are late
    for (const who of everyone) await check(who, [ids.joint, ids.behind], [ids.joint, ids.behind, ids.done]);

    // both report on the joint measure: KZ approved, RU submitted (on time)
    await put(ids.joint, 'kz', 'approved');
    await put(ids.joint, 'ru', 'submitted');
    for (const who of ['admin', 'ruRep'] as const) await check(who, [ids.behind], [ids.behind, ids.done]);
    for (const who of ['kzCoord', 'viewer'] as const)
      await check(who, [ids.joint, ids.behind], [ids.joint, ids.behind, ids.done]);

    // RU's report approved: no longer at risk or late for anyone
    await put(ids.joint, 'ru', 'approved');
    for (const who of everyone) await check(who, [ids.behind], [ids.behind, ids.done]);
  });

  it("shows KZ nothing of RU's unapproved report: a draft, a submission and a return look alike", async () => {
    const m = await buildMeasure(api.t.ctx, {
      roadmapId: ids.roadmap,
      status: 'in_progress',
      progress: 60,
      reason: 'Проверка флагов',
      responsible: [
        { organisationId: s.w.kz.agency.id, role: 'lead' },
        { organisationId: s.w.ru.agency.id, role: 'co_executor' },
      ],
    });
    await put(m.id, 'kz', 'approved');
    const none = await kzView();
    const seen = new Set([none]);
    for (const state of ['draft', 'submitted', 'returned'] as const) {
      await put(m.id, 'ru', state);
      seen.add(await kzView());
    }
    expect(seen.size).toBe(1);
    // and the view does change once RU's report is approved, which KZ may read
    await put(m.id, 'ru', 'approved');
    expect(await kzView()).not.toBe(none);
  });
});
