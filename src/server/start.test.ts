/**
 * `accord start` in-process on a test database: what the console shows at LOG_LEVEL=info
 * (the banner with the one-time admin password, not a line per request) and at debug.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { runServer } from './start';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ now: new Date() });
});
afterAll(() => t.close());

/** Starts the server at `level`, makes a few requests, stops it; returns banner and log lines. */
async function startAndBrowse(level: string) {
  const banner: string[] = [];
  const log: string[] = [];
  const server = await runServer({
    config: loadConfig({ DATABASE_URL: t.url, PORT: '0', ACCORD_DEMO: '0', LOG_LEVEL: level }),
    buildWeb: false,
    handleSignals: false,
    output: { out: (m) => banner.push(m), log: { write: (l) => log.push(l) } },
  });
  let signIn = 0;
  try {
    const password = /with the password (\S+)/.exec(banner.join('\n'))?.[1];
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/session`)).status).toBe(401);
    if (password) {
      const r = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@accord.local', password }),
      });
      signIn = r.status;
    }
  } finally {
    await server.close();
  }
  return { banner: banner.join('\n'), log: log.map((l) => JSON.parse(l)), signIn };
}

describe('accord start', () => {
  it('shows the banner and the one-time admin password at info, and no line per request', async () => {
    const { banner, log, signIn } = await startAndBrowse('info');
    expect(banner).toMatch(/Accord is running at http:\/\/127\.0\.0\.1:\d+/);
    expect(banner).toMatch(/Sign in as admin@accord\.local with the password \S{12,}/);
    expect(signIn).toBe(200); // the password on screen is the admin's
    const messages = log.map((l) => l.msg);
    expect(messages).not.toContain('incoming request');
    expect(messages).not.toContain('request completed');
    expect(log.every((l) => l.level >= 30)).toBe(true);
    expect(log.length).toBeLessThanOrEqual(3); // "Server listening" lines only
  });

  it('logs every request at LOG_LEVEL=debug', async () => {
    const { banner, log } = await startAndBrowse('debug');
    expect(banner).toMatch(/its password was set at first start/);
    const requests = log.filter((l) => l.msg === 'request completed');
    expect(requests.map((l) => l.res.statusCode).sort()).toEqual([200, 401]);
    expect(requests.every((l) => l.level === 20)).toBe(true);
  });
});
