/** The SQL comment visibility agrees with the domain rule on every actor × comment combination. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comments } from '../../db/schema';
import { type CommentFacts, canReadComment } from '../../domain/comments';
import type { Actor } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildWorld, type World } from '../../test/factories';
import { buildReportMatrix } from '../../test/monitoring';
import { COMMENT_FROM, commentVisibleAs } from './visibility';

let t: TestDatabase;
let w: World;
const facts = new Map<string, CommentFacts>();

beforeAll(async () => {
  t = await createTestDatabase();
  w = await buildWorld(t.ctx);
  const rows: (typeof comments.$inferInsert)[] = [];
  // three comments (shared, internal to each party) on each measure and on each report
  for (const { measureId, measure, report } of await buildReportMatrix(t.ctx, w))
    for (const [visibility, partyId] of [
      ['shared', null],
      ['internal', w.kz.party.id],
      ['internal', w.ru.party.id],
    ] as const) {
      const id = randomUUID();
      const body = 'текст';
      rows.push({
        id,
        measureId,
        reportId: report?.id ?? null,
        authorId: w.admin.id,
        visibility,
        partyId,
        body,
      });
      const reportFacts = report ? { partyId: report.partyId, state: report.state } : null;
      facts.set(id, {
        measure,
        report: reportFacts,
        authorId: w.admin.id,
        visibility,
        partyId,
        deleted: false,
      });
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
