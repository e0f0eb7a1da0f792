/** The SQL report visibility agrees with the domain rule on every actor × report combination. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportState, Tier } from '../../contracts/enums';
import { measures, reports } from '../../db/schema';
import { canReadReport } from '../../domain/report-visibility';
import type { Actor } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildWorld, type World } from '../../test/factories';
import { buildReportMatrix } from '../../test/monitoring';
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
  for (const { report, measure } of await buildReportMatrix(t.ctx, w))
    if (report) facts.set(report.id, { partyId: report.partyId, state: report.state, measure });
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
