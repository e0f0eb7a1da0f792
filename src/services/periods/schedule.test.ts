import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, periods } from '../../db/schema';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildRoadmap } from '../../test/factories';
import { transitionPeriod } from './transition';
import { applyPeriodSchedule } from './schedule';

let t: TestDatabase;
let roadmapId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  roadmapId = (await buildRoadmap(t.db)).id;
  await t.db.insert(periods).values([
    {
      roadmapId,
      code: '2026-Q1',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      reportDueDate: '2026-04-10',
    },
    {
      roadmapId,
      code: '2026-Q2',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      reportDueDate: '2026-07-10',
    },
  ]);
});
afterAll(() => t?.close());

const at = (iso: string) => new Date(iso);
async function states() {
  const rows = await t.db
    .select()
    .from(periods)
    .where(eq(periods.roadmapId, roadmapId))
    .orderBy(periods.startDate);
  return Object.fromEntries(rows.map((p) => [p.code, p.state]));
}
const q1 = async () => (await t.db.select().from(periods).where(eq(periods.code, '2026-Q1')))[0];

describe('applyPeriodSchedule', () => {
  it('leaves a period open on its due date and closes it the day after, once', async () => {
    expect(await applyPeriodSchedule(t.ctx, at('2026-04-10T23:59:00Z'))).toEqual({ closed: 0, locked: 0 });
    expect(await applyPeriodSchedule(t.ctx, at('2026-04-11T00:30:00Z'))).toEqual({ closed: 1, locked: 0 });
    expect(await states()).toEqual({ '2026-Q1': 'closed', '2026-Q2': 'open' });
    expect((await q1()).closedAt).toEqual(at('2026-04-11T00:30:00Z'));
    expect(await applyPeriodSchedule(t.ctx, at('2026-04-11T01:30:00Z'))).toEqual({ closed: 0, locked: 0 });
  });

  it('locks a closed period 30 days after closing, as the system actor', async () => {
    expect(await applyPeriodSchedule(t.ctx, at('2026-05-10T23:00:00Z'))).toEqual({ closed: 0, locked: 0 });
    expect(await applyPeriodSchedule(t.ctx, at('2026-05-11T00:10:00Z'))).toEqual({ closed: 0, locked: 1 });
    expect(await states()).toEqual({ '2026-Q1': 'locked', '2026-Q2': 'open' });
    const events = await t.db
      .select({
        action: auditEvents.action,
        actorLabel: auditEvents.actorLabel,
        actorId: auditEvents.actorId,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'period'), eq(auditEvents.entityId, (await q1()).id)))
      .orderBy(auditEvents.pos);
    expect(events).toEqual([
      { action: 'period.close', actorLabel: 'system', actorId: SYSTEM_ACTOR.userId },
      { action: 'period.lock', actorLabel: 'system', actorId: SYSTEM_ACTOR.userId },
    ]);
  });

  it('does not close again a period an admin reopened, but locks it once closed by hand', async () => {
    const p = await q1();
    await transitionPeriod(t.ctx, SYSTEM_ACTOR, p.id, 'reopen', {
      version: p.version,
      reason: 'поздний отчёт',
    });
    expect(await applyPeriodSchedule(t.ctx, at('2026-06-01T00:00:00Z'))).toEqual({ closed: 0, locked: 0 });
    expect((await q1()).state).toBe('open');
    await transitionPeriod(t.ctx, SYSTEM_ACTOR, p.id, 'close', { version: p.version + 1 });
    // Q1 closed by hand on the tests' clock (2026-06-15) locks 30 days later; Q2 is due 2026-07-10
    expect(await applyPeriodSchedule(t.ctx, at('2026-07-14T12:00:00Z'))).toEqual({ closed: 1, locked: 0 });
    expect(await states()).toEqual({ '2026-Q1': 'closed', '2026-Q2': 'closed' });
    expect(await applyPeriodSchedule(t.ctx, at('2026-07-15T00:00:00Z'))).toEqual({ closed: 0, locked: 1 });
    expect(await states()).toEqual({ '2026-Q1': 'locked', '2026-Q2': 'closed' });
  });
});
