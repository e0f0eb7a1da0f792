/** The SQL monitoring flags agree with the domain rules on the same rows, for every kind of caller. */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JointState, ReportState } from '../../contracts/enums';
import { MeasureQuery } from '../../contracts/roadmaps';
import { jointStatuses, measureResponsibles, measures, periods, reports } from '../../db/schema';
import { isAtRisk } from '../../domain/measures';
import {
  isAtRiskAsKnown,
  isDisputed,
  isLateReport,
  isReportMissing,
  latestDuePeriod,
} from '../../domain/monitoring-flags';
import { type Actor, internalScope } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildRoadmap, buildWorld, type World } from '../../test/factories';
import { buildPeriod } from '../../test/joint';
import {
  disputedSql,
  lateReportSql,
  loadLatestDuePeriod,
  REPORT_MISSING,
  reportFlagFilterSql,
  reportFlagsSql,
  reportMissingSql,
  roadmapDisputedSql,
  roadmapReportFlagsSql,
} from './monitoring-flags';
import { atRiskFilterSql, atRiskSql, measureVisibility, scheduleAtRiskSql } from './queries';
import { countList, measureFilter } from './read';

let t: TestDatabase;
let w: World;
const ids: string[] = [];
/** A second roadmap's measures, whose latest past-due period is another (a half-year). */
const ids2: string[] = [];
let roadmap2 = '';
let q1 = '';
let q2 = '';
const DAY = '2026-08-01';
/** A day after Q2's due date too: Q2 is then the latest past-due period, and nobody reported on it. */
const LATER = '2026-08-15';
const STATES: (ReportState | null)[] = [null, 'draft', 'submitted', 'approved', 'returned'];
const JOINT: (JointState | null)[] = [null, 'awaiting_reports', 'disputed', 'confirmed'];

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t.ctx);
  q1 = (await buildPeriod(t.ctx, w.roadmap.id)).id;
  q2 = (
    await buildPeriod(t.ctx, w.roadmap.id, {
      code: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-08-10',
    })
  ).id;
  const both = [
    { organisationId: w.kz.agency.id, role: 'lead' as const },
    { organisationId: w.ru.agency.id, role: 'co_executor' as const },
  ];
  let n = 0;
  const children: string[] = [];
  // every combination of the two parties' report states in Q1, and of the two periods' joint states
  for (const kz of STATES)
    for (const ru of STATES) {
      // schedules: on track, behind (at risk by schedule), overdue, completed, cancelled
      const kind = n % 5;
      const m = await buildMeasure(t.ctx, {
        roadmapId: w.roadmap.id,
        responsible: n % 7 === 5 ? [both[0]] : both,
        startDate: n % 11 === 10 ? '2026-05-01' : '2026-01-01',
        dueDate: kind === 2 ? '2026-07-01' : kind === 1 ? '2026-08-20' : '2026-12-31',
        status: n % 12 === 8 ? 'cancelled' : kind === 3 ? 'completed' : 'in_progress',
        progress: kind === 3 ? 100 : kind === 1 ? 10 : 60,
        reason: 'Проверка флагов',
      });
      ids.push(m.id);
      // some parents, which report nothing themselves (their leaves do)
      if (n % 13 === 3)
        children.push(
          (
            await buildMeasure(t.ctx, {
              roadmapId: w.roadmap.id,
              parentId: m.id,
              responsible: both,
              dueDate: '2026-12-31',
            })
          ).id,
        );
      for (const [party, state] of [
        [w.kz.party.id, kz],
        [w.ru.party.id, ru],
      ] as const)
        if (state)
          await t.db.insert(reports).values({
            measureId: m.id,
            periodId: q1,
            partyId: party,
            state,
            late: (n + (party === w.kz.party.id ? 1 : 0)) % 3 === 0,
          });
      const j1 = JOINT[n % 4];
      const j2 = JOINT[Math.floor(n / 4) % 4];
      if (j1) await t.db.insert(jointStatuses).values({ measureId: m.id, periodId: q1, state: j1 });
      if (j2) await t.db.insert(jointStatuses).values({ measureId: m.id, periodId: q2, state: j2 });
      n++;
    }
  // after the combinations, whose positions in `ids` the tests below rely on
  ids.push(...children);
  await buildSecondRoadmap();
});

/**
 * A second roadmap with half-years (H1 due 20 July, H2 not due): on DAY its latest past-due
 * period is H1 where the first roadmap's is Q1, so a list across roadmaps must take each
 * roadmap's own. Both parties' states, and an internal measure of each party.
 */
async function buildSecondRoadmap() {
  roadmap2 = (await buildRoadmap(t.db, { agreementIds: [w.agreement.id] })).id;
  const h1 = (
    await buildPeriod(t.ctx, roadmap2, {
      code: '2026-H1',
      startDate: '2026-01-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-07-20',
    })
  ).id;
  await buildPeriod(t.ctx, roadmap2, {
    code: '2026-H2',
    startDate: '2026-07-01',
    endDate: '2026-12-31',
    reportDueDate: '2027-01-20',
  });
  const kzBody = { organisationId: w.kz.agency.id, role: 'lead' as const };
  const ruBody = { organisationId: w.ru.agency.id, role: 'lead' as const };
  let n = 0;
  for (const kz of STATES)
    for (const ru of [null, 'submitted', 'approved'] as const) {
      const m = await buildMeasure(t.ctx, {
        roadmapId: roadmap2,
        responsible: [kzBody, { ...ruBody, role: 'co_executor' }],
        dueDate: n % 4 === 1 ? '2026-08-20' : '2026-12-31',
        progress: n % 4 === 1 ? 10 : 60,
        status: 'in_progress',
      });
      ids2.push(m.id);
      for (const [party, state] of [
        [w.kz.party.id, kz],
        [w.ru.party.id, ru],
      ] as const)
        if (state)
          await t.db
            .insert(reports)
            .values({ measureId: m.id, periodId: h1, partyId: party, state, late: n % 3 === 0 });
      n++;
    }
  for (const [side, body] of [
    [w.kz, kzBody],
    [w.ru, ruBody],
  ] as const)
    ids2.push(
      (
        await buildMeasure(t.ctx, {
          roadmapId: roadmap2,
          responsible: [body],
          tier: 'internal',
          ownerPartyId: side.party.id,
        })
      ).id,
    );
}
afterAll(() => t.close());

async function domainFlags(actor: Actor, periodId: string) {
  const [ms, rs, js, resp, ps] = await Promise.all([
    t.db.select().from(measures).where(inArray(measures.id, ids)),
    t.db.select().from(reports).where(inArray(reports.measureId, ids)),
    t.db
      .select({ measureId: jointStatuses.measureId, state: jointStatuses.state, endDate: periods.endDate })
      .from(jointStatuses)
      .innerJoin(periods, eq(periods.id, jointStatuses.periodId))
      .where(inArray(jointStatuses.measureId, ids)),
    t.db.select().from(measureResponsibles).where(inArray(measureResponsibles.measureId, ids)),
    t.db.select().from(periods).where(eq(periods.id, periodId)),
  ]);
  const out = new Map<string, { disputed: boolean; missing: boolean }>();
  for (const m of ms)
    out.set(m.id, {
      disputed: isDisputed(js.filter((j) => j.measureId === m.id)),
      missing: isReportMissing(
        {
          measure: m,
          responsibleParties: [...new Set(resp.filter((r) => r.measureId === m.id).map((r) => r.partyId))],
          period: ps[0],
          reports: rs.filter((r) => r.measureId === m.id && r.periodId === periodId),
          scope: internalScope(actor),
        },
        DAY,
      ),
    });
  return out;
}

async function sqlFlags(actor: Actor, periodId: string) {
  const rows = await t.db
    .select({ id: measures.id, disputed: disputedSql(), missing: reportMissingSql(actor, periodId, DAY) })
    .from(measures)
    .where(and(inArray(measures.id, ids)));
  return new Map(rows.map((r) => [r.id, { disputed: Boolean(r.disputed), missing: Boolean(r.missing) }]));
}

/** At risk and late report for each roadmap's latest past-due period on `day`, by the domain rules. */
async function domainRisk(actor: Actor, day: string, of: string[] = ids) {
  const [ms, rs, resp, ps] = await Promise.all([
    t.db.select().from(measures).where(inArray(measures.id, of)),
    t.db.select().from(reports).where(inArray(reports.measureId, of)),
    t.db.select().from(measureResponsibles).where(inArray(measureResponsibles.measureId, of)),
    t.db.select().from(periods),
  ]);
  const out = new Map<string, { atRisk: boolean; late: boolean; missing: boolean }>();
  for (const m of ms) {
    const period = latestDuePeriod(
      ps.filter((p) => p.roadmapId === m.roadmapId),
      day,
    );
    const facts = period && {
      measure: m,
      responsibleParties: [...new Set(resp.filter((r) => r.measureId === m.id).map((r) => r.partyId))],
      period,
      reports: rs.filter((r) => r.measureId === m.id && r.periodId === period.id),
      scope: internalScope(actor),
    };
    const missing = facts ? isReportMissing(facts, day) : false;
    out.set(m.id, {
      atRisk: isAtRiskAsKnown(m, missing, day),
      late: facts ? isLateReport(facts, day) : false,
      missing,
    });
  }
  return out;
}

async function sqlRisk(actor: Actor, day: string) {
  const rows = await t.db
    .select({
      id: measures.id,
      atRisk: atRiskSql(day, actor),
      late: lateReportSql(actor, day),
      flags: reportFlagsSql(actor, day),
    })
    .from(measures)
    .where(inArray(measures.id, ids));
  return new Map(
    rows.map((r) => [
      r.id,
      { atRisk: Boolean(r.atRisk), late: Boolean(r.late), missing: Number(r.flags) === REPORT_MISSING },
    ]),
  );
}

const WHO = ['admin', 'kzCoord', 'ruRep', 'viewer'] as const;
const actorOf = (who: (typeof WHO)[number]): Actor =>
  ({
    admin: w.admin.actor,
    kzCoord: w.kz.coordinator.actor,
    ruRep: w.ru.reporter.actor,
    viewer: w.viewer.actor,
  })[who];

describe('monitoring flags in SQL and in the domain', () => {
  it.each(WHO)(
    'at risk and late report agree for %s, on two days with different latest past-due periods',
    async (who) => {
      const actor = actorOf(who);
      for (const day of [DAY, LATER, '2026-04-05']) {
        const [d, s] = await Promise.all([domainRisk(actor, day), sqlRisk(actor, day)]);
        expect(s, day).toEqual(d);
      }
      const values = [...(await domainRisk(actor, DAY)).values()];
      // not trivial: at risk through a report alone, late without missing, and neither
      const onSchedule = (await t.db.select().from(measures).where(inArray(measures.id, ids))).filter(
        (m) => !isAtRisk(m, DAY),
      );
      const d = await domainRisk(actor, DAY);
      expect(onSchedule.some((m) => d.get(m.id)?.atRisk)).toBe(true);
      expect(values.some((v) => v.late && !v.missing)).toBe(true);
      expect(new Set(values.map((v) => v.late))).toEqual(new Set([true, false]));
      expect(new Set(values.map((v) => v.atRisk))).toEqual(new Set([true, false]));
    },
  );

  it.each(WHO)('agree for %s in a period past and one not yet due', async (who) => {
    const actor = actorOf(who);
    for (const period of [q1, q2]) {
      const [d, s] = await Promise.all([domainFlags(actor, period), sqlFlags(actor, period)]);
      expect(s).toEqual(d);
    }
    const d = await domainFlags(actor, q1);
    // the table is not trivial: both values of each flag occur
    const values = [...d.values()];
    expect(new Set(values.map((v) => v.disputed))).toEqual(new Set([true, false]));
    expect(new Set(values.map((v) => v.missing))).toEqual(new Set([true, false]));
  });

  it('the other party’s submission does not count for a party, its own does', async () => {
    // KZ submitted, RU approved (a measure of both): KZ itself sees nothing missing; RU and viewers do
    const i = STATES.indexOf('submitted') * STATES.length + STATES.indexOf('approved');
    const id = ids[i];
    const kz = (await sqlFlags(w.kz.coordinator.actor, q1)).get(id);
    const ru = (await sqlFlags(w.ru.coordinator.actor, q1)).get(id);
    const admin = (await sqlFlags(w.admin.actor, q1)).get(id);
    expect([kz?.missing, ru?.missing, admin?.missing]).toEqual([false, true, false]);
  });

  it.each(WHO)('the roadmap-wide set-based flags equal the per-measure ones for %s', async (who) => {
    const actor = actorOf(who);
    for (const day of [DAY, LATER, '2026-04-05']) {
      const perMeasure = await t.db
        .select({ id: measures.id, flags: reportFlagsSql(actor, day), disputed: disputedSql() })
        .from(measures)
        .where(and(eq(measures.roadmapId, w.roadmap.id), measureVisibility(actor)));
      const period = await loadLatestDuePeriod(t.db, w.roadmap.id, day);
      const [flags, disputed] = await Promise.all([
        period
          ? t.db.execute<{ measure_id: string; flags: number }>(
              sql`select * from ${roadmapReportFlagsSql(actor, w.roadmap.id, period)} f`,
            )
          : { rows: [] },
        t.db.execute<{ measure_id: string }>(sql`select * from ${roadmapDisputedSql(actor, w.roadmap.id)} d`),
      ]);
      const set = new Map(flags.rows.map((r) => [r.measure_id, Number(r.flags)]));
      const expected = perMeasure.map((r) => [r.id, Number(r.flags)] as const);
      // a measure without a row owes no report: its flags are 0
      expect(
        perMeasure.map((r) => [r.id, set.get(r.id) ?? 0]),
        day,
      ).toEqual(expected);
      expect(flags.rows.every((r) => perMeasure.some((m) => m.id === r.measure_id))).toBe(true);
      expect(new Set(disputed.rows.map((r) => r.measure_id))).toEqual(
        new Set(perMeasure.filter((r) => r.disputed).map((r) => r.id)),
      );
      if (day === DAY) {
        expect(new Set(expected.map(([, f]) => f))).toEqual(new Set([0, 1, 2]));
        expect(disputed.rows.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('the list filters, set-based', () => {
  it.each(WHO)(
    'select what the domain flags for %s, across roadmaps and within one, on three days',
    async (who) => {
      const actor = actorOf(who);
      const all = [...ids, ...ids2];
      const visible = new Set(
        (
          await t.db
            .select({ id: measures.id })
            .from(measures)
            .where(and(inArray(measures.id, all), measureVisibility(actor)))
        ).map((r) => r.id),
      );
      const select = async (roadmapId: string | undefined, cond: SQL | undefined) =>
        (
          await t.db
            .select({ id: measures.id })
            .from(measures)
            .where(
              and(
                inArray(measures.id, all),
                measureVisibility(actor),
                roadmapId ? eq(measures.roadmapId, roadmapId) : undefined,
                cond,
              ),
            )
        )
          .map((r) => r.id)
          .sort();
      for (const day of [DAY, LATER, '2026-04-05']) {
        const d = await domainRisk(actor, day, all);
        for (const roadmapId of [undefined, w.roadmap.id, roadmap2]) {
          const scope = all.filter(
            (id) => visible.has(id) && (!roadmapId || (roadmapId === roadmap2) === ids2.includes(id)),
          );
          const expected = (f: 'atRisk' | 'late' | 'missing', want: boolean) =>
            scope.filter((id) => d.get(id)?.[f] === want).sort();
          const at = `${day} ${roadmapId ?? 'across roadmaps'}`;
          for (const want of [true, false]) {
            const q = (f: 'atRisk' | 'lateReport') => MeasureQuery.parse({ roadmapId, [f]: String(want) });
            // what the list runs: its count's form and its page's form
            for (const form of [{}, { page: true }]) {
              expect(await select(roadmapId, measureFilter(actor, q('atRisk'), day, [], form)), at).toEqual(
                expected('atRisk', want),
              );
              expect(
                await select(roadmapId, measureFilter(actor, q('lateReport'), day, [], form)),
                at,
              ).toEqual(expected('late', want));
            }
            // the building blocks on their own
            expect(await select(roadmapId, atRiskFilterSql(day, actor, want, { roadmapId })), at).toEqual(
              expected('atRisk', want),
            );
          }
          expect(await select(roadmapId, reportFlagFilterSql(actor, day, 'late', { roadmapId })), at).toEqual(
            expected('late', true),
          );
          expect(
            await select(roadmapId, reportFlagFilterSql(actor, day, 'missing', { roadmapId })),
            at,
          ).toEqual(expected('missing', true));
        }
        if (day === DAY) {
          // not trivial: the second roadmap's own period flags some of its measures and not others
          const second = ids2.filter((id) => visible.has(id)).map((id) => d.get(id));
          expect(new Set(second.map((v) => v?.late))).toEqual(new Set([true, false]));
          expect(new Set(second.map((v) => v?.missing))).toEqual(new Set([true, false]));
          expect(new Set(second.map((v) => v?.atRisk))).toEqual(new Set([true, false]));
        }
      }
      // the other party's internal measure is never among what a party or a viewer sees
      const ruInternal = ids2[ids2.length - 1];
      if (who === 'kzCoord' || who === 'viewer') expect(visible.has(ruInternal)).toBe(false);
    },
  );
});

describe('the count of atRisk=true', () => {
  it.each(WHO)('is the schedule part’s when that passes the cap, else the whole, for %s', async (who) => {
    const actor = actorOf(who);
    const q = MeasureQuery.parse({ roadmapId: w.roadmap.id, atRisk: 'true' });
    const where = measureFilter(actor, q, DAY);
    const visible = and(eq(measures.roadmapId, w.roadmap.id), measureVisibility(actor));
    const count = async (cond: ReturnType<typeof sql>) =>
      (await t.db.select({ id: measures.id }).from(measures).where(and(visible, cond))).length;
    const whole = await count(atRiskSql(DAY, actor));
    const bySchedule = await count(scheduleAtRiskSql(DAY));
    // not trivial: some are at risk through a report alone
    expect(whole).toBeGreaterThan(bySchedule);
    expect(bySchedule).toBeGreaterThan(1);
    expect(await countList(t.db, actor, q, DAY, where, 10_000)).toEqual({ total: whole, totalIsExact: true });
    expect(await countList(t.db, actor, q, DAY, where, whole)).toEqual({ total: whole, totalIsExact: true });
    expect(await countList(t.db, actor, q, DAY, where, bySchedule - 1)).toEqual({
      total: bySchedule - 1,
      totalIsExact: false,
    });
    expect(await countList(t.db, actor, q, DAY, where, bySchedule)).toEqual({
      total: bySchedule,
      totalIsExact: false,
    });
  });
});
