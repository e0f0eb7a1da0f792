/**
 * Each SQL mirror of a measure rule agrees with its pure form in src/domain on the same rows:
 * visibility, overdue, at risk, counted children, the roll-up (one parent and a whole
 * roadmap) and the code sort key.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasureStatus, Tier } from '../../contracts/enums';
import { measures } from '../../db/schema';
import {
  codeSortKey,
  countsTowardsParent,
  isAtRisk,
  isOverdue,
  rollUpProgress,
  rollUpStatus,
} from '../../domain/measures';
import { type Actor, canReadMeasure, SYSTEM_ACTOR } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildWorld, type World } from '../../test/factories';
import { countedChildrenSql, measureVisibility, overdueSql, scheduleAtRiskSql } from './queries';
import { rollUpAncestors } from './tree';
import { type BatchMeasure, rollUpRoadmap, writeMeasureBatch } from './write-batch';

let t: TestDatabase;
let w: World;
const STATUSES: MeasureStatus[] = ['not_started', 'in_progress', 'completed', 'cancelled'];
const TIERS: Tier[] = ['shared', 'public', 'internal'];
const DAY = '2026-06-15';

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t.ctx);
});
afterAll(() => t.close());

/** Writes a random two-level tree into the world's roadmap; answers its measures. */
async function randomTree(seed: number, parents = 12, kidsMax = 6): Promise<BatchMeasure[]> {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const out: BatchMeasure[] = [];
  const resp = (party: typeof w.kz) => [
    { organisationId: party.agency.id, partyId: party.party.id, role: 'lead' as const },
  ];
  const prefix = `${seed}`;
  for (let i = 1; i <= parents; i++) {
    const tier = r() < 0.3 ? 'internal' : pick(['shared', 'public'] as const);
    const owner = tier === 'internal' ? pick([w.kz, w.ru]) : null;
    const p: BatchMeasure = {
      id: randomUUID(),
      parentId: null,
      code: `${prefix}${i}`.slice(0, 4),
      depth: 0,
      title: { ru: `Родитель ${i}` },
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      completionForm: 'other',
      weight: 1,
      tier,
      ownerPartyId: owner?.party.id ?? null,
      status: 'not_started',
      progress: 0,
      sphereIds: [],
      responsible: resp(owner ?? w.kz),
    };
    out.push(p);
    const kids = Math.floor(r() * kidsMax);
    for (let k = 1; k <= kids; k++) {
      const kt: Tier = tier === 'internal' ? 'internal' : pick(TIERS);
      const status = pick(STATUSES);
      const start = `2026-0${1 + Math.floor(r() * 6)}-01`;
      out.push({
        ...p,
        id: randomUUID(),
        parentId: p.id,
        code: `${p.code}.${k}`,
        depth: 1,
        title: { ru: `Шаг ${k}` },
        startDate: start,
        dueDate:
          pick(['2026-03-31', '2026-06-14', '2026-06-15', '2026-09-30', '2027-01-31']) < start
            ? start
            : pick(['2026-06-14', '2026-09-30', '2027-01-31']),
        weight: pick([0, 1, 1, 2, 3.5]),
        tier: kt,
        ownerPartyId: kt === 'internal' ? (owner?.party.id ?? pick([w.kz, w.ru]).party.id) : null,
        status,
        progress: status === 'completed' ? 100 : status === 'not_started' ? 0 : Math.floor(r() * 100),
        responsible: resp(w.kz),
      });
    }
  }
  return out;
}

describe('SQL mirrors of the measure rules', () => {
  it('visibility, overdue and at risk select exactly the rows the domain rules accept', async () => {
    const roadmap = (
      await t.db.execute<{ id: string }>(
        sql`insert into roadmaps (title, status) values ('{"ru":"Дорожная карта"}', 'approved') returning id`,
      )
    ).rows[0].id;
    const tree = await randomTree(7, 30);
    await t.db.transaction((tx) => writeMeasureBatch(tx, roadmap, tree));
    const rows = await t.db.select().from(measures).where(eq(measures.roadmapId, roadmap));
    const actors: Actor[] = [
      SYSTEM_ACTOR,
      {
        userId: w.kz.reporter.id,
        role: 'reporter',
        partyId: w.kz.party.id,
        organisationId: w.kz.agency.id,
        label: 'kz',
      },
      {
        userId: w.ru.coordinator.id,
        role: 'coordinator',
        partyId: w.ru.party.id,
        organisationId: w.ru.ministry.id,
        label: 'ru',
      },
      { userId: w.viewer.id, role: 'viewer', partyId: null, organisationId: null, label: 'viewer' },
    ];
    for (const a of actors) {
      const got = await t.db
        .select({ id: measures.id })
        .from(measures)
        .where(and(eq(measures.roadmapId, roadmap), measureVisibility(a)));
      expect(new Set(got.map((g) => g.id))).toEqual(
        new Set(rows.filter((m) => canReadMeasure(a, m)).map((m) => m.id)),
      );
    }
    for (const day of ['2026-03-31', DAY, '2026-10-01']) {
      const od = await t.db
        .select({ id: measures.id })
        .from(measures)
        .where(and(eq(measures.roadmapId, roadmap), overdueSql(day)));
      const ar = await t.db
        .select({ id: measures.id })
        .from(measures)
        .where(and(eq(measures.roadmapId, roadmap), scheduleAtRiskSql(day)));
      expect(new Set(od.map((g) => g.id))).toEqual(
        new Set(rows.filter((m) => isOverdue(m, day)).map((m) => m.id)),
      );
      expect(new Set(ar.map((g) => g.id))).toEqual(
        new Set(rows.filter((m) => isAtRisk(m, day)).map((m) => m.id)),
      );
      expect(ar.length + od.length).toBeGreaterThan(0);
    }
  });

  it('counted children, the one-parent roll-up and the whole-roadmap roll-up agree with the domain', async () => {
    const roadmap = (
      await t.db.execute<{ id: string }>(
        sql`insert into roadmaps (title, status) values ('{"ru":"Свёртка"}', 'approved') returning id`,
      )
    ).rows[0].id;
    const tree = await randomTree(11, 40, 7);
    await t.db.transaction(async (tx) => {
      await writeMeasureBatch(tx, roadmap, tree);
      await rollUpRoadmap(tx, roadmap);
    });
    const stored = new Map(
      (await t.db.select().from(measures).where(eq(measures.roadmapId, roadmap))).map((m) => [m.id, m]),
    );
    let checkedParents = 0;
    for (const p of tree.filter((m) => m.parentId === null)) {
      const kids = tree.filter((k) => k.parentId === p.id);
      const counted = kids.filter((k) => countsTowardsParent(p, k));
      const viaSql = await t.db.select({ id: measures.id }).from(measures).where(countedChildrenSql(p));
      expect(new Set(viaSql.map((r) => r.id))).toEqual(new Set(counted.map((k) => k.id)));
      const s = stored.get(p.id)!;
      const progress = rollUpProgress(counted);
      expect(s.childCount).toBe(counted.length);
      expect(s.progress).toBe(progress === null ? p.progress : Math.round(progress));
      expect(s.status).toBe(rollUpStatus(counted) ?? p.status);
      if (counted.length) checkedParents++;
    }
    expect(checkedParents).toBeGreaterThan(10);
    // the one-parent roll-up (every write's path) finds nothing to change after the batch one
    const before = await t.db.select().from(measures).where(eq(measures.roadmapId, roadmap));
    for (const p of tree.filter((m) => m.parentId === null)) await rollUpAncestors(t.db, p.id);
    const after = await t.db.select().from(measures).where(eq(measures.roadmapId, roadmap));
    expect(after.map((m) => [m.id, m.childCount, m.progress, m.status]).sort()).toEqual(
      before.map((m) => [m.id, m.childCount, m.progress, m.status]).sort(),
    );
    // and recomputes a parent whose child changed
    const leaf = tree.find(
      (m) => m.parentId && m.tier !== 'internal' && m.weight > 0 && m.status !== 'cancelled',
    )!;
    await t.db.update(measures).set({ status: 'completed', progress: 100 }).where(eq(measures.id, leaf.id));
    await rollUpAncestors(t.db, leaf.parentId);
    const parent = tree.find((m) => m.id === leaf.parentId)!;
    const kids = await t.db.select().from(measures).where(countedChildrenSql(parent));
    const [p2] = await t.db.select().from(measures).where(eq(measures.id, parent.id));
    expect(p2.progress).toBe(Math.round(rollUpProgress(kids)!));
    expect(p2.status).toBe(rollUpStatus(kids));
  });

  it('the SQL code sort key is the domain one', async () => {
    const codes = ['1', '2.10', '2.9.1', '10.KZ3', '10.KZ3.1', '4.RU12.2', '9999.KZ9999'];
    const { rows } = await t.db.execute<{ code: string; key: string }>(
      sql`select c as code, accord_code_sort_key(c) as key from unnest(${`{${codes.join(',')}}`}::text[]) as c`,
    );
    for (const r of rows) expect(r.key).toBe(codeSortKey(r.code));
  });
});
