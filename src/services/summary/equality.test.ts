/**
 * The fast summary (incremental sums kept by triggers) equals the from-scratch one, for
 * every visibility scope, after every step of a random sequence of writes through the real
 * measure services: creates, updates (progress, status, dates, weight, tier, spheres,
 * responsible organisations), moves, deletes and bulk updates, with internal measures of
 * both parties; and on another day, which moves the flag day and back. Then, on the data
 * those writes left, each group's leaf figures against what GET /measures?leaf=true counts,
 * for the users of each party.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MeasureBulkUpdate,
  MeasureCreate,
  MeasureMove,
  MeasureUpdate,
  type RoadmapSummary,
} from '../../contracts/roadmaps';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { createTestApi, type TestApi } from '../../test/api';
import { reports } from '../../db/schema';
import { buildMeasure, buildRoadmap, buildSphere, buildWorld, type World } from '../../test/factories';
import { buildPeriod } from '../../test/joint';
import type { Ctx } from '../context';
import {
  bulkUpdateMeasures,
  createMeasure,
  deleteMeasure,
  findMeasures,
  getMeasure,
  moveMeasure,
  updateMeasure,
} from '../measures';
import { fastSummary, referenceSummary, roadmapSummary } from '.';

let api: TestApi;
let t: TestApi['t'];
let w: World;
let spheres: string[];

/** A small seeded generator, so that a failure replays the same sequence. */
function rng(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    some: <T>(xs: readonly T[], min: number): T[] => {
      const out = xs.filter(() => next() < 0.5);
      return out.length >= min ? out : xs.slice(0, min);
    },
  };
}

beforeAll(async () => {
  api = await createTestApi();
  t = api.t;
  w = await buildWorld(t.ctx);
  spheres = [w.sphere.id, (await buildSphere(t.db)).id, (await buildSphere(t.db)).id];
});
afterAll(() => api.close());

describe('fast summary = from-scratch summary', () => {
  it('after every step of random writes, for every scope, today and on other days', async () => {
    const r = rng(20261201);
    const admin = w.admin.actor;
    const scopes: Actor[] = [admin, w.kz.coordinator.actor, w.ru.reporter.actor, w.viewer.actor];
    const orgs = {
      kz: [w.kz.ministry.id, w.kz.agency.id],
      ru: [w.ru.ministry.id, w.ru.agency.id],
    };
    const ids: string[] = [];
    const done: Record<string, number> = {};
    const day = (offset: number) => {
      const d = new Date(Date.UTC(2026, 5, 15 + offset));
      return d.toISOString().slice(0, 10);
    };
    const dates = () => {
      const start = r.int(-200, 60);
      return { startDate: day(start), dueDate: day(start + r.int(0, 300)) };
    };
    const state = () => {
      const status = r.pick(['not_started', 'in_progress', 'completed', 'cancelled'] as const);
      const progress = status === 'completed' ? 100 : status === 'not_started' ? 0 : r.int(1, 99);
      // a direct status change is an admin's correction and says why
      return { status, progress, reason: 'Проверка сумм' };
    };
    const owner = () => {
      const tier = r.pick(['shared', 'shared', 'internal'] as const);
      const side = r.pick(['kz', 'ru'] as const);
      const party = side === 'kz' ? w.kz.party.id : w.ru.party.id;
      return {
        tier,
        ownerPartyId: tier === 'internal' ? party : null,
        responsible: (tier === 'internal' ? r.some(orgs[side], 1) : r.some([...orgs.kz, ...orgs.ru], 1)).map(
          (organisationId, i) => ({
            organisationId,
            role: i === 0 ? ('lead' as const) : ('co_executor' as const),
          }),
        ),
      };
    };
    const version = async (id: string) => (await getMeasure(t.ctx, admin, id)).version;

    const steps: Record<string, () => Promise<unknown>> = {
      create: async () => {
        const m = await createMeasure(
          t.ctx,
          admin,
          MeasureCreate.parse({
            roadmapId: w.roadmap.id,
            parentId: ids.length && r.next() < 0.7 ? r.pick(ids) : null,
            title: { ru: `Мера ${ids.length}` },
            completionForm: 'event_held',
            weight: r.pick([0.5, 1, 2, 3]),
            sphereIds: r.some(spheres, 0),
            ...dates(),
            ...state(),
            ...owner(),
            reason: 'Проверка сумм',
          }),
        );
        ids.push(m.id);
      },
      update: async () => {
        const id = r.pick(ids);
        const change = r.pick(['progress', 'dates', 'weight', 'spheres', 'owner'] as const);
        const set =
          change === 'progress'
            ? state()
            : change === 'dates'
              ? dates()
              : change === 'weight'
                ? { weight: r.pick([0.5, 1, 2, 3]) }
                : change === 'spheres'
                  ? { sphereIds: r.some(spheres, 0) }
                  : owner();
        await updateMeasure(
          t.ctx,
          admin,
          id,
          MeasureUpdate.parse({ version: await version(id), ...set, reason: 'Проверка сумм' }),
        );
      },
      move: async () => {
        const id = r.pick(ids);
        const parentId = r.next() < 0.3 ? null : r.pick(ids);
        await moveMeasure(t.ctx, admin, id, MeasureMove.parse({ version: await version(id), parentId }));
      },
      delete: async () => {
        const id = r.pick(ids);
        await deleteMeasure(t.ctx, admin, id, await version(id), 'Проверка сумм');
        ids.splice(ids.indexOf(id), 1);
      },
      bulk: async () => {
        const chosen = [...new Set([r.pick(ids), r.pick(ids), r.pick(ids)])];
        const items = await Promise.all(chosen.map(async (id) => ({ id, version: await version(id) })));
        const set =
          r.next() < 0.5
            ? { progress: r.int(1, 99), status: 'in_progress' }
            : { dueDate: day(r.int(-30, 90)) };
        await bulkUpdateMeasures(
          t.ctx,
          admin,
          MeasureBulkUpdate.parse({ items, set, reason: 'Проверка сумм' }),
        );
      },
    };
    // Q1 is past due on the test day, Q2 falls due between the test day and day +40
    const q1 = (await buildPeriod(t.ctx, w.roadmap.id)).id;
    let q2: string | null = null;
    const parties = [w.kz.party.id, w.ru.party.id];
    steps.period = async () => {
      if (q2) return;
      q2 = (
        await buildPeriod(t.ctx, w.roadmap.id, {
          code: '2026-Q2',
          startDate: '2026-04-01',
          endDate: '2026-06-30',
          reportDueDate: '2026-07-10',
        })
      ).id;
    };
    // a report of some party in some state, written straight to its table: the reports workflow
    // has its own tests, and the summary must follow any write the table takes
    steps.report = async () => {
      const periodId = q2 && r.next() < 0.4 ? q2 : q1;
      const state = r.pick(['draft', 'submitted', 'approved', 'returned', 'approved'] as const);
      await t.db
        .insert(reports)
        .values({ measureId: r.pick(ids), periodId, partyId: r.pick(parties), state, late: r.next() < 0.3 })
        .onConflictDoUpdate({
          target: [reports.measureId, reports.periodId, reports.partyId],
          set: { state, late: r.next() < 0.3 },
        });
    };
    const kinds = [
      'create',
      'create',
      'create',
      'update',
      'update',
      'move',
      'delete',
      'bulk',
      'bulk',
      'report',
      'report',
      'report',
      'period',
    ];

    const expectEqual = async (ctx: Ctx, step: string) => {
      for (const a of scopes)
        expect(await fastSummary(ctx, a, w.roadmap.id), `${step} as ${a.role}`).toEqual(
          await referenceSummary(ctx, a, w.roadmap.id),
        );
    };
    for (let i = 0; i < 90; i++) {
      const kind = ids.length < 4 ? 'create' : r.pick(kinds);
      try {
        await steps[kind]();
        done[kind] = (done[kind] ?? 0) + 1;
      } catch (e) {
        // a write the rules refuse (a cycle, a parent's own status) changes nothing: still compared
        if (!(e instanceof AppError)) throw e;
      }
      await expectEqual(t.ctx, `step ${i} (${kind})`);
    }
    // Every kind of write really ran, and the dataset has internal measures of both parties.
    for (const k of Object.keys(steps)) expect(done[k], k).toBeGreaterThan(0);
    const all = await referenceSummary(t.ctx, admin, w.roadmap.id);
    const viewer = await referenceSummary(t.ctx, w.viewer.actor, w.roadmap.id);
    const kz = await referenceSummary(t.ctx, w.kz.coordinator.actor, w.roadmap.id);
    expect(viewer.measureCount).toBeLessThan(kz.measureCount);
    expect(kz.measureCount).toBeLessThan(all.measureCount);
    expect(all.leaves.overdue + all.leaves.atRisk).toBeGreaterThan(0);
    expect(done.report).toBeGreaterThan(5);

    // Other days move the flag day (overdue and at-risk counted afresh), then back.
    for (const offset of [40, -20, 0]) {
      const other: Ctx = { db: t.db, now: () => new Date(`${day(offset)}T09:00:00Z`) };
      await expectEqual(other, `day ${day(offset)}`);
    }
  }, 120_000);

  it('gives each group the leaf figures GET /measures?leaf=true counts, as each party sees them', async () => {
    const users = [w.admin, w.kz.coordinator, w.kz.reporter, w.ru.coordinator, w.ru.reporter, w.viewer];
    const total = async (cookie: string, q: string) => {
      const res = await api.call('GET', `/api/v1/measures?roadmapId=${w.roadmap.id}&limit=1&leaf=true&${q}`, {
        cookie,
      });
      expect(res.statusCode).toBe(200);
      return res.json().total as number;
    };
    const counts = new Set<number>();
    for (const u of users) {
      const cookie = await api.signIn(u.email);
      const res = await api.call('GET', `/api/v1/roadmaps/${w.roadmap.id}/summary`, { cookie });
      expect(res.statusCode).toBe(200);
      const s: RoadmapSummary = res.json();
      counts.add(s.measureCount);
      const groups = [
        ...s.bySphere.map((g) => [`sphereId=${g.sphereId}`, g.leaves] as const),
        ...s.byParty.map((g) => [`partyId=${g.partyId}`, g.leaves] as const),
        ...s.byOrganisation.map((g) => [`organisationId=${g.organisationId}`, g.leaves] as const),
      ];
      expect(groups.length).toBeGreaterThan(4);
      await Promise.all(
        groups.map(async ([q, leaves]) => {
          const [n, overdue, atRisk, ...byStatus] = await Promise.all([
            total(cookie, q),
            total(cookie, `${q}&overdue=true`),
            total(cookie, `${q}&atRisk=true`),
            ...Object.keys(leaves.byStatus).map((st) => total(cookie, `${q}&status=${st}`)),
          ]);
          expect({ n, overdue, atRisk, byStatus }, `${u.role} ${q}`).toEqual({
            n: leaves.total,
            overdue: leaves.overdue,
            atRisk: leaves.atRisk,
            byStatus: Object.values(leaves.byStatus),
          });
        }),
      );
    }
    // admin, each party (its own internal measures) and the viewer see four different counts
    expect(counts.size).toBe(4);
  });

  it('stays equal when writes and reads of two days run at once', async () => {
    const admin = w.admin.actor;
    const dayCtx = (iso: string): Ctx => ({ db: t.db, now: () => new Date(`${iso}T09:00:00Z`) });
    const found = await findMeasures(t.ctx, admin, {
      roadmapId: w.roadmap.id,
      leaf: true,
      page: 1,
      limit: 12,
      sort: 'code',
    });
    expect(found.data.length).toBeGreaterThan(5);
    let written = 0;
    await Promise.all([
      ...found.data.map(async (m, i) => {
        try {
          await updateMeasure(t.ctx, admin, m.id, {
            version: m.version,
            ...(i % 2
              ? { dueDate: '2026-06-01', startDate: '2026-01-01' }
              : { status: 'in_progress', progress: 5, reason: 'Проверка сумм' }),
          });
          written++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
        }
      }),
      ...[0, 1, 2, 3, 4, 5].map((i) =>
        fastSummary(dayCtx(i % 2 ? '2026-07-20' : '2026-06-15'), admin, w.roadmap.id),
      ),
    ]);
    expect(written).toBeGreaterThan(3);
    for (const iso of ['2026-07-20', '2026-06-15'])
      expect(await fastSummary(dayCtx(iso), admin, w.roadmap.id), iso).toEqual(
        await referenceSummary(dayCtx(iso), admin, w.roadmap.id),
      );
  });

  it('counts at risk through a missing report: a report handed in takes it out, a due date passing brings it in', async () => {
    const roadmap = await buildRoadmap(t.db, { status: 'draft' });
    // on schedule (45 % of the year gone on 15 June, 60 % done), KZ leads, RU co-executes
    const m = await buildMeasure(t.ctx, {
      roadmapId: roadmap.id,
      status: 'in_progress',
      progress: 60,
      reason: 'Проверка сумм',
      responsible: [
        { organisationId: w.kz.agency.id, role: 'lead' },
        { organisationId: w.ru.agency.id, role: 'co_executor' },
      ],
    });
    const who = [w.admin.actor, w.kz.coordinator.actor, w.ru.coordinator.actor, w.viewer.actor];
    /** Leaves at risk and late-report counts as [admin, KZ, RU, viewer] see them (the cached path), each equal to the reference. */
    const seen = async (ctx: Ctx = t.ctx) => {
      const out: [number, number][] = [];
      for (const a of who) {
        const s = await roadmapSummary(ctx, a, roadmap.id);
        expect(s.leaves, a.role).toEqual((await referenceSummary(ctx, a, roadmap.id)).leaves);
        expect(await fastSummary(ctx, a, roadmap.id), a.role).toEqual(
          await referenceSummary(ctx, a, roadmap.id),
        );
        out.push([s.leaves.atRisk, s.lateReport]);
      }
      return out;
    };
    expect(await seen()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    // Q1 was due on 10 April: nobody has reported, so the measure is at risk and late for all
    const q1 = await buildPeriod(t.ctx, roadmap.id);
    expect(await seen()).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    // KZ approved on time, RU submitted on time: RU and the secretariat know it; KZ and viewers
    // see only approved reports, so for them RU's report is still missing
    const put = (partyId: string, state: 'submitted' | 'approved', late = false) =>
      t.db
        .insert(reports)
        .values({ measureId: m.id, periodId: q1.id, partyId, state, late })
        .onConflictDoUpdate({
          target: [reports.measureId, reports.periodId, reports.partyId],
          set: { state, late },
        });
    await put(w.kz.party.id, 'approved');
    await put(w.ru.party.id, 'submitted');
    expect(await seen()).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
    // RU's report approved, but it was handed in late: no longer at risk, still a late report
    await put(w.ru.party.id, 'approved', true);
    expect(await seen()).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    // Q2 falls due on 10 July: from the day after, its missing reports bring the measure back
    await buildPeriod(t.ctx, roadmap.id, {
      code: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-07-10',
    });
    expect(await seen()).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    const later: Ctx = { db: t.db, now: () => new Date('2026-07-11T09:00:00Z') };
    expect(await seen(later)).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});
