/**
 * The reporting counts (kept by triggers, migration 0018) equal the from-scratch completeness
 * query, for every visibility scope and on days before and after each due date, after every
 * step of a random sequence of writes through the real services: reports created, edited,
 * submitted, approved, returned and reopened by both parties; measures edited (dates, status,
 * tier, responsible bodies), given children, deleted; periods added and their dates moved.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periods } from '../../db/schema';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/policies';
import { createTestApi, type TestApi } from '../../test/api';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { buildPeriod } from '../../test/reports';
import { deleteMeasure, getMeasure, updateMeasure } from '../measures';
import { countedCompleteness, referenceCompleteness } from './completeness';
import {
  approveReport,
  createReport,
  reopenReport,
  returnReport,
  reportingCompleteness,
  submitReport,
  updateReport,
} from '.';

let api: TestApi;
let w: World;

function rng(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] };
}

beforeAll(async () => {
  api = await createTestApi({ now: new Date('2026-06-15T09:00:00Z') });
  w = await buildWorld(api.t.ctx);
});
afterAll(() => api.close());

/** Fails with the step's name when the counts differ from the reference for any scope or day. */
async function expectEqual(
  step: string,
  scopes: Actor[],
  ps: { id: string; reportDueDate: string }[],
  // on the tests' day Q1's due date has passed and Q2's has not; the others are checked at the end
  days = ['2026-06-15'],
) {
  for (const p of ps)
    for (const day of days)
      for (const a of scopes) {
        const counted = await countedCompleteness(api.t.ctx, a, p, day);
        const reference = await referenceCompleteness(api.t.ctx, a, p, day);
        expect(counted, `${step}: period ${p.id}, ${a.role} ${a.partyId}, ${day}`).toEqual(reference);
      }
}

describe('reporting counts = from-scratch completeness', () => {
  it('after every step of random writes, for every scope and day', async () => {
    const rm = w.roadmap.id;
    const q1 = await buildPeriod(api.t.db, {
      roadmapId: rm,
      code: '2026-Q1',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      reportDueDate: '2026-04-10',
    });
    const q2 = await buildPeriod(api.t.db, {
      roadmapId: rm,
      code: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-07-10',
    });
    const ps = [q1, q2];
    const admin = w.admin.actor;
    const scopes: Actor[] = [admin, w.kz.coordinator.actor, w.ru.reporter.actor, w.viewer.actor];
    const both = [
      { organisationId: w.kz.agency.id, role: 'lead' as const },
      { organisationId: w.kz.ministry.id, role: 'co_executor' as const },
      { organisationId: w.ru.agency.id, role: 'co_executor' as const },
    ];
    const ms = [
      await buildMeasure(api.t.ctx, { roadmapId: rm, startDate: '2025-12-01', responsible: both }),
      await buildMeasure(api.t.ctx, { roadmapId: rm, responsible: [both[0]] }),
      await buildMeasure(api.t.ctx, { roadmapId: rm, responsible: [both[2]] }),
      await buildMeasure(api.t.ctx, {
        roadmapId: rm,
        tier: 'internal',
        ownerPartyId: w.kz.party.id,
        responsible: [both[0]],
      }),
      await buildMeasure(api.t.ctx, {
        roadmapId: rm,
        startDate: '2026-05-01',
        responsible: [both[1], both[2]],
      }),
    ];
    await expectEqual('measures', scopes, ps);

    const sides = [w.kz, w.ru];
    const r = rng(20261201);
    const reports: { id: string; party: (typeof sides)[number] }[] = [];
    const steps: [string, () => Promise<unknown>][] = [
      [
        'create',
        async () => {
          const side = r.pick(sides);
          const rep = await createReport(api.t.ctx, side.coordinator.actor, {
            measureId: r.pick(ms).id,
            periodId: r.pick(ps).id,
          });
          reports.push({ id: rep.id, party: side });
        },
      ],
      ...(['submit', 'approve', 'return', 'reopen', 'edit'] as const).map(
        (verb) =>
          [
            verb,
            async () => {
              // a report in a state the verb takes (by its first letter), so the walk reaches every state
              const from = { submit: 'dr', edit: 'dr', approve: 's', return: 's', reopen: 'a' }[verb];
              const rows = await api.t.ctx.db.query.reports.findMany();
              const ok = rows.filter((x) => from.includes(x.state[0]));
              const cur = ok.length ? r.pick(ok) : null;
              const x = cur && reports.find((y) => y.id === cur.id);
              if (!cur || !x) return;
              const a = x.party.coordinator.actor;
              const v = { version: cur.version };
              if (verb === 'submit') await submitReport(api.t.ctx, a, x.id, v);
              if (verb === 'approve') await approveReport(api.t.ctx, a, x.id, v);
              if (verb === 'return') await returnReport(api.t.ctx, a, x.id, { ...v, reason: 'нет данных' });
              if (verb === 'reopen') await reopenReport(api.t.ctx, a, x.id, { ...v, reason: 'уточнить' });
              if (verb === 'edit')
                await updateReport(api.t.ctx, a, x.id, { ...v, status: 'in_progress', progress: 40 });
            },
          ] as [string, () => Promise<unknown>],
      ),
      [
        'measure dates and status',
        async () => {
          const m = await getMeasure(api.t.ctx, admin, r.pick(ms).id);
          if (!m) return;
          const closed = r.next() < 0.3;
          await updateMeasure(api.t.ctx, admin, m.id, {
            version: m.version,
            startDate: r.pick(['2025-11-01', '2026-02-01', '2026-05-15']),
            dueDate: r.pick(['2026-03-15', '2026-06-01', '2026-12-31']),
            ...(closed && m.childCount === 0
              ? { status: 'completed' as const, progress: 100 }
              : { status: 'in_progress' as const }),
            reason: 'уточнение плана',
          });
        },
      ],
      [
        'responsible bodies',
        async () => {
          const m = await getMeasure(api.t.ctx, admin, r.pick(ms).id);
          if (!m || m.tier === 'internal') return;
          const pick = both.filter(() => r.next() < 0.6);
          await updateMeasure(api.t.ctx, admin, m.id, {
            version: m.version,
            responsible: pick.length ? pick : [both[2]],
            reason: 'смена исполнителя',
          });
        },
      ],
      [
        'a child (the parent stops being a leaf)',
        async () => {
          const parent = r.pick(ms);
          const child = await buildMeasure(api.t.ctx, {
            roadmapId: rm,
            parentId: parent.id,
            responsible: [both[0]],
          });
          ms.push(child);
        },
      ],
      [
        'delete',
        async () => {
          const m = await getMeasure(api.t.ctx, admin, r.pick(ms).id);
          if (!m || m.childCount > 0) return;
          await deleteMeasure(api.t.ctx, admin, m.id, m.version, 'исключено');
          ms.splice(
            ms.findIndex((x) => x.id === m.id),
            1,
          );
        },
      ],
      [
        'period dates moved',
        async () => {
          const p = r.pick(ps);
          const end = r.pick(['2026-03-31', '2026-04-30', '2026-02-28']);
          if (p === q2) return;
          await api.t.db.update(periods).set({ endDate: end }).where(eq(periods.id, p.id));
        },
      ],
    ];
    let applied = 0;
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const [name, step] = i < 10 ? steps[0] : r.pick(steps);
      try {
        await step();
        applied++;
      } catch (e) {
        // a refusal (wrong state, a rule) is part of random writing; anything else is a bug
        if (!(e instanceof AppError)) throw e;
        if (process.env.DEBUG_WALK) console.log(name, e.message);
      }
      await expectEqual(`step ${i} (${name})`, scopes, ps);
      for (const x of await api.t.ctx.db.query.reports.findMany()) seen.add(x.state);
    }
    expect(applied).toBeGreaterThan(30);
    expect(reports.length).toBeGreaterThan(5);
    expect([...seen].sort(), 'the walk reached every report state').toEqual([
      'approved',
      'draft',
      'returned',
      'submitted',
    ]);
    await expectEqual('at the end, on other days', scopes, ps, ['2026-01-05', '2026-12-31']);

    // a period added later is counted from what is there
    const q3 = await buildPeriod(api.t.db, {
      roadmapId: rm,
      code: '2026-Q3',
      startDate: '2026-07-01',
      endDate: '2026-09-30',
      reportDueDate: '2026-10-10',
    });
    await expectEqual('a new period', scopes, [...ps, q3]);

    // the route answers from the counts: the KZ coordinator sees RU's figures only due and approved
    const view = await reportingCompleteness(api.t.ctx, w.kz.coordinator.actor, rm, q2.id);
    const ru = view.byParty.find((x) => x.partyId === w.ru.party.id);
    if (ru) expect(ru).toMatchObject({ submitted: null, returned: null, late: null });
    expect(view.byParty.length).toBeGreaterThan(0);
  }, 120_000);
});
