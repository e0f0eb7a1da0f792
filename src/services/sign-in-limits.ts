/**
 * Limits on password guessing (OWASP): failures are counted per (account, client address),
 * so a stranger cannot lock someone out from elsewhere, plus a larger count per address
 * against spraying one password over many accounts. The count and the decision are atomic:
 * under an advisory lock per key the attempt is counted *before* the password is checked,
 * so a burst of concurrent guesses gets exactly the allowed number of checks.
 */
import { isIP } from 'node:net';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { signInAttempts } from '../db/schema';
import { AppError } from '../domain/errors';
import type { Ctx } from './context';

/** Failed attempts allowed per (e-mail, address) and per address within the window. */
export const SIGN_IN_LIMITS = { perAccountAndIp: 10, perIp: 50, windowMinutes: 15 } as const;

// Advisory-lock namespaces (the first key of the two-key form), apart from the audit's.
const PAIR_LOCK = 727101;
const IP_LOCK = 727102;

/**
 * The address a limit counts by: an IPv4 address as it is (also when written IPv4-mapped),
 * an IPv6 address by its /64, the block one subscriber gets, so that walking through the
 * addresses of one's own network does not reset the count.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  const bare = ip.split('%')[0];
  if (isIP(bare) !== 6 || bare.includes('.')) return ip;
  const [head, tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** An attempt that was admitted and counted as a failure until `settle` says otherwise. */
export interface Attempt {
  id: number;
}

interface Counts {
  pair: number;
  ip: number;
  pairOldest: Date | null;
  ipOldest: Date | null;
}

function tooMany(ctx: Ctx, oldest: Date | null): AppError {
  const windowMs = SIGN_IN_LIMITS.windowMinutes * 60_000;
  const waitMs = oldest ? oldest.getTime() + windowMs - ctx.now().getTime() : windowMs;
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'rate_limited',
    `Too many failed sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    [{ path: '', message: `retry after ${seconds} seconds` }],
    { 'retry-after': String(seconds) },
  );
}

/**
 * Admits one password check for `email` from `ip`, or throws 429 (with Retry-After) when
 * either limit is reached. The admitted attempt is stored as a failure at once; a success
 * turns it into one with `settle`. A success also restarts the count of its (e-mail,
 * address) pair, as the person has proven who they are.
 */
export async function admitAttempt(ctx: Ctx, email: string, clientIp: string): Promise<Attempt> {
  const ip = addressKey(clientIp);
  const now = ctx.now();
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  return ctx.db.transaction(async (tx) => {
    // Always the pair first, then the address: no two attempts wait on each other in a cycle.
    await tx.execute(sql`select pg_advisory_xact_lock(${PAIR_LOCK}, hashtext(${`${email} ${ip}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${IP_LOCK}, hashtext(${ip}))`);
    const r = await tx.execute<{
      pair: number;
      ip: number;
      pair_oldest: string | null;
      ip_oldest: string | null;
    }>(sql`
      with last_ok as (
        -- A success older than the window precedes every failure counted anyway.
        select coalesce(max(id), 0) as id from ${signInAttempts}
        where email = ${email} and ip = ${ip} and succeeded and at > ${since.toISOString()}
      )
      select
        count(*) filter (where email = ${email} and id > (select id from last_ok))::int as pair,
        count(*)::int as ip,
        min(at) filter (where email = ${email} and id > (select id from last_ok)) as pair_oldest,
        min(at) as ip_oldest
      from ${signInAttempts}
      where ip = ${ip} and not succeeded and at > ${since.toISOString()}`);
    const row = r.rows[0];
    const c: Counts = {
      pair: row.pair,
      ip: row.ip,
      pairOldest: row.pair_oldest ? new Date(row.pair_oldest) : null,
      ipOldest: row.ip_oldest ? new Date(row.ip_oldest) : null,
    };
    if (c.pair >= SIGN_IN_LIMITS.perAccountAndIp) throw tooMany(ctx, c.pairOldest);
    if (c.ip >= SIGN_IN_LIMITS.perIp) throw tooMany(ctx, c.ipOldest);
    const [a] = await tx
      .insert(signInAttempts)
      .values({ email, ip, succeeded: false, at: now })
      .returning({ id: signInAttempts.id });
    return { id: a.id };
  });
}

/** Marks an admitted attempt as successful: it no longer counts against either limit. */
export async function settleSuccess(db: DbOrTx, attempt: Attempt): Promise<void> {
  await db.execute(sql`update ${signInAttempts} set succeeded = true where id = ${attempt.id}`);
}
