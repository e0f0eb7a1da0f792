import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCheckpoints } from '../db/schema';
import { SYSTEM_ACTOR } from '../domain/policies';
import { createTestApi, type TestApi } from '../test/api';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { buildUser } from '../test/factories';
import { verifyAuditChain } from './audit';
import { mutate } from './core/mutate';
import { createAuditCheckpoint, startAuditCheckpoints } from './audit-checkpoints';
import { sealAudit } from './audit-seal';
import { AUDIT_KEY_FILE, AUDIT_WITNESS_FILE, loadAuditKey, setAuditKey } from './audit-keystore';

const KEY = Buffer.from('test-audit-key-0123456789abcdef-0123456789');

/** Appends `n` audit events, as any use case does. */
async function writeEvents(t: TestDatabase, n: number) {
  await mutate(t.ctx, SYSTEM_ACTOR, async (_tx, audit) =>
    audit.record(
      Array.from({ length: n }, (_, i) => ({
        action: 'dataset.generate' as const,
        entityType: 'system' as const,
        entityId: null,
        after: { i },
      })),
    ),
  );
  await sealAudit(t.db, { wait: true });
}

/** What an intruder with write access to the tables does: drop the newest events, rewind the head. */
async function cutNewest(t: TestDatabase, keep: number) {
  await t.db.execute(sql`delete from audit_events where seq > ${keep}`);
  await t.db.execute(
    sql`update audit_head set seq = e.seq, hash = e.hash from audit_events e where e.seq = ${keep}`,
  );
}

const dbs: TestDatabase[] = [];
async function freshDb() {
  const t = await createTestDatabase();
  dbs.push(t);
  return t;
}
beforeAll(() => setAuditKey(KEY));
afterAll(async () => {
  await Promise.all(dbs.map((t) => t.close()));
});

describe('audit checkpoints', () => {
  it('an untampered trail verifies, with unsigned events after the newest checkpoint too', async () => {
    const t = await freshDb();
    expect(await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR)).toBeNull();
    await writeEvents(t, 5);
    const c = await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR);
    expect(c).toMatchObject({ seq: 5, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The head has not moved: signing again gives the same checkpoint, not a second row.
    expect(await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR)).toEqual(c);
    await writeEvents(t, 3);
    expect(await verifyAuditChain(t.ctx, SYSTEM_ACTOR)).toEqual({
      ok: true,
      checked: 8,
      firstBadSeq: null,
      problem: null,
    });
    const rows = await t.db.select().from(auditCheckpoints);
    expect(rows).toHaveLength(1);
  });

  it('detects the newest events cut and the head rewound, which the chain alone cannot', async () => {
    const t = await freshDb();
    await writeEvents(t, 10);
    await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR);
    await writeEvents(t, 2);
    await cutNewest(t, 7);
    const r = await verifyAuditChain(t.ctx, SYSTEM_ACTOR);
    expect(r).toMatchObject({ ok: false, checked: 7, firstBadSeq: 8 });
    expect(r.problem).toMatch(/chain ends at event 7 .* signed event 10: the newest events were deleted/);

    // The same cut with the checkpoints gone too passes the chain check: the signed head is
    // what gives it away, so the checkpoints alone carry the proof.
    await t.db.execute(sql`delete from audit_checkpoints`);
    expect((await verifyAuditChain(t.ctx, SYSTEM_ACTOR)).ok).toBe(true);
  });

  it('refuses a forged checkpoint (a MAC made without the key)', async () => {
    const t = await freshDb();
    await writeEvents(t, 4);
    const real = await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR);
    await cutNewest(t, 2);
    // The intruder re-signs the shortened head with a key of their own.
    const [head] = (await t.db.execute<{ seq: number; hash: string }>(sql`select seq, hash from audit_head`))
      .rows;
    await t.db.execute(sql`delete from audit_checkpoints`);
    await t.db.insert(auditCheckpoints).values({
      seq: head.seq,
      hash: head.hash,
      createdAt: t.ctx.now(),
      mac: real!.mac,
    });
    const r = await verifyAuditChain(t.ctx, SYSTEM_ACTOR);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(r.problem).toMatch(/invalid signature: it was forged or altered/);
  });

  it('detects a rewritten chain whose event at a checkpoint no longer has the signed hash', async () => {
    const t = await freshDb();
    await writeEvents(t, 3);
    await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR);
    // A whole new, internally consistent chain in place of the old one.
    await t.db.execute(sql`delete from audit_events`);
    await t.db.execute(sql`delete from audit_head`);
    await writeEvents(t, 4);
    const r = await verifyAuditChain(t.ctx, SYSTEM_ACTOR);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(r.problem).toMatch(/event 3 does not have the hash .* signed/);
  });

  it('is signed every interval while the server runs and once more at shutdown', async () => {
    const t = await freshDb();
    await writeEvents(t, 1);
    const timer = await startAuditCheckpoints(t.ctx, { everyMs: 60_000 });
    await writeEvents(t, 2);
    await timer.stop();
    const seqs = (await t.db.select().from(auditCheckpoints)).map((c) => c.seq).sort();
    expect(seqs).toEqual([1, 3]);
    expect((await verifyAuditChain(t.ctx, SYSTEM_ACTOR)).ok).toBe(true);
  });
});

describe('the newest checkpoint kept on the host (witness)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'accord-witness-'));
    setAuditKey(KEY, { witnessDir: dir });
  });
  afterAll(() => {
    setAuditKey(KEY);
    rmSync(dir, { recursive: true, force: true });
  });

  it('still reveals the cut when the checkpoint rows are deleted too, and when the cut head is signed afresh', async () => {
    const t = await freshDb();
    await writeEvents(t, 6);
    const c = await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR);
    const file = path.join(dir, AUDIT_WITNESS_FILE);
    const kept = () => JSON.parse(readFileSync(file, 'utf8')).databases;
    expect(kept()).toEqual({ embedded: c });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await cutNewest(t, 3);
    await t.db.execute(sql`delete from audit_checkpoints`);
    // The running server's next tick signs the shortened head; the witness keeps the longer one.
    expect(await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR)).toMatchObject({ seq: 3 });
    expect(kept().embedded.seq).toBe(6);
    const r = await verifyAuditChain(t.ctx, SYSTEM_ACTOR);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 4 });
    expect(r.problem).toContain(`kept in ${file}`);
    expect(r.problem).toMatch(
      /newest events were deleted \(after restoring an older backup on purpose, delete that file\)/,
    );

    // A witness edited to agree with the cut chain fails its signature.
    const edited = { format: 'accord-audit-witness', databases: { embedded: { ...c, seq: 3 } } };
    writeFileSync(file, JSON.stringify(edited));
    expect((await verifyAuditChain(t.ctx, SYSTEM_ACTOR)).problem).toMatch(
      /kept in .* has an invalid signature/,
    );
    writeFileSync(file, 'not json');
    expect((await verifyAuditChain(t.ctx, SYSTEM_ACTOR)).problem).toMatch(
      /kept outside the database cannot be read: .* is not a list of checkpoints/,
    );
    rmSync(file);
    expect((await verifyAuditChain(t.ctx, SYSTEM_ACTOR)).ok).toBe(true);
  });

  it('keeps one witness per database, so another database on the host is not held to it', async () => {
    const t = await freshDb();
    await writeEvents(t, 2);
    setAuditKey(KEY, { witnessDir: dir, databaseUrl: t.url });
    try {
      await createAuditCheckpoint(t.ctx, SYSTEM_ACTOR);
      const other = await freshDb();
      await writeEvents(other, 1);
      setAuditKey(KEY, { witnessDir: dir, databaseUrl: other.url });
      expect((await verifyAuditChain(other.ctx, SYSTEM_ACTOR)).ok).toBe(true);
      setAuditKey(KEY, { witnessDir: dir, databaseUrl: t.url });
      await cutNewest(t, 1);
      await t.db.execute(sql`delete from audit_checkpoints`);
      expect((await verifyAuditChain(t.ctx, SYSTEM_ACTOR)).problem).toMatch(/newest events were deleted/);
    } finally {
      setAuditKey(KEY, { witnessDir: dir });
    }
  });
});

describe('GET /api/v1/audit/verify with checkpoints', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('reports a cut trail to an administrator', async () => {
    const admin = await buildUser(api.t.db, { role: 'admin' });
    const cookie = await api.signIn(admin.email);
    await writeEvents(api.t, 6);
    await createAuditCheckpoint(api.t.ctx, SYSTEM_ACTOR);
    expect((await api.call('GET', '/api/v1/audit/verify', { cookie })).json().ok).toBe(true);
    await cutNewest(api.t, 3);
    const r = await api.call('GET', '/api/v1/audit/verify', { cookie });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: false, firstBadSeq: 4 });
    expect(r.json().problem).toMatch(/newest events were deleted/);
  });
});

describe('the audit key', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'accord-key-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once into the data directory, readable by its owner only', () => {
    const dataDir = path.join(dir, 'data');
    const first = loadAuditKey({ dataDir });
    const file = path.join(dataDir, AUDIT_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadAuditKey({ dataDir })).toEqual(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('utf8'));
  });

  it('comes from ACCORD_AUDIT_KEY when set, without touching the data directory', () => {
    const dataDir = path.join(dir, 'unused');
    expect(loadAuditKey({ dataDir, auditKey: KEY.toString() })).toEqual(KEY);
    expect(() => statSync(dataDir)).toThrow();
  });

  it('refuses a key file others can read, or one too short, with the file named', () => {
    const open = path.join(dir, 'open');
    loadAuditKey({ dataDir: open });
    const file = path.join(open, AUDIT_KEY_FILE);
    writeFileSync(file, 'x'.repeat(40));
    chmodSync(file, 0o644);
    expect(() => loadAuditKey({ dataDir: open })).toThrow(/readable by other users: run chmod 600/);
    writeFileSync(file, 'short');
    chmodSync(file, 0o600);
    expect(() => loadAuditKey({ dataDir: open })).toThrow(
      new RegExp(`${AUDIT_KEY_FILE} holds fewer than 32`),
    );
  });
});
