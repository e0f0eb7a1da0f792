/**
 * Reading and verifying the audit trail. Events are written by `mutate` (core/mutate.ts) in
 * the transaction of their change and sealed into the hash chain by audit-seal.ts.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditVerification } from '../contracts/audit';
import type { Db, DbOrTx } from '../db/client';
import { auditEvents, auditHead, users } from '../db/schema';
import { GENESIS_HASH, type StoredEvent, verifyEvents } from '../domain/audit-chain';
import { forbidden } from '../domain/errors';
import { type Actor, canReadAudit, internalScope } from '../domain/policies';
import { chainedContent, sealAudit } from './audit-seal';
import { verifyCheckpoints } from './audit-checkpoints';
import type { Ctx } from './context';

export type { AuditInput } from './core/mutate';

type Row = typeof auditEvents.$inferSelect;

export function presentAuditEvent(r: Row, who?: Map<string, Who>): AuditEvent {
  const actor = r.actorId ? who?.get(r.actorId) : undefined;
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
    actorName: actor?.name ?? null,
    actorOrganisationId: actor?.organisationId ?? null,
  };
}

type Who = { name: string; organisationId: string | null };

/** The names and organisations of the people who acted in `rows`, in one query. */
async function actorsOf(db: DbOrTx, rows: Row[]): Promise<Map<string, Who>> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: users.id, name: users.name, organisationId: users.organisationId })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, { name: u.name, organisationId: u.organisationId }]));
}

async function presentAll(db: DbOrTx, rows: Row[]): Promise<AuditEvent[]> {
  const who = await actorsOf(db, rows);
  return rows.map((r) => presentAuditEvent(r, who));
}

function toStored(r: Row): StoredEvent {
  return { ...chainedContent(r, r.seq!), prevHash: r.prevHash!, hash: r.hash! };
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
  // what has committed is shown with its chain position (a sealer busy elsewhere is not waited for)
  await sealAudit(ctx.db);
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
      .orderBy(desc(auditEvents.pos))
      .limit(f.limit)
      .offset((f.page - 1) * f.limit),
    ctx.db.$count(auditEvents, where),
  ]);
  return { data: await presentAll(ctx.db, rows), page: f.page, limit: f.limit, total };
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
    .orderBy(desc(auditEvents.pos))
    .limit(limit);
  return presentAll(db, rows);
}

/**
 * Seals what has committed, then recomputes the whole chain in batches; reports the first
 * altered, inserted or deleted event. The secretariat's (and the operator's) check.
 */
export async function verifyAuditChain(ctx: Ctx, actor: Actor): Promise<AuditVerification> {
  if (!canReadAudit(actor)) throw forbidden('forbidden.auditVerify');
  await sealAudit(ctx.db, { wait: true });
  return verifySealed(ctx.db);
}

async function verifySealed(db: Db, batch = 5000): Promise<AuditVerification> {
  let last = { hash: GENESIS_HASH, seq: 0 };
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(isNotNull(auditEvents.seq), gt(auditEvents.seq, last.seq)))
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
