/**
 * The roadmap summary on a small hand-built tree (TEST_NOW = 2026-06-15):
 *
 *   1   shared, weight 1, rolls up to 50      KZ ministry + RU ministry   spheres S
 *   1.1 w2, in progress 50                    KZ agency, KZ ministry, RU agency   S
 *   1.2 w1, completed 100                     RU ministry                S, T
 *   1.3 w1, not started 0, due 2026-03-31 → overdue          KZ ministry  T
 *   2   shared, weight 3, rolls up to 10 → at risk (45% elapsed) KZ + RU ministries   T
 *   2.1 w3, in progress 10, due 2026-08-31 → at risk         RU agency
 *   2.2 w1, cancelled                         KZ agency
 *   2.3 INTERNAL to KZ, w5, in progress 20, due 2026-07-31 → at risk   KZ agency   S
 *
 * Roadmap roll-up: (1×50 + 3×10) / 4 = 20.0 for everyone (a shared parent never counts its
 * internal children). The KZ internal measure counts for admins and KZ users only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoadmapSummary } from '../contracts/roadmaps';
import { createTestApi, type TestApi } from '../test/api';
import { buildMeasure, buildSphere, buildWorld, type World } from '../test/factories';
import { foldGroup } from './summary';

let api: TestApi;
let w: World;
let sphereT: string;
const cookies: Record<'admin' | 'kz' | 'kzReporter' | 'ru' | 'ruReporter' | 'viewer', string> = {} as never;

beforeAll(async () => {
  api = await createTestApi();
  w = await buildWorld(api.t.ctx);
  sphereT = (await buildSphere(api.t.db, { name: { ru: 'Транспорт', kk: 'Көлік' } })).id;
  const S = w.sphere.id;
  const org = { kzM: w.kz.ministry.id, kzA: w.kz.agency.id, ruM: w.ru.ministry.id, ruA: w.ru.agency.id };
  const lead = (organisationId: string) => ({ organisationId, role: 'lead' as const });
  const co = (organisationId: string) => ({ organisationId, role: 'co_executor' as const });
  const roadmapId = w.roadmap.id;

  const p1 = await buildMeasure(api.t.ctx, {
    roadmapId,
    title: { ru: 'Торговля', kk: 'Сауда' },
    sphereIds: [S],
    responsible: [lead(org.kzM), co(org.ruM)],
  });
  await buildMeasure(api.t.ctx, {
    roadmapId,
    parentId: p1.id,
    weight: 2,
    status: 'in_progress',
    progress: 50,
    sphereIds: [S],
    responsible: [lead(org.kzA), co(org.kzM), co(org.ruA)],
  });
  await buildMeasure(api.t.ctx, {
    roadmapId,
    parentId: p1.id,
    status: 'completed',
    progress: 100,
    sphereIds: [S, sphereT],
    responsible: [lead(org.ruM)],
  });
  await buildMeasure(api.t.ctx, {
    roadmapId,
    parentId: p1.id,
    dueDate: '2026-03-31',
    sphereIds: [sphereT],
    responsible: [lead(org.kzM)],
  });
  const p2 = await buildMeasure(api.t.ctx, {
    roadmapId,
    weight: 3,
    sphereIds: [sphereT],
    responsible: [lead(org.kzM), co(org.ruM)],
  });
  await buildMeasure(api.t.ctx, {
    roadmapId,
    parentId: p2.id,
    weight: 3,
    status: 'in_progress',
    progress: 10,
    dueDate: '2026-08-31',
    responsible: [lead(org.ruA)],
  });
  await buildMeasure(api.t.ctx, {
    roadmapId,
    parentId: p2.id,
    status: 'cancelled',
    responsible: [lead(org.kzA)],
  });
  await buildMeasure(api.t.ctx, {
    roadmapId,
    parentId: p2.id,
    weight: 5,
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    status: 'in_progress',
    progress: 20,
    dueDate: '2026-07-31',
    sphereIds: [S],
    responsible: [lead(org.kzA)],
  });

  cookies.admin = await api.signIn(w.admin.email);
  cookies.kz = await api.signIn(w.kz.coordinator.email);
  cookies.kzReporter = await api.signIn(w.kz.reporter.email);
  cookies.ru = await api.signIn(w.ru.coordinator.email);
  cookies.ruReporter = await api.signIn(w.ru.reporter.email);
  cookies.viewer = await api.signIn(w.viewer.email);
});
afterAll(() => api.close());

const summaryOf = async (cookie: string): Promise<RoadmapSummary> => {
  const r = await api.call('GET', `/api/v1/roadmaps/${w.roadmap.id}/summary`, { cookie });
  expect(r.statusCode).toBe(200);
  return r.json();
};
const statuses = (not_started: number, in_progress: number, completed: number, cancelled: number) => ({
  not_started,
  in_progress,
  completed,
  cancelled,
});
const find = <T extends Record<string, unknown>>(list: T[], key: keyof T, id: string) =>
  list.find((g) => g[key] === id);

describe('GET /roadmaps/:id/summary', () => {
  it('answers 401 without a session and 404 for an absent roadmap', async () => {
    expect((await api.call('GET', `/api/v1/roadmaps/${w.roadmap.id}/summary`)).statusCode).toBe(401);
    const r = await api.call('GET', '/api/v1/roadmaps/00000000-0000-4000-8000-00000000000a/summary', {
      cookie: cookies.viewer,
    });
    expect(r.statusCode).toBe(404);
    const bad = await api.call('GET', '/api/v1/roadmaps/not-a-uuid/summary', { cookie: cookies.viewer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('id');
  });

  it('counts the KZ internal measure for the admin and KZ users (hand-computed figures)', async () => {
    for (const who of ['admin', 'kz', 'kzReporter'] as const) {
      const s = await summaryOf(cookies[who]);
      expect(s).toMatchObject({
        roadmapId: w.roadmap.id,
        asOf: '2026-06-15',
        measureCount: 8,
        rollUp: 20,
        completionLevel: 'limited',
        leaves: { total: 6, byStatus: statuses(1, 3, 1, 1), overdue: 1, atRisk: 2, progress: 27.5 },
      });
      expect(find(s.bySphere, 'sphereId', w.sphere.id)).toEqual({
        sphereId: w.sphere.id,
        total: 4,
        byStatus: statuses(0, 3, 1, 0),
        overdue: 0,
        atRisk: 1,
        progress: 37.5, // (2×50 + 1×100 + 5×20) / 8
        leaves: { total: 3, byStatus: statuses(0, 2, 1, 0), overdue: 0, atRisk: 1 }, // 1.1, 1.2, 2.3
      });
      expect(find(s.bySphere, 'sphereId', sphereT)).toEqual({
        sphereId: sphereT,
        total: 3,
        byStatus: statuses(1, 1, 1, 0),
        overdue: 1,
        atRisk: 1,
        progress: 50, // leaves 1.2 and 1.3
        leaves: { total: 2, byStatus: statuses(1, 0, 1, 0), overdue: 1, atRisk: 0 }, // parent 2 is the one at risk
      });
      expect(find(s.byParty, 'partyId', w.kz.party.id)).toMatchObject({ total: 6, atRisk: 2, overdue: 1 });
      expect(find(s.byParty, 'partyId', w.ru.party.id)).toMatchObject({ total: 5, atRisk: 2, overdue: 0 });
      expect(find(s.byOrganisation, 'organisationId', w.kz.agency.id)).toMatchObject({
        partyId: w.kz.party.id,
        total: 3,
        byStatus: statuses(0, 2, 0, 1),
        progress: 28.6, // (2×50 + 5×20) / 7, cancelled 2.2 left out
      });
      expect(s.bySphereStatus).toEqual(
        expect.arrayContaining([
          { sphereId: w.sphere.id, status: 'in_progress', count: 3 },
          { sphereId: w.sphere.id, status: 'completed', count: 1 },
        ]),
      );
    }
  });

  it('never counts the KZ internal measure for RU users or a viewer', async () => {
    for (const who of ['ru', 'ruReporter', 'viewer'] as const) {
      const s = await summaryOf(cookies[who]);
      expect(s).toMatchObject({
        measureCount: 7,
        rollUp: 20,
        completionLevel: 'limited',
        leaves: { total: 5, byStatus: statuses(1, 2, 1, 1), overdue: 1, atRisk: 1, progress: 32.9 }, // 230 / 7
      });
      expect(find(s.bySphere, 'sphereId', w.sphere.id)).toEqual({
        sphereId: w.sphere.id,
        total: 3,
        byStatus: statuses(0, 2, 1, 0),
        overdue: 0,
        atRisk: 0,
        progress: 66.7, // (2×50 + 1×100) / 3
        leaves: { total: 2, byStatus: statuses(0, 1, 1, 0), overdue: 0, atRisk: 0 }, // 1.1, 1.2
      });
      expect(find(s.byParty, 'partyId', w.kz.party.id)).toMatchObject({ total: 5, atRisk: 1 });
      expect(find(s.byOrganisation, 'organisationId', w.kz.agency.id)).toMatchObject({
        total: 2,
        byStatus: statuses(0, 1, 0, 1),
        progress: 50,
      });
      expect(s.bySphereStatus).toContainEqual({ sphereId: w.sphere.id, status: 'in_progress', count: 2 });
    }
  });

  it('equals, for every role, what the caller counts through GET /measures', async () => {
    const total = async (cookie: string, query: string) => {
      const r = await api.call('GET', `/api/v1/measures?roadmapId=${w.roadmap.id}&limit=1&${query}`, {
        cookie,
      });
      expect(r.statusCode).toBe(200);
      return r.json().total as number;
    };
    for (const cookie of [cookies.admin, cookies.kz, cookies.ru, cookies.viewer]) {
      const s = await summaryOf(cookie);
      expect(s.measureCount).toBe(await total(cookie, ''));
      const all = await api.call('GET', `/api/v1/measures?roadmapId=${w.roadmap.id}&limit=500`, { cookie });
      const leaves = (all.json().data as { childCount: number; status: string }[]).filter(
        (m) => m.childCount === 0,
      );
      expect(s.leaves.total).toBe(leaves.length);
      const groups: (readonly [string, RoadmapSummary['leaves']])[] = [
        ...s.bySphere.map((g) => [`sphereId=${g.sphereId}`, g] as const),
        ...s.byParty.map((g) => [`partyId=${g.partyId}`, g] as const),
        ...s.byOrganisation.map((g) => [`organisationId=${g.organisationId}`, g] as const),
      ];
      // What the list counts for a query, in the shape of a group's figures.
      const counted = async (q: string) => {
        const [n, overdue, atRisk, ...byStatus] = await Promise.all([
          total(cookie, q),
          total(cookie, `${q}&overdue=true`),
          total(cookie, `${q}&atRisk=true`),
          ...Object.keys(s.leaves.byStatus).map((status) => total(cookie, `${q}&status=${status}`)),
        ]);
        return { total: n, overdue, atRisk, byStatus };
      };
      const figures = (g: { total: number; overdue: number; atRisk: number; byStatus: object }) => ({
        total: g.total,
        overdue: g.overdue,
        atRisk: g.atRisk,
        byStatus: Object.values(g.byStatus),
      });
      const items = [...s.bySphere, ...s.byParty, ...s.byOrganisation];
      // Each group's figures against the list's totals, the groups checked in parallel: every
      // level, then the leaves alone (leaf=true), as the dashboard counts them.
      await Promise.all(
        groups.map(async ([q, g], i) => {
          expect(await counted(q), q).toEqual(figures(g));
          expect(await counted(`${q}&leaf=true`), `${q}&leaf=true`).toEqual(figures(items[i].leaves));
        }),
      );
      expect(new Set(s.bySphere.map((g) => g.sphereId))).toEqual(new Set([w.sphere.id, sphereT]));
      for (const row of s.bySphereStatus)
        expect(row.count).toBe(await total(cookie, `sphereId=${row.sphereId}&status=${row.status}`));
    }
  });

  it('is the empty summary for a roadmap without measures', async () => {
    const r = await api.call('POST', '/api/v1/roadmaps', {
      cookie: cookies.admin,
      body: { title: { ru: 'Пустая' } },
    });
    const s = await summaryOf(cookies.admin).then(() =>
      api
        .call('GET', `/api/v1/roadmaps/${r.json().id}/summary`, { cookie: cookies.viewer })
        .then((x) => x.json()),
    );
    expect(s).toMatchObject({
      measureCount: 0,
      rollUp: 0,
      completionLevel: 'not_started',
      leaves: { total: 0, byStatus: statuses(0, 0, 0, 0), overdue: 0, atRisk: 0, progress: 0 },
      bySphere: [],
      bySphereStatus: [],
      byParty: [],
      byOrganisation: [],
    });
  });
});

describe('foldGroup', () => {
  it('weighs leaves, leaves cancelled ones out, and falls back to its own measures when it has no leaves', () => {
    const part = (
      status: 'in_progress' | 'cancelled' | 'completed',
      leaf: boolean,
      n: number,
      w: number,
      wp: number,
    ) => ({
      status,
      leaf,
      n,
      overdue: 0,
      atRisk: 0,
      w,
      wp,
    });
    expect(foldGroup([part('in_progress', true, 2, 3, 90), part('cancelled', true, 1, 5, 0)]).progress).toBe(
      30,
    );
    expect(
      foldGroup([part('in_progress', false, 1, 1, 40), part('completed', false, 1, 1, 100)]).progress,
    ).toBe(70);
    expect(foldGroup([]).progress).toBe(0);
    expect(foldGroup([part('completed', true, 2, 2, 200)]).byStatus).toEqual(statuses(0, 0, 2, 0));
  });
});
