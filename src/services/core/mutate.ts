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

/** Inserts events unsealed (no chain position yet), in chunks. */
export async function insertAuditEvents(tx: DbOrTx, actor: Actor, events: readonly AuditInput[], now: Date) {
  if (events.length === 0) return;
  const rows = events.map(({ actor: who = actor, ...e }) => ({
    id: randomUUID(),
    occurredAt: now,
    actorId: who.userId,
    actorLabel: who.label,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    partyScope: e.partyScope ?? null,
    requestId: who.requestId ?? null,
    // a JSON round trip now, so that what is hashed later is exactly what jsonb keeps
    before: e.before === undefined ? null : JSON.parse(JSON.stringify(e.before)),
    after: e.after === undefined ? null : JSON.parse(JSON.stringify(e.after)),
  }));
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(auditEvents).values(rows.slice(i, i + CHUNK));
}

const json = (x: unknown) => (x === undefined || x === null ? null : JSON.stringify(x));

/**
 * The notifications and the events of one transaction in one statement (one round trip on
 * the hot path of every write): each notification INSERT a data-modifying CTE, then the
 * events' INSERT; answers how many notifications were added.
 */
async function recordOnce(tx: Tx, actor: Actor, events: readonly AuditInput[], now: Date): Promise<number> {
  const notify = notificationStatements(actor, events);
  const values = sql.join(
    events.map(({ actor: who = actor, ...e }) => {
      return sql`(${randomUUID()}::uuid, ${now.toISOString()}::timestamptz, ${who.userId}::uuid, ${who.label},
        ${e.action}, ${e.entityType}, ${e.entityId}::uuid, ${e.partyScope ?? null}::uuid, ${who.requestId ?? null},
        ${json(e.before)}::jsonb, ${json(e.after)}::jsonb)`;
    }),
    sql`, `,
  );
  const insert = sql`insert into ${auditEvents} (id, occurred_at, actor_id, actor_label, action, entity_type,
    entity_id, party_scope, request_id, before, after) values ${values}`;
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

/**
 * Runs `work` in one transaction with an audit log; the events it records are written before
 * the commit, with the notifications they call for (an outbox: nothing is told of a rolled-back
 * change). After the commit the chain sealer is asked to seal them and, when someone was
 * notified, the e-mail delivery job is asked for.
 */
export async function mutate<T>(
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
