/** GET /roadmaps/{id}/baselines/{baselineId}/dates: the baseline's dates, as the caller may see them. */
import { describe, expect, it } from 'vitest';
import type { BaselineDates } from '../../contracts/baselines';
import type { MeasureCreate } from '../../contracts/roadmaps';
import { setUpTestApi, type TestApi, type WorldRole } from '../../test/api';
import { buildMeasure, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
let roadmapId: string;
let otherRoadmapId: string;
let baselineId: string;
const m: Record<string, { id: string; version: number }> = {};

const create = (body: Partial<MeasureCreate> & Pick<MeasureCreate, 'responsible'>) =>
  buildMeasure(api.t.ctx, { roadmapId, startDate: '2026-01-01', dueDate: '2026-06-30', ...body });

setUpTestApi(async (s) => {
  ({ api, w, cookie } = s);
  const roadmap = async () =>
    (
      await api.call('POST', '/api/v1/roadmaps', { cookie: cookie.admin, body: { title: { ru: 'План' } } })
    ).json().id as string;
  roadmapId = await roadmap();
  otherRoadmapId = await roadmap();
  const joint = [
    { organisationId: w.kz.ministry.id, role: 'lead' as const },
    { organisationId: w.ru.ministry.id, role: 'co_executor' as const },
  ];
  m.a = await create({ title: { ru: 'Совместное А' }, responsible: joint, dueDate: '2026-05-31' });
  m.b = await create({ title: { ru: 'Совместное Б' }, responsible: joint, startDate: '2026-02-01' });
  for (const side of [w.kz, w.ru])
    m[side.party.code] = await create({
      title: { ru: `Внутреннее ${side.party.code}` },
      tier: 'internal',
      ownerPartyId: side.party.id,
      responsible: [{ organisationId: side.agency.id, role: 'lead' as const }],
    });
  // approving freezes the approved plan
  const ok = await api.call('PATCH', `/api/v1/roadmaps/${roadmapId}`, {
    cookie: cookie.admin,
    body: { version: 1, status: 'approved' },
  });
  expect(ok.statusCode, ok.body).toBe(200);
  const list = await api.call('GET', `/api/v1/roadmaps/${roadmapId}/baselines`, { cookie: cookie.admin });
  baselineId = list.json().data[0].id;
  // after the freeze: A moves, C is added
  const moved = await api.call('PATCH', `/api/v1/measures/${m.a.id}`, {
    cookie: cookie.admin,
    body: { version: m.a.version, dueDate: '2026-09-30', reason: 'Перенос по решению комиссии' },
  });
  expect(moved.statusCode, moved.body).toBe(200);
  m.c = await create({ title: { ru: 'Новое В' }, responsible: joint, reason: 'Новое мероприятие' });
});

const url = (rid = roadmapId, bid = baselineId) => `/api/v1/roadmaps/${rid}/baselines/${bid}/dates`;

describe('baseline dates', () => {
  it('answers 401 without a session', async () => {
    expect((await api.call('GET', url())).statusCode).toBe(401);
  });

  it('answers 400 naming the field for an id that is no uuid', async () => {
    const r = await api.call('GET', url(roadmapId, 'nope'), { cookie: cookie.viewer });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('validation_failed');
    expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain('baselineId');
  });

  it('answers 404 for an unknown roadmap or baseline, and for a baseline of another roadmap', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [rid, bid] of [
      [unknown, baselineId],
      [roadmapId, unknown],
      [otherRoadmapId, baselineId],
    ]) {
      const r = await api.call('GET', url(rid, bid), { cookie: cookie.admin });
      expect(r.statusCode, `${rid} ${bid}`).toBe(404);
      expect(r.json().error.code).toBe('not_found');
    }
  });

  it('gives the dates as frozen, to every signed-in user (no 403), each seeing its own tier', async () => {
    const seen = async (who: WorldRole) => {
      const r = await api.call('GET', url(), { cookie: cookie[who] });
      expect(r.statusCode, r.body).toBe(200);
      return { body: r.body, items: (r.json() as BaselineDates).items };
    };
    const admin = await seen('admin');
    // A as frozen (moved since), B unchanged, C not in the baseline
    expect(admin.items.find((i) => i.measureId === m.a.id)).toEqual({
      measureId: m.a.id,
      startDate: '2026-01-01',
      dueDate: '2026-05-31',
    });
    expect(admin.items.find((i) => i.measureId === m.b.id)).toEqual({
      measureId: m.b.id,
      startDate: '2026-02-01',
      dueDate: '2026-06-30',
    });
    expect(admin.items.map((i) => i.measureId).sort()).toEqual([m.a.id, m.b.id, m.KZ.id, m.RU.id].sort());
    const ids = async (who: WorldRole) => (await seen(who)).items.map((i) => i.measureId).sort();
    expect(await ids('kzCoord')).toEqual([m.a.id, m.b.id, m.KZ.id].sort());
    expect(await ids('ruRep')).toEqual([m.a.id, m.b.id, m.RU.id].sort());
    expect(await ids('viewer')).toEqual([m.a.id, m.b.id].sort());
    // the other party's internal measure leaves no trace in the answer
    const kz = await seen('kzCoord');
    expect(kz.body).not.toContain(m.RU.id);
    const viewer = await seen('viewer');
    expect(viewer.body).not.toContain(m.KZ.id);
    expect(viewer.body).not.toContain(m.RU.id);
  });
});
