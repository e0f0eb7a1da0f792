/**
 * The background jobs: their names, schedules and handlers. Every handler is idempotent (the
 * period schedule takes rows SKIP LOCKED, period generation skips what exists, reminders have
 * dedupe keys, delivery takes rows SKIP LOCKED), so a retry or a second run changes nothing.
 */
import { eq } from 'drizzle-orm';
import { roadmaps } from '../../db/schema';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { type Ctx, today } from '../context';
import { mutate } from '../core/mutate';
import { deliverDigests, deliverPending, type MailSettings } from '../mail/deliver';
import { sendReminders } from '../notifications/reminders';
import { addMissingPeriods, applyPeriodSchedule } from '../periods';

/** The job names (pg-boss queues). */
export const JOBS = {
  periodSchedule: 'periods-schedule',
  periodGeneration: 'periods-generate',
  reminders: 'notifications-reminders',
  digest: 'notifications-digest',
  deliver: 'notifications-deliver',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** When the scheduled jobs run (cron, in `timeZone`). */
export interface JobSchedules {
  remindersCron: string;
  digestCron: string;
  timeZone: string;
}

/** A job: its schedule (none: only on request) and what it does. */
export interface JobDefinition {
  name: JobName;
  cron?: string;
  run(): Promise<unknown>;
}

/** Adds the missing periods of every approved roadmap (each under its row lock). */
export async function generateAllPeriods(ctx: Ctx): Promise<number> {
  const approved = await ctx.db
    .select({ id: roadmaps.id })
    .from(roadmaps)
    .where(eq(roadmaps.status, 'approved'));
  let added = 0;
  for (const { id } of approved) {
    added += await mutate(ctx, SYSTEM_ACTOR, async (tx, audit) => {
      const [r] = await tx.select().from(roadmaps).where(eq(roadmaps.id, id)).for('update');
      return r?.status === 'approved' ? addMissingPeriods(tx, r, today(ctx), audit) : 0;
    });
  }
  return added;
}

/** Every job of the system with its handler bound to `ctx` and the mail settings. */
export function jobDefinitions(ctx: Ctx, mail: MailSettings, s: JobSchedules): JobDefinition[] {
  return [
    { name: JOBS.periodSchedule, cron: '5 * * * *', run: () => applyPeriodSchedule(ctx, ctx.now()) },
    { name: JOBS.periodGeneration, cron: '10 0 * * *', run: () => generateAllPeriods(ctx) },
    { name: JOBS.reminders, cron: s.remindersCron, run: () => sendReminders(ctx, today(ctx)) },
    { name: JOBS.digest, cron: s.digestCron, run: () => deliverDigests(ctx, mail) },
    // on request after each commit that notified someone, and a sweep every few minutes
    { name: JOBS.deliver, cron: '*/5 * * * *', run: () => deliverPending(ctx, mail) },
  ];
}
