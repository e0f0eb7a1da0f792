import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi, setUpTestApi } from '../../test/api';
import { buildMeasure, buildWorld, type World } from '../../test/factories';
import { sealAudit } from '../../services/audit-seal';

let api: TestApi;
let w: World;
let admin: string;
let coord: string;

setUpTestApi(async (s) => {
  ({ api, w } = s);
  admin = s.cookie.admin;
  coord = s.cookie.kzCoord;
  const m = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
  await api.call('PATCH', `/api/v1/measures/${m.id}`, {
    cookie: coord,
    body: { version: 1, dueDate: '2026-11-30', reason: 'перенос по согласованию' },
  });
});

const verify = async () => (await api.call('GET', '/api/v1/audit/verify', { cookie: admin })).json();

describe('audit trail', () => {
  it('walks 401 → 400 → 403 → success', async () => {
    expect((await api.call('GET', '/api/v1/audit')).statusCode).toBe(401);
    const bad = await api.call('GET', '/api/v1/audit?from=yesterday', { cookie: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('from');
    expect((await api.call('GET', '/api/v1/audit', { cookie: coord })).statusCode).toBe(403);
    const ok = await api.call('GET', `/api/v1/audit?entityType=measure&actorId=${w.kz.coordinator.id}`, {
      cookie: admin,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data).toHaveLength(1);
    expect(ok.json().data[0]).toMatchObject({ action: 'measure.update', actorLabel: w.kz.coordinator.email });
  });

  it('verifies an intact chain, then detects an altered event', async () => {
    const intact = await verify();
    expect(intact).toMatchObject({ ok: true, firstBadSeq: null });
    expect(intact.checked).toBeGreaterThan(2);
    await api.t.db.execute(sql`update audit_events set actor_label = 'someone else' where seq = 2`);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(r.problem).toMatch(/altered/);
  });
});

describe('audit trail tampering', () => {
  let t2: TestApi;
  let cookie2: string;
  beforeAll(async () => {
    t2 = await createTestApi();
    const w2 = await buildWorld(t2.t.ctx);
    cookie2 = await t2.signIn(w2.admin.email);
    for (let i = 0; i < 4; i++) {
      await buildMeasure(t2.t.ctx, {
        roadmapId: w2.roadmap.id,
        responsible: [{ organisationId: w2.kz.agency.id, role: 'lead' }],
      });
    }
  });
  afterAll(() => t2.close());
  const v = async () => (await t2.call('GET', '/api/v1/audit/verify', { cookie: cookie2 })).json();

  it('detects a deleted event in the middle', async () => {
    expect((await v()).ok).toBe(true);
    await t2.t.db.execute(sql`delete from audit_events where seq = 3`);
    expect(await v()).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it('detects the newest events deleted', async () => {
    const t3 = await createTestApi();
    try {
      const w3 = await buildWorld(t3.t.ctx);
      const c = await t3.signIn(w3.admin.email);
      await buildMeasure(t3.t.ctx, {
        roadmapId: w3.roadmap.id,
        responsible: [{ organisationId: w3.kz.agency.id, role: 'lead' }],
      });
      await buildMeasure(t3.t.ctx, {
        roadmapId: w3.roadmap.id,
        responsible: [{ organisationId: w3.kz.agency.id, role: 'lead' }],
      });
      await sealAudit(t3.t.db, { wait: true });
      await t3.t.db.execute(sql`delete from audit_events where seq = (select max(seq) from audit_events)`);
      const r = (await t3.call('GET', '/api/v1/audit/verify', { cookie: c })).json();
      expect(r.ok).toBe(false);
      expect(r.problem).toMatch(/deleted/);
    } finally {
      await t3.close();
    }
  });

  it('detects an inserted event', async () => {
    const t4 = await createTestApi();
    try {
      const w4 = await buildWorld(t4.t.ctx);
      const c = await t4.signIn(w4.admin.email);
      await buildMeasure(t4.t.ctx, {
        roadmapId: w4.roadmap.id,
        responsible: [{ organisationId: w4.kz.agency.id, role: 'lead' }],
      });
      await sealAudit(t4.t.db, { wait: true });
      // shift the tail up and slip a forged event in at seq 2
      await t4.t.db.execute(sql`update audit_events set seq = seq + 1000 where seq >= 2`);
      await t4.t.db.execute(sql`insert into audit_events (seq, id, occurred_at, actor_label, action, entity_type, prev_hash, hash)
        select 2, gen_random_uuid(), now(), 'forger', 'measure.delete', 'measure', hash, repeat('a', 64) from audit_events where seq = 1`);
      const r = (await t4.call('GET', '/api/v1/audit/verify', { cookie: c })).json();
      expect(r).toMatchObject({ ok: false, firstBadSeq: 2 });
    } finally {
      await t4.close();
    }
  });
});
