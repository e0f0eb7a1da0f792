/**
 * The notifications API (list, unread count, read, read all, preferences) and the jobs API
 * and CLI: 401 → 400 → 403/404 → success, and a job that failed after its retries is shown
 * to admins with its last error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { startJobs } from '../../services/jobs/runner';
import { createMailer } from '../../services/mail/transport';
import { setUpTestApi } from '../../test/api';
import { buildJointMeasure, buildQuarter, submitReport } from '../../test/monitoring';
import { startSmtp, type TestSmtp } from '../../test/smtp';

const s = setUpTestApi(async ({ api, w }) => {
  const p = await buildQuarter(api.t.ctx, w);
  for (let i = 0; i < 3; i++) {
    const m = await buildJointMeasure(api.t.ctx, w, ['kz']);
    await submitReport(api.t.ctx, w, m.id, p.id);
  }
});

describe('GET /api/v1/notifications', () => {
  it('401 → 400 → the caller’s own, newest first, in their language, each with its link', async () => {
    const { api, cookie } = s;
    expect((await api.call('GET', '/api/v1/notifications')).statusCode).toBe(401);
    const bad = await api.call('GET', '/api/v1/notifications?unread=yes', { cookie: cookie.kzCoord });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('unread');
    const r = await api.call('GET', '/api/v1/notifications?limit=2', { cookie: cookie.kzCoord });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ page: 1, limit: 2, total: 3 });
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toMatchObject({ kind: 'report_submitted', readAt: null, entityType: 'report' });
    expect(body.data[0].title).toMatch(/^Отчёт по мероприятию .+ направлен вам на утверждение$/);
    expect(body.data[0].link).toMatch(/^\/measures\/[0-9a-f-]{36}$/);
    // the other party's coordinator and the reporter who submitted are told nothing
    for (const who of [cookie.ruCoord, cookie.kzRep, cookie.viewer]) {
      const other = await api.call('GET', '/api/v1/notifications', { cookie: who });
      expect(other.json().total).toBe(0);
      expect((await api.call('GET', '/api/v1/notifications/unread-count', { cookie: who })).json()).toEqual({
        count: 0,
      });
    }
  });
});

describe('reading notifications', () => {
  it('marks one read (the recipient only: others get 404), then all; the count follows', async () => {
    const { api, cookie } = s;
    const count = async () =>
      (await api.call('GET', '/api/v1/notifications/unread-count', { cookie: cookie.kzCoord })).json().count;
    expect((await api.call('GET', '/api/v1/notifications/unread-count')).statusCode).toBe(401);
    expect(await count()).toBe(3);
    const [first] = (await api.call('GET', '/api/v1/notifications', { cookie: cookie.kzCoord })).json().data;
    expect((await api.call('POST', `/api/v1/notifications/${first.id}/read`)).statusCode).toBe(401);
    const bad = await api.call('POST', '/api/v1/notifications/nope/read', { cookie: cookie.kzCoord });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('id');
    const foreign = await api.call('POST', `/api/v1/notifications/${first.id}/read`, {
      cookie: cookie.ruCoord,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    const ok = await api.call('POST', `/api/v1/notifications/${first.id}/read`, { cookie: cookie.kzCoord });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().readAt).not.toBeNull();
    expect(await count()).toBe(2);
    const unread = await api.call('GET', '/api/v1/notifications?unread=true', { cookie: cookie.kzCoord });
    expect(unread.json().data.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await api.call('POST', '/api/v1/notifications/read-all')).statusCode).toBe(401);
    const all = await api.call('POST', '/api/v1/notifications/read-all', { cookie: cookie.kzCoord });
    expect(all.json()).toEqual({ marked: 2 });
    expect(await count()).toBe(0);
  });
});

describe('/api/v1/me/notification-preferences', () => {
  it('401 → every kind on and immediate by default → 400 naming the field → saved', async () => {
    const { api, cookie } = s;
    expect((await api.call('GET', '/api/v1/me/notification-preferences')).statusCode).toBe(401);
    const initial = (
      await api.call('GET', '/api/v1/me/notification-preferences', { cookie: cookie.kzRep })
    ).json();
    expect(initial.data).toHaveLength(8);
    expect(
      initial.data.every((p: { enabled: boolean; email: string }) => p.enabled && p.email === 'immediate'),
    ).toBe(true);
    const put = (body: unknown) =>
      api.call('PUT', '/api/v1/me/notification-preferences', { cookie: cookie.kzRep, body });
    const wrong = await put({ data: [{ kind: 'report_due_7', enabled: true, email: 'weekly' }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('data.0.email');
    const twice = await put({
      data: [
        { kind: 'report_due_7', enabled: true, email: 'digest' },
        { kind: 'report_due_7', enabled: false, email: 'off' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].path).toBe('data');
    const ok = await put({
      data: [
        { kind: 'report_due_7', enabled: true, email: 'digest' },
        { kind: 'comment_mention', enabled: false, email: 'off' },
      ],
    });
    expect(ok.statusCode).toBe(200);
    const after = (
      await api.call('GET', '/api/v1/me/notification-preferences', { cookie: cookie.kzRep })
    ).json();
    expect(after.data).toContainEqual({ kind: 'report_due_7', enabled: true, email: 'digest' });
    expect(after.data).toContainEqual({ kind: 'comment_mention', enabled: false, email: 'off' });
    expect(after.data).toContainEqual({ kind: 'report_due_1', enabled: true, email: 'immediate' });
    // another user's preferences are untouched
    const theirs = (
      await api.call('GET', '/api/v1/me/notification-preferences', { cookie: cookie.kzCoord })
    ).json();
    expect(theirs.data).toContainEqual({ kind: 'report_due_7', enabled: true, email: 'immediate' });
  });
});

describe('POST /api/v1/jobs/{name}/run without a runner', () => {
  it('answers 409 where this process runs no queue (the CLI, these tests)', async () => {
    const r = await s.api.call('POST', '/api/v1/jobs/notifications-reminders/run', {
      cookie: s.cookie.admin,
      body: {},
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toBe('Очередь фоновых заданий в этом процессе сервера не запущена');
  });
});

describe('failed jobs', () => {
  let smtp: TestSmtp;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    // a server that refuses everything: delivery fails, is retried once, then fails for good
    smtp = await startSmtp({ refuseFirst: 1_000 });
    const mailer = createMailer(smtp.url)!;
    const jobs = await startJobs({
      ctx: s.api.t.ctx,
      url: s.api.t.url,
      mail: { mailer, log: () => {} },
      schedules: { remindersCron: '0 6 * * *', digestCron: '0 18 * * *', timeZone: 'Asia/Almaty' },
      timing: {
        pollingSeconds: 0.5,
        cronCheckSeconds: 1,
        retryLimit: 1,
        retryDelaySeconds: 1,
        retryBackoff: false,
      },
      onError: () => {},
    });
    stop = async () => {
      await jobs.stop();
      mailer.close();
      await smtp.close();
    };
    await jobs.trigger('notifications-deliver');
    const until = Date.now() + 15_000;
    for (;;) {
      const r = await s.api.call('GET', '/api/v1/jobs?state=failed', { cookie: s.cookie.admin });
      if (r.json().total > 0) break;
      if (Date.now() > until) throw new Error('no job failed in time');
      await new Promise((x) => setTimeout(x, 250));
    }
  }, 30_000);
  afterAll(() => stop?.());

  it('GET /api/v1/jobs: 401 → 400 → 403 for non-admins → the failed job with attempts and last error', async () => {
    const { api, cookie } = s;
    expect((await api.call('GET', '/api/v1/jobs?state=failed')).statusCode).toBe(401);
    const bad = await api.call('GET', '/api/v1/jobs?state=broken', { cookie: cookie.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('state');
    for (const who of [cookie.kzCoord, cookie.viewer]) {
      const r = await api.call('GET', '/api/v1/jobs?state=failed', { cookie: who });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    const r = await api.call('GET', '/api/v1/jobs?state=failed', { cookie: cookie.admin });
    expect(r.statusCode).toBe(200);
    const [job] = r.json().data;
    expect(job).toMatchObject({
      name: 'notifications-deliver',
      state: 'failed',
      attempts: 2,
      retryLimit: 1,
      data: '{}',
    });
    expect(job.lastError).toMatch(/refused/);
    expect(smtp.attempts).toBeGreaterThanOrEqual(2);
  });

  it('POST /api/v1/jobs/{name}/run: 401 → 403 → 404 for an unknown job → 202 queued', async () => {
    const { api, cookie } = s;
    const url = '/api/v1/jobs/notifications-digest/run';
    expect((await api.call('POST', url, { body: {} })).statusCode).toBe(401);
    expect((await api.call('POST', url, { cookie: cookie.kzCoord, body: {} })).statusCode).toBe(403);
    const unknown = await api.call('POST', '/api/v1/jobs/mine-bitcoin/run', {
      cookie: cookie.admin,
      body: {},
    });
    expect(unknown.statusCode).toBe(404);
    const ok = await api.call('POST', url, { cookie: cookie.admin, body: {} });
    expect(ok.statusCode).toBe(202);
    expect(ok.json().id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('`accord jobs --state failed` lists it, as text and as JSON', async () => {
    let out = '';
    const env = { ...process.env, DATABASE_URL: s.api.t.url, ACCORD_DEMO: '0' };
    const io = { env, stdout: (x: string) => (out += x), stderr: () => {} };
    expect(await runCli(['node', 'accord', 'jobs', '--state', 'failed'], io)).toBe(0);
    expect(out).toMatch(/notifications-deliver {2}failed {2}attempts 2\/2/);
    expect(out).toMatch(/last error: .*refused/);
    out = '';
    expect(await runCli(['node', 'accord', 'jobs', '--state', 'failed', '--json'], io)).toBe(0);
    expect(JSON.parse(out).data[0]).toMatchObject({ name: 'notifications-deliver', state: 'failed' });
    out = '';
    expect(
      await runCli(['node', 'accord', 'jobs', '--state', 'nonsense'], {
        ...io,
        stderr: (x: string) => (out += x),
      }),
    ).toBe(1);
    expect(out).toMatch(/state/);
  });
});
