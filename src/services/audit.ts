/**
 * Writing and reading the audit trail. `record` runs inside the caller's transaction, so an
 * event exists exactly when its change does. A transaction-scoped advisory lock orders
 * concurrent writers so the chain stays linear.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lte, or, isNull, sql, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditVerification } from '../contracts/audit';
import type { DbOrTx, Tx } from '../db/client';
import { auditEvents, auditHead } from '../db/schema';
import { eventHash, GENESIS_HASH, type StoredEvent, verifyEvents } from '../domain/audit-chain';
import { forbidden } from '../domain/errors';
import { type Actor, canReadAudit, internalScope } from '../domain/policies';
import { verifyCheckpoints } from './audit-checkpoints';
import type { Ctx } from './context';

const AUDIT_LOCK = 727002;

export interface AuditInput {
  action: string;
  entityType: AuditEvent['entityType'];
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  /** The party whose internal data this event is about; null when both may read it. */
  partyScope?: string | null;
}

/** Appends events for one transaction (one lock, one head update). */
export async function recordAudit(tx: Tx, actor: Actor, inputs: AuditInput | AuditInput[], now = new Date()) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const head = await tx.select().from(auditHead).where(eq(auditHead.id, 1));
  let prev: { seq: number; hash: string } = head[0] ?? { seq: 0, hash: GENESIS_HASH };
  const rows: (typeof auditEvents.$inferInsert)[] = [];
  const occurredAt = now.toISOString();
  for (const input of list) {
    const content = {
      seq: prev.seq + 1,
      id: randomUUID(),
      occurredAt,
      actorId: actor.userId,
      actorLabel: actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      partyScope: input.partyScope ?? null,
      requestId: actor.requestId ?? null,
      before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
      after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
    };
    const hash = eventHash(prev.hash, content);
    rows.push({ ...content, occurredAt: new Date(occurredAt), prevHash: prev.hash, hash });
    prev = { seq: content.seq, hash };
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditEvents).values(rows.slice(i, i + 1000));
  await tx
    .insert(auditHead)
    .values({ id: 1, seq: prev.seq, hash: prev.hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq: prev.seq, hash: prev.hash } });
}

type Row = typeof auditEvents.$inferSelect;

export function presentAuditEvent(r: Row): AuditEvent {
  return {
    seq: r.seq,
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    entityType: r.entityType as AuditEvent['entityType'],
    entityId: r.entityId,
    requestId: r.requestId,
    before: r.before ?? null,
    after: r.after ?? null,
    hash: r.hash,
  };
}

function toStored(r: Row): StoredEvent {
  return {
    ...presentAuditEvent(r),
    partyScope: r.partyScope,
    before: r.before ?? null,
    after: r.after ?? null,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** Events an actor may read: party-scoped events only for that party (and admins). */
export function auditVisibility(actor: Actor): SQL | undefined {
  const scope = internalScope(actor);
  if (scope === 'all') return undefined;
  if (scope === null) return isNull(auditEvents.partyScope);
  return or(isNull(auditEvents.partyScope), eq(auditEvents.partyScope, scope));
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  limit: number;
}

export async function findAuditEvents(ctx: Ctx, actor: Actor, f: AuditFilter) {
  if (!canReadAudit(actor)) throw forbidden('Only administrators read the audit trail');
  const where = and(
    f.entityType ? eq(auditEvents.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditEvents.entityId, f.entityId) : undefined,
    f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.from ? gte(auditEvents.occurredAt, new Date(f.from)) : undefined,
    f.to ? lte(auditEvents.occurredAt, new Date(f.to)) : undefined,
  );
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.seq))
      .limit(f.limit)
      .offset((f.page - 1) * f.limit),
    ctx.db.$count(auditEvents, where),
  ]);
  return { data: rows.map(presentAuditEvent), page: f.page, limit: f.limit, total };
}

/** The history of one entity, newest first, filtered to what the actor may read. */
export async function entityHistory(
  db: DbOrTx,
  actor: Actor,
  entityType: string,
  entityId: string,
  limit = 200,
) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId), auditVisibility(actor)),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
  return rows.map(presentAuditEvent);
}

/** Recomputes the whole chain in batches; reports the first altered, inserted or deleted event. */
export async function verifyAuditChain(db: DbOrTx, batch = 5000): Promise<AuditVerification> {
  let last = { hash: GENESIS_HASH, seq: 0 };
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, last.seq))
      .orderBy(asc(auditEvents.seq))
      .limit(batch);
    if (rows.length === 0) break;
    const r = verifyEvents(rows.map(toStored), last);
    checked += r.checked;
    if (!r.ok) return { ok: false, checked, firstBadSeq: r.firstBadSeq, problem: r.problem };
    last = r.last;
  }
  const head = (await db.select().from(auditHead).where(eq(auditHead.id, 1)))[0];
  if (head && (head.seq !== last.seq || head.hash !== last.hash)) {
    return {
      ok: false,
      checked,
      firstBadSeq: last.seq + 1,
      problem: `the chain ends at event ${last.seq} but event ${head.seq} was written: the newest events were deleted or altered`,
    };
  }
  if (!head && checked > 0) {
    return { ok: false, checked, firstBadSeq: null, problem: 'the chain head record is missing' };
  }
  const signed = await verifyCheckpoints(db, last);
  if (!signed.ok) return { ok: false, checked, firstBadSeq: signed.firstBadSeq, problem: signed.problem };
  return { ok: true, checked, firstBadSeq: null, problem: null };
}
