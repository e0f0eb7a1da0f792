/**
 * Audit checkpoints: the hash chain proves that no event was altered in the middle, but
 * whoever can write `audit_events` and `audit_head` could cut the newest events and rewind
 * the head. A checkpoint signs the head (seq, hash) with HMAC-SHA256 under a key that is
 * not in the database, so a chain that no longer reaches, or no longer matches, a signed
 * head is detected. This module reads only `audit_head` and `audit_events.seq/hash`, so it
 * holds whatever way the chain is sealed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { asc, eq, gt } from 'drizzle-orm';
import { type Config, loadConfig } from '../config';
import type { DbOrTx } from '../db/client';
import { auditCheckpoints, auditEvents, auditHead } from '../db/schema';
import { forbidden } from '../domain/errors';
import { type Actor, canReadAudit, SYSTEM_ACTOR } from '../domain/policies';
import type { Ctx } from './context';

/** The name of the generated key file in the data directory. */
export const AUDIT_KEY_FILE = 'audit.key';
/** How often a running server signs the chain head. */
export const CHECKPOINT_EVERY_MS = 10 * 60_000;
const MIN_KEY_LENGTH = 32;
const BATCH = 1000;

/** A signed chain head, as the CLI prints it. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  createdAt: string;
  mac: string;
}

/** What the checkpoints say about a chain that verified up to `chainEnd`. */
export type CheckpointVerdict =
  | { ok: true; checkpoints: number; newestSeq: number | null }
  | { ok: false; firstBadSeq: number | null; problem: string };

function readKeyFile(file: string): Buffer {
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(`the audit key file ${file} holds fewer than ${MIN_KEY_LENGTH} characters`);
  }
  // Like ssh with a private key: a key others can read signs nothing they could not forge.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new Error(`the audit key file ${file} is readable by other users: run chmod 600 on it`);
  }
  return Buffer.from(key, 'utf8');
}

/**
 * The signing key: ACCORD_AUDIT_KEY when set, otherwise `<data dir>/audit.key`, generated on
 * first use with mode 0600 (with DATABASE_URL too, so one host keeps one key).
 */
export function loadAuditKey(config: Pick<Config, 'auditKey' | 'dataDir'>): Buffer {
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
  const file = path.join(config.dataDir, AUDIT_KEY_FILE);
  try {
    return readKeyFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // 'wx': when two processes start at once, the first key written wins and both read it.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return readKeyFile(file);
}

let activeKey: Buffer | null = null;
let keySource: () => Buffer = () => loadAuditKey(loadConfig());

/**
 * Sets the key this process signs and checks with: a key, or the configuration to load it
 * from when first needed (so a verify of a trail without checkpoints never touches it).
 */
export function setAuditKey(source: Buffer | Pick<Config, 'auditKey' | 'dataDir'>): void {
  if (Buffer.isBuffer(source)) {
    activeKey = source;
  } else {
    activeKey = null;
    keySource = () => loadAuditKey(source);
  }
}

function currentKey(): Buffer {
  activeKey ??= keySource();
  return activeKey;
}

function macOf(key: Buffer, seq: number, hash: string, createdAt: Date): string {
  return createHmac('sha256', key)
    .update(`accord-audit-checkpoint/v1\n${seq}\n${hash}\n${createdAt.toISOString()}`)
    .digest('hex');
}

function macMatches(key: Buffer, row: typeof auditCheckpoints.$inferSelect): boolean {
  const want = Buffer.from(macOf(key, row.seq, row.hash, row.createdAt), 'hex');
  const got = Buffer.from(row.mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
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
export async function createAuditCheckpoint(
  ctx: Ctx,
  actor: Actor,
  key: Buffer = currentKey(),
): Promise<AuditCheckpoint | null> {
  if (!canReadAudit(actor)) throw forbidden('Only administrators sign the audit trail');
  const [head] = await ctx.db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) return null;
  const createdAt = ctx.now();
  const [made] = await ctx.db
    .insert(auditCheckpoints)
    .values({ seq: head.seq, hash: head.hash, createdAt, mac: macOf(key, head.seq, head.hash, createdAt) })
    .onConflictDoNothing({ target: auditCheckpoints.seq })
    .returning();
  if (made) return present(made);
  const [existing] = await ctx.db.select().from(auditCheckpoints).where(eq(auditCheckpoints.seq, head.seq));
  return present(existing);
}

/**
 * Holds the chain, verified up to `chainEnd`, against every checkpoint: each signature must
 * be valid with the key, the event at a checkpoint's seq must have exactly the signed hash,
 * and the chain must reach the newest checkpoint.
 */
export async function verifyCheckpoints(
  db: DbOrTx,
  chainEnd: { seq: number },
  key?: Buffer,
): Promise<CheckpointVerdict> {
  let after = -1;
  let count = 0;
  let signingKey = key;
  for (;;) {
    const rows = await db
      .select({ checkpoint: auditCheckpoints, eventHash: auditEvents.hash })
      .from(auditCheckpoints)
      .leftJoin(auditEvents, eq(auditEvents.seq, auditCheckpoints.seq))
      .where(gt(auditCheckpoints.seq, after))
      .orderBy(asc(auditCheckpoints.seq))
      .limit(BATCH);
    if (rows.length === 0) break;
    if (!signingKey) {
      try {
        signingKey = currentKey();
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        return { ok: false, firstBadSeq: null, problem: `the checkpoints cannot be checked: ${why}` };
      }
    }
    for (const { checkpoint: c, eventHash } of rows) {
      const signed = `the checkpoint of ${c.createdAt.toISOString()} (event ${c.seq})`;
      if (!macMatches(signingKey, c)) {
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
    }
    count += rows.length;
    after = rows[rows.length - 1].checkpoint.seq;
  }
  return { ok: true, checkpoints: count, newestSeq: count > 0 ? after : null };
}

/**
 * Signs the chain head now (resolving once it is signed) and every `everyMs` while the server runs; `stop()` (at graceful
 * shutdown) signs it one last time. A failed signing is logged and retried at the next tick.
 */
export async function startAuditCheckpoints(
  ctx: Ctx,
  key: Buffer,
  opts: { everyMs?: number; onError?: (e: unknown) => void } = {},
): Promise<{ stop(): Promise<void> }> {
  setAuditKey(key);
  let running: Promise<unknown> = Promise.resolve();
  // One signing at a time: a slow one is never overtaken by the next tick.
  const tick = () => {
    running = running
      .then(() => createAuditCheckpoint(ctx, SYSTEM_ACTOR, key))
      .catch((e) => opts.onError?.(e));
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
