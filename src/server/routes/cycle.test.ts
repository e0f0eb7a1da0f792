/**
 * The monitoring cycle end to end, through the API alone: both parties report on a joint
 * measure; one coordinator approves, the other returns its agency's report and approves it
 * resubmitted; the claims disagree and the measure is disputed; both coordinators confirm one
 * value, one with a dissent; the measure's status, the roll-up to its parent, the summary and
 * the notifications follow. Each step is what a person would check on screen.
 */
import { describe, expect, it } from 'vitest';
import { type TestApi, setUpTestApi, type WorldRole } from '../../test/api';
import { buildMeasure, type World } from '../../test/factories';
import { buildPeriod } from '../../test/reports';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
let period: { id: string };
let parent: { id: string };
let leaf: { id: string };
let sibling: { id: string };

setUpTestApi(async (s) => {
  ({ api, w, cookie } = s);
  // the tests' clock is 2026-06-15: Q2 is open, its reports due on 10 July
  period = await buildPeriod(api.t.db, {
    roadmapId: w.roadmap.id,
    code: '2026-Q2',
    startDate: '2026-04-01',
    endDate: '2026-06-30',
    reportDueDate: '2026-07-10',
  });
  const both = [
    { organisationId: w.kz.agency.id, role: 'lead' as const },
    { organisationId: w.ru.agency.id, role: 'co_executor' as const },
  ];
  parent = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: both });
  leaf = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, parentId: parent.id, responsible: both });
  sibling = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    parentId: parent.id,
    responsible: both,
  });
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string, body?: unknown) =>
  api.call(method, `/api/v1${url}`, { cookie: who, body });

/** A draft of the caller's party, filled in and submitted; answers the submitted report. */
async function reportAs(who: string, progress: number, narrative: string) {
  const created = await call('POST', '/reports', who, { measureId: leaf.id, periodId: period.id });
  expect(created.statusCode).toBe(201);
  const filled = await call('PATCH', `/reports/${created.json().id}`, who, {
    version: created.json().version,
    status: 'in_progress',
    progress,
    narrative: { ru: narrative },
  });
  expect(filled.statusCode).toBe(200);
  const sent = await call('POST', `/reports/${created.json().id}/submit`, who, {
    version: filled.json().version,
  });
  expect(sent.statusCode).toBe(200);
  expect(sent.json()).toMatchObject({ state: 'submitted', late: false, progress });
  return sent.json();
}

const measure = async (id: string) => (await call('GET', `/measures/${id}`, cookie.admin)).json();

describe('the monitoring cycle', () => {
  it('goes from two reports to one confirmed joint status that the measure, its parent and the summary follow', async () => {
    // Kazakhstan reports 80 % and its coordinator approves
    const kz = await reportAs(cookie.kzRep, 80, 'Подготовлен проект соглашения');
    const kzApproved = await call('POST', `/reports/${kz.id}/approve`, cookie.kzCoord, {
      version: kz.version,
    });
    expect(kzApproved.statusCode).toBe(200);
    expect(kzApproved.json().state).toBe('approved');

    // Russia reports 50 %; its coordinator returns it, the agency resubmits 55 % and it is approved
    const ru = await reportAs(cookie.ruRep, 50, 'Идёт согласование');
    // Kazakhstan may not see, let alone review, Russia's report before it is approved
    expect((await call('GET', `/reports/${ru.id}`, cookie.kzCoord)).statusCode).toBe(404);
    const returned = await call('POST', `/reports/${ru.id}/return`, cookie.ruCoord, {
      version: ru.version,
      reason: 'Приложите протокол согласования',
    });
    expect(returned.json()).toMatchObject({
      state: 'returned',
      returnReason: 'Приложите протокол согласования',
    });
    const fixed = await call('PATCH', `/reports/${ru.id}`, cookie.ruRep, {
      version: returned.json().version,
      progress: 55,
    });
    const resent = await call('POST', `/reports/${ru.id}/submit`, cookie.ruRep, {
      version: fixed.json().version,
    });
    expect(resent.json().state).toBe('submitted');
    const ruApproved = await call('POST', `/reports/${ru.id}/approve`, cookie.ruCoord, {
      version: resent.json().version,
    });
    expect(ruApproved.json().state).toBe('approved');

    // 80 against 55: more than 10 points apart, so the measure is disputed
    const list = await call(
      'GET',
      `/joint-statuses?roadmapId=${w.roadmap.id}&periodId=${period.id}`,
      cookie.kzCoord,
    );
    expect(list.json().data).toHaveLength(1);
    const disputed = list.json().data[0];
    expect(disputed).toMatchObject({ state: 'disputed', measure: { id: leaf.id } });
    const flagged = await call('GET', `/measures?roadmapId=${w.roadmap.id}&disputed=true`, cookie.ruCoord);
    expect(flagged.json().data.map((m: { id: string }) => m.id)).toEqual([leaf.id]);
    const detail = (await call('GET', `/joint-statuses/${disputed.id}`, cookie.ruCoord)).json();
    expect(detail.claims.map((c: { progress: number }) => c.progress).sort()).toEqual([55, 80]);
    expect((await call('GET', `/roadmaps/${w.roadmap.id}/summary`, cookie.admin)).json().disputed).toBe(1);

    // both coordinators confirm 70 %, Russia with a dissent
    const url = `/joint-statuses/${disputed.id}/confirm`;
    const first = await call('POST', url, cookie.kzCoord, {
      version: disputed.version,
      status: 'in_progress',
      progress: 70,
    });
    expect(first.json().state).toBe('disputed');
    const second = await call('POST', url, cookie.ruCoord, {
      version: first.json().version,
      status: 'in_progress',
      progress: 70,
      dissent: 'Российская сторона оценивает выполнение в 55 %',
    });
    expect(second.json()).toMatchObject({ state: 'confirmed', status: 'in_progress', progress: 70 });
    expect(second.json().dissents).toEqual([
      expect.objectContaining({
        partyId: w.ru.party.id,
        text: 'Российская сторона оценивает выполнение в 55 %',
      }),
    ]);

    // the measure follows its reconciliation, and its parent rolls up (70 and 0 → 35)
    expect(await measure(leaf.id)).toMatchObject({ status: 'in_progress', progress: 70, disputed: false });
    expect(await measure(sibling.id)).toMatchObject({ status: 'not_started', progress: 0 });
    expect(await measure(parent.id)).toMatchObject({ status: 'in_progress', progress: 35 });
    const summary = (await call('GET', `/roadmaps/${w.roadmap.id}/summary`, cookie.admin)).json();
    expect(summary).toMatchObject({ disputed: 0 });
    expect(summary.leaves.byStatus).toMatchObject({ in_progress: 1, not_started: 1 });
    expect(summary.leaves.progress).toBe(35);

    // who was told: each coordinator of its own party's submissions; Kazakhstan's of the
    // dispute (Russia's coordinator caused it by approving) and of the confirmation Russia
    // completed; Russia's reporter of the return; never the other party about a report it
    // cannot read, nor anyone about what they did themselves
    const kinds = async (who: string) =>
      ((await call('GET', '/notifications', who)).json().data as { kind: string }[])
        .map((n) => n.kind)
        .sort();
    expect(await kinds(cookie.kzCoord)).toEqual(['joint_confirmed', 'joint_disputed', 'report_submitted']);
    expect(await kinds(cookie.ruRep)).toContain('report_returned');
    const ruCoordKinds = await kinds(cookie.ruCoord);
    expect(ruCoordKinds.filter((k) => k === 'report_submitted')).toHaveLength(2);
    expect(ruCoordKinds).not.toContain('joint_disputed');
    expect(await kinds(cookie.kzRep)).not.toContain('report_returned');
  });
});
