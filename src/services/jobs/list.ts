/**
 * The jobs of the queue for admins (`GET /api/v1/jobs`, `accord jobs`): pg-boss's live table
 * and its archive, newest first, with a data summary from which secrets are removed.
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Job, JobQuery } from '../../contracts/notifications';
import { canReadJobs } from '../../domain/notification-policies';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';

const SECRET = /pass|secret|token|key|auth|cookie/i;

/** The job's input as a short line, secret-looking fields masked. */
export function summariseData(data: unknown): string {
  if (data === null || data === undefined) return '';
  const text = JSON.stringify(data, (k, v) => (k && SECRET.test(k) ? '***' : v));
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

interface JobRow extends Record<string, unknown> {
  id: string;
  name: string;
  state: Job['state'];
  data: unknown;
  retry_count: number;
  retry_limit: number;
  error: string | null;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A page of jobs, optionally in one state; empty before the queue ever started. */
export async function listJobs(ctx: Ctx, actor: Actor, q: z.output<typeof JobQuery>) {
  authorize(canReadJobs(actor), 'forbidden.jobs');
  const empty = { data: [] as Job[], page: q.page, limit: q.limit, total: 0 };
  const installed = await ctx.db.execute<{ t: string | null }>(
    sql`select to_regclass('pgboss.job')::text as t`,
  );
  if (!installed.rows[0]?.t) return empty;
  const state = q.state ? sql`and state = ${q.state}::pgboss.job_state` : sql``;
  const cols = sql`id, name, state::text, data, retry_count, retry_limit,
    (case when state in ('failed', 'retry') then coalesce(output->>'message', output::text) end) as error,
    created_on, started_on, completed_on`;
  const all = sql`select ${cols} from pgboss.job where name not like '\\_\\_pgboss%' ${state}
                  union all select ${cols} from pgboss.archive where name not like '\\_\\_pgboss%' ${state}`;
  const [rows, count] = await Promise.all([
    ctx.db.execute<JobRow>(
      sql`select * from (${all}) j order by created_on desc, id limit ${q.limit} offset ${(q.page - 1) * q.limit}`,
    ),
    ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (${all}) j`),
  ]);
  return {
    ...empty,
    total: count.rows[0].n,
    data: rows.rows.map(
      (r): Job => ({
        id: r.id,
        name: r.name,
        state: r.state,
        data: summariseData(r.data),
        attempts: r.state === 'created' ? 0 : r.retry_count + 1,
        retryLimit: r.retry_limit,
        lastError: r.error ? r.error.slice(0, 1000) : null,
        createdAt: iso(r.created_on)!,
        startedAt: iso(r.started_on),
        completedAt: iso(r.completed_on),
      }),
    ),
  };
}
