/**
 * Audit checkpoints: the hash chain proves that no event was altered in the middle, but
 * whoever can write `audit_events` and `audit_head` could cut the newest events and rewind
 * the head. A checkpoint signs the head (seq, hash) with HMAC-SHA256 under a key that is
 * not in the database, so a chain that no longer reaches, or no longer matches, a signed
 * head is detected; the newest checkpoint is also kept on the host (see audit-keystore.ts),
 * so deleting the checkpoint rows as well does not hide the cut. This module reads only
 * `audit_head` and `audit_events.seq/hash`, so it holds whatever way the chain is sealed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditCheckpoints, auditEvents, auditHead } from '../db/schema';
import { forbidden } from '../domain/errors';
import { type Actor, canReadAudit, SYSTEM_ACTOR } from '../domain/policies';
import {
  type AuditCheckpoint,
  currentAuditKey,
  readWitness,
  recordWitness,
  witnessFile,
} from './audit-keystore';
import { sealAudit } from './audit-seal';
import type { Ctx } from './context';

export type { AuditCheckpoint } from './audit-keystore';

/** How often a running server signs the chain head. */
export const CHECKPOINT_EVERY_MS = 10 * 60_000;
const BATCH = 1000;

/** What the checkpoints say about a chain that verified up to `chainEnd`. */
export type CheckpointVerdict =
  | { ok: true; checkpoints: number; newestSeq: number | null }
  | { ok: false; firstBadSeq: number | null; problem: string };

type Failure = Extract<CheckpointVerdict, { ok: false }>;

function macOf(key: Buffer, seq: number, hash: string, createdAt: Date): string {
  return createHmac('sha256', key)
    .update(`accord-audit-checkpoint/v1\n${seq}\n${hash}\n${createdAt.toISOString()}`)
    .digest('hex');
}

function macMatches(key: Buffer, c: AuditCheckpoint): boolean {
  const want = Buffer.from(macOf(key, c.seq, c.hash, new Date(c.createdAt)), 'hex');
  const got = Buffer.from(c.mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * One checkpoint against the chain: a valid signature, the chain reaching its event, and
 * that event having the signed hash (`eventHash` null: no such event).
 */
function judge(
  key: Buffer,
  c: AuditCheckpoint,
  eventHash: string | null,
  chainEnd: { seq: number },
  where: string,
): Failure | null {
  const signed = `the checkpoint of ${c.createdAt} (event ${c.seq})${where}`;
  if (!macMatches(key, c)) {
    return {
      ok: false,
      firstBadSeq: c.seq,
      problem: `${signed} has an invalid signature: it was forged or altered, or ACCORD_AUDIT_KEY is not the key it was signed with`,
    };
  }
  if (c.seq > chainEnd.seq || eventHash === null) {
    return {
      ok: false,
      firstBadSeq: Math.min(c.seq, chainEnd.seq + 1),
      problem: `the chain ends at event ${chainEnd.seq} but ${signed} signed event ${c.seq}: the newest events were deleted`,
    };
  }
  if (eventHash !== c.hash) {
    return {
      ok: false,
      firstBadSeq: c.seq,
      problem: `event ${c.seq} does not have the hash ${signed} signed: the events up to it were altered or replaced`,
    };
  }
  return null;
}

const present = (r: typeof auditCheckpoints.$inferSelect): AuditCheckpoint => ({
  seq: r.seq,
  hash: r.hash,
  createdAt: r.createdAt.toISOString(),
  mac: r.mac,
});

/**
 * Signs the current chain head (administrators and the system). Returns the checkpoint,
 * the existing one when the head has not moved since, or null for an empty trail.
 */
export async function createAuditCheckpoint(ctx: Ctx, actor: Actor): Promise<AuditCheckpoint | null> {
  if (!canReadAudit(actor)) throw forbidden('forbidden.auditVerify');
  // sign the chain as far as it has committed
  await sealAudit(ctx.db, { wait: true });
  const [head] = await ctx.db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) return null;
  const key = currentAuditKey();
  const createdAt = ctx.now();
  const [made] = await ctx.db
    .insert(auditCheckpoints)
    .values({ seq: head.seq, hash: head.hash, createdAt, mac: macOf(key, head.seq, head.hash, createdAt) })
    .onConflictDoNothing({ target: auditCheckpoints.seq })
    .returning();
  const [row] = made
    ? [made]
    : await ctx.db.select().from(auditCheckpoints).where(eq(auditCheckpoints.seq, head.seq));
  const c = present(row);
  recordWitness(c);
  return c;
}

/** The key, or the failure to report when it cannot be had. */
function keyOrFailure(): Buffer | Failure {
  try {
    return currentAuditKey();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, firstBadSeq: null, problem: `the checkpoints cannot be checked: ${why}` };
  }
}

/** The witness kept on this host, checked like a checkpoint row. */
async function judgeWitness(
  db: DbOrTx,
  chainEnd: { seq: number },
  key: () => Buffer | Failure,
): Promise<Failure | null> {
  let w: AuditCheckpoint | null;
  try {
    w = readWitness();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      firstBadSeq: null,
      problem: `the checkpoint kept outside the database cannot be read: ${why}`,
    };
  }
  if (!w) return null;
  const k = key();
  if (!Buffer.isBuffer(k)) return k;
  const [event] = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.seq, w.seq));
  const bad = judge(k, w, event?.hash ?? null, chainEnd, `, kept in ${witnessFile()}`);
  if (bad?.problem.endsWith('the newest events were deleted')) {
    bad.problem += ` (after restoring an older backup on purpose, delete that file)`;
  }
  return bad;
}

/**
 * Holds the chain, verified up to `chainEnd`, against every checkpoint and the witness this
 * host keeps: each signature must be valid with the key, the event at a checkpoint's seq must
 * have exactly the signed hash, and the chain must reach the newest checkpoint.
 */
export async function verifyCheckpoints(db: DbOrTx, chainEnd: { seq: number }): Promise<CheckpointVerdict> {
  let key: Buffer | Failure | null = null;
  const signingKey = () => {
    key ??= keyOrFailure();
    return key;
  };
  let after = -1;
  let count = 0;
  for (;;) {
    const rows = await db
      .select({ checkpoint: auditCheckpoints, eventHash: auditEvents.hash })
      .from(auditCheckpoints)
      .leftJoin(auditEvents, eq(auditEvents.seq, auditCheckpoints.seq))
      .where(gt(auditCheckpoints.seq, after))
      .orderBy(asc(auditCheckpoints.seq))
      .limit(BATCH);
    if (rows.length === 0) break;
    const k = signingKey();
    if (!Buffer.isBuffer(k)) return k;
    for (const { checkpoint, eventHash } of rows) {
      const bad = judge(k, present(checkpoint), eventHash, chainEnd, '');
      if (bad) return bad;
    }
    count += rows.length;
    after = rows[rows.length - 1].checkpoint.seq;
  }
  const bad = await judgeWitness(db, chainEnd, signingKey);
  if (bad) return bad;
  return { ok: true, checkpoints: count, newestSeq: count > 0 ? after : null };
}

/**
 * Signs the chain head now (resolving once it is signed) and every `everyMs` while the
 * server runs, with the key set by `setAuditKey`; `stop()` (at graceful shutdown) signs it
 * one last time. A failed signing is reported and retried at the next tick.
 */
export async function startAuditCheckpoints(
  ctx: Ctx,
  opts: { everyMs?: number; onError?: (e: unknown) => void } = {},
): Promise<{ stop(): Promise<void> }> {
  let running: Promise<unknown> = Promise.resolve();
  // One signing at a time: a slow one is never overtaken by the next tick.
  const tick = () => {
    running = running.then(() => createAuditCheckpoint(ctx, SYSTEM_ACTOR)).catch((e) => opts.onError?.(e));
    return running;
  };
  await tick();
  const timer = setInterval(tick, opts.everyMs ?? CHECKPOINT_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
