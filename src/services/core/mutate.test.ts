/**
 * mutate runs a transaction that PostgreSQL aborted to break a deadlock again, whole: both
 * writers succeed, the change stands once and its event is recorded once; any other error
 * is not retried. A large batch of events (an import's) is stored as recorded, in its order,
 * and seals into a chain that verifies.
 */
import { asc, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations } from '../../db/schema';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { verifyAuditChain } from '../audit';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildOrganisation, buildParty, buildWorld } from '../../test/factories';
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
    // the deadlock detector aborted one of the two (on a loaded machine both may have run the
    // check before the first victim let go), and each aborted writer ran again once
    expect(attempts.ab + attempts.ba).toBeGreaterThanOrEqual(3);
    expect(Math.max(attempts.ab, attempts.ba)).toBe(2);
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

describe('mutate with a large batch of events', () => {
  it('stores every event as recorded, in the order recorded, and the sealed chain verifies', async () => {
    const w = await buildWorld(t.ctx);
    const party = await buildParty(t.db);
    const org = await buildOrganisation(t.db, { partyId: party.id });
    // three statements of the batch insert (2,000 events each), odd values among them
    const n = 4501;
    const recorded = Array.from({ length: n }, (_, i) => ({
      action: 'organisation.update' as const,
      entityType: 'organisation' as const,
      entityId: org.id,
      before: i % 3 === 0 ? undefined : { i, name: { ru: `Имя «${i}» \\ "кавычки"` } },
      after: { i, nested: [1, null, { deep: 'ё', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)) }] },
      partyScope: i % 2 ? party.id : null,
      ...(i === 7 ? { actor: w.kz.coordinator.actor } : {}),
    }));
    await mutate(t.ctx, w.admin.actor, async (_tx, audit) => {
      audit.record(recorded.slice(0, 1000));
      audit.record(recorded.slice(1000));
    });
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.entityId, [org.id]))
      .orderBy(asc(auditEvents.pos));
    expect(rows).toHaveLength(n);
    rows.forEach((r, i) => {
      const e = recorded[i];
      expect(r.after).toEqual(JSON.parse(JSON.stringify(e.after)));
      expect(r.before).toEqual(e.before === undefined ? null : JSON.parse(JSON.stringify(e.before)));
      expect(r.partyScope).toBe(e.partyScope);
      expect(r.action).toBe('organisation.update');
      expect(r.actorId).toBe(i === 7 ? w.kz.coordinator.actor.userId : w.admin.actor.userId);
    });
    expect(new Set(rows.map((r) => r.occurredAt.getTime())).size).toBe(1);
    expect(await verifyAuditChain(t.ctx, w.admin.actor)).toMatchObject({ ok: true, problem: null });
  });
});
