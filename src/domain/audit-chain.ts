/**
 * The tamper-evident audit chain: each event's hash covers the previous event's hash and
 * the event's own content in a canonical JSON form, so altering, inserting or deleting an
 * event breaks every hash after it. Pure functions; services/audit.ts stores and reads.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: equal values always serialise equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ChainedContent {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  partyScope: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
}

export function eventHash(prevHash: string, e: ChainedContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(e)).digest('hex');
}

export interface StoredEvent extends ChainedContent {
  prevHash: string;
  hash: string;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: string | null;
}

/**
 * Walks events in seq order. `prev` carries the last verified hash and seq across pages so
 * that long chains are checked in batches.
 */
export function verifyEvents(
  events: readonly StoredEvent[],
  prev: { hash: string; seq: number },
): ChainCheck & { last: { hash: string; seq: number } } {
  let last = prev;
  let checked = 0;
  for (const e of events) {
    if (e.prevHash !== last.hash) {
      const gap = e.seq !== last.seq + 1 ? ` (seq jumps from ${last.seq} to ${e.seq})` : '';
      return {
        ok: false,
        checked,
        firstBadSeq: e.seq,
        problem: `event ${e.seq} does not follow event ${last.seq}: an event was deleted or inserted before it${gap}`,
        last,
      };
    }
    const { prevHash: _p, hash, ...content } = e;
    if (eventHash(e.prevHash, content) !== hash) {
      return {
        ok: false,
        checked,
        firstBadSeq: e.seq,
        problem: `event ${e.seq} was altered after it was written`,
        last,
      };
    }
    last = { hash: e.hash, seq: e.seq };
    checked++;
  }
  return { ok: true, checked, firstBadSeq: null, problem: null, last };
}
