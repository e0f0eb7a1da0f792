/**
 * The paged diff of two baselines filters, counts and orders in SQL (compare.ts); the whole
 * diff is the pure rule over loaded rows (domain/plan-diff). These tests hold the two equal:
 * every page, put together, is the whole diff, for every reader and filter, and the counts are
 * the whole diff's lengths — so a page never shows or counts what the whole diff would not.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DiffQuery, type PlanDiff } from '../../contracts/baselines';
import type { Actor } from '../../domain/policies';
import { setUpTestApi } from '../../test/api';
import { buildMeasure, buildSphere } from '../../test/factories';
import { actorOf } from '../auth';
import { roadmapDiff } from './diff';

const s = setUpTestApi(async ({ api, w, cookie }) => {
  const ctx = api.t.ctx;
  const other = await buildSphere(api.t.db, { code: `energy_${Date.now()}`, name: { ru: 'Энергетика' } });
  const kz = [{ organisationId: w.kz.agency.id, role: 'lead' as const }];
  const ru = [{ organisationId: w.ru.agency.id, role: 'lead' as const }];
  const joint = [
    { organisationId: w.kz.ministry.id, role: 'lead' as const },
    { organisationId: w.ru.ministry.id, role: 'co_executor' as const },
  ];
  const roadmapId = w.roadmap.id;
  const ids: string[] = [];
  // 16 top-level measures (the shared ones numbered 1…11: 10 sorts after 9), with children
  for (let i = 0; i < 16; i++) {
    const tier = i % 3 === 1 ? ('internal' as const) : ('shared' as const);
    const owner = i % 6 === 1 ? w.kz.party.id : w.ru.party.id;
    const top = await buildMeasure(ctx, {
      roadmapId,
      responsible: tier === 'internal' ? (owner === w.kz.party.id ? kz : ru) : joint,
      tier,
      ownerPartyId: tier === 'internal' ? owner : undefined,
      sphereIds: i % 2 ? [w.sphere.id] : [other.id],
    });
    ids.push(top.id);
    for (let j = 0; j < 2; j++) {
      const child = await buildMeasure(ctx, {
        roadmapId,
        parentId: top.id,
        responsible: tier === 'internal' ? (owner === w.kz.party.id ? kz : ru) : j ? joint : kz,
        tier,
        ownerPartyId: tier === 'internal' ? owner : undefined,
        sphereIds: j ? [w.sphere.id] : [],
      });
      ids.push(child.id);
    }
  }
  const freeze = async (name: string) => {
    const r = await api.call('POST', `/api/v1/roadmaps/${roadmapId}/baselines`, {
      cookie: cookie.admin,
      body: { name: { ru: name } },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const a = await freeze('До');
  // changes of every kind, written to the tables as any write path leaves them
  const db = api.t.db;
  const some = (k: number) => ids.filter((_, n) => n % k === 0);
  await db.execute(sql`update measures set due_date = due_date + 5 where id in ${some(3)}`);
  await db.execute(sql`update measures set progress = 40 where id in ${some(4)}`);
  await db.execute(sql`update measures set title = '{"ru":"Новое название"}' where id = ${ids[7]}`);
  await db.execute(sql`insert into measure_spheres (measure_id, sphere_id)
    select id, ${other.id} from measures where id in ${some(5)} on conflict do nothing`);
  await db.execute(sql`delete from measure_responsibles where measure_id = ${ids[10]}`);
  await db.execute(sql`insert into measure_responsibles (measure_id, organisation_id, party_id, role)
    values (${ids[10]}, ${w.ru.agency.id}, ${w.ru.party.id}, 'lead')`);
  // a shared leaf becomes the Kazakh side's internal measure
  await db.execute(sql`update measures set tier = 'internal', owner_party_id = ${w.kz.party.id}
    where id = ${ids[2]}`);
  await db.execute(sql`delete from measures where id in (${ids[5]}, ${ids[8]}, ${ids[41]})`);
  for (const [tier, owner, resp] of [
    ['shared', undefined, joint],
    ['internal', w.kz.party.id, kz],
    ['internal', w.ru.party.id, ru],
  ] as const)
    await buildMeasure(ctx, {
      roadmapId,
      responsible: resp,
      tier,
      ownerPartyId: owner,
      sphereIds: [w.sphere.id],
      reason: 'решение комиссии',
    });
  const b = await freeze('После');
  Object.assign(state, { a, b, other: other.id });
});
const state = { a: '', b: '', other: '' };

const actors = (): [string, Actor][] => [
  ['admin', actorOf(s.w.admin)],
  ['kzCoord', actorOf(s.w.kz.coordinator)],
  ['ruCoord', actorOf(s.w.ru.coordinator)],
  ['viewer', actorOf(s.w.viewer)],
];
const lists = (d: PlanDiff) => ({ changed: d.changed, added: d.added, removed: d.removed });
const run = (actor: Actor, q: Record<string, string | number>) =>
  roadmapDiff(s.api.t.ctx, actor, s.w.roadmap.id, DiffQuery.parse(q));

describe('a page of the diff of two baselines (SQL) against the whole diff (the pure rule)', () => {
  it('puts together, page by page, to the whole diff with its counts, for every reader and filter', async () => {
    const filters: Record<string, string>[] = [
      {},
      { kind: 'changed' },
      { kind: 'added,removed' },
      { sphereId: s.w.sphere.id },
      { partyId: s.w.kz.party.id },
      { partyId: s.w.ru.party.id, sphereId: state.other },
    ];
    for (const [who, actor] of actors())
      for (const f of filters) {
        const whole = await run(actor, { from: state.a, to: state.b, ...f });
        const counts = {
          added: whole.added.length,
          removed: whole.removed.length,
          changed: whole.changed.length,
        };
        expect(whole.counts, `${who} ${JSON.stringify(f)}`).toEqual(counts);
        const got: ReturnType<typeof lists> = { changed: [], added: [], removed: [] };
        for (let page = 1; page <= Math.ceil(whole.total / 4) + 1; page++) {
          const p = await run(actor, { from: state.a, to: state.b, ...f, limit: 4, page });
          expect(p.counts).toEqual(counts);
          expect(p).toMatchObject({ total: whole.total, page, limit: 4 });
          const n = p.changed.length + p.added.length + p.removed.length;
          expect(n).toBe(Math.max(0, Math.min(4, whole.total - (page - 1) * 4)));
          for (const k of ['changed', 'added', 'removed'] as const) got[k].push(...(p[k] as never[]));
        }
        expect(got, `${who} ${JSON.stringify(f)}`).toEqual(lists(whole));
      }
  });

  it('has something of every kind to compare, ordered by code (10 after 9), and hides the other side', async () => {
    const admin = await run(actorOf(s.w.admin), { from: state.a, to: state.b });
    expect(admin.counts).toEqual({ added: 3, removed: 3, changed: expect.any(Number) });
    expect(admin.changed.length).toBeGreaterThan(15);
    const codes = admin.changed.map((c) => c.item.code).filter((c) => /^\d+$/.test(c));
    expect(codes).toEqual([...codes].sort((x, y) => Number(x) - Number(y)));
    expect(Number(codes.at(-1))).toBeGreaterThan(9);
    const ru = await run(actorOf(s.w.ru.coordinator), { from: state.a, to: state.b, limit: 500 });
    const kzInternal = admin.added.filter((m) => m.tier === 'internal' && m.ownerPartyId === s.w.kz.party.id);
    expect(kzInternal).toHaveLength(1);
    expect(JSON.stringify(ru)).not.toContain(kzInternal[0].measureId);
    expect(ru.counts.added).toBe(2);
    // the measure that became Kazakh-internal is removed for the Russian side, not shown
    expect(ru.removed.map((m) => m.tier)).toContain('shared');
  });

  it('pages a diff against now (the whole diff, cut) as it pages two baselines', async () => {
    for (const [, actor] of actors()) {
      const a = await run(actor, { from: state.a, to: state.b, limit: 5, page: 2 });
      const b = await run(actor, { from: state.a, to: 'now', limit: 5, page: 2 });
      expect(lists(b)).toEqual(lists(a));
      expect(b.counts).toEqual(a.counts);
    }
  });

  it('answers 400 naming limit and page over HTTP when they are out of range', async () => {
    for (const q of ['limit=0', 'limit=501', 'page=0'])
      for (const r of [
        await s.api.call('GET', `/api/v1/roadmaps/${s.w.roadmap.id}/diff?from=${state.a}&${q}`, {
          cookie: s.cookie.admin,
        }),
      ]) {
        expect(r.statusCode).toBe(400);
        expect(r.json().error.details[0].path).toBe(q.split('=')[0]);
      }
    const ok = await s.api.call(
      'GET',
      `/api/v1/roadmaps/${s.w.roadmap.id}/diff?from=${state.a}&to=${state.b}&limit=2`,
      {
        cookie: s.cookie.ruCoord,
      },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ page: 1, limit: 2, counts: { added: 2 } });
  });
});
