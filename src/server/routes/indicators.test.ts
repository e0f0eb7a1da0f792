import { describe, expect, it } from 'vitest';
import { checkIndicatorValues } from '../../services/indicators';
import { type TestApi, setUpTestApi, type TestWorld } from '../../test/api';
import { buildRoadmap } from '../../test/factories';
import { buildMonitoredMeasures, buildPeriod, buildTwoQuarters, putReport } from '../../test/joint';

let s: TestWorld;
let api: TestApi;
const ids = { q1: '', q2: '', joint: '', kzOnly: '', internal: '', otherPeriod: '' };

s = setUpTestApi(async (t) => {
  ({ api } = t);
  const { w } = t;
  Object.assign(ids, await buildTwoQuarters(api.t.ctx, w.roadmap.id));
  const other = await buildRoadmap(api.t.db);
  ids.otherPeriod = (await buildPeriod(api.t.ctx, other.id)).id;
  Object.assign(ids, await buildMonitoredMeasures(api.t.ctx, w));
});

const url = (measureId: string) => `/api/v1/measures/${measureId}/indicators`;
const body = (o: Record<string, unknown> = {}) => ({
  name: { ru: 'Грузооборот', kk: 'Жүк айналымы', en: 'Freight turnover' },
  unit: 'tonnes',
  direction: 'up',
  baseline: { value: '1200,5', date: '2025-12-31' },
  targets: [
    { periodId: ids.q1, value: 1300 },
    { periodId: ids.q2, value: '1400,25' },
  ],
  ...o,
});

describe('indicators', () => {
  it('walks 401 → 400 → 403 → 201, reading a decimal comma', async () => {
    expect((await api.call('GET', url(ids.joint))).statusCode).toBe(401);
    expect((await api.call('POST', url(ids.joint), { body: body() })).statusCode).toBe(401);
    expect((await api.call('GET', `/api/v1/indicators/${ids.joint}/series`)).statusCode).toBe(401);

    const bad = await api.call('POST', url(ids.joint), {
      cookie: s.cookie.kzCoord,
      body: body({ unit: 'parsecs', baseline: { value: '12,5,1', date: '2025-02-30' }, colour: 'red' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['unit', 'baseline.value', 'baseline.date', 'colour']),
    );
    const twice = await api.call('POST', url(ids.joint), {
      cookie: s.cookie.kzCoord,
      body: body({
        targets: [
          { periodId: ids.q1, value: 1 },
          { periodId: ids.q1, value: 2 },
        ],
      }),
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].path).toBe('targets');

    for (const [who, cookie, measure] of [
      ['reporter', s.cookie.kzRep, ids.joint],
      ['viewer', s.cookie.viewer, ids.joint],
      ['coordinator of a party not responsible', s.cookie.ruCoord, ids.kzOnly],
    ] as const) {
      const r = await api.call('POST', url(measure), { cookie, body: body() });
      expect(r.statusCode, who).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }

    const ok = await api.call('POST', url(ids.joint), { cookie: s.cookie.ruCoord, body: body() });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      unit: 'tonnes',
      baseline: { value: 1200.5, date: '2025-12-31' },
      targets: [
        { periodId: ids.q1, value: 1300 },
        { periodId: ids.q2, value: 1400.25 },
      ],
      version: 1,
    });
    const list = await api.call('GET', url(ids.joint), { cookie: s.cookie.viewer });
    expect(list.json().data.map((i: { id: string }) => i.id)).toEqual([ok.json().id]);
  });

  it('refuses numbers outside the unit range and periods of another roadmap, naming each field', async () => {
    const r = await api.call('POST', url(ids.joint), {
      cookie: s.cookie.admin,
      body: body({
        unit: 'percent',
        baseline: { value: 40, date: '2025-12-31' },
        targets: [
          { periodId: ids.q1, value: '150' },
          { periodId: ids.otherPeriod, value: 50 },
        ],
      }),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual([
      expect.objectContaining({ path: 'targets.0.value', rule: 'indicator.range' }),
      expect.objectContaining({ path: 'targets.1.periodId', rule: 'indicator.periodOtherRoadmap' }),
    ]);
    expect(r.json().error.details[0].message).toContain('100');
  });

  it('changes with the version it was read at; a new unit is checked against the numbers there', async () => {
    const made = (
      await api.call('POST', url(ids.kzOnly), {
        cookie: s.cookie.kzCoord,
        body: body({ unit: 'count', baseline: { value: 250, date: '2025-12-31' }, targets: [] }),
      })
    ).json();
    const I = `/api/v1/indicators/${made.id}`;
    const stale = await api.call('PATCH', I, { cookie: s.cookie.kzCoord, body: { version: 9, unit: 'km' } });
    expect(stale.statusCode).toBe(409);
    const percent = await api.call('PATCH', I, {
      cookie: s.cookie.kzCoord,
      body: { version: 1, unit: 'percent' },
    });
    expect(percent.statusCode).toBe(422);
    expect(percent.json().error.details[0].path).toBe('baseline.value');
    const other = await api.call('PATCH', I, {
      cookie: s.cookie.ruCoord,
      body: { version: 1, direction: 'down' },
    });
    expect(other.statusCode).toBe(403);
    const ok = await api.call('PATCH', I, {
      cookie: s.cookie.kzCoord,
      body: { version: 1, direction: 'down', targets: [{ periodId: ids.q2, value: '12,5' }] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      direction: 'down',
      version: 2,
      targets: [{ periodId: ids.q2, value: 12.5 }],
    });
    expect((await api.call('DELETE', `${I}?version=1`, { cookie: s.cookie.kzCoord })).statusCode).toBe(409);
    expect((await api.call('DELETE', `${I}?version=2`, { cookie: s.cookie.kzRep })).statusCode).toBe(403);
    expect((await api.call('DELETE', `${I}?version=2`, { cookie: s.cookie.kzCoord })).statusCode).toBe(204);
    expect((await api.call('GET', `${I}/series`, { cookie: s.cookie.kzCoord })).statusCode).toBe(404);
  });

  it('series: targets and each party’s actual from approved reports only', async () => {
    const made = (await api.call('POST', url(ids.joint), { cookie: s.cookie.kzCoord, body: body() })).json();
    const value = (v: number, source: string) => [{ indicatorId: made.id, value: v, source }];
    const base = { measureId: ids.joint, periodId: ids.q1, status: 'in_progress' as const, progress: 50 };
    await putReport(api.t.ctx, {
      ...base,
      partyId: s.w.kz.party.id,
      state: 'approved',
      indicatorValues: value(1310, 'Комитет по статистике'),
    });
    await putReport(api.t.ctx, {
      ...base,
      partyId: s.w.ru.party.id,
      state: 'submitted',
      indicatorValues: value(1999, 'черновая оценка РФ'),
    });
    const series = async (cookie: string) =>
      (await api.call('GET', `/api/v1/indicators/${made.id}/series`, { cookie })).json();
    const kz = await series(s.cookie.kzCoord);
    expect(kz.points.map((p: { code: string }) => p.code)).toEqual(['2026-Q1', '2026-Q2']);
    expect(kz.points[0]).toMatchObject({
      target: 1300,
      actuals: [{ partyId: s.w.kz.party.id, value: 1310, source: 'Комитет по статистике' }],
    });
    expect(kz.points[1]).toMatchObject({ target: 1400.25, actuals: [] });
    // RU's own submitted report is not an actual yet, for anyone
    expect(JSON.stringify(await series(s.cookie.ruCoord))).not.toContain('1999');
    expect(JSON.stringify(kz)).not.toContain('черновая');
  });

  it('an internal measure’s indicators are absent for the other party and viewers', async () => {
    const made = await api.call('POST', url(ids.internal), { cookie: s.cookie.kzCoord, body: body() });
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    for (const cookie of [s.cookie.ruCoord, s.cookie.viewer]) {
      expect((await api.call('GET', url(ids.internal), { cookie })).statusCode).toBe(404);
      expect((await api.call('POST', url(ids.internal), { cookie, body: body() })).statusCode).toBe(404);
      const series = await api.call('GET', `/api/v1/indicators/${id}/series`, { cookie });
      const none = await api.call('GET', `/api/v1/indicators/${ids.q1}/series`, { cookie });
      expect([series.statusCode, series.json().error.message]).toEqual([404, none.json().error.message]);
      const patch = await api.call('PATCH', `/api/v1/indicators/${id}`, { cookie, body: { version: 1 } });
      expect(patch.statusCode).toBe(404);
    }
  });

  it('checkIndicatorValues: the reports check names each field', async () => {
    const made = (
      await api.call('POST', url(ids.kzOnly), {
        cookie: s.cookie.admin,
        body: body({ unit: 'percent', baseline: null, targets: [] }),
      })
    ).json();
    await expect(
      checkIndicatorValues(api.t.db, ids.kzOnly, [{ indicatorId: made.id, value: 55.5 }]),
    ).resolves.toBe(undefined);
    const refused = await checkIndicatorValues(api.t.db, ids.kzOnly, [
      { indicatorId: made.id, value: 101 },
      { indicatorId: ids.joint, value: 1 },
      { indicatorId: made.id, value: 5 },
    ]).catch((e) => e);
    expect(refused.details.map((d: { path: string; rule: string }) => `${d.path} ${d.rule}`)).toEqual([
      'indicatorValues.0.value indicator.range',
      'indicatorValues.1.indicatorId indicator.notOfMeasure',
      'indicatorValues.2.indicatorId indicator.twice',
    ]);
  });
});
