/**
 * The summary cache: a cached summary is served only while nothing it counts has changed,
 * per visibility scope and per day.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { buildMeasure, buildSphere, buildWorld, type World } from '../test/factories';
import type { Ctx } from './context';
import { updateMeasure } from './measures';
import { roadmapSummary } from './summary';

let t: TestDatabase;
let w: World;
const lead = (organisationId: string) => ({ organisationId, role: 'lead' as const });
const cacheRows = async () =>
  (
    await t.db.execute<{ scope: string; stamp: number }>(
      sql`select scope, stamp from summary_cache order by scope`,
    )
  ).rows;

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t.ctx);
  await buildMeasure(t.ctx, {
    roadmapId: w.roadmap.id,
    responsible: [lead(w.kz.agency.id), lead(w.ru.agency.id)],
  });
});
afterAll(() => t.close());

describe('summary cache', () => {
  it('serves the stored summary until a measure changes, then recomputes', async () => {
    const first = await roadmapSummary(t.ctx, w.admin.actor, w.roadmap.id);
    expect(first.measureCount).toBe(1);
    expect(await cacheRows()).toHaveLength(1);
    // Prove the second read comes from the cache: alter the stored body by hand.
    await t.db.execute(sql`update summary_cache set body = jsonb_set(body, '{measureCount}', '42')`);
    expect((await roadmapSummary(t.ctx, w.admin.actor, w.roadmap.id)).measureCount).toBe(42);
    // Any change to the roadmap's measures invalidates it.
    await buildMeasure(t.ctx, { roadmapId: w.roadmap.id, responsible: [lead(w.kz.agency.id)] });
    expect((await roadmapSummary(t.ctx, w.admin.actor, w.roadmap.id)).measureCount).toBe(2);
  });

  it('keeps one entry per visibility scope, so no party reads another scope’s figures', async () => {
    await buildMeasure(t.ctx, {
      roadmapId: w.roadmap.id,
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: [lead(w.kz.agency.id)],
    });
    const admin = await roadmapSummary(t.ctx, w.admin.actor, w.roadmap.id);
    const kz = await roadmapSummary(t.ctx, w.kz.reporter.actor, w.roadmap.id);
    const ru = await roadmapSummary(t.ctx, w.ru.coordinator.actor, w.roadmap.id);
    const viewer = await roadmapSummary(t.ctx, w.viewer.actor, w.roadmap.id);
    expect([admin.measureCount, kz.measureCount, ru.measureCount, viewer.measureCount]).toEqual([3, 3, 2, 2]);
    expect((await cacheRows()).map((r) => r.scope).sort()).toEqual(
      ['all', 'shared', w.kz.party.id, w.ru.party.id].sort(),
    );
  });

  it('notices changes to spheres and responsible organisations of a measure', async () => {
    const m = await buildMeasure(t.ctx, { roadmapId: w.roadmap.id, responsible: [lead(w.kz.agency.id)] });
    const before = await roadmapSummary(t.ctx, w.admin.actor, w.roadmap.id);
    const sphere = await buildSphere(t.db);
    await updateMeasure(t.ctx, w.admin.actor, m.id, { version: m.version, sphereIds: [sphere.id] });
    const after = await roadmapSummary(t.ctx, w.admin.actor, w.roadmap.id);
    expect(before.bySphere.find((g) => g.sphereId === sphere.id)).toBeUndefined();
    expect(after.bySphere.find((g) => g.sphereId === sphere.id)?.total).toBe(1);
  });

  it('recomputes on another day, since overdue depends on the date', async () => {
    const m = await buildMeasure(t.ctx, {
      roadmapId: w.roadmap.id,
      startDate: '2026-06-01',
      dueDate: '2026-06-20',
      responsible: [lead(w.kz.agency.id)],
    });
    void m;
    const today = await roadmapSummary(t.ctx, w.admin.actor, w.roadmap.id);
    const later: Ctx = { db: t.db, now: () => new Date('2026-07-01T09:00:00Z') };
    const next = await roadmapSummary(later, w.admin.actor, w.roadmap.id);
    expect(next.asOf).toBe('2026-07-01');
    expect(next.leaves.overdue).toBeGreaterThan(today.leaves.overdue);
  });

  it('prunes old change notes when it refreshes', async () => {
    const n = async () =>
      Number(
        (
          await t.db.execute(
            sql`select count(*) as n from roadmap_changes where roadmap_id = ${w.roadmap.id}`,
          )
        ).rows[0].n,
      );
    await roadmapSummary(t.ctx, w.viewer.actor, w.roadmap.id);
    expect(await n()).toBe(1);
  });
});
