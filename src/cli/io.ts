/**
 * Where a CLI run writes and what it reads: the process's streams and environment for the
 * `accord` binary, captured buffers for tests that run commands in-process. The current
 * run's IO travels in an AsyncLocalStorage, so concurrent in-process runs (tests run several
 * with Promise.all) never mix their output or exit codes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The outside world of one CLI run. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Set by a command that fails without throwing (`audit verify` on a broken chain). */
  exitCode?: number;
}

/** The real process: its streams, environment and exit code. */
export const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
});

const current = new AsyncLocalStorage<CliIo>();

/** The IO of the run in progress (the process's outside any run). */
export const io = (): CliIo => current.getStore() ?? processIo();

/** Runs `fn` with `cliIo` as the current IO. */
export const withIo = <T>(cliIo: CliIo, fn: () => Promise<T>): Promise<T> => current.run(cliIo, fn);

/** Marks the current run as failed with `code` without throwing. */
export function setExitCode(code: number): void {
  const store = current.getStore();
  if (store) store.exitCode = code;
  else process.exitCode = code;
}
