import { describe, expect, it } from 'vitest';
import {
  type ChainedContent,
  canonicalJson,
  eventHash,
  GENESIS_HASH,
  type StoredEvent,
  verifyEvents,
} from './audit-chain';

function chain(n: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: ChainedContent = {
      seq,
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      occurredAt: '2026-06-15T09:00:00.000Z',
      actorId: null,
      actorLabel: 'system',
      action: 'measure.update',
      entityType: 'measure',
      entityId: null,
      partyScope: null,
      requestId: null,
      before: { progress: seq },
      after: { progress: seq + 1, title: { ru: 'Әріптестік' } },
    };
    const hash = eventHash(prev, content);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonical JSON', () => {
  it('serialises equal values equally, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe('the audit hash chain', () => {
  it('verifies an intact chain, also in batches', () => {
    const events = chain(6);
    expect(verifyEvents(events, { hash: GENESIS_HASH, seq: 0 })).toMatchObject({ ok: true, checked: 6 });
    const first = verifyEvents(events.slice(0, 3), { hash: GENESIS_HASH, seq: 0 });
    expect(verifyEvents(events.slice(3), first.last)).toMatchObject({ ok: true, checked: 3 });
  });

  it('reports the first altered event', () => {
    const events = chain(5);
    events[2] = { ...events[2], after: { progress: 99 } };
    const r = verifyEvents(events, { hash: GENESIS_HASH, seq: 0 });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 3, checked: 2 });
    expect(r.problem).toMatch(/altered/);
  });

  it('reports a deleted or inserted event', () => {
    const events = chain(5);
    const deleted = [...events.slice(0, 2), ...events.slice(3)];
    expect(verifyEvents(deleted, { hash: GENESIS_HASH, seq: 0 })).toMatchObject({
      ok: false,
      firstBadSeq: 4,
    });
    const forged = { ...events[1], seq: 2, prevHash: 'f'.repeat(64) };
    const inserted = [events[0], forged, ...events.slice(1)];
    expect(verifyEvents(inserted, { hash: GENESIS_HASH, seq: 0 }).ok).toBe(false);
  });
});
