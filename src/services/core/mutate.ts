/**
 * The one way to write: `mutate` opens a transaction, hands the use case an audit collector,
 * and records every collected event in the same transaction just before it commits, so a
 * change and its audit event exist together or not at all, and no write can forget its event.
 *
 * Recording takes no lock: events are inserted unsealed, and the hash chain is sealed in
 * commit order by `sealAudit` (see ../audit-seal.ts) right after, so writes of different
 * roadmaps never wait for each other behind one global lock.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditEvent } from '../../contracts/audit';
import type { AuditAction } from '../../contracts/audit-actions';
import type { DbOrTx, Tx } from '../../db/client';
import { auditEvents } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import { requestSeal } from '../audit-seal';
import type { Ctx } from '../context';
import { notificationStatements, notifyFromEvents } from '../notifications/fan-out';
import { requestDelivery } from '../notifications/outbox';

export interface AuditInput {
  action: AuditAction;
  entityType: AuditEvent['entityType'];
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  /** The party whose internal data this event is about; null when both may read it. */
  partyScope?: string | null;
  /** Who acted, when it is not the transaction's actor (signing out: the session's user). */
  actor?: Actor;
}

/** Collects the events of one transaction. */
export interface AuditLog {
  record(events: AuditInput | readonly AuditInput[]): void;
}

const CHUNK = 1000;
/** Events per statement of a large batch (an import's thousands of creations). */
const BATCH_CHUNK = 2000;

/** A batch's events as the insert reads them: one JSON text, no parameter per field. */
const eventRows = (actor: Actor, part: readonly AuditInput[]) =>
  JSON.stringify(
    part.map(({ actor: who = actor, ...e }) => ({
      i: randomUUID(),
      a: who.userId,
      l: who.label,
      c: e.action,
      t: e.entityType,
      e: e.entityId,
      p: e.partyScope ?? null,
      r: who.requestId ?? null,
      // what jsonb keeps of them is what the sealer hashes later, read back from the row
      b: e.before ?? null,
      f: e.after ?? null,
    })),
  );

/** The INSERT of `part`'s events as one JSON text read by `json_to_recordset` in its order. */
const insertEventsSql = (actor: Actor, part: readonly AuditInput[], now: Date) => sql`
  insert into ${auditEvents} (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id,
    party_scope, request_id, before, after)
  select x.i, ${now.toISOString()}::timestamptz, x.a, x.l, x.c, x.t, x.e, x.p, x.r, x.b, x.f
  from rows from (json_to_recordset(${eventRows(actor, part)}::json) as (i uuid, a uuid, l text, c text, t text,
    e uuid, p uuid, r text, b jsonb, f jsonb)) with ordinality as x(i, a, l, c, t, e, p, r, b, f, n)
  order by x.n`;

/**
 * Inserts events unsealed (no chain position yet): one statement per few thousand events (the
 * chain seals by `pos`, so their order is kept), the next chunk's text made while PostgreSQL
 * writes this one.
 */
export async function insertAuditEvents(tx: DbOrTx, actor: Actor, events: readonly AuditInput[], now: Date) {
  let next = insertEventsSql(actor, events.slice(0, BATCH_CHUNK), now);
  for (let i = 0; i < events.length; i += BATCH_CHUNK) {
    // a native promise: a Drizzle query runs again on every `then`
    const writing = Promise.resolve(tx.execute(next));
    writing.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled
    await new Promise((r) => setImmediate(r));
    if (i + BATCH_CHUNK < events.length)
      next = insertEventsSql(actor, events.slice(i + BATCH_CHUNK, i + 2 * BATCH_CHUNK), now);
    await writing;
  }
}

/**
 * The notifications and the events of one transaction in one statement (one round trip on
 * the hot path of every write): each notification INSERT a data-modifying CTE, then the
 * events' INSERT; answers how many notifications were added.
 */
async function recordOnce(tx: Tx, actor: Actor, events: readonly AuditInput[], now: Date): Promise<number> {
  const notify = notificationStatements(actor, events);
  const insert = insertEventsSql(actor, events, now);
  if (notify.length === 0) {
    await tx.execute(insert);
    return 0;
  }
  const ctes = notify.map((s, i) => sql`${sql.raw(`n${i}`)} as (${s} returning 1)`);
  const counted = sql.join(
    notify.map((_, i) => sql.raw(`(select count(*) from n${i})`)),
    sql` + `,
  );
  const res = await tx.execute<{ notified: number }>(
    sql`with ${sql.join(ctes, sql`, `)}, events as (${insert} returning 1) select (${counted})::int as notified`,
  );
  return Number(res.rows[0]?.notified ?? 0);
}

/** How many times a transaction is tried when PostgreSQL aborts it to break a deadlock. */
export const MUTATE_ATTEMPTS = 4;

/** The SQLSTATE inside a (Drizzle-wrapped) error, if any. */
function sqlState(e: unknown): string | undefined {
  for (
    let c = e as { code?: unknown; cause?: unknown } | undefined, i = 0;
    c && i < 5;
    c = c.cause as never, i++
  )
    if (typeof c.code === 'string') return c.code;
  return undefined;
}

/**
 * A deadlock (40P01) or serialization failure (40001): PostgreSQL rolled the whole
 * transaction back and nothing of it stands, so running it again is safe and is what the
 * user asked for. Writes of one roadmap meet on the trigger-kept sums (summary_parts,
 * reporting_counts), which a transaction touches in several statements (a report, then its
 * measure, then each ancestor's roll-up), so two of them can each hold a row the other needs
 * next; the detector aborts one of them.
 */
export const isRetryable = (e: unknown) => {
  const code = sqlState(e);
  return code === '40P01' || code === '40001';
};

/**
 * Runs `work` in one transaction with an audit log; the events it records are written before
 * the commit, with the notifications they call for (an outbox: nothing is told of a rolled-back
 * change). After the commit the chain sealer is asked to seal them and, when someone was
 * notified, the e-mail delivery job is asked for.
 *
 * A transaction aborted by a deadlock or a serialization failure is run again from the start
 * (up to MUTATE_ATTEMPTS times, after a short random pause), with a fresh audit log, so the
 * change is still all or nothing and audited once. `work` must therefore be safe to run again:
 * its effects outside the database are undone by its caller when it fails (evidence.ts).
 */
export async function mutate<T>(
  ctx: Ctx,
  actor: Actor,
  work: (tx: Tx, audit: AuditLog) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mutateOnce(ctx, actor, work);
    } catch (e) {
      if (attempt >= MUTATE_ATTEMPTS || !isRetryable(e)) throw e;
      // apart, so the two that met do not meet again at once
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

async function mutateOnce<T>(
  ctx: Ctx,
  actor: Actor,
  work: (tx: Tx, audit: AuditLog) => Promise<T>,
): Promise<T> {
  let recorded = 0;
  let notified = 0;
  const result = await ctx.db.transaction(async (tx) => {
    const events: AuditInput[] = [];
    const audit: AuditLog = {
      record: (e) => {
        if (Array.isArray(e)) events.push(...e);
        else events.push(e as AuditInput);
      },
    };
    const out = await work(tx, audit);
    if (events.length > 0 && events.length <= CHUNK)
      notified = await recordOnce(tx, actor, events, ctx.now());
    else if (events.length > 0) {
      notified = await notifyFromEvents(tx, actor, events);
      await insertAuditEvents(tx, actor, events, ctx.now());
    }
    recorded = events.length;
    return out;
  });
  if (recorded > 0) requestSeal(ctx.db);
  if (notified > 0) requestDelivery(ctx.db);
  return result;
}
