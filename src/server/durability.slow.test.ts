/**
 * Durability of the real thing: `accord start` on the embedded PostgreSQL in a temporary
 * data directory, killed with SIGKILL in the middle of a stream of writes. After a restart
 * on the same directory (which must clear the leftover postmaster by itself) every write
 * that was answered 2xx is there. SIGTERM, in turn, stops the server and PostgreSQL cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN = { email: 'durability@example.org', password: 'durable-password-2026' };
const START_TIMEOUT = 180_000;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `accord start` and resolves once it prints its address. */
async function startServer(dataDir: string, port: number): Promise<Server> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/accord.js'), 'start', '--no-web-build'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      ACCORD_DATA_DIR: dataDir,
      ACCORD_DEMO: '0',
      ACCORD_ADMIN_EMAIL: ADMIN.email,
      ACCORD_ADMIN_PASSWORD: ADMIN.password,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = await Promise.race([
    waitUntil(() => out.includes('Accord is running at'), START_TIMEOUT - 10_000),
    exited.then(() => false),
  ]);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`accord start did not come up:\n${out}`);
  }
  return { child, output: () => out, exited };
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return null;
  return Number(readFileSync(file, 'utf8').split('\n')[0]);
}

/** The fields of API answers this test reads. */
interface Answer {
  id: string;
  version: number;
  data: { id: string; title: { ru: string } }[];
  total: number;
  ok: boolean;
}

/** A tiny API client that keeps the session cookie. */
class Client {
  cookie = '';
  constructor(readonly base: string) {}

  async call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Answer }> {
    const res = await fetch(`${this.base}/api/v1${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async signIn() {
    const r = await this.call('POST', '/session', ADMIN);
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(r.body)}`);
  }

  async mustCreate(url: string, body: unknown): Promise<{ id: string; version: number }> {
    const r = await this.call('POST', url, body);
    if (r.status !== 201 && r.status !== 200)
      throw new Error(`POST ${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

describe('durability of acknowledged writes', () => {
  let dataDir: string;
  const started: Server[] = [];
  const postmasters = new Set<number>();

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-durability-'));
  });

  afterAll(async () => {
    // Only what this test started: its servers and the PostgreSQL they ran.
    for (const s of started)
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    const pm = dataDir ? postmasterPid(dataDir) : null;
    if (pm) postmasters.add(pm);
    for (const pid of postmasters) {
      if (isAlive(pid)) process.kill(pid, 'SIGINT');
      await waitUntil(() => !isAlive(pid), 15_000);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'keeps every 2xx write across a SIGKILL, and recovers the leftover PostgreSQL by itself',
    async () => {
      const port = await freePort();
      const first = await startServer(dataDir, port);
      started.push(first);
      const api = new Client(`http://127.0.0.1:${port}`);
      await api.signIn();
      const party = await api.mustCreate('/parties', {
        code: 'KZ',
        kind: 'state',
        name: { ru: 'Казахстан', kk: 'Қазақстан' },
      });
      const org = await api.mustCreate('/organisations', {
        partyId: party.id,
        kind: 'ministry',
        name: { ru: 'Министерство торговли', kk: 'Сауда және интеграция министрлігі' },
      });
      const roadmap = await api.mustCreate('/roadmaps', { title: { ru: 'Дорожная карта (проверка)' } });

      // Four writers create measures as fast as the server answers; the server is killed
      // once enough answers have come back, with requests still in flight.
      const acknowledged: { id: string; title: string }[] = [];
      let killed = false;
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          const title = `Мероприятие ${w}-${i}: өңірлік ынтымақтастық`;
          try {
            const r = await api.call('POST', '/measures', {
              roadmapId: roadmap.id,
              // Explicit codes: concurrent writers would otherwise race for the next free one.
              code: String(w * 2000 + i + 1),
              title: { ru: title },
              startDate: '2026-01-01',
              dueDate: '2027-06-30',
              completionForm: 'event_held',
              responsible: [{ organisationId: org.id, role: 'lead' }],
            });
            if (r.status === 201 || r.status === 200) acknowledged.push({ id: r.body.id, title });
            else if (!killed) throw new Error(`POST /measures: ${r.status} ${JSON.stringify(r.body)}`);
          } catch (e) {
            // After the kill, requests in flight fail: they were never acknowledged.
            if (!killed) throw e;
            return;
          }
        }
      };
      let writeError: unknown = null;
      const writers = [0, 1, 2, 3].map((w) =>
        writer(w).catch((e) => {
          writeError = e;
          killed = true;
        }),
      );
      await waitUntil(() => acknowledged.length >= 60 || killed, 120_000);
      expect(writeError).toBeNull();
      const pm = postmasterPid(dataDir);
      expect(pm).toBeTruthy();
      postmasters.add(pm!);
      killed = true;
      first.child.kill('SIGKILL');
      await first.exited;
      await Promise.all(writers);
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);

      // The owner is gone; PostgreSQL, a separate process, lives on with the lock files.
      expect(isAlive(pm!)).toBe(true);
      const second = await startServer(dataDir, port);
      started.push(second);
      expect(second.output()).toMatch(/stopping a PostgreSQL server left running by a previous start/);
      expect(isAlive(pm!)).toBe(false);
      const newPm = postmasterPid(dataDir);
      expect(newPm).not.toBe(pm);
      postmasters.add(newPm!);

      const after = new Client(`http://127.0.0.1:${port}`);
      await after.signIn();
      const stored = new Map<string, string>();
      for (let page = 1; ; page++) {
        const r = await after.call('GET', `/measures?roadmapId=${roadmap.id}&limit=500&page=${page}`);
        expect(r.status).toBe(200);
        for (const m of r.body.data) stored.set(m.id, m.title.ru);
        if (stored.size >= r.body.total || r.body.data.length === 0) break;
      }
      const lost = acknowledged.filter((a) => stored.get(a.id) !== a.title);
      expect(lost).toEqual([]);
      // Unacknowledged writes may or may not have committed; nothing else appeared.
      expect(stored.size).toBeLessThanOrEqual(acknowledged.length + 4);
      const audit = await after.call('GET', '/audit/verify');
      expect(audit.status).toBe(200);
      expect(audit.body).toMatchObject({ ok: true });

      // SIGTERM: requests drain, PostgreSQL stops, the process exits 0.
      second.child.kill('SIGTERM');
      const exit = await second.exited;
      expect(second.output()).toMatch(/stopped/);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(await waitUntil(() => !isAlive(newPm!), 5_000)).toBe(true);
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'accord.lock'))).toBe(false);
    },
    2 * START_TIMEOUT + 240_000,
  );
});
