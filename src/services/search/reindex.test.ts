import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measures, searchIndexState } from '../../db/schema';
import { SEARCH_INDEX_VERSION } from '../../text';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildWorld } from '../../test/factories';
import { measureSearchCondition } from './conditions';
import { ensureSearchIndex } from './reindex';

describe('ensureSearchIndex', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.close());

  it('rebuilds vectors made by an older text module once, then leaves them alone', async () => {
    const w = await buildWorld(t.ctx);
    const m = await buildMeasure(t.ctx, {
      roadmapId: w.roadmap.id,
      title: { ru: 'Подписать протокол' },
      responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
    });
    // What version 1 stored: plain lemmas, no family keys.
    await t.db.execute(sql`update measures set search_vector = to_tsvector('simple', 'подписать протокол')`);
    const found = async () =>
      (
        await t.db.select({ id: measures.id }).from(measures).where(measureSearchCondition('подписание', []))
      ).map((r) => r.id);
    expect(await found()).toEqual([]);
    expect(await ensureSearchIndex(t.db)).toBe(1);
    expect(await found()).toEqual([m.id]);
    expect(await t.db.select().from(searchIndexState)).toEqual([{ id: 1, version: SEARCH_INDEX_VERSION }]);
    expect(await ensureSearchIndex(t.db)).toBe(0);
  });
});
