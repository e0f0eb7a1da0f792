/**
 * Concurrent approvals of distinct submitted reports on one roadmap (siblings sharing a
 * parent, four levels of roll-up, joint measures that both parties approve, overdue leaves
 * whose completion changes what is due) all succeed, and each is audited exactly once.
 * Before mutate retried deadlocked transactions, a few of them failed with 40P01 on the
 * trigger-kept sums (summary_parts, reporting_counts), which the route answered with 409;
 * since each transaction writes those sums in a slot of its own (migration 0020), none is
 * aborted by a deadlock at all.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, measures, reports } from '../../db/schema';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { buildPeriod, putReport } from '../../test/joint';
import type { Ctx } from '../context';
import { isRetryable } from '../core/mutate';
import { approveReport } from '.';

let t: TestDatabase;
let w: World;

beforeAll(async () => {
  t = await createTestDatabase({ poolSize: 32 });
  w = await buildWorld(t.ctx);
});
afterAll(() => t.close());

/** What a refused approval says: its SQLSTATE (40P01: a deadlock) or its code, and why. */
const why = (e: unknown) => {
  const c = e as {
    code?: string;
    message?: string;
    cause?: { code?: string; detail?: string; where?: string };
  };
  return `${c.cause?.code ?? c.code ?? ''} ${c.cause?.detail ?? c.message ?? ''} ${c.cause?.where ?? ''}`;
};

describe('concurrent approvals', () => {
  it('of distinct reports on one roadmap all succeed, each audited once', async () => {
    const ctx = t.ctx;
    const roadmapId = w.roadmap.id;
    const kz = { organisationId: w.kz.agency.id, role: 'lead' as const };
    const kzm = { organisationId: w.kz.ministry.id, role: 'co_executor' as const };
    const ru = { organisationId: w.ru.agency.id, role: 'co_executor' as const };
    const period = await buildPeriod(ctx, roadmapId);
    const leaves: { id: string; joint: boolean }[] = [];
    // four levels (top, two middles, leaves): a roll-up writes a row of every level
    for (let p = 0; p < 4; p++) {
      const top = await buildMeasure(ctx, { roadmapId, responsible: [kz, ru] });
      for (let q = 0; q < 2; q++) {
        const mid = await buildMeasure(ctx, { roadmapId, parentId: top.id, responsible: [kz, ru] });
        for (let r = 0; r < 2; r++) {
          const low = await buildMeasure(ctx, { roadmapId, parentId: mid.id, responsible: [kz, ru] });
          for (let k = 0; k < 3; k++) {
            const joint = k % 2 === 0;
            const m = await buildMeasure(ctx, {
              roadmapId,
              parentId: low.id,
              startDate: '2025-06-01',
              dueDate: '2025-12-31',
              responsible: joint ? [kz, kzm, ru] : [kz, kzm],
            });
            leaves.push({ id: m.id, joint });
          }
        }
      }
    }
    const claims = [
      { status: 'completed' as const, progress: 100 },
      { status: 'in_progress' as const, progress: 40 },
      { status: 'in_progress' as const, progress: 70 },
    ];
    const todo: { id: string; actor: typeof w.kz.coordinator.actor }[] = [];
    for (const [i, l] of leaves.entries()) {
      const claim = claims[i % claims.length];
      // on a joint measure one party has approved already, the other's approval confirms
      // (alternately KZ's and RU's), so both parties' approvals run side by side
      const [pending, done] = !l.joint || i % 4 < 2 ? [w.kz, w.ru] : [w.ru, w.kz];
      if (l.joint)
        await putReport(ctx, {
          measureId: l.id,
          periodId: period.id,
          partyId: done.party.id,
          state: 'approved',
          ...claim,
        });
      const r = await putReport(ctx, {
        measureId: l.id,
        periodId: period.id,
        partyId: pending.party.id,
        state: 'submitted',
        ...claim,
      });
      todo.push({ id: r.id, actor: pending.coordinator.actor });
    }
    // every transaction attempt that PostgreSQL aborts to break a deadlock (mutate retries it)
    let deadlocked = 0;
    const db = new Proxy(ctx.db, {
      get(target, key, receiver) {
        if (key !== 'transaction') return Reflect.get(target, key, receiver);
        return (...args: Parameters<typeof target.transaction>) =>
          target.transaction(...args).catch((e: unknown) => {
            if (isRetryable(e)) deadlocked++;
            throw e;
          });
      },
    });
    const watched: Ctx = { ...ctx, db };
    const failures: string[] = [];
    await Promise.all(
      todo.map(async ({ id, actor }) => {
        try {
          await approveReport(watched, actor, id, { version: 1 });
        } catch (e) {
          failures.push(why(e));
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(deadlocked).toBe(0);
    const ids = todo.map((x) => x.id);
    const states = await t.db.select({ state: reports.state }).from(reports).where(inArray(reports.id, ids));
    expect(states.every((s) => s.state === 'approved')).toBe(true);
    const events = await t.db
      .select({ entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'report.approve'), inArray(auditEvents.entityId, ids)));
    expect(events.length).toBe(ids.length);
    expect(new Set(events.map((e) => e.entityId)).size).toBe(ids.length);
    // every joint status confirmed (equal claims), and each measure followed its own
    const after = await t.db
      .select({ id: measures.id, status: measures.status, progress: measures.progress })
      .from(measures)
      .where(
        inArray(
          measures.id,
          leaves.map((l) => l.id),
        ),
      );
    const byId = new Map(after.map((m) => [m.id, m]));
    for (const [i, l] of leaves.entries())
      expect(byId.get(l.id), `leaf ${i}`).toEqual({ id: l.id, ...claims[i % claims.length] });
  });
});
