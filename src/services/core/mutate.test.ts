/**
 * mutate runs a transaction that PostgreSQL aborted to break a deadlock again, whole: both
 * writers succeed, the change stands once and its event is recorded once; any other error
 * is not retried.
 */
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations } from '../../db/schema';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildOrganisation, buildParty } from '../../test/factories';
import { isRetryable, mutate } from './mutate';

let t: TestDatabase;
/** Appends `key` to the organisation's English name (a write that locks its row). */
const mark = (key: string, id: string) =>
  sql`update organisations set name = jsonb_set(name, '{en}', to_jsonb((name->>'en') || ${key}::text)) where id = ${id}`;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('mutate on a deadlock', () => {
  it('runs the aborted transaction again: both succeed, each change and event once', async () => {
    const party = await buildParty(t.db);
    const a = await buildOrganisation(t.db, { partyId: party.id });
    const b = await buildOrganisation(t.db, { partyId: party.id });
    // both writers hold their first row before either asks for its second: a certain deadlock
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((r) => {
      release = r;
    });
    const attempts = { ab: 0, ba: 0 };
    const write = (first: string, second: string, key: 'ab' | 'ba') =>
      mutate(t.ctx, SYSTEM_ACTOR, async (tx, audit) => {
        attempts[key]++;
        await tx.execute(mark(key, first));
        if (attempts[key] === 1) {
          if (++arrived === 2) release();
          await bothHoldOne;
        }
        await tx.execute(mark(key, second));
        audit.record({
          action: 'organisation.update',
          entityType: 'organisation',
          entityId: first,
          after: { key },
        });
        return key;
      });
    const out = await Promise.all([write(a.id, b.id, 'ab'), write(b.id, a.id, 'ba')]);
    expect(out).toEqual(['ab', 'ba']);
    // one of the two was aborted by the deadlock detector and ran again
    expect(attempts.ab + attempts.ba).toBe(3);
    const rows = await t.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, [a.id, b.id]));
    // each writer's two updates stand exactly once (the aborted attempt left nothing)
    for (const r of rows) expect(r.name.en).toMatch(/^Ministry(abba|baab)$/);
    const events = await t.db
      .select({ entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(inArray(auditEvents.entityId, [a.id, b.id]));
    expect(events.map((e) => e.entityId).sort()).toEqual([a.id, b.id].sort());
  });

  it('does not retry other errors', async () => {
    let runs = 0;
    await expect(
      mutate(t.ctx, SYSTEM_ACTOR, async (tx) => {
        runs++;
        await tx.execute(sql`select 1/0`);
      }),
    ).rejects.toThrow();
    expect(runs).toBe(1);
    expect(isRetryable({ code: '23505' })).toBe(false);
    expect(isRetryable({ cause: { code: '40P01' } })).toBe(true);
    expect(isRetryable({ cause: { code: '40001' } })).toBe(true);
  });
});
