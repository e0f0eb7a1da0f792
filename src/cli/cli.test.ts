/**
 * The `accord` command as a user runs it, in-process through runCli (the same program the
 * binary runs, with captured output and DATABASE_URL pointing at a fresh test database);
 * exit codes and output are what is checked. Two tests spawn the real `bin/accord.js` for
 * what only a child process shows: the binary's wiring and its exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../domain/policies';
import { verifyAuditChain } from '../services/audit';
import { authenticateToken, signIn } from '../services/auth';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { buildOrganisation } from '../test/factories';
import { runCli } from './main';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SLOW = 240_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const envFor = (db: TestDatabase | { url: string }) => ({
  ...process.env,
  DATABASE_URL: db.url,
  ACCORD_DEMO: '0',
});

/** Runs `accord …args` in-process against `db`. */
async function accord(db: TestDatabase | { url: string }, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'accord', ...args], {
    env: envFor(db),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

/** Runs `node bin/accord.js …args` in a child process against `db`. */
function spawnAccord(db: TestDatabase | { url: string }, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/accord.js'), ...args], {
      cwd: ROOT,
      env: { ...envFor(db), NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ok = (r: Run) => {
  if (r.code !== 0) throw new Error(`accord exited ${r.code}: ${r.stderr}`);
  return r;
};

describe('accord CLI', () => {
  let db: TestDatabase;
  let dir: string;
  const others: TestDatabase[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ now: new Date() });
    dir = mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'));
  });
  afterAll(async () => {
    for (const d of [db, ...others]) await d?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'explains itself with --help on every command',
    async () => {
      const [top, userAdd, exp, verify] = await Promise.all([
        spawnAccord(db, '--help'),
        accord(db, 'user', 'add', '--help'),
        accord(db, 'export', '--help'),
        accord(db, 'audit', 'verify', '--help'),
      ]);
      for (const r of [top, userAdd, exp, verify]) expect(r.code).toBe(0);
      for (const c of ['start', 'migrate', 'demo', 'user', 'token', 'audit', 'export', 'import'])
        expect(top.stdout).toContain(c);
      expect(userAdd.stdout).toMatch(/--email <email>[\s\S]*--role <role>[\s\S]*--password/);
      expect(exp.stdout).toMatch(/complete logical backup/);
      expect(verify.stdout).toMatch(/first\s+altered, inserted or deleted event/);
    },
    SLOW,
  );

  it(
    'refuses unknown commands and bad configuration with a non-zero exit',
    async () => {
      const [unknown, badUrl] = await Promise.all([
        spawnAccord(db, 'frobnicate'),
        spawnAccord({ url: 'mysql://nowhere/db' }, 'migrate'),
      ]);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
      expect(badUrl.code).toBe(2);
      expect(badUrl.stderr).toMatch(/DATABASE_URL: must be a postgres:\/\//);
    },
    SLOW,
  );

  it(
    'migrate reports an up-to-date database',
    async () => {
      const r = ok(await accord(db, 'migrate'));
      expect(r.stdout).toMatch(/the database is up to date \(\d+ migrations? applied\)/);
    },
    SLOW,
  );

  it(
    'adds, lists, disables users and resets passwords',
    async () => {
      const org = await buildOrganisation(db.db, {
        name: { ru: 'Министерство торговли', kk: 'Сауда министрлігі' },
      });
      const added = ok(
        await accord(
          db,
          'user',
          'add',
          '--email',
          'Aigerim@Example.KZ',
          '--name',
          'Әйгерім Өмірқұлова',
          '--role',
          'reporter',
          '--organisation',
          org.id,
          '--json',
        ),
      );
      const { user, password } = JSON.parse(added.stdout);
      expect(user).toMatchObject({
        email: 'aigerim@example.kz',
        name: 'Әйгерім Өмірқұлова',
        role: 'reporter',
      });
      expect(user.partyId).toBe(org.partyId);
      expect(password).toMatch(/^\S{10,}$/);
      // The printed password is the account's password.
      await expect(signIn(db.ctx, { email: user.email, password, ip: '10.0.0.1' }, 1)).resolves.toBeTruthy();

      ok(
        await accord(
          db,
          'user',
          'add',
          '--email',
          'boss@example.org',
          '--name',
          'Boss',
          '--role',
          'admin',
          '--password',
          'a-long-secret',
        ),
      );
      const list = JSON.parse(ok(await accord(db, 'user', 'list', '--json')).stdout);
      expect(list.map((u: { email: string }) => u.email).sort()).toEqual([
        'aigerim@example.kz',
        'boss@example.org',
      ]);
      expect(list.every((u: object) => !('passwordHash' in u))).toBe(true);

      const [badRole, dupe, shortPw, noOrg] = await Promise.all([
        accord(db, 'user', 'add', '--email', 'x@example.org', '--name', 'X', '--role', 'overlord'),
        accord(db, 'user', 'add', '--email', 'BOSS@example.org', '--name', 'Y', '--role', 'viewer'),
        accord(
          db,
          'user',
          'add',
          '--email',
          'z@example.org',
          '--name',
          'Z',
          '--role',
          'viewer',
          '--password',
          'short',
        ),
        accord(db, 'user', 'add', '--email', 'w@example.org', '--name', 'W', '--role', 'coordinator'),
      ]);
      expect(badRole.code).toBe(1);
      expect(badRole.stderr).toMatch(/role: .*admin.*coordinator.*reporter.*viewer/);
      expect(dupe.code).toBe(1);
      expect(dupe.stderr).toMatch(/email: .*already/);
      expect(shortPw.code).toBe(1);
      expect(shortPw.stderr).toMatch(/password: must be at least 10 characters/);
      expect(noOrg.code).toBe(1);
      expect(noOrg.stderr).toMatch(/organisationId/);

      const disabled = ok(await accord(db, 'user', 'disable', 'AIGERIM@example.kz'));
      expect(disabled.stdout).toMatch(/aigerim@example.kz is disabled/);
      await expect(signIn(db.ctx, { email: user.email, password, ip: '10.0.0.2' }, 1)).rejects.toThrow(
        /Wrong e-mail or password/,
      );
      const after = JSON.parse(ok(await accord(db, 'user', 'list', '--json')).stdout);
      expect(after.find((u: { email: string }) => u.email === user.email).disabled).toBe(true);

      const reset = JSON.parse(ok(await accord(db, 'user', 'password', 'boss@example.org', '--json')).stdout);
      await expect(
        signIn(db.ctx, { email: 'boss@example.org', password: reset.password, ip: '10.0.0.3' }, 1),
      ).resolves.toBeTruthy();
      const missing = await accord(db, 'user', 'disable', 'nobody@example.org');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/No user has the e-mail nobody@example.org/);
    },
    SLOW,
  );

  it(
    'creates and revokes API tokens',
    async () => {
      const created = ok(
        await accord(db, 'token', 'create', '--email', 'boss@example.org', '--name', 'статистика'),
      );
      const token = /token: (acc_\S+)/.exec(created.stdout)?.[1];
      const id = /created token ([0-9a-f-]{36})/.exec(created.stdout)?.[1];
      expect(token).toBeTruthy();
      expect((await authenticateToken(db.ctx, token!))?.user.email).toBe('boss@example.org');

      const [badDays, badId] = await Promise.all([
        accord(db, 'token', 'create', '--email', 'boss@example.org', '--name', 'x', '--expires-days', '0'),
        accord(db, 'token', 'revoke', 'not-a-uuid'),
      ]);
      expect(badDays.code).toBe(1);
      expect(badDays.stderr).toMatch(/--expires-days: must be a whole number from 1 to 3650/);
      expect(badId.code).toBe(1);
      expect(badId.stderr).toMatch(/ID: must be a UUID/);

      ok(await accord(db, 'token', 'revoke', id!));
      expect(await authenticateToken(db.ctx, token!)).toBeNull();
    },
    SLOW,
  );

  it(
    'audit verify names the first altered, deleted or inserted event',
    async () => {
      const events = await verifyAuditChain({ db: db.db, now: () => new Date() }, SYSTEM_ACTOR);
      expect(events.ok).toBe(true);
      expect(events.checked).toBeGreaterThan(4);
      const intact = ok(await accord(db, 'audit', 'verify'));
      expect(intact.stdout.trim()).toBe(`intact: ${events.checked} events`);
      expect(JSON.parse(ok(await accord(db, 'audit', 'verify', '--json')).stdout)).toMatchObject({
        ok: true,
        checked: events.checked,
      });

      const row = async (seq: number) =>
        (await db.pool.query('select * from audit_events where seq = $1', [seq])).rows[0];
      const put = async (r: Record<string, unknown>) => {
        const cols = Object.keys(r);
        await db.pool.query(
          `insert into audit_events (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
          cols.map((c) => r[c]),
        );
      };

      // Altered.
      const action = (await row(2)).action;
      await db.pool.query(`update audit_events set action = 'x' where seq = 2`);
      const altered = await accord(db, 'audit', 'verify');
      expect(altered.code).toBe(1);
      expect(altered.stderr).toMatch(/broken at event 2: event 2 was altered/);
      const json = await accord(db, 'audit', 'verify', '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadSeq: 2 });
      await db.pool.query(`update audit_events set action = $1 where seq = 2`, [action]);
      expect((await verifyAuditChain({ db: db.db, now: () => new Date() }, SYSTEM_ACTOR)).ok).toBe(true);

      // Deleted from the middle.
      const second = await row(2);
      await db.pool.query('delete from audit_events where seq = 2');
      const deleted = await accord(db, 'audit', 'verify');
      expect(deleted.code).toBe(1);
      expect(deleted.stderr).toMatch(/event 3 does not follow event 1: an event was deleted or inserted/);
      await put(second);

      // The newest deleted: the chain head still remembers it.
      const newest = await row(events.checked);
      await db.pool.query('delete from audit_events where seq = $1', [events.checked]);
      const tail = await accord(db, 'audit', 'verify');
      expect(tail.code).toBe(1);
      expect(tail.stderr).toMatch(/the newest events were deleted or altered/);
      expect(tail.stderr).toMatch(new RegExp(`at event ${events.checked}`));
      await put(newest);

      // Inserted: a forged event squeezed in with its own hashes.
      const { pos: _pos, ...first } = await row(1);
      await db.pool.query('update audit_events set seq = seq + 1000 where seq >= 2');
      await put({
        ...first,
        seq: 2,
        id: '00000000-0000-4000-8000-000000000001',
        action: 'user.forged',
        prev_hash: first.hash,
      });
      const inserted = await accord(db, 'audit', 'verify');
      expect(inserted.code).toBe(1);
      expect(inserted.stderr).toMatch(/event 2 was altered/);
      await db.pool.query('delete from audit_events where seq = 2');
      await db.pool.query('update audit_events set seq = seq - 1000 where seq >= 1002');
      expect(ok(await accord(db, 'audit', 'verify')).stdout.trim()).toBe(`intact: ${events.checked} events`);
    },
    SLOW,
  );

  it(
    'exports and imports the database, refusing a non-empty target',
    async () => {
      const file = path.join(dir, 'accord.ndjson');
      const exported = ok(await accord(db, 'export', file, '--json'));
      const summary = JSON.parse(exported.stdout);
      expect(summary.rows.users).toBe(2);
      expect(summary.rows.audit_events).toBeGreaterThan(4);

      const target = await createTestDatabase();
      others.push(target);
      const imported = ok(await accord(target, 'import', file));
      expect(imported.stdout).toMatch(/imported \d+ rows of \d+ tables/);
      const verify = ok(await accord(target, 'audit', 'verify'));
      expect(verify.stdout.trim()).toBe(`intact: ${summary.rows.audit_events} events`);
      const users = JSON.parse(ok(await accord(target, 'user', 'list', '--json')).stdout);
      expect(users.map((u: { name: string }) => u.name).sort()).toEqual(['Boss', 'Әйгерім Өмірқұлова']);

      const again = await accord(target, 'import', file);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/The database is not empty/);
      const absent = await accord(target, 'import', path.join(dir, 'absent.ndjson'));
      expect(absent.code).toBe(1);
      expect(absent.stderr).toMatch(/No such file/);
    },
    SLOW,
  );

  it(
    'loads the demo dataset once, and validates generate input',
    async () => {
      const target = await createTestDatabase({ now: new Date() });
      others.push(target);
      const [loaded, badN, badSeed] = await Promise.all([
        accord(target, 'demo', 'load', '--json'),
        accord(target, 'demo', 'generate', '--measures', '1000001'),
        accord(target, 'demo', 'generate', '--measures', '10', '--seed', 'abc'),
      ]);
      ok(loaded);
      expect(JSON.parse(loaded.stdout).measures).toBeGreaterThanOrEqual(40);
      expect(badN.code).toBe(1);
      expect(badN.stderr).toMatch(/--measures: must be a whole number from 1 to 1000000/);
      expect(badSeed.code).toBe(1);
      expect(badSeed.stderr).toMatch(/--seed/);
      const twice = await accord(target, 'demo', 'load');
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/empty database only/);

      const generated = ok(await accord(target, 'demo', 'generate', '--measures', '25', '--seed', '3'));
      expect(generated.stdout).toMatch(/generated 25 measures in roadmap [0-9a-f-]{36}/);
    },
    SLOW,
  );
});
