/** `accord jobs`: the background jobs queue, newest first; `--state failed` for the failures. */
import type { Command } from 'commander';
import { JobQuery } from '../../contracts/notifications';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { listJobs } from '../../services/jobs/list';
import { intOption, parseInput, printJson, say, withSystem } from './common';

/** Registers `accord jobs`. */
export function registerJobs(program: Command): void {
  program
    .command('jobs')
    .description(
      'List the background jobs (period schedule, reminders, digests, e-mail delivery), newest first; a failed job has used up its retries',
    )
    .option(
      '--state <state>',
      'only jobs in this state: created, retry, active, completed, cancelled, failed',
    )
    .option('--limit <n>', 'how many (default 50)')
    .option('--json', 'print the jobs as JSON')
    .action(async (opts: { state?: string; limit?: string; json?: boolean }) => {
      const q = parseInput(JobQuery, {
        state: opts.state,
        limit: intOption('--limit', opts.limit, 1, 200) ?? 50,
      });
      const page = await withSystem(({ ctx }) => listJobs(ctx, SYSTEM_ACTOR, q));
      if (opts.json) return printJson(page);
      if (page.data.length === 0) return say(opts.state ? `no ${opts.state} jobs` : 'no jobs');
      for (const j of page.data) {
        say(`${j.createdAt}  ${j.name}  ${j.state}  attempts ${j.attempts}/${j.retryLimit + 1}  ${j.data}`);
        if (j.lastError) say(`    last error: ${j.lastError}`);
      }
      if (page.total > page.data.length) say(`(${page.data.length} of ${page.total})`);
    });
}
