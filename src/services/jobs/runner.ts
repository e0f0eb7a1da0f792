/**
 * The jobs queue of one server instance: pg-boss on the system's database (its own schema
 * `pgboss`, created by pg-boss at start), a queue and a worker per job, the cron schedules,
 * and the delivery trigger `mutate` pulls after a commit that notified someone.
 *
 * Exactly once across instances: pg-boss lets one instance per cron interval turn a schedule
 * into a job (a guarded timestamp in `pgboss.version`, and a singleton per minute slot), and
 * a job is fetched by one worker (SKIP LOCKED); the handlers are idempotent besides.
 */
import PgBoss from 'pg-boss';
import type { Ctx } from '../context';
import type { MailSettings } from '../mail/deliver';
import { onNotificationsWritten } from '../notifications/outbox';
import { JOBS, type JobSchedules, jobDefinitions } from './registry';
import { registerRunner } from './run-now';

/** How fast the queue moves; tests make it quick. */
export interface JobTiming {
  /** How often each worker looks for work. */
  pollingSeconds: number;
  /** How often an instance checks the schedules (pg-boss: 1–45). */
  cronCheckSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** How long after a commit the delivery job waits, so a burst of writes sends one batch. */
  debounceSeconds: number;
}

export const DEFAULT_TIMING: JobTiming = {
  pollingSeconds: 2,
  cronCheckSeconds: 30,
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  debounceSeconds: 2,
};

/** A started runner: the pg-boss instance (to send jobs) and a graceful stop. */
export interface JobsRunner {
  boss: PgBoss;
  /** Requests a job now (an admin action, a test); answers its id, or null when a duplicate. */
  trigger(name: string): Promise<string | null>;
  stop(): Promise<void>;
}

/** Starts the queue on `url`: queues, schedules and one worker per job. */
export async function startJobs(opts: {
  ctx: Ctx;
  url: string;
  mail: MailSettings;
  schedules: JobSchedules;
  timing?: Partial<JobTiming>;
  onError: (e: unknown) => void;
}): Promise<JobsRunner> {
  const t = { ...DEFAULT_TIMING, ...opts.timing };
  const boss = new PgBoss({
    connectionString: opts.url,
    schema: 'pgboss',
    application_name: 'accord-jobs',
    max: 4,
    cronMonitorIntervalSeconds: t.cronCheckSeconds,
    cronWorkerIntervalSeconds: Math.max(1, t.pollingSeconds),
    clockMonitorIntervalSeconds: 600,
  });
  boss.on('error', opts.onError);
  await boss.start();
  const retry = { retryLimit: t.retryLimit, retryDelay: t.retryDelaySeconds, retryBackoff: t.retryBackoff };
  const defs = jobDefinitions(opts.ctx, opts.mail, opts.schedules);
  for (const d of defs) {
    await boss.createQueue(d.name, { name: d.name, policy: 'standard', ...retry });
    // a queue made by an older start keeps its options unless updated
    await boss.updateQueue(d.name, { name: d.name, policy: 'standard', ...retry });
    if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: opts.schedules.timeZone, ...retry });
    else await boss.unschedule(d.name);
  }
  // Every queue exists now, so the delivery trigger can be pulled; it is registered before any
  // worker runs, or notifications written by the first job would wait for the next sweep.
  const unregister = onNotificationsWritten(opts.ctx.db, () => {
    boss.sendDebounced(JOBS.deliver, {}, retry, t.debounceSeconds).catch(opts.onError);
  });
  for (const d of defs) {
    await boss.work(d.name, { pollingIntervalSeconds: t.pollingSeconds, batchSize: 1 }, async () => {
      await d.run();
    });
  }
  // at start the period schedule runs (as its hourly timer did) and the reminders catch up on a
  // day the server was down at their hour; both are idempotent, and one start per minute is enough
  for (const name of [JOBS.periodSchedule, JOBS.reminders])
    await boss.send(name, {}, { ...retry, singletonKey: 'start', singletonSeconds: 60 });
  const trigger = (name: string) => boss.send(name, {}, retry);
  const unregisterRunner = registerRunner(opts.ctx.db, trigger);
  return {
    boss,
    trigger,
    async stop() {
      unregister();
      unregisterRunner();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
