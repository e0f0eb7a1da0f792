/**
 * The jobs queue and e-mail with real parts: pg-boss on the test database, a real SMTP server
 * on 127.0.0.1. Mail arrives in the recipient's language with a link on ACCORD_PUBLIC_URL; a
 * refusing server is retried with back-off and the message arrives once; and two server
 * instances on one database send every reminder exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { notificationPreferences, notifications, periods, users } from '../../db/schema';
import { isoToday } from '../../domain/measures';
import { addDays } from '../../domain/periods';
import { runServer } from '../../server/start';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { buildJointMeasure, buildQuarter, submitReport } from '../../test/monitoring';
import { startSmtp } from '../../test/smtp';
import { deliverDigests, deliverPending } from '../mail/deliver';
import { createMailer } from '../mail/transport';
import { JOBS } from './registry';
import { startJobs } from './runner';

const PUBLIC = 'https://accord.example.org';
const FAST = { pollingSeconds: 0.5, cronCheckSeconds: 1, retryDelaySeconds: 1, debounceSeconds: 1 };
const quiet = () => {};
const open: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const c of open.reverse()) await c.close().catch(() => {});
});

async function world() {
  const t = await createTestDatabase();
  open.push(t);
  const w = await buildWorld(t.ctx);
  const p = await buildQuarter(t.ctx, w);
  const m = await buildJointMeasure(t.ctx, w);
  return { t, w, periodId: p.id, measureId: m.id };
}

const submit = (t: TestDatabase, w: World, measureId: string, periodId: string, side: 'kz' | 'ru' = 'kz') =>
  submitReport(t.ctx, w, measureId, periodId, side);

describe('e-mail delivery', () => {
  it('sends each notification in its recipient’s language, with a link to the item', async () => {
    const smtp = await startSmtp();
    open.push(smtp);
    const { t, w, periodId, measureId } = await world();
    await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, w.ru.coordinator.id));
    await submit(t, w, measureId, periodId, 'kz'); // the KZ coordinator reads Russian
    await submit(t, w, measureId, periodId, 'ru'); // the RU coordinator chose English
    const mailer = createMailer(smtp.url)!;
    const r = await deliverPending(t.ctx, { mailer, publicUrl: PUBLIC, log: quiet });
    mailer.close();
    expect(r).toMatchObject({ sent: 2, failed: 0 });
    const [ru, en] = smtp.messages;
    expect(ru.to).toEqual([w.kz.coordinator.email]);
    expect(ru.subject).toMatch(/^Отчёт по мероприятию .+ за 2026-Q2 направлен вам на утверждение$/);
    expect(ru.text).toContain(`Открыть: ${PUBLIC}/measures/${measureId}`);
    expect(ru.html).toContain(`href="${PUBLIC}/measures/${measureId}"`);
    expect(ru.html).toContain('lang="ru"');
    expect(en.to).toEqual([w.ru.coordinator.email]);
    expect(en.subject).toMatch(/^A report on measure .+ for 2026-Q2 was submitted for your approval$/);
    expect(en.text).toContain(`Open: ${PUBLIC}/measures/${measureId}`);
    const rows = await t.db.select().from(notifications);
    expect(rows.map((n) => n.emailState)).toEqual(['sent', 'sent']);
    // a second pass sends nothing again
    expect(
      await deliverPending(t.ctx, { mailer: createMailer(smtp.url), publicUrl: PUBLIC, log: quiet }),
    ).toMatchObject({ sent: 0 });
  });

  it('collects the notifications of a user who chose the digest into one e-mail', async () => {
    const smtp = await startSmtp();
    open.push(smtp);
    const { t, w, periodId, measureId } = await world();
    await t.db
      .insert(notificationPreferences)
      .values({ userId: w.kz.coordinator.id, kind: 'report_submitted', enabled: true, email: 'digest' });
    const other = await buildJointMeasure(t.ctx, w, ['kz']);
    await submit(t, w, measureId, periodId);
    await submit(t, w, other.id, periodId);
    await submit(t, w, measureId, periodId, 'ru'); // the RU coordinator gets it at once
    const mailer = createMailer(smtp.url)!;
    const s = { mailer, publicUrl: PUBLIC, log: quiet };
    expect(await deliverPending(t.ctx, s)).toMatchObject({ sent: 1 });
    expect(await deliverDigests(t.ctx, s)).toMatchObject({ sent: 2 });
    expect(await deliverDigests(t.ctx, s)).toMatchObject({ sent: 0 });
    mailer.close();
    expect(smtp.messages).toHaveLength(2);
    const digest = smtp.messages[1];
    expect(digest.to).toEqual([w.kz.coordinator.email]);
    expect(digest.subject).toBe('«Accord»: 2 новых уведомления');
    expect(digest.text).toContain(`${PUBLIC}/measures/${measureId}`);
    expect(digest.text).toContain(`${PUBLIC}/measures/${other.id}`);
    expect(digest.html.match(/<li>/g)).toHaveLength(2);
  });

  it('skips mail without SMTP_URL, logging it, and nothing fails', async () => {
    const { t, w, periodId, measureId } = await world();
    await submit(t, w, measureId, periodId);
    const logged: string[] = [];
    const r = await deliverPending(t.ctx, { mailer: null, log: (m) => logged.push(m) });
    expect(r).toMatchObject({ sent: 0, skipped: 1 });
    expect(logged.join()).toMatch(/SMTP_URL/);
    expect((await t.db.select().from(notifications))[0].emailState).toBe('skipped');
  });

  it('retries a refusing SMTP server with back-off in the queue, then delivers once', async () => {
    const smtp = await startSmtp({ refuseFirst: 2 });
    open.push(smtp);
    const { t, w, periodId, measureId } = await world();
    const mailer = createMailer(smtp.url)!;
    const jobs = await startJobs({
      ctx: t.ctx,
      url: t.url,
      mail: { mailer, publicUrl: PUBLIC, log: quiet },
      schedules: { remindersCron: '0 6 * * *', digestCron: '0 18 * * *', timeZone: 'Asia/Almaty' },
      timing: { ...FAST, retryLimit: 4 },
      onError: quiet,
    });
    open.push({
      close: async () => {
        await jobs.stop();
        mailer.close();
      },
    });
    const started = Date.now();
    await submit(t, w, measureId, periodId); // the commit asks for delivery; the request does not wait
    expect(Date.now() - started).toBeLessThan(1000);
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.attempts).toBe(3);
    const [n] = await t.db.select().from(notifications);
    expect(n).toMatchObject({ emailState: 'sent', emailAttempts: 3 });
  });
});

describe('two server instances on one database', () => {
  it('send every reminder exactly once', async () => {
    const smtp = await startSmtp();
    open.push(smtp);
    const today = isoToday(new Date());
    const t = await createTestDatabase({ now: new Date() });
    open.push(t);
    const w = await buildWorld(t.ctx);
    await t.db.update(users).set({ locale: 'kk' }).where(eq(users.id, w.kz.reporter.id));
    const m = await buildMeasure(t.ctx, {
      roadmapId: w.roadmap.id,
      responsible: [
        { organisationId: w.kz.agency.id, role: 'lead' },
        { organisationId: w.ru.agency.id, role: 'co_executor' },
      ],
    });
    await t.db.insert(periods).values([
      {
        roadmapId: w.roadmap.id,
        code: '2026-08',
        startDate: '2026-08-01',
        endDate: '2026-08-31',
        reportDueDate: addDays(today, -3),
      },
      {
        roadmapId: w.roadmap.id,
        code: '2026-09',
        startDate: '2026-09-01',
        endDate: '2026-09-30',
        reportDueDate: addDays(today, 1),
      },
      {
        roadmapId: w.roadmap.id,
        code: '2026-10',
        startDate: '2026-10-01',
        endDate: '2026-10-31',
        reportDueDate: addDays(today, 7),
      },
    ]);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-jobs-'));
    open.push({ close: async () => rmSync(dataDir, { recursive: true, force: true }) });
    const config = loadConfig({
      DATABASE_URL: t.url,
      PORT: '0',
      ACCORD_DEMO: '0',
      ACCORD_DATA_DIR: dataDir,
      ACCORD_ADMIN_PASSWORD: 'a long admin password',
      LOG_LEVEL: 'silent',
      ACCORD_ARGON2_COST: 'test',
      SMTP_URL: smtp.url,
      ACCORD_PUBLIC_URL: PUBLIC,
      // every minute, so the schedule itself fires during the test
      ACCORD_REMINDERS_CRON: '* * * * *',
    });
    const start = () =>
      runServer({ config, buildWeb: false, handleSignals: false, output: { out: quiet }, jobTiming: FAST });
    const a = await start();
    open.push(a);
    const b = await start();
    open.push(b);
    // and both are asked at once, as two schedulers racing would
    await Promise.all([a.triggerJob(JOBS.reminders), b.triggerJob(JOBS.reminders)]);
    // due in 7 days and tomorrow: the two reporters; overdue: the reporters and both coordinators
    const expected = 2 + 2 + 4;
    await smtp.waitFor(expected, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const seen = smtp.messages.map((x) => `${x.to.join()} ${x.subject}`);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    const kz = smtp.messages.filter((x) => x.to[0] === w.kz.reporter.email).map((x) => x.subject);
    expect(kz).toHaveLength(3);
    expect(kz.join('\n')).toMatch(/іс-шарасы бойынша 2026-10 есебін 7 күннен кейін/);
    const ruCoord = smtp.messages.filter((x) => x.to[0] === w.ru.coordinator.email);
    expect(ruCoord.map((x) => x.subject)).toEqual([expect.stringMatching(/за 2026-08 просрочен/)]);
    expect(ruCoord[0].text).toContain(`${PUBLIC}/measures/${m.id}`);
    const rows = await t.db.select().from(notifications);
    expect(rows).toHaveLength(expected);
    expect(rows.every((n) => n.emailState === 'sent' && n.emailAttempts === 1)).toBe(true);
  });
});
