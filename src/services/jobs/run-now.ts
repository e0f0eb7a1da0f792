/**
 * Running a job now, on an admin's request (`POST /api/v1/jobs/{name}/run`): the reminders
 * after reopening a period, the digest, a delivery sweep. The runner of this process registers
 * itself here; without one (the CLI, API tests) the request is refused with 409.
 */
import { AppError, notFound } from '../../domain/errors';
import { msg } from '../../contracts/messages';
import type { Db } from '../../db/client';
import { canReadJobs } from '../../domain/notification-policies';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { authorize } from '../core/authorize';
import { JOBS } from './registry';

const runners = new WeakMap<Db, (name: string) => Promise<string | null>>();
const NAMES = new Set<string>(Object.values(JOBS));

/** Registers how this process runs a job on `db`; returns the unregistering function. */
export function registerRunner(db: Db, run: (name: string) => Promise<string | null>): () => void {
  runners.set(db, run);
  return () => {
    if (runners.get(db) === run) runners.delete(db);
  };
}

/** Queues job `name` now (admin); answers the new job's id. */
export async function runJobNow(ctx: Ctx, actor: Actor, name: string): Promise<{ id: string | null }> {
  authorize(canReadJobs(actor), 'forbidden.jobs');
  if (!NAMES.has(name)) throw notFound('record');
  const run = runners.get(ctx.db);
  if (!run) throw new AppError('conflict', msg('jobs.notRunning'));
  return { id: await run(name) };
}
