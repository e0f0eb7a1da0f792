/**
 * E-mail delivery, run by the jobs queue: pending notifications are taken FOR UPDATE SKIP
 * LOCKED (so two instances never send one twice), sent in the recipient's language and
 * marked sent. A refused message stays pending with its attempt counted and the job fails,
 * so pg-boss retries it with back-off; after MAX_ATTEMPTS it is marked failed. Without
 * SMTP_URL messages are marked skipped and logged. Requests never wait for any of this.
 */
import { sql } from 'drizzle-orm';
import type { Locale } from '../../contracts/enums';
import type { NotificationKind } from '../../contracts/notifications';
import type { Tx } from '../../db/client';
import { SYSTEM_ACTOR } from '../../domain/policies';
import type { Ctx } from '../context';
import { mutate } from '../core/mutate';
import { digestMail, notificationMail } from './templates';
import type { Mailer, MailMessage } from './transport';

/** How many times one notification's e-mail is tried before it is marked failed. */
export const MAX_ATTEMPTS = 5;
const BATCH = 200;

/** What delivery needs: the mailer (null without SMTP_URL), the public address for links, a log. */
export interface MailSettings {
  mailer: Mailer | null;
  publicUrl?: string;
  log: (message: string) => void;
}

interface Row extends Record<string, unknown> {
  id: string;
  recipient_id: string;
  kind: NotificationKind;
  link: string;
  params: Record<string, unknown>;
  email: string;
  locale: Locale;
  disabled: boolean;
}

/** Thrown after a pass in which some messages were refused: the job is retried with back-off. */
export class DeliveryFailed extends Error {}

async function take(tx: Tx, state: 'pending' | 'digest'): Promise<Row[]> {
  const r = await tx.execute<Row>(sql`
    select n.id, n.recipient_id, n.kind, n.link, n.params, u.email, u.locale, u.disabled
    from notifications n join users u on u.id = n.recipient_id
    where n.email_state = ${state}::email_state
    order by n.created_at, n.id
    limit ${BATCH}
    for update of n skip locked`);
  return r.rows;
}

const ids = (xs: readonly { id: string }[]) => sql`${`{${xs.map((x) => x.id).join(',')}}`}::uuid[]`;

async function mark(
  tx: Tx,
  sent: Row[],
  skipped: Row[],
  failed: { row: Row; error: string }[],
  waitState: string,
) {
  if (sent.length)
    await tx.execute(sql`update notifications set email_state = 'sent', emailed_at = now(),
      email_attempts = email_attempts + 1, email_error = null where id = any(${ids(sent)})`);
  if (skipped.length)
    await tx.execute(sql`update notifications set email_state = 'skipped' where id = any(${ids(skipped)})`);
  for (const f of failed)
    await tx.execute(sql`update notifications set email_attempts = email_attempts + 1, email_error = ${f.error.slice(0, 500)},
      email_state = (case when email_attempts + 1 >= ${MAX_ATTEMPTS} then 'failed' else ${waitState} end)::email_state
      where id = ${f.row.id}`);
}

/** Sends each message; answers which were sent and which were refused. */
async function sendAll(mailer: Mailer, work: { rows: Row[]; mail: MailMessage }[]) {
  const sent: Row[] = [];
  const failed: { row: Row; error: string }[] = [];
  for (const w of work) {
    try {
      await mailer.send(w.mail);
      sent.push(...w.rows);
    } catch (e) {
      for (const row of w.rows) failed.push({ row, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { sent, failed };
}

/** One batch of the e-mails due now (`immediate`) or of the digest. */
function deliverBatch(ctx: Ctx, s: MailSettings, state: 'pending' | 'digest') {
  return mutate(ctx, SYSTEM_ACTOR, async (tx) => {
    const rows = await take(tx, state);
    const live = rows.filter((r) => !r.disabled);
    const skipped = s.mailer ? rows.filter((r) => r.disabled) : rows;
    if (!s.mailer) {
      if (rows.length) s.log(`mail is not configured (SMTP_URL): ${rows.length} e-mail(s) skipped`);
      await mark(tx, [], skipped, [], state);
      return { taken: rows.length, sent: 0, failed: 0, skipped: skipped.length };
    }
    let work: { rows: Row[]; mail: MailMessage }[];
    if (state === 'pending') {
      work = live.map((r) => ({ rows: [r], mail: notificationMail(r, r, s.publicUrl) }));
    } else {
      const byUser = new Map<string, Row[]>();
      for (const r of live) byUser.set(r.recipient_id, [...(byUser.get(r.recipient_id) ?? []), r]);
      work = [...byUser.values()].map((rs) => ({ rows: rs, mail: digestMail(rs[0], rs, s.publicUrl) }));
    }
    const { sent, failed } = await sendAll(s.mailer, work);
    await mark(tx, sent, skipped, failed, state);
    return { taken: rows.length, sent: sent.length, failed: failed.length, skipped: skipped.length };
  });
}

/** Delivers batch after batch until none is left; throws DeliveryFailed when some were refused. */
async function deliver(ctx: Ctx, s: MailSettings, state: 'pending' | 'digest') {
  const outcome = { sent: 0, failed: 0, skipped: 0 };
  for (;;) {
    const b = await deliverBatch(ctx, s, state);
    outcome.sent += b.sent;
    outcome.failed += b.failed;
    outcome.skipped += b.skipped;
    // a refused batch waits for the retry, with its back-off
    if (b.taken < BATCH || b.failed > 0) break;
  }
  if (outcome.failed > 0) throw new DeliveryFailed(`${outcome.failed} e-mail(s) were refused; retrying`);
  return outcome;
}

/** Sends the e-mails of notifications whose recipients want them at once. */
export const deliverPending = (ctx: Ctx, s: MailSettings) => deliver(ctx, s, 'pending');

/** Sends each user who chose the daily digest one e-mail with their notifications since the last one. */
export const deliverDigests = (ctx: Ctx, s: MailSettings) => deliver(ctx, s, 'digest');
