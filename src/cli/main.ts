/**
 * The `accord` command line: `accord <command> --help` explains each. Errors print one clear
 * message (with field details) and exit non-zero; `--json` prints machine-readable output.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config';
import { AppError } from '../domain/errors';
import { registerCommands } from './commands';
import { type CliIo, io, processIo, withIo } from './io';

/** Prints an error the way every command does and returns the exit code. */
export function reportError(e: unknown, out: CliIo = io()): number {
  if (e instanceof ConfigError) {
    out.stderr(`accord: ${e.message}\n`);
    return 2;
  }
  if (e instanceof AppError) {
    out.stderr(`accord: ${e.message}\n`);
    for (const d of e.details)
      if (d.path || d.message !== e.message) out.stderr(`  ${d.path || '(input)'}: ${d.message}\n`);
    return 1;
  }
  if (e instanceof CommanderError) return e.exitCode || 1;
  out.stderr(`accord: ${e instanceof Error ? e.message : String(e)}\n`);
  if (out.env.ACCORD_DEBUG === '1' && e instanceof Error) out.stderr(`${e.stack}\n`);
  return 1;
}

/**
 * The program with every command. Help and usage errors go to the current run's IO, and
 * commander throws instead of exiting, so a run in-process never ends the process.
 */
export function buildProgram(): Command {
  const program = new Command()
    .name('accord')
    .description('Accord: plans and monitors the implementation of intergovernmental agreements')
    .configureOutput({ writeOut: (t) => io().stdout(t), writeErr: (t) => io().stderr(t) })
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/** Runs one command line (`argv` as process.argv: node, script, args…) and returns its exit code. */
export function runCli(argv: string[], cliIo: CliIo = processIo()): Promise<number> {
  return withIo(cliIo, async () => {
    try {
      await buildProgram().parseAsync(argv);
      return cliIo.exitCode ?? 0;
    } catch (e) {
      if (
        e instanceof CommanderError &&
        (e.code === 'commander.helpDisplayed' || e.code === 'commander.version')
      ) {
        return 0;
      }
      return reportError(e, cliIo);
    }
  });
}

/** The `accord` binary: runs `argv` on the process's streams and sets its exit code. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await runCli(argv);
}
