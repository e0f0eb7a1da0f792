/**
 * A bulk update of measures citing a commission decision (issue 9 §4–5): the decision must
 * exist and its meeting review the roadmap of every measure changed; the change is audited
 * with the decision and each measure is linked to it, as a single update does.
 */
import { describe, expect, it } from 'vitest';
import { setUpTestApi, type TestApi, type WorldRole } from '../../test/api';
import { decisionOf as makeDecision } from '../../test/decisions';
import { buildMeasure, buildRoadmap, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
const B = '/api/v1/measures/bulk';
const M = '/api/v1/commission-meetings';

setUpTestApi(async (s) => {
  ({ api, w, cookie } = s);
});

const lead = () => [{ organisationId: w.kz.ministry.id, role: 'lead' as const }];

/** Meeting `number` reviewing `roadmapIds`, with one decision; its id. */
const decisionOf = (number: number, roadmapIds: string[]) =>
  makeDecision(api, cookie.admin, number, roadmapIds, 'Перенести сроки');

describe('bulk update citing a decision', () => {
  it('answers 401 without a session and 400 for a malformed decisionId', async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const body = { items: [{ id: m.id, version: 1 }], set: { dueDate: '2027-03-31' }, decisionId: 'x' };
    expect((await api.call('POST', B, { body })).statusCode).toBe(401);
    const bad = await api.call('POST', B, { cookie: cookie.admin, body });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toContain('decisionId');
  });

  it('refuses a non-admin writer the fields the policy withholds, decision or not (403)', async () => {
    const m = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      responsible: [{ organisationId: w.ru.ministry.id, role: 'lead' }],
    });
    const decisionId = await decisionOf(40, [w.roadmap.id]);
    const r = await api.call('POST', B, {
      cookie: cookie.kzCoord,
      body: {
        items: [{ id: m.id, version: 1 }],
        set: { dueDate: '2027-03-31' },
        reason: 'решение',
        decisionId,
      },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.details[0].path).toMatch(/^items\.0/);
    const links = await api.call('GET', `/api/v1/measures/${m.id}/decisions`, { cookie: cookie.admin });
    expect(links.json().data).toEqual([]);
  });

  it('refuses an unknown decision and one whose meeting does not review the roadmap (422 naming decisionId)', async () => {
    const m = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const items = [{ id: m.id, version: 1 }];
    const set = { dueDate: '2027-03-31' };
    const none = await api.call('POST', B, {
      cookie: cookie.admin,
      body: { items, set, reason: 'решение', decisionId: w.roadmap.id },
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details[0]).toMatchObject({ path: 'decisionId', rule: 'noSuch.decision' });

    const elsewhere = await buildRoadmap(api.t.ctx.db, { agreementIds: [w.agreement.id] });
    const otherDecision = await decisionOf(41, [elsewhere.id]);
    const wrong = await api.call('POST', B, {
      cookie: cookie.admin,
      headers: { 'accept-language': 'ru' },
      body: { items, set, reason: 'решение', decisionId: otherDecision },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details[0]).toMatchObject({
      path: 'items.0.decisionId',
      rule: 'decision.otherRoadmap',
    });
    // nothing was saved
    const after = await api.call('GET', `/api/v1/measures/${m.id}`, { cookie: cookie.admin });
    expect(after.json()).toMatchObject({ version: 1, dueDate: '2026-12-31' });
  });

  it('changes every measure, links each to the decision and audits the decision', async () => {
    const a = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const b = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead() });
    const decisionId = await decisionOf(42, [w.roadmap.id]);
    const r = await api.call('POST', B, {
      cookie: cookie.admin,
      body: {
        items: [
          { id: a.id, version: 1 },
          { id: b.id, version: 1 },
        ],
        set: { dueDate: '2027-06-30' },
        reason: 'Решение 42-го заседания',
        decisionId,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().updated).toBe(2);
    for (const m of [a, b]) {
      const d = await api.call('GET', `/api/v1/measures/${m.id}/decisions`, { cookie: cookie.viewer });
      expect(d.json().data).toEqual([
        expect.objectContaining({ decisionId, meetingNumber: 42, effect: 'moves_dates' }),
      ]);
      const h = (await api.call('GET', `/api/v1/measures/${m.id}/history`, { cookie: cookie.admin })).json()
        .data;
      expect(h[0]).toMatchObject({
        action: 'measure.update',
        after: expect.objectContaining({ source: 'bulk', decisionId, reason: 'Решение 42-го заседания' }),
      });
    }
    const meeting = (await api.call('GET', `${M}?roadmapId=${w.roadmap.id}`, { cookie: cookie.admin }))
      .json()
      .data.find((x: { number: number }) => x.number === 42);
    expect(meeting.decisions[0].measures.map((x: { measureId: string }) => x.measureId).sort()).toEqual(
      [a.id, b.id].sort(),
    );
  });
});
