/** The SQL report visibility agrees with the domain rule on every actor × report combination. */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_STATES, type ReportState, type Tier } from '../../contracts/enums';
import { measures, periods, reports } from '../../db/schema';
import { canReadReport } from '../../domain/report-visibility';
import { type Actor, SYSTEM_ACTOR } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { reportVisibility, reportVisibleAs } from './visibility';

let t: TestDatabase;
let w: World;
const facts = new Map<
  string,
  { partyId: string; state: ReportState; measure: { tier: Tier; ownerPartyId: string | null } }
>();

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t.ctx);
  const [period] = await t.db
    .insert(periods)
    .values({
      roadmapId: w.roadmap.id,
      code: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-07-10',
    })
    .returning();
  const responsible = [
    { organisationId: w.kz.agency.id, role: 'lead' as const },
    { organisationId: w.ru.agency.id, role: 'co_executor' as const },
  ];
  const kinds: { tier: Tier; owner: World['kz'] | null }[] = [
    { tier: 'shared', owner: null },
    { tier: 'public', owner: null },
    { tier: 'internal', owner: w.kz },
    { tier: 'internal', owner: w.ru },
  ];
  for (const k of kinds) {
    const resp = k.owner ? [{ organisationId: k.owner.agency.id, role: 'lead' as const }] : responsible;
    const m = await buildMeasure(
      t.ctx,
      { roadmapId: w.roadmap.id, responsible: resp, tier: k.tier, ownerPartyId: k.owner?.party.id ?? null },
      SYSTEM_ACTOR,
    );
    for (const side of k.owner ? [k.owner] : [w.kz, w.ru])
      for (const state of REPORT_STATES) {
        // one report per measure × party × period: a fresh measure per state beyond the first
        const measureId =
          state === 'draft'
            ? m.id
            : (
                await buildMeasure(t.ctx, {
                  roadmapId: w.roadmap.id,
                  responsible: resp,
                  tier: k.tier,
                  ownerPartyId: k.owner?.party.id ?? null,
                })
              ).id;
        const id = randomUUID();
        await t.db
          .insert(reports)
          .values({ id, measureId, periodId: period.id, partyId: side.party.id, state });
        facts.set(id, {
          partyId: side.party.id,
          state,
          measure: { tier: k.tier, ownerPartyId: k.owner?.party.id ?? null },
        });
      }
  }
});
afterAll(() => t.close());

const actors = (): [string, Actor][] => {
  const a = (
    u: { id: string; role: Actor['role']; organisationId: string | null },
    partyId: string | null,
  ): Actor => ({
    userId: u.id,
    role: u.role,
    partyId,
    organisationId: u.organisationId,
    label: u.role,
  });
  return [
    ['admin', a(w.admin, null)],
    ['viewer', a(w.viewer, null)],
    ['KZ coordinator', a(w.kz.coordinator, w.kz.party.id)],
    ['KZ reporter', a(w.kz.reporter, w.kz.party.id)],
    ['RU coordinator', a(w.ru.coordinator, w.ru.party.id)],
    ['RU reporter', a(w.ru.reporter, w.ru.party.id)],
  ];
};

describe('report visibility', () => {
  it('has one answer in SQL and in the domain for every actor and report', async () => {
    for (const [name, actor] of actors()) {
      const expected = [...facts]
        .filter(([, f]) => canReadReport(actor, f))
        .map(([id]) => id)
        .sort();
      const viaDrizzle = await t.db
        .select({ id: reports.id })
        .from(reports)
        .innerJoin(measures, eq(measures.id, reports.measureId))
        .where(reportVisibility(actor));
      const viaRaw = await t.db.execute<{ id: string }>(
        sql`select r.id from reports r join measures m on m.id = r.measure_id where ${reportVisibleAs('r', 'm', actor)}`,
      );
      expect(viaDrizzle.map((r) => r.id).sort(), name).toEqual(expected);
      expect(viaRaw.rows.map((r) => r.id).sort(), name).toEqual(expected);
    }
  });

  it('shows the other party only approved reports, and never on its internal measures', () => {
    const ruCoordinator = actors()[4][1];
    const seen = [...facts.values()].filter((f) => canReadReport(ruCoordinator, f));
    expect(
      seen
        .filter((f) => f.partyId === w.kz.party.id)
        .every((f) => f.state === 'approved' && f.measure.tier !== 'internal'),
    ).toBe(true);
    expect(seen.some((f) => f.partyId === w.ru.party.id && f.state === 'draft')).toBe(true);
  });
});
