/** The SQL "must report" rule agrees with domain `mustReport` on measures of every shape. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustReport } from '../../domain/reports';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildWorld } from '../../test/factories';
import { buildPeriod } from '../../test/reports';
import { dueSql } from './assignments';

let t: TestDatabase;
let periodIds: string[] = [];
beforeAll(async () => {
  t = await createTestDatabase();
  const w = await buildWorld(t.ctx);
  const base = {
    roadmapId: w.roadmap.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' as const }],
  };
  const shapes = [
    { startDate: '2026-01-01', dueDate: '2026-12-31', status: 'in_progress' as const, progress: 10 },
    { startDate: '2026-07-01', dueDate: '2026-12-31' },
    { startDate: '2026-06-30', dueDate: '2026-12-31' },
    { startDate: '2026-01-01', dueDate: '2026-03-31', status: 'completed' as const, progress: 100 },
    { startDate: '2026-01-01', dueDate: '2026-03-31', status: 'cancelled' as const },
    { startDate: '2026-01-01', dueDate: '2026-03-31', status: 'in_progress' as const, progress: 50 },
    { startDate: '2025-01-01', dueDate: '2026-04-01', status: 'completed' as const, progress: 100 },
  ];
  for (const s of shapes) await buildMeasure(t.ctx, { ...base, ...s });
  const parent = await buildMeasure(t.ctx, base);
  await buildMeasure(t.ctx, { ...base, parentId: parent.id });
  periodIds = [
    (
      await buildPeriod(t.db, {
        roadmapId: w.roadmap.id,
        code: '2026-Q2',
        startDate: '2026-04-01',
        endDate: '2026-06-30',
        reportDueDate: '2026-07-10',
      })
    ).id,
    (
      await buildPeriod(t.db, {
        roadmapId: w.roadmap.id,
        code: '2026-Q1',
        startDate: '2026-01-01',
        endDate: '2026-03-31',
        reportDueDate: '2026-04-10',
      })
    ).id,
  ];
});
afterAll(() => t?.close());

describe('dueSql', () => {
  it('selects exactly the measures mustReport names, in every period', async () => {
    for (const id of periodIds) {
      const rows = await t.db.execute<{
        id: string;
        childCount: number;
        startDate: string;
        dueDate: string;
        status: string;
        pStart: string;
        pEnd: string;
        due: boolean;
      }>(sql`select m.id, m.child_count as "childCount", m.start_date as "startDate", m.due_date as "dueDate",
          m.status, p.start_date as "pStart", p.end_date as "pEnd", ${dueSql('m', 'p')} as due
        from measures m join periods p on p.id = ${id} and p.roadmap_id = m.roadmap_id`);
      expect(rows.rows.length).toBe(9);
      for (const r of rows.rows)
        expect(r.due, JSON.stringify(r)).toBe(mustReport(r, { startDate: r.pStart, endDate: r.pEnd }));
      expect(rows.rows.filter((r) => r.due).length).toBeGreaterThan(1);
      expect(rows.rows.filter((r) => !r.due).length).toBeGreaterThan(1);
    }
  });
});
