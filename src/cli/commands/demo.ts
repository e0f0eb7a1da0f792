/** `accord demo load` and `accord demo generate`: the declaration's demo dataset and synthetic benchmark data. */
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../domain/policies';
import { intOption, printJson, say, withSystem } from './common';

const summarise = (summary: object) =>
  Object.entries(summary)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');

/** Registers the `accord demo` commands. */
export function registerDemo(program: Command): void {
  const demo = program.command('demo').description('Demonstration and benchmark data');

  demo
    .command('load')
    .description(
      'Load the demo dataset (the 2025 Kazakhstan–Russia declaration with an illustrative roadmap and demo users) into an empty database',
    )
    .option('--password <password>', 'password for the demo users (default: accord-demo-2025)')
    .option('--json', 'print what was loaded as JSON')
    .action(async (opts: { password?: string; json?: boolean }) => {
      const summary = await withSystem(async ({ ctx }) => {
        const { loadDemo } = await import('../../seed/demo');
        return loadDemo(ctx, SYSTEM_ACTOR, { password: opts.password });
      });
      if (opts.json) return printJson(summary);
      say(`loaded the demo dataset: ${summarise(summary)}`);
    });

  demo
    .command('generate')
    .description(
      'Generate a large synthetic dataset (for benchmarks): a roadmap of N measures with responsible organisations and dates',
    )
    .requiredOption('--measures <n>', 'how many measures (1 to 1,000,000)')
    .option('--seed <seed>', 'random seed: the same seed gives the same dataset', '1')
    .option('--json', 'print what was generated as JSON')
    .action(async (opts: { measures: string; seed: string; json?: boolean }) => {
      const measures = intOption('--measures', opts.measures, 1, 1_000_000)!;
      const seed = intOption('--seed', opts.seed, 0, 2 ** 31 - 1)!;
      const started = Date.now();
      const summary = await withSystem(async ({ ctx }) => {
        const { generateDataset } = await import('../../seed/generate');
        return generateDataset(ctx, SYSTEM_ACTOR, { measures, seed });
      });
      if (opts.json) return printJson(summary);
      say(
        `generated ${summary.measures} measures in roadmap ${summary.roadmapId} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    });
}
