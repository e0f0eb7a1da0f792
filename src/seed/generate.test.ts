import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeasureQuery } from '../contracts/roadmaps';
import {
  auditEvents,
  measureResponsibles,
  measureSpheres,
  measures,
  organisations,
  parties,
} from '../db/schema';
import { AppError } from '../domain/errors';
import { rollUpProgress, rollUpStatus } from '../domain/measures';
import { type Actor, SYSTEM_ACTOR } from '../domain/policies';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { verifyAuditChain } from '../services/audit';
import { loadDemo } from './demo';
import { generateDataset } from './generate';
import { findMeasures, rollUpAncestors } from '../services/measures';

type Row = typeof measures.$inferSelect;

const rowsOf = (t: TestDatabase, roadmapId: string) =>
  t.db.select().from(measures).where(eq(measures.roadmapId, roadmapId)).orderBy(measures.sortKey);

/** What a user compares between two runs: everything but the generated ids. */
async function contentOf(t: TestDatabase, roadmapId: string) {
  const rows = await rowsOf(t, roadmapId);
  const resp = await t.db
    .select({
      m: measureResponsibles.measureId,
      o: measureResponsibles.organisationId,
      r: measureResponsibles.role,
    })
    .from(measureResponsibles)
    .innerJoin(measures, eq(measures.id, measureResponsibles.measureId))
    .where(eq(measures.roadmapId, roadmapId));
  const byMeasure = new Map<string, string[]>();
  for (const r of resp) byMeasure.set(r.m, [...(byMeasure.get(r.m) ?? []), `${r.o}:${r.r}`].sort());
  return rows.map((m) => [
    m.code,
    m.title.ru,
    m.startDate,
    m.dueDate,
    m.status,
    m.progress,
    m.tier,
    m.ownerPartyId,
    m.weight,
    byMeasure.get(m.id),
  ]);
}

describe('generateDataset on an empty database', () => {
  let t: TestDatabase;
  let roadmapId: string;
  let rows: Row[];

  beforeAll(async () => {
    t = await createTestDatabase();
    const r = await generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 2000, seed: 7 });
    expect(r.measures).toBe(2000);
    roadmapId = r.roadmapId;
    rows = await rowsOf(t, roadmapId);
  });
  afterAll(() => t.close());

  it('creates the minimal reference data it needs', async () => {
    const codes = (await t.db.select({ code: parties.code }).from(parties)).map((p) => p.code).sort();
    expect(codes).toEqual(['KZ', 'RU']);
    expect(await t.db.$count(organisations)).toBeGreaterThanOrEqual(24);
  });

  it('creates exactly N measures in three levels with well-formed codes', () => {
    expect(rows).toHaveLength(2000);
    const byDepth = [0, 1, 2].map((d) => rows.filter((m) => m.depth === d).length);
    expect(byDepth).toEqual([20, 200, 1780]);
    const byId = new Map(rows.map((m) => [m.id, m]));
    for (const m of rows) {
      const parent = m.parentId ? byId.get(m.parentId)! : null;
      expect(m.code.split('.').length).toBe(m.depth + 1);
      if (parent) {
        expect(m.code.startsWith(`${parent.code}.`)).toBe(true);
        expect(m.startDate >= parent.startDate && m.dueDate <= parent.dueDate).toBe(true);
      }
      expect(m.startDate >= '2025-01-01' && m.dueDate <= '2029-12-31').toBe(true);
      expect(m.dueDate >= m.startDate).toBe(true);
    }
  });

  it('mixes statuses and tiers, about a tenth internal, and keeps internal subtrees with one owner', () => {
    expect(new Set(rows.map((m) => m.status))).toEqual(
      new Set(['not_started', 'in_progress', 'completed', 'cancelled']),
    );
    const internal = rows.filter((m) => m.tier === 'internal');
    expect(internal.length / rows.length).toBeGreaterThan(0.05);
    expect(internal.length / rows.length).toBeLessThan(0.15);
    expect(rows.some((m) => m.tier === 'public')).toBe(true);
    const byId = new Map(rows.map((m) => [m.id, m]));
    for (const m of rows) {
      expect(m.tier === 'internal').toBe(m.ownerPartyId !== null);
      const parent = m.parentId ? byId.get(m.parentId)! : null;
      if (parent?.tier === 'internal')
        expect([m.tier, m.ownerPartyId]).toEqual(['internal', parent.ownerPartyId]);
      if (m.status === 'completed') expect(m.progress).toBe(100);
      if (m.status === 'not_started' && m.childCount === 0) expect(m.progress).toBe(0);
    }
  });

  it('names 1–3 responsible bodies: a lead of each party on joint measures, only the owner party on internal ones', async () => {
    const resp = await t.db
      .select()
      .from(measureResponsibles)
      .innerJoin(measures, eq(measures.id, measureResponsibles.measureId))
      .where(eq(measures.roadmapId, roadmapId));
    const partyIds = (await t.db.select({ id: parties.id }).from(parties)).map((p) => p.id);
    const byMeasure = new Map<string, (typeof resp)[number]['measure_responsibles'][]>();
    for (const r of resp)
      byMeasure.set(r.measure_responsibles.measureId, [
        ...(byMeasure.get(r.measure_responsibles.measureId) ?? []),
        r.measure_responsibles,
      ]);
    for (const m of rows) {
      const mine = byMeasure.get(m.id) ?? [];
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(3);
      if (m.tier === 'internal') expect(mine.every((r) => r.partyId === m.ownerPartyId)).toBe(true);
      else
        for (const p of partyIds) expect(mine.some((r) => r.role === 'lead' && r.partyId === p)).toBe(true);
    }
    const linked = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${measures} m where m.roadmap_id = ${roadmapId}
          and not exists (select 1 from ${measureSpheres} s where s.measure_id = m.id)`,
    );
    expect(linked.rows[0].n).toBe(0);
  });

  it('rolls parents up from their counted children exactly as the measure service does', async () => {
    const kids = new Map<string, Row[]>();
    for (const m of rows) if (m.parentId) kids.set(m.parentId, [...(kids.get(m.parentId) ?? []), m]);
    let checked = 0;
    for (const p of rows) {
      const all = kids.get(p.id) ?? [];
      const counted = p.tier === 'internal' ? all : all.filter((c) => c.tier !== 'internal');
      expect(p.childCount).toBe(counted.length);
      if (counted.length === 0) continue;
      const progress = rollUpProgress(counted);
      expect(p.progress).toBe(progress === null ? p.progress : Math.round(progress));
      expect(p.status).toBe(rollUpStatus(counted));
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
    // The service's own roll-up finds nothing to change.
    await t.db.transaction(async (tx) => {
      for (const p of rows.filter((m) => kids.has(m.id)).sort((a, b) => b.depth - a.depth))
        await rollUpAncestors(tx, p.id);
    });
    const after = await rowsOf(t, roadmapId);
    const facts = (ms: Row[]) => ms.map((m) => [m.code, m.status, m.progress, m.childCount]);
    expect(facts(after)).toEqual(facts(rows));
  });

  it('indexes titles for Russian search and shows overdue and at-risk work', async () => {
    const found = await findMeasures(
      t.ctx,
      SYSTEM_ACTOR,
      MeasureQuery.parse({ roadmapId, q: 'железнодорожная инфраструктура' }),
    );
    expect(found.total).toBeGreaterThan(0);
    for (const m of found.data) expect(m.title.ru).toContain('железнодорожной инфраструктуры');
    const overdue = await findMeasures(
      t.ctx,
      SYSTEM_ACTOR,
      MeasureQuery.parse({ roadmapId, overdue: 'true' }),
    );
    const atRisk = await findMeasures(t.ctx, SYSTEM_ACTOR, MeasureQuery.parse({ roadmapId, atRisk: 'true' }));
    expect(overdue.total).toBeGreaterThan(0);
    expect(atRisk.total).toBeGreaterThan(0);
  });

  it('records one summary audit event and keeps the chain valid', async () => {
    const events = await t.db.select().from(auditEvents);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'dataset.generate',
      entityType: 'roadmap',
      entityId: roadmapId,
    });
    expect(events[0].after).toMatchObject({ measures: 2000, seed: 7 });
    expect((await verifyAuditChain({ db: t.db, now: () => new Date() }, SYSTEM_ACTOR)).ok).toBe(true);
  });

  it('gives the same content for the same seed and different content for another seed', async () => {
    const again = await generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 300, seed: 11 });
    const twice = await generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 300, seed: 11 });
    const other = await generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 300, seed: 12 });
    const a = await contentOf(t, again.roadmapId);
    expect(a).toHaveLength(300);
    expect(await contentOf(t, twice.roadmapId)).toEqual(a);
    expect(await contentOf(t, other.roadmapId)).not.toEqual(a);
    expect(await t.db.$count(parties)).toBe(2);
  });

  it('refuses a bad size and callers that are not administrators', async () => {
    const err = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    };
    expect((await err(generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 0 }))).details[0].path).toBe(
      'measures',
    );
    expect((await err(generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 2.5 }))).details[0].path).toBe(
      'measures',
    );
    expect(
      (await err(generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 10, seed: -1 }))).details[0].path,
    ).toBe('seed');
    const viewer: Actor = { ...SYSTEM_ACTOR, role: 'viewer', label: 'viewer' };
    expect((await err(generateDataset(t.ctx, viewer, { measures: 10 }))).code).toBe('forbidden');
  });
});

describe('generateDataset next to the demo dataset', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await loadDemo(t.ctx, SYSTEM_ACTOR);
  });
  afterAll(() => t.close());

  it("reuses the demo's parties and organisations and leaves the demo roadmap alone", async () => {
    const orgs = await t.db.$count(organisations);
    const demoMeasures = await t.db.$count(measures);
    const r = await generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 500, seed: 3 });
    expect(await t.db.$count(parties)).toBe(2);
    expect(await t.db.$count(organisations)).toBe(orgs);
    expect(await t.db.$count(measures)).toBe(demoMeasures + 500);
    const strangers = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${measureResponsibles} r join ${measures} m on m.id = r.measure_id
          where m.roadmap_id = ${r.roadmapId} and not exists (select 1 from ${organisations} o where o.id = r.organisation_id)`,
    );
    expect(strangers.rows[0].n).toBe(0);
    const tiny = await generateDataset(t.ctx, SYSTEM_ACTOR, { measures: 1 });
    expect(
      await t.db.$count(measures, and(eq(measures.roadmapId, tiny.roadmapId), eq(measures.depth, 0))),
    ).toBe(1);
    expect((await verifyAuditChain({ db: t.db, now: () => new Date() }, SYSTEM_ACTOR)).ok).toBe(true);
  });
});
