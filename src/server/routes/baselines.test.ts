import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { PlanDiff } from '../../contracts/baselines';
import { auditEvents } from '../../db/schema';
import { setUpTestApi, signInWorld, type TestApi, type WorldRole } from '../../test/api';
import type { World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
let roadmapId: string;
const m: Record<string, { id: string; code: string; version: number }> = {};
const DAY1 = new Date('2026-03-01T09:00:00Z');
const DAY2 = new Date('2026-04-01T09:00:00Z');

async function create(body: Record<string, unknown>, who: WorldRole = 'admin') {
  const r = await api.call('POST', '/api/v1/measures', {
    cookie: cookie[who],
    body: {
      roadmapId,
      startDate: '2026-01-01',
      dueDate: '2026-06-30',
      completionForm: 'event_held',
      ...body,
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

setUpTestApi(
  async (s) => {
    ({ api, w, cookie } = s);
    const r = await api.call('POST', '/api/v1/roadmaps', {
      cookie: cookie.admin,
      body: { title: { ru: 'План' } },
    });
    roadmapId = r.json().id;
    const joint = [
      { organisationId: w.kz.ministry.id, role: 'lead' },
      { organisationId: w.ru.ministry.id, role: 'co_executor' },
    ];
    m.a = await create({ title: { ru: 'Совместное А' }, responsible: joint, sphereIds: [w.sphere.id] });
    m.b = await create({ title: { ru: 'Совместное Б' }, responsible: joint });
    m.kz = await create({
      title: { ru: 'Внутреннее КЗ' },
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
    });
    const a = await api.call('PATCH', `/api/v1/roadmaps/${roadmapId}`, {
      cookie: cookie.admin,
      body: { version: 1, status: 'approved' },
    });
    expect(a.statusCode).toBe(200);
  },
  { now: DAY1 },
);

const diff = async (q: string, who: WorldRole = 'admin') => {
  const r = await api.call('GET', `/api/v1/roadmaps/${roadmapId}/diff?${q}`, { cookie: cookie[who] });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PlanDiff;
};

describe('baselines', () => {
  it('answers 401 without a session', async () => {
    for (const r of await Promise.all([
      api.call('GET', `/api/v1/roadmaps/${roadmapId}/baselines`),
      api.call('POST', `/api/v1/roadmaps/${roadmapId}/baselines`, { body: { name: { ru: 'Х' } } }),
      api.call('GET', `/api/v1/roadmaps/${roadmapId}/diff`),
    ]))
      expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming the field, 403 for non-admins, 404 for an unknown roadmap', async () => {
    const bad = await api.call('POST', `/api/v1/roadmaps/${roadmapId}/baselines`, {
      cookie: cookie.admin,
      body: { name: { kk: 'атауы' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toContain('name.ru');
    const q = await api.call('GET', `/api/v1/roadmaps/${roadmapId}/diff?from=yesterday&kind=renamed`, {
      cookie: cookie.admin,
    });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['from', 'kind.0']),
    );
    for (const who of ['kzCoord', 'ruRep', 'viewer'] as const) {
      const r = await api.call('POST', `/api/v1/roadmaps/${roadmapId}/baselines`, {
        cookie: cookie[who],
        body: { name: { ru: 'Моя' } },
      });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    const nf = await api.call('GET', '/api/v1/roadmaps/00000000-0000-4000-8000-000000000001/baselines', {
      cookie: cookie.viewer,
    });
    expect(nf.statusCode).toBe(404);
  });

  it('froze the approved plan on approval, readable by everyone signed in', async () => {
    const r = await api.call('GET', `/api/v1/roadmaps/${roadmapId}/baselines`, { cookie: cookie.viewer });
    expect(r.statusCode).toBe(200);
    expect(r.json().data).toEqual([
      expect.objectContaining({
        kind: 'approval',
        name: expect.objectContaining({ ru: 'Утверждённый план' }),
      }),
    ]);
  });
});

describe('plan amendments in an approved roadmap', () => {
  it('refuses a due-date change, a new measure and a deletion without a reason (400 naming reason)', async () => {
    const p = await api.call('PATCH', `/api/v1/measures/${m.a.id}`, {
      cookie: cookie.admin,
      body: { version: m.a.version, dueDate: '2026-07-30' },
    });
    expect(p.statusCode).toBe(400);
    expect(p.json().error.details).toEqual([
      expect.objectContaining({ path: 'reason', rule: 'plan.reasonRequired' }),
    ]);
    const c = await api.call('POST', '/api/v1/measures', {
      cookie: cookie.admin,
      body: {
        roadmapId,
        title: { ru: 'Новое' },
        startDate: '2026-01-01',
        dueDate: '2026-02-01',
        completionForm: 'event_held',
        responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
      },
    });
    expect(c.statusCode).toBe(400);
    expect(c.json().error.details[0].path).toBe('reason');
    const d = await api.call('DELETE', `/api/v1/measures/${m.b.id}?version=${m.b.version}`, {
      cookie: cookie.admin,
    });
    expect(d.statusCode).toBe(400);
    expect(d.json().error.details[0].path).toBe('reason');
    // progress is monitoring, not plan: the plan rule asks nothing of it, but a direct
    // correction of what reconciliation sets carries its own reason
    const bare = await api.call('PATCH', `/api/v1/measures/${m.b.id}`, {
      cookie: cookie.admin,
      body: { version: m.b.version, progress: 10 },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0]).toMatchObject({ path: 'reason', rule: 'measure.statusReason' });
    const pr = await api.call('PATCH', `/api/v1/measures/${m.b.id}`, {
      cookie: cookie.admin,
      body: { version: m.b.version, progress: 10, reason: 'исправление по акту' },
    });
    expect(pr.statusCode, pr.body).toBe(200);
    m.b = pr.json();
  });

  it('records the reason of an amendment in its event', async () => {
    api.t.ctx.now = () => DAY2;
    cookie = await signInWorld(api, w); // the sessions of day 1 have expired
    const p = await api.call('PATCH', `/api/v1/measures/${m.a.id}`, {
      cookie: cookie.admin,
      body: { version: m.a.version, dueDate: '2026-07-30', reason: 'перенос по просьбе сторон' },
    });
    expect(p.statusCode, p.body).toBe(200);
    m.a = p.json();
    const [e] = await api.t.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, m.a.id), eq(auditEvents.action, 'measure.update')))
      .orderBy(auditEvents.pos);
    expect(e.after).toMatchObject({
      dueDate: '2026-07-30',
      reason: 'перенос по просьбе сторон',
      source: 'edit',
    });
    const k = await api.call('PATCH', `/api/v1/measures/${m.kz.id}`, {
      cookie: cookie.kzCoord,
      body: { version: m.kz.version, dueDate: '2026-05-31', reason: 'внутренний перенос' },
    });
    expect(k.statusCode, k.body).toBe(200);
    m.ru = await create({
      title: { ru: 'Внутреннее РФ' },
      tier: 'internal',
      ownerPartyId: w.ru.party.id,
      responsible: [{ organisationId: w.ru.agency.id, role: 'lead' }],
      reason: 'решение российской стороны',
    });
    const d = await api.call(
      'DELETE',
      `/api/v1/measures/${m.b.id}?version=${m.b.version}&reason=${encodeURIComponent('снято решением')}`,
      {
        cookie: cookie.admin,
      },
    );
    expect(d.statusCode).toBe(204);
  });
});

describe('what changed', () => {
  it('lists added, removed and changed measures with the days a due date moved', async () => {
    const d = await diff('');
    expect(d.from).toMatchObject({ kind: 'baseline', name: { ru: 'Утверждённый план' } });
    expect(d.to.kind).toBe('now');
    expect(d.added.map((x) => x.measureId)).toEqual([m.ru.id]);
    expect(d.removed.map((x) => x.measureId)).toEqual([m.b.id]);
    const a = d.changed.find((c) => c.item.measureId === m.a.id)!;
    expect(a.changes).toEqual([{ field: 'dueDate', old: '2026-06-30', new: '2026-07-30', days: 30 }]);
    expect(d.changed.map((c) => c.item.measureId).sort()).toEqual([m.a.id, m.kz.id].sort());
  });

  it("never shows a party the other party's internal measures, nor counts them", async () => {
    const ru = await diff('', 'ruCoord');
    expect(JSON.stringify(ru)).not.toContain(m.kz.id);
    expect(JSON.stringify(ru)).not.toContain(m.kz.code);
    expect(ru.changed.map((c) => c.item.measureId)).toEqual([m.a.id]);
    expect(ru.added.map((x) => x.measureId)).toEqual([m.ru.id]);
    const kz = await diff('', 'kzCoord');
    expect(JSON.stringify(kz)).not.toContain(m.ru.id);
    expect(kz.added).toEqual([]);
    expect(kz.changed.map((c) => c.item.measureId).sort()).toEqual([m.a.id, m.kz.id].sort());
    const viewer = await diff('', 'viewer');
    expect(viewer.added).toEqual([]);
    expect(viewer.changed.map((c) => c.item.measureId)).toEqual([m.a.id]);
  });

  it('filters by kind, field, sphere and party', async () => {
    expect((await diff('kind=added')).changed).toEqual([]);
    expect((await diff('kind=added')).added).toHaveLength(1);
    const due = await diff('field=dueDate');
    expect(due.added).toEqual([]);
    expect(due.changed).toHaveLength(2);
    const sphere = await diff(`sphereId=${w.sphere.id}`);
    expect(sphere.changed.map((c) => c.item.measureId)).toEqual([m.a.id]);
    expect(sphere.removed).toEqual([]);
    const ruParty = await diff(`partyId=${w.ru.party.id}`);
    expect(ruParty.added.map((x) => x.measureId)).toEqual([m.ru.id]);
    expect(ruParty.changed.map((c) => c.item.measureId)).toEqual([m.a.id]);
  });

  it('answers the same between two baselines, and from the plan at the end of a day (history)', async () => {
    const b = await api.call('POST', `/api/v1/roadmaps/${roadmapId}/baselines`, {
      cookie: cookie.admin,
      body: { name: { ru: 'Перед заседанием' } },
    });
    expect(b.statusCode).toBe(201);
    const list = (
      await api.call('GET', `/api/v1/roadmaps/${roadmapId}/baselines`, { cookie: cookie.admin })
    ).json();
    const approved = list.data.find((x: { kind: string }) => x.kind === 'approval').id;
    const now = await diff(`from=${approved}`);
    const two = await diff(`from=${approved}&to=${b.json().id}`);
    const byDate = await diff('from=2026-03-01&to=now');
    const strip = (d: PlanDiff) => ({ added: d.added, removed: d.removed, changed: d.changed });
    expect(strip(two)).toEqual(strip(now));
    expect(byDate.from).toMatchObject({ kind: 'date', date: '2026-03-01' });
    expect(byDate.added).toEqual(now.added);
    expect(byDate.changed).toEqual(now.changed);
    // the end of day 1 is after the approval: the progress set that day is in the plan then
    expect(byDate.removed).toEqual([{ ...now.removed[0], progress: 10 }]);
    const ruByDate = await diff('from=2026-03-01&to=now', 'ruCoord');
    const ruNow = await diff(`from=${approved}`, 'ruCoord');
    expect([ruByDate.added, ruByDate.changed]).toEqual([ruNow.added, ruNow.changed]);
    // before anything existed, everything visible is new
    const empty = await diff('from=2026-02-28&to=2026-03-01', 'ruCoord');
    expect(empty.added.map((x) => x.measureId).sort()).toEqual([m.a.id, m.b.id].sort());
    const none = await diff(`from=${b.json().id}&to=now`);
    expect(strip(none)).toEqual({ added: [], removed: [], changed: [] });
    const unknown = await api.call(
      'GET',
      `/api/v1/roadmaps/${roadmapId}/diff?from=00000000-0000-4000-8000-000000000001`,
      {
        cookie: cookie.admin,
      },
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details[0].path).toBe('from');
  });
});

describe('a measure that becomes internal between two baselines', () => {
  it('is removed for the other party, and its new form never reaches it', async () => {
    const before = await api.call('POST', `/api/v1/roadmaps/${roadmapId}/baselines`, {
      cookie: cookie.admin,
      body: { name: { ru: 'До' } },
    });
    const cur = (await api.call('GET', `/api/v1/measures/${m.a.id}`, { cookie: cookie.admin })).json();
    const p = await api.call('PATCH', `/api/v1/measures/${m.a.id}`, {
      cookie: cookie.admin,
      body: {
        version: cur.version,
        tier: 'internal',
        ownerPartyId: w.kz.party.id,
        title: { ru: 'Теперь секретное название' },
        responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
        reason: 'передано казахстанской стороне',
      },
    });
    expect(p.statusCode, p.body).toBe(200);
    const after = await api.call('POST', `/api/v1/roadmaps/${roadmapId}/baselines`, {
      cookie: cookie.admin,
      body: { name: { ru: 'После' } },
    });
    for (const to of [after.json().id, 'now']) {
      const ru = await diff(`from=${before.json().id}&to=${to}`, 'ruCoord');
      expect(ru.removed.map((x) => x.measureId)).toEqual([m.a.id]);
      expect(JSON.stringify(ru)).not.toContain('секретное');
      const kz = await diff(`from=${before.json().id}&to=${to}`, 'kzCoord');
      expect(kz.changed.map((c) => c.item.measureId)).toEqual([m.a.id]);
    }
  });
});
