/** Report reminders: who is reminded of what, not the party that reported, and never twice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, periods, reports } from '../../db/schema';
import { createTestDatabase, type TestDatabase, TEST_NOW } from '../../test/db';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { isoToday } from '../../domain/measures';
import { addDays } from '../../domain/periods';
import { sendReminders } from './reminders';

let t: TestDatabase;
let w: World;
const today = isoToday(TEST_NOW);

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t.ctx);
});
afterAll(() => t.close());

describe('report reminders', () => {
  it('remind the responsible reporters, and the coordinators once overdue, except the party that reported; once', async () => {
    const both = [
      { organisationId: w.kz.agency.id, role: 'lead' as const },
      { organisationId: w.ru.agency.id, role: 'co_executor' as const },
    ];
    const m = await buildMeasure(t.ctx, { roadmapId: w.roadmap.id, responsible: both });
    const done = await buildMeasure(t.ctx, {
      roadmapId: w.roadmap.id,
      responsible: both,
      status: 'completed',
      progress: 100,
    });
    const [soon, late, far] = await t.db
      .insert(periods)
      .values([
        {
          roadmapId: w.roadmap.id,
          code: '2026-04',
          startDate: '2026-04-01',
          endDate: '2026-04-30',
          reportDueDate: addDays(today, 7),
        },
        {
          roadmapId: w.roadmap.id,
          code: '2026-03',
          startDate: '2026-03-01',
          endDate: '2026-03-31',
          reportDueDate: addDays(today, -1),
        },
        {
          roadmapId: w.roadmap.id,
          code: '2026-05',
          startDate: '2026-05-01',
          endDate: '2026-05-31',
          reportDueDate: addDays(today, 3),
        },
      ])
      .returning();
    // KZ has reported on the overdue period: only RU is reminded of it
    await t.db
      .insert(reports)
      .values({ measureId: m.id, periodId: late.id, partyId: w.kz.party.id, state: 'submitted' });
    expect(await sendReminders(t.ctx, today)).toBe(4);
    const rows = await t.db.select().from(notifications);
    const got = rows.map((n) => `${n.kind} ${n.recipientId} ${n.params.period}`).sort();
    expect(got).toEqual(
      [
        `report_due_7 ${w.kz.reporter.id} 2026-04`,
        `report_due_7 ${w.ru.reporter.id} 2026-04`,
        `report_overdue ${w.ru.reporter.id} 2026-03`,
        `report_overdue ${w.ru.coordinator.id} 2026-03`,
      ].sort(),
    );
    expect(rows.every((n) => n.entityId === m.id && n.link === `/measures/${m.id}`)).toBe(true);
    expect(rows.some((n) => n.entityId === done.id)).toBe(false);
    expect(far.code).toBe('2026-05'); // due in 3 days: no reminder on this day
    expect(soon.code).toBe('2026-04');
    // the next run, on this or another instance, adds nothing
    expect(await sendReminders(t.ctx, today)).toBe(0);
  });
});
