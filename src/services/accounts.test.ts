import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { users } from '../db/schema';
import { AppError } from '../domain/errors';
import { SYSTEM_ACTOR } from '../domain/policies';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { buildUser } from '../test/factories';
import { authenticateToken } from './auth';
import { createToken, listTokens, MAX_ACTIVE_TOKENS, revokeToken } from './tokens';
import { createUser, findUsers } from './users';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('account services as the CLI uses them (system actor)', () => {
  it('creates one account when two requests race for the same e-mail, answering the other 409 on email', async () => {
    const input = {
      email: 'race@example.org',
      name: 'Гонка',
      role: 'viewer' as const,
      locale: 'ru' as const,
      password: 'long enough password',
    };
    const results = await Promise.allSettled([
      createUser(t.ctx, SYSTEM_ACTOR, input),
      createUser(t.ctx, SYSTEM_ACTOR, { ...input, name: 'Гонка 2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect(failed.reason).toMatchObject({ code: 'conflict', details: [{ path: 'email' }] });
    const n = await t.db
      .select({ n: count() })
      .from(users)
      .where(sql`lower(${users.email}) = 'race@example.org'`);
    expect(n[0].n).toBe(1);
    const found = await findUsers(t.ctx, SYSTEM_ACTOR, { q: 'race@', page: 1, limit: 10 });
    expect(found.total).toBe(1);
  });

  it(`caps a user at ${MAX_ACTIVE_TOKENS} live tokens; revoking one frees a place`, async () => {
    const u = await buildUser(t.db);
    const made = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++)
      made.push(await createToken(t.ctx, SYSTEM_ACTOR, u.id, { name: `t${i}` }));
    await expect(createToken(t.ctx, SYSTEM_ACTOR, u.id, { name: 'one too many' })).rejects.toMatchObject({
      code: 'rule_violation',
    });
    await revokeToken(t.ctx, SYSTEM_ACTOR, u.id, made[0].id);
    expect(await authenticateToken(t.ctx, made[0].token)).toBeNull();
    expect((await authenticateToken(t.ctx, made[1].token))?.actor.userId).toBe(u.id);
    await createToken(t.ctx, SYSTEM_ACTOR, u.id, { name: 'fits again' });
    expect((await listTokens(t.ctx, SYSTEM_ACTOR, u.id)).data).toHaveLength(MAX_ACTIVE_TOKENS + 1);
  });

  it('refuses tokens of an unknown user with 404', async () => {
    await expect(
      createToken(t.ctx, SYSTEM_ACTOR, '00000000-0000-4000-8000-000000000000', { name: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
