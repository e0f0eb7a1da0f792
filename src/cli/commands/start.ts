/** `accord start`: the whole system on one port. */
import type { Command } from 'commander';
import { runServer } from '../../server/start';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'Start Accord: the embedded PostgreSQL (unless DATABASE_URL is set), migrations, demo data on first start, the API and the web app',
    )
    .option('--no-web-build', 'do not build the web app even when the build is missing or stale')
    .action(async (opts: { webBuild: boolean }) => {
      await runServer({ buildWeb: opts.webBuild });
    });
}
