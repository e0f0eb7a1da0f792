import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMigrated } from './client';
import { createTestDatabase, type TestDatabase } from '../test/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('test database', () => {
  it('is migrated and empty', async () => {
    expect(await isMigrated(t)).toBe(true);
    const r = await t.db.execute(sql`select count(*)::int as n from measures`);
    expect(r.rows[0].n).toBe(0);
  });

  it('round-trips Kazakh letters in multilingual text', async () => {
    const name = { ru: 'Казахстан', kk: 'Қазақстан Республикасы әғқңөұүһі' };
    await t.db.execute(
      sql`insert into parties (code, kind, name) values ('KZ', 'state', ${JSON.stringify(name)}::jsonb)`,
    );
    const r = await t.db.execute(sql`select name from parties where code = 'KZ'`);
    expect(r.rows[0].name).toEqual(name);
  });
});
