/**
 * The `accord` command line: `accord <command> --help` explains each. Errors print one clear
 * message (with field details) and exit non-zero; `--json` prints machine-readable output.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config';
import { AppError } from '../domain/errors';
import { registerCommands } from './commands';

/** Prints an error the way every command does and returns the exit code. */
export function reportError(e: unknown): number {
  if (e instanceof ConfigError) {
    process.stderr.write(`accord: ${e.message}\n`);
    return 2;
  }
  if (e instanceof AppError) {
    process.stderr.write(`accord: ${e.message}\n`);
    for (const d of e.details)
      if (d.path || d.message !== e.message) process.stderr.write(`  ${d.path || '(input)'}: ${d.message}\n`);
    return 1;
  }
  if (e instanceof CommanderError) return e.exitCode || 1;
  process.stderr.write(`accord: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.ACCORD_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 1;
}

export function buildProgram(): Command {
  const program = new Command()
    .name('accord')
    .description('Accord: plans and monitors the implementation of intergovernmental agreements')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    if (
      e instanceof CommanderError &&
      (e.code === 'commander.helpDisplayed' || e.code === 'commander.version')
    ) {
      process.exitCode = 0;
      return;
    }
    process.exitCode = reportError(e);
  }
}
