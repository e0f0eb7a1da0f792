/**
 * `accord token create` and `accord audit checkpoint|verify` run in-process through the real
 * program, on a fresh test database named by DATABASE_URL; output and exit code are checked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiTokens } from '../../db/schema';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { buildUser, type UserRow } from '../../test/factories';
import { main } from '../main';

let t: TestDatabase;
let owner: UserRow;
let dataDir: string;
beforeAll(async () => {
  t = await createTestDatabase({ now: new Date() });
  owner = await buildUser(t.db);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-cli-data-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `accord …args` as the shell would and collects what it printed. */
async function accord(...args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.stubEnv('DATABASE_URL', t.url);
  vi.stubEnv('ACCORD_DATA_DIR', dataDir);
  vi.stubEnv('ACCORD_AUDIT_KEY', 'cli-test-audit-key-0123456789abcdefghij');
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  process.exitCode = undefined;
  try {
    await main(['node', 'accord', ...args]);
    return { code: process.exitCode ?? 0, stdout, stderr };
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
    vi.unstubAllEnvs();
  }
}

const tokensOf = async (userId: string) =>
  (await t.db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, userId)))[0].n;

describe('accord token create', () => {
  it('refuses a name over 100 characters and a lifetime that is not 1–3650 whole days; stores nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--name', 'ж'.repeat(300)], /name: must be at most 100 characters/],
      [['--name', 'ok', '--expires-days', '-3'], /--expires-days: must be a whole number from 1 to 3650/],
      [['--name', 'ok', '--expires-days', '0'], /--expires-days: must be a whole number from 1 to 3650/],
      [['--name', 'ok', '--expires-days', '1.5'], /--expires-days: must be a whole number from 1 to 3650/],
      [['--name', 'ok', '--expires-days', 'abc'], /--expires-days: must be a whole number from 1 to 3650/],
    ];
    for (const [args, problem] of cases) {
      const r = await accord('token', 'create', '--email', owner.email, ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(problem);
      expect(r.stdout).toBe('');
    }
    expect(await tokensOf(owner.id)).toBe(0);
  });

  it('issues a token with exactly the lifetime asked for', async () => {
    const r = await accord(
      'token',
      'create',
      '--email',
      owner.email,
      '--name',
      'выгрузка',
      '--expires-days',
      '30',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout);
    expect(made.name).toBe('выгрузка');
    const days = (Date.parse(made.expiresAt) - Date.parse(made.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);
  });
});

describe('accord audit checkpoint and verify', () => {
  it('signs the head, verifies it, and exits 1 naming the cut once the newest events are gone', async () => {
    // Two audited acts, so that there is a chain to sign and a tail to cut.
    for (const name of ['one', 'two'])
      expect((await accord('token', 'create', '--email', owner.email, '--name', name)).code).toBe(0);
    const signed = await accord('audit', 'checkpoint', '--json');
    expect(signed.code, signed.stderr).toBe(0);
    const c = JSON.parse(signed.stdout);
    expect(c).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await accord('audit', 'checkpoint')).stdout).toMatch(new RegExp(`^signed event ${c.seq} `));
    const witness = JSON.parse(readFileSync(path.join(dataDir, 'audit.checkpoint'), 'utf8'));
    expect(Object.values(witness.databases)).toEqual([c]);

    const intact = await accord('audit', 'verify');
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^intact: \d+ events/);

    await t.db.execute(sql`delete from audit_events where seq = ${c.seq}`);
    await t.db.execute(
      sql`update audit_head set seq = e.seq, hash = e.hash from audit_events e where e.seq = ${c.seq - 1}`,
    );
    const cut = await accord('audit', 'verify');
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(new RegExp(`broken at event ${c.seq}: .*the newest events were deleted`));
  });
});
