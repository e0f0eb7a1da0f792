/**
 * Sealing the audit chain. Writers insert events unsealed (core/mutate.ts) without any lock;
 * the sealer gives committed events their chain position (`seq`), the previous event's hash
 * and their own, in the order it finds them committed, and moves `audit_head` on. One sealer
 * runs at a time across all instances (an advisory lock); writes never wait for it.
 *
 * Tamper evidence is unchanged for sealed events: altering, inserting or deleting one breaks
 * the chain. An event is sealed within moments of its commit (each instance seals right after
 * its own writes and sweeps periodically), and verification seals everything committed first.
 */
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { auditEvents, auditHead } from '../db/schema';
import { type ChainedContent, eventHash, GENESIS_HASH } from '../domain/audit-chain';

const AUDIT_LOCK = 727002;

/** What the chain hashes of a stored event at position `seq`: the sealer and the verifier alike. */
export function chainedContent(r: typeof auditEvents.$inferSelect, seq: number): ChainedContent {
  return {
    seq,
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    partyScope: r.partyScope,
    requestId: r.requestId,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}
const BATCH = 2000;

/** Seals one batch; -1 when another sealer holds the lock and `wait` is false. */
async function sealBatch(db: Db, wait: boolean): Promise<number> {
  return db.transaction(async (tx) => {
    if (wait) await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
    else {
      const got = await tx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(${AUDIT_LOCK}) as ok`,
      );
      if (!got.rows[0].ok) return -1;
    }
    // the batch and the head in one round trip (the head rides on every row)
    const batch = await tx
      .select({ e: auditEvents, head: { seq: auditHead.seq, hash: auditHead.hash } })
      .from(auditEvents)
      .leftJoin(auditHead, eq(auditHead.id, 1))
      .where(isNull(auditEvents.seq))
      .orderBy(asc(auditEvents.pos))
      .limit(BATCH);
    if (batch.length === 0) return 0;
    const rows = batch.map((b) => b.e);
    const head = batch[0].head;
    let prev: { seq: number; hash: string } =
      head?.seq != null && head.hash != null
        ? { seq: head.seq, hash: head.hash }
        : { seq: 0, hash: GENESIS_HASH };
    const sealed = rows.map((r) => {
      const seq = prev.seq + 1;
      const hash = eventHash(prev.hash, chainedContent(r, seq));
      const out = { id: r.id, seq, prev: prev.hash, hash };
      prev = { seq, hash };
      return out;
    });
    // the seals and the new head in one statement
    await tx.execute(sql`
      with sealed as (
        update ${auditEvents} e set seq = x.seq, prev_hash = x.prev, hash = x.hash
        from json_to_recordset(${JSON.stringify(sealed)}::json) as x(id uuid, seq bigint, prev text, hash text)
        where e.id = x.id)
      insert into ${auditHead} (id, seq, hash) values (1, ${prev.seq}, ${prev.hash})
      on conflict (id) do update set seq = excluded.seq, hash = excluded.hash`);
    return rows.length;
  });
}

/**
 * Seals every committed event. With `wait` (verification, shutdown, tests) it waits for a
 * sealer running elsewhere; without, it leaves the work to that sealer. Returns how many it sealed.
 */
export async function sealAudit(db: Db, opts: { wait?: boolean } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealBatch(db, opts.wait ?? false);
    if (n <= 0) return total;
    total += n;
    if (n < BATCH) return total;
  }
}

/** How many committed events wait for their seal. */
export async function pendingSeals(db: DbOrTx): Promise<number> {
  return db.$count(auditEvents, isNull(auditEvents.seq));
}

/**
 * A short wait before sealing, so a burst of writes is sealed in one batch rather than many
 * (under load each seal round is a transaction of its own, so fewer rounds is less CPU).
 */
const SEAL_DELAY_MS = 50;

const state = new WeakMap<Db, { running: boolean; again: boolean }>();

/**
 * Asks for a seal soon, without waiting for it: requests that arrive while a seal runs are
 * folded into one more round, so a burst of writes is sealed in a few batches. Failures (a
 * closing pool in tests, a database restart) are left to the next seal or sweep.
 */
export function requestSeal(db: Db): void {
  let s = state.get(db);
  if (!s) {
    s = { running: false, again: false };
    state.set(db, s);
  }
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  const st = s;
  const run = () => {
    st.again = false;
    sealAudit(db)
      .catch(() => 0)
      .finally(() => {
        if (st.again) setTimeout(run, SEAL_DELAY_MS).unref();
        else st.running = false;
      });
  };
  setTimeout(run, SEAL_DELAY_MS).unref();
}
