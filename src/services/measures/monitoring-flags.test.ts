/** The SQL monitoring flags agree with the domain rules on the same rows, for every kind of caller. */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JointState, ReportState } from '../../contracts/enums';
import { jointStatuses, measureResponsibles, measures, periods, reports } from '../../db/schema';
import { isDisputed, isReportMissing } from '../../domain/monitoring-flags';
import { type Actor, internalScope } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { buildPeriod } from '../../test/joint';
import { disputedSql, reportMissingSql } from './monitoring-flags';

let t: TestDatabase;
let w: World;
const ids: string[] = [];
let q1 = '';
let q2 = '';
const DAY = '2026-08-01';
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
  // every combination of the two parties' report states in Q1, and of the two periods' joint states
  for (const kz of STATES)
    for (const ru of STATES) {
      const m = await buildMeasure(t.ctx, {
        roadmapId: w.roadmap.id,
        responsible: n % 7 === 5 ? [both[0]] : both,
        startDate: n % 11 === 10 ? '2026-05-01' : '2026-01-01',
        status: n % 12 === 8 ? 'cancelled' : 'not_started',
      });
      ids.push(m.id);
      for (const [party, state] of [
        [w.kz.party.id, kz],
        [w.ru.party.id, ru],
      ] as const)
        if (state)
          await t.db.insert(reports).values({ measureId: m.id, periodId: q1, partyId: party, state });
      const j1 = JOINT[n % 4];
      const j2 = JOINT[Math.floor(n / 4) % 4];
      if (j1) await t.db.insert(jointStatuses).values({ measureId: m.id, periodId: q1, state: j1 });
      if (j2) await t.db.insert(jointStatuses).values({ measureId: m.id, periodId: q2, state: j2 });
      n++;
    }
});
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

describe('monitoring flags in SQL and in the domain', () => {
  it.each(['admin', 'kzCoord', 'ruRep', 'viewer'] as const)(
    'agree for %s in a period past and one not yet due',
    async (who) => {
      const actor = {
        admin: w.admin.actor,
        kzCoord: w.kz.coordinator.actor,
        ruRep: w.ru.reporter.actor,
        viewer: w.viewer.actor,
      }[who];
      for (const period of [q1, q2]) {
        const [d, s] = await Promise.all([domainFlags(actor, period), sqlFlags(actor, period)]);
        expect(s).toEqual(d);
      }
      const d = await domainFlags(actor, q1);
      // the table is not trivial: both values of each flag occur
      const values = [...d.values()];
      expect(new Set(values.map((v) => v.disputed))).toEqual(new Set([true, false]));
      expect(new Set(values.map((v) => v.missing))).toEqual(new Set([true, false]));
    },
  );

  it('the other party’s submission does not count for a party, its own does', async () => {
    // KZ submitted, RU approved (a measure of both): KZ itself sees nothing missing; RU and viewers do
    const i = STATES.indexOf('submitted') * STATES.length + STATES.indexOf('approved');
    const id = ids[i];
    const kz = (await sqlFlags(w.kz.coordinator.actor, q1)).get(id);
    const ru = (await sqlFlags(w.ru.coordinator.actor, q1)).get(id);
    const admin = (await sqlFlags(w.admin.actor, q1)).get(id);
    expect([kz?.missing, ru?.missing, admin?.missing]).toEqual([false, true, false]);
  });
});
