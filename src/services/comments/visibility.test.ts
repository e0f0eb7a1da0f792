/** The SQL comment visibility agrees with the domain rule on every actor × comment combination. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_STATES, type Tier } from '../../contracts/enums';
import { comments, periods, reports } from '../../db/schema';
import { type CommentFacts, canReadComment } from '../../domain/comments';
import { type Actor, SYSTEM_ACTOR } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { COMMENT_FROM, commentVisibleAs } from './visibility';

let t: TestDatabase;
let w: World;
const facts = new Map<string, CommentFacts>();

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
  const both = [
    { organisationId: w.kz.agency.id, role: 'lead' as const },
    { organisationId: w.ru.agency.id, role: 'co_executor' as const },
  ];
  const kinds: { tier: Tier; owner: World['kz'] | null }[] = [
    { tier: 'shared', owner: null },
    { tier: 'public', owner: null },
    { tier: 'internal', owner: w.kz },
    { tier: 'internal', owner: w.ru },
  ];
  const rows: (typeof comments.$inferInsert)[] = [];
  const add = (
    measureId: string,
    report: CommentFacts['report'],
    reportId: string | null,
    measure: CommentFacts['measure'],
  ) => {
    for (const [visibility, partyId] of [
      ['shared', null],
      ['internal', w.kz.party.id],
      ['internal', w.ru.party.id],
    ] as const) {
      const id = randomUUID();
      rows.push({ id, measureId, reportId, authorId: w.admin.id, visibility, partyId, body: 'текст' });
      facts.set(id, { measure, report, authorId: w.admin.id, visibility, partyId, deleted: false });
    }
  };
  for (const k of kinds) {
    const measure = { tier: k.tier, ownerPartyId: k.owner?.party.id ?? null };
    const resp = k.owner ? [{ organisationId: k.owner.agency.id, role: 'lead' as const }] : both;
    const m = await buildMeasure(
      t.ctx,
      { roadmapId: w.roadmap.id, responsible: resp, ...measure },
      SYSTEM_ACTOR,
    );
    add(m.id, null, null, measure);
    for (const side of k.owner ? [k.owner] : [w.kz, w.ru])
      for (const state of REPORT_STATES) {
        const target = await buildMeasure(t.ctx, { roadmapId: w.roadmap.id, responsible: resp, ...measure });
        const reportId = randomUUID();
        await t.db
          .insert(reports)
          .values({ id: reportId, measureId: target.id, periodId: period.id, partyId: side.party.id, state });
        add(target.id, { partyId: side.party.id, state }, reportId, measure);
      }
  }
  await t.db.insert(comments).values(rows);
});
afterAll(() => t.close());

const actor = (u: {
  id: string;
  role: Actor['role'];
  organisationId: string | null;
  partyId: string | null;
}): Actor => ({
  userId: u.id,
  role: u.role,
  partyId: u.partyId,
  organisationId: u.organisationId,
  label: u.role,
});

describe('comment visibility', () => {
  it('has one answer in SQL and in the domain for every actor and comment', async () => {
    const people = [w.admin, w.viewer, w.kz.coordinator, w.kz.reporter, w.ru.coordinator, w.ru.reporter];
    expect(facts.size).toBe(84);
    for (const u of people) {
      const a = actor(u);
      const expected = [...facts]
        .filter(([, f]) => canReadComment(a, f))
        .map(([id]) => id)
        .sort();
      const got = await t.db.execute<{ id: string }>(
        sql`select c.id from ${COMMENT_FROM} where ${commentVisibleAs('c', 'm', 'r', a)}`,
      );
      expect(got.rows.map((r) => r.id).sort(), u.role).toEqual(expected);
      if (u.role !== 'admin') expect(expected.length).toBeLessThan(facts.size);
    }
  });
});
