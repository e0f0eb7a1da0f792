/**
 * The access table: every role × own/other party × resource × action, against the expected
 * allow or deny, through the real API. One row per cell, so a change to a policy shows up
 * as exactly the cells it moved.
 */
import { describe, expect, it } from 'vitest';
import type { Measure } from '../contracts/roadmaps';
import { type TestApi, setUpTestApi, type WorldRole } from '../test/api';
import { buildMeasure, type World } from '../test/factories';

type Who = WorldRole;
type Target = 'joint' | 'kzOnlyJoint' | 'kzInternal';
type Action = 'read' | 'correctStatus' | 'editDueDate' | 'editTitle' | 'delete';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;

/**
 * joint: KZ agency and RU agency lead; kzOnlyJoint: a shared measure only the KZ ministry
 * carries out; kzInternal: internal to Kazakhstan, KZ agency leads.
 * 200/204 = allowed; 403 = visible but refused; 404 = not even visible. A measure's status and
 * progress follow its reconciled joint status: only admins correct them directly (with a reason).
 */
const EXPECTED: Record<Target, Record<Action, Record<Who, number>>> = {
  joint: {
    read: { admin: 200, viewer: 200, kzCoord: 200, kzRep: 200, ruCoord: 200, ruRep: 200 },
    correctStatus: { admin: 200, viewer: 403, kzCoord: 403, kzRep: 403, ruCoord: 403, ruRep: 403 },
    editDueDate: { admin: 200, viewer: 403, kzCoord: 200, kzRep: 403, ruCoord: 200, ruRep: 403 },
    editTitle: { admin: 200, viewer: 403, kzCoord: 403, kzRep: 403, ruCoord: 403, ruRep: 403 },
    delete: { admin: 204, viewer: 403, kzCoord: 403, kzRep: 403, ruCoord: 403, ruRep: 403 },
  },
  kzOnlyJoint: {
    read: { admin: 200, viewer: 200, kzCoord: 200, kzRep: 200, ruCoord: 200, ruRep: 200 },
    correctStatus: { admin: 200, viewer: 403, kzCoord: 403, kzRep: 403, ruCoord: 403, ruRep: 403 },
    editDueDate: { admin: 200, viewer: 403, kzCoord: 200, kzRep: 403, ruCoord: 403, ruRep: 403 },
    editTitle: { admin: 200, viewer: 403, kzCoord: 403, kzRep: 403, ruCoord: 403, ruRep: 403 },
    delete: { admin: 204, viewer: 403, kzCoord: 403, kzRep: 403, ruCoord: 403, ruRep: 403 },
  },
  kzInternal: {
    read: { admin: 200, viewer: 404, kzCoord: 200, kzRep: 200, ruCoord: 404, ruRep: 404 },
    correctStatus: { admin: 200, viewer: 404, kzCoord: 403, kzRep: 403, ruCoord: 404, ruRep: 404 },
    editDueDate: { admin: 200, viewer: 404, kzCoord: 200, kzRep: 403, ruCoord: 404, ruRep: 404 },
    editTitle: { admin: 200, viewer: 404, kzCoord: 200, kzRep: 403, ruCoord: 404, ruRep: 404 },
    delete: { admin: 204, viewer: 404, kzCoord: 204, kzRep: 403, ruCoord: 404, ruRep: 404 },
  },
};

async function makeTarget(t: Target): Promise<Measure> {
  const base = { roadmapId: w.roadmap.id };
  switch (t) {
    case 'joint':
      return buildMeasure(api.t.ctx, {
        ...base,
        responsible: [
          { organisationId: w.kz.agency.id, role: 'lead' },
          { organisationId: w.ru.agency.id, role: 'lead' },
        ],
      });
    case 'kzOnlyJoint':
      return buildMeasure(api.t.ctx, {
        ...base,
        responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
      });
    case 'kzInternal':
      return buildMeasure(api.t.ctx, {
        ...base,
        tier: 'internal',
        ownerPartyId: w.kz.party.id,
        responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
      });
  }
}

function perform(a: Action, who: Who, m: Measure) {
  const url = `/api/v1/measures/${m.id}`;
  switch (a) {
    case 'read':
      return api.call('GET', url, { cookie: cookie[who] });
    case 'correctStatus':
      return api.call('PATCH', url, {
        cookie: cookie[who],
        body: { version: m.version, status: 'in_progress', progress: 25, reason: 'Исправление ошибки ввода' },
      });
    case 'editDueDate':
      return api.call('PATCH', url, {
        cookie: cookie[who],
        body: { version: m.version, dueDate: '2026-11-30', reason: 'Перенос по согласованию' },
      });
    case 'editTitle':
      return api.call('PATCH', url, {
        cookie: cookie[who],
        body: { version: m.version, title: { ru: 'Новое название' }, reason: 'Уточнение названия' },
      });
    case 'delete':
      return api.call('DELETE', `${url}?version=${m.version}&reason=${encodeURIComponent('Снято')}`, {
        cookie: cookie[who],
      });
  }
}

setUpTestApi((s) => {
  ({ api, w, cookie } = s);
});

const cells = (Object.keys(EXPECTED) as Target[]).flatMap((t) =>
  (Object.keys(EXPECTED[t]) as Action[]).flatMap((a) =>
    (Object.keys(EXPECTED[t][a]) as Who[]).map((who) => [t, a, who, EXPECTED[t][a][who]] as const),
  ),
);

describe('measure access by role and party', () => {
  it.each(cells)('%s · %s · %s → %i', async (target, action, who, expected) => {
    const m = await makeTarget(target);
    const r = await perform(action, who, m);
    expect(r.statusCode, r.body).toBe(expected);
    // A refusal changes nothing; an allowed change is really made.
    const after = await api.call('GET', `/api/v1/measures/${m.id}`, { cookie: cookie.admin });
    if (expected >= 400) expect(after.json().version).toBe(m.version);
    else if (action === 'delete') expect(after.statusCode).toBe(404);
    else if (action !== 'read') expect(after.json().version).toBe(m.version + 1);
  });
});

describe('creating measures by role and party', () => {
  const internalFor = (party: 'kz' | 'ru') => ({
    roadmapId: '',
    title: { ru: 'Внутреннее мероприятие' },
    startDate: '2026-01-10',
    dueDate: '2026-05-10',
    completionForm: 'other',
    tier: 'internal',
    ownerPartyId: '',
    responsible: [{ organisationId: '', role: 'lead' }],
    _party: party,
  });
  const CREATE: [Who, 'kz' | 'ru' | 'joint', number][] = [
    ['admin', 'joint', 201],
    ['admin', 'kz', 201],
    ['kzCoord', 'kz', 201],
    ['kzCoord', 'ru', 403],
    ['kzCoord', 'joint', 403],
    ['kzRep', 'kz', 403],
    ['ruCoord', 'ru', 201],
    ['ruCoord', 'kz', 403],
    ['viewer', 'joint', 403],
  ];
  it.each(CREATE)('%s creates a %s measure → %i', async (who, kind, expected) => {
    const side = kind === 'joint' ? null : w[kind];
    const { _party, ...body } = internalFor(kind === 'ru' ? 'ru' : 'kz');
    const payload = side
      ? {
          ...body,
          roadmapId: w.roadmap.id,
          ownerPartyId: side.party.id,
          responsible: [{ organisationId: side.agency.id, role: 'lead' }],
        }
      : {
          ...body,
          roadmapId: w.roadmap.id,
          tier: 'shared',
          ownerPartyId: null,
          responsible: [
            { organisationId: w.kz.agency.id, role: 'lead' },
            { organisationId: w.ru.agency.id, role: 'lead' },
          ],
        };
    const r = await api.call('POST', '/api/v1/measures', {
      cookie: cookie[who],
      body: { ...payload, reason: 'Новое мероприятие плана' },
    });
    expect(r.statusCode, r.body).toBe(expected);
  });
});

describe('reference data and audit by role', () => {
  const ROLES: [Who, number, number][] = [
    // who, create organisation, read audit
    ['admin', 201, 200],
    ['kzCoord', 403, 403],
    ['kzRep', 403, 403],
    ['viewer', 403, 403],
  ];
  it.each(ROLES)('%s: create organisation → %i, read audit → %i', async (who, create, audit) => {
    const r = await api.call('POST', '/api/v1/organisations', {
      cookie: cookie[who],
      body: { partyId: w.kz.party.id, kind: 'agency', name: { ru: 'Новое агентство' } },
    });
    expect(r.statusCode, r.body).toBe(create);
    expect((await api.call('GET', '/api/v1/audit', { cookie: cookie[who] })).statusCode).toBe(audit);
    expect((await api.call('GET', '/api/v1/organisations', { cookie: cookie[who] })).statusCode).toBe(200);
  });
});
