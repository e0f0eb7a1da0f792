/**
 * Nothing of the other party's internal plan reaches a party: not a row, an id, a code, a
 * title, a count, a gap in numbering, a message or a size. The test is differential: it walks
 * every read (each GET route of the API, lists with each filter) and a set of refusals as
 * each party's users and the viewer, then adds internal measures of the OTHER party (children
 * of joint measures, internal dependencies, deeper internal branches, edits and moves of them)
 * and walks again: every answer must be byte for byte what it was.
 */
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jointStatuses } from '../db/schema';
import { SYSTEM_ACTOR } from '../domain/policies';
import { sealAudit } from '../services/audit-seal';
import { moveMeasure, updateMeasure } from '../services/measures';
import { createTestApi, signInWorld, type TestApi, type WorldRole } from '../test/api';
import { buildMeasure, buildWorld, type World } from '../test/factories';
import { buildPeriod, putReport, reconcileNow } from '../test/joint';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
const ids: Record<string, string> = {};
const NOBODY = '00000000-0000-4000-8000-00000000abcd';

beforeAll(async () => {
  api = await createTestApi();
  w = await buildWorld(api.t.ctx);
  cookie = await signInWorld(api, w);
  const joint = [
    { organisationId: w.kz.agency.id, role: 'lead' as const },
    { organisationId: w.ru.agency.id, role: 'lead' as const },
  ];
  const top = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    responsible: joint,
    sphereIds: [w.sphere.id],
  });
  const a = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    parentId: top.id,
    responsible: joint,
    status: 'in_progress',
    progress: 40,
    sphereIds: [w.sphere.id],
  });
  const b = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    parentId: top.id,
    responsible: joint,
    dueDate: '2026-03-31',
    dependsOn: [a.id],
  });
  // each party's own internal step, which that party sees and the other must not
  for (const side of [w.kz, w.ru]) {
    const m = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      parentId: top.id,
      tier: 'internal',
      ownerPartyId: side.party.id,
      responsible: [{ organisationId: side.agency.id, role: 'lead' }],
      title: { ru: `Внутреннее ${side.party.code}` },
      dependsOn: [a.id],
    });
    ids[`internal${side.party.code}`] = m.id;
  }
  Object.assign(ids, { top: top.id, a: a.id, b: b.id });
  // a reporting period and the joint status of a joint measure (awaiting both parties' reports)
  ids.period = (await buildPeriod(api.t.ctx, w.roadmap.id)).id;
  await reconcileNow(api.t.ctx, a.id, ids.period);
  ids.aJoint = (await jointIdOf(a.id)) ?? '';
});

const jointIdOf = async (measureId: string) =>
  (
    await api.t.db
      .select({ id: jointStatuses.id })
      .from(jointStatuses)
      .where(eq(jointStatuses.measureId, measureId))
  )[0]?.id;
afterAll(() => api.close());

/** Adds the other party's hidden plan: more internal measures, links, edits and a move. */
async function addHiddenPlanOf(side: World['kz']) {
  const own = [{ organisationId: side.agency.id, role: 'lead' as const }];
  const base = {
    roadmapId: w.roadmap.id,
    tier: 'internal' as const,
    ownerPartyId: side.party.id,
    responsible: own,
  };
  const h1 = await buildMeasure(api.t.ctx, {
    ...base,
    parentId: ids.a,
    title: { ru: `Секрет ${side.party.code} один` },
    dependsOn: [ids.b],
  });
  const h2 = await buildMeasure(api.t.ctx, {
    ...base,
    parentId: h1.id,
    title: { ru: `Секрет ${side.party.code} два` },
    status: 'completed',
  });
  const h3 = await buildMeasure(api.t.ctx, {
    ...base,
    parentId: ids.top,
    title: { ru: `Секрет ${side.party.code} три` },
    dependsOn: [h2.id],
  });
  await buildMeasure(api.t.ctx, { ...base, title: { ru: `Секрет ${side.party.code} наверху` } });
  await updateMeasure(api.t.ctx, SYSTEM_ACTOR, h3.id, {
    version: h3.version,
    progress: 70,
    status: 'in_progress',
    reason: 'Сведения секретариата',
  });
  const cur = await moveMeasure(api.t.ctx, SYSTEM_ACTOR, h3.id, { version: h3.version + 1, parentId: ids.b });
  // its reports: an approved one on the hidden measure (reconciled: the measure follows), and a
  // draft on the joint measure, which the other party must not see in the side-by-side view
  const report = { periodId: ids.period, partyId: side.party.id, reviewedBy: side.coordinator.id };
  await putReport(api.t.ctx, {
    ...report,
    measureId: h3.id,
    state: 'approved',
    status: 'in_progress',
    progress: 85,
  });
  await reconcileNow(api.t.ctx, h3.id, ids.period);
  await putReport(api.t.ctx, {
    ...report,
    measureId: ids.a,
    state: 'draft',
    status: 'completed',
    progress: 100,
    narrative: { ru: `Секрет ${side.party.code} черновик` },
  });
  await reconcileNow(api.t.ctx, ids.a, ids.period);
  return [h1, h2, h3, cur];
}

/** Every GET route of the API, its path parameters filled with the shared data's ids. */
function readUrls(): string[] {
  const fill: Record<string, string> = {
    '/measures/:id': ids.top,
    '/roadmaps/:id': w.roadmap.id,
    '/agreements/:id': w.agreement.id,
    '/parties/:id': w.kz.party.id,
    '/spheres/:id': w.sphere.id,
    '/organisations/:id': w.kz.agency.id,
  };
  const urls = new Set<string>();
  for (const r of api.app.apiRoutes.filter((x) => x.method === 'GET')) {
    let url = r.url.replace('/api/v1', '');
    if (url.includes('/users') || url.includes('/audit') || url.includes('/tokens')) continue; // admin-only or personal
    if (url.includes(':id')) {
      const key = Object.keys(fill).find((k) => url.startsWith(k));
      if (!key) continue;
      url = url.replace(':id', fill[key]);
    }
    if (url.includes(':')) continue;
    urls.add(`/api/v1${url}`);
  }
  for (const id of [ids.top, ids.a, ids.b]) {
    urls.add(`/api/v1/measures/${id}`);
    urls.add(`/api/v1/measures/${id}/history`);
  }
  const R = `roadmapId=${w.roadmap.id}`;
  for (const q of [
    '',
    '&leaf=true',
    '&leaf=false',
    '&parentId=root',
    `&parentId=${ids.top}`,
    `&parentId=${ids.a}`,
    '&overdue=true',
    '&atRisk=true',
    '&atRisk=false',
    '&lateReport=true',
    '&lateReport=false',
    `&reportMissing=${ids.period}`,
    '&status=completed',
    '&tier=internal',
    `&partyId=${w.ru.party.id}`,
    `&partyId=${w.kz.party.id}`,
    `&organisationId=${w.ru.agency.id}`,
    `&organisationId=${w.kz.agency.id}`,
    `&sphereId=${w.sphere.id}`,
    '&q=%D0%A1%D0%B5%D0%BA%D1%80%D0%B5%D1%82', // «Секрет»
    '&q=1',
    '&q=1.KZ1',
    '&q=1.RU1',
    '&sort=-code',
    '&sort=-updatedAt',
    '&limit=1&page=3',
  ])
    urls.add(`/api/v1/measures?${R}${q}`);
  urls.add(`/api/v1/roadmaps/${w.roadmap.id}/summary`);
  for (const q of [
    '',
    '?limit=100',
    '?state=confirmed',
    '?state=awaiting_reports',
    `?periodId=${ids.period}`,
    `?${R}`,
  ])
    urls.add(`/api/v1/joint-statuses${q}`);
  urls.add(`/api/v1/measures/${ids.a}/joint-statuses`);
  if (ids.aJoint) urls.add(`/api/v1/joint-statuses/${ids.aJoint}`);
  for (const q of ['Секрет', 'секретный', '1.KZ1', '1.RU1', 'Агентство', 'KZ', 'RU'])
    urls.add(`/api/v1/search?q=${encodeURIComponent(q)}`);
  return [...urls];
}

/**
 * What an answer says, to compare: a spreadsheet or Word file by the content of each part
 * (the ZIP's entry times and the document's creation time are the moment it was made, not
 * data); anything else as it is, without the per-request id.
 */
function comparable(r: { headers: Record<string, unknown>; body: string; rawPayload: Buffer }): string {
  const type = String(r.headers['content-type'] ?? '');
  if (!type.includes('spreadsheetml') && !type.includes('wordprocessingml'))
    return r.body.replace(/"requestId":"[^"]*"/, '"requestId":"…"');
  const parts = unzipSync(new Uint8Array(r.rawPayload));
  return Object.keys(parts)
    .sort()
    .map(
      (name) => `${name}: ${strFromU8(parts[name]).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '…')}`,
    )
    .join('\n');
}

/** Answers that must not depend on the other party's internal data, with their sizes. */
async function walk(who: WorldRole): Promise<Record<string, string>> {
  // events are sealed into the chain in the background: settle it so history reads the same
  await sealAudit(api.t.db, { wait: true });
  const out: Record<string, string> = {};
  for (const url of readUrls()) {
    const r = await api.call('GET', url, { cookie: cookie[who] });
    // the request id differs by request, and its length with it
    const body = comparable(r);
    out[url] = `${r.statusCode} ${r.statusCode < 400 ? (r.headers['content-length'] ?? '') : ''} ${body}`;
  }
  const body = (parentId: string | null, extra: Record<string, unknown> = {}) => ({
    roadmapId: w.roadmap.id,
    parentId,
    title: { ru: 'Проба' },
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    completionForm: 'other',
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
    ...extra,
  });
  // refusals that could tell a hidden measure from no measure at all
  const refusals: [string, string, unknown][] = [
    [
      'POST',
      '/api/v1/measures',
      body(ids.top, { code: '1.RU1', tier: 'internal', ownerPartyId: w.kz.party.id }),
    ],
    ['POST', '/api/v1/measures', body(ids.top, { code: '1.KZ9', tier: 'shared' })],
    ['POST', '/api/v1/measures', body(NOBODY)],
    ['POST', '/api/v1/measures', body(ids.top, { dependsOn: [NOBODY] })],
    ['PATCH', `/api/v1/measures/${NOBODY}`, { version: 1, progress: 5 }],
    ['POST', `/api/v1/measures/${NOBODY}/move`, { version: 1, parentId: null }],
    ['DELETE', `/api/v1/measures/${NOBODY}?version=1`, undefined],
  ];
  for (const [method, url, b] of refusals) {
    const r = await api.call(method as 'POST', url, { cookie: cookie[who], body: b });
    out[`${method} ${url} ${JSON.stringify(b)}`] =
      `${r.statusCode} ${JSON.stringify({ ...r.json().error, requestId: undefined })}`;
  }
  return out;
}

describe('the other party’s internal plan never shows', () => {
  it.each([
    ['Kazakhstan', 'kzCoord', 'kzRep', 'ru'],
    ['Russia', 'ruCoord', 'ruRep', 'kz'],
  ] as const)(
    'to %s: every read and refusal answers the same after the other side plans in private',
    async (_n, coord, rep, other) => {
      const before = { coord: await walk(coord), rep: await walk(rep), viewer: await walk('viewer') };
      const hidden = await addHiddenPlanOf(w[other]);
      const after = { coord: await walk(coord), rep: await walk(rep), viewer: await walk('viewer') };
      for (const k of ['coord', 'rep', 'viewer'] as const) {
        expect(Object.keys(after[k]).length).toBeGreaterThan(40);
        for (const url of Object.keys(before[k])) expect(after[k][url], `${k} ${url}`).toBe(before[k][url]);
        // and the hidden rows, codes and titles appear nowhere
        const all = Object.values(after[k]).join('\n');
        for (const h of hidden) {
          expect(all).not.toContain(h.id);
          expect(all).not.toContain(`"${h.code}"`);
        }
        expect(all).not.toContain(`Секрет ${w[other].party.code}`);
      }
      // the hidden measure's joint status answers exactly as one that does not exist
      const hiddenJoint = await jointIdOf(hidden[2].id);
      expect(hiddenJoint).toBeDefined();
      for (const who of [coord, rep, 'viewer'] as const) {
        for (const [method, tail, b] of [
          ['GET', '', undefined],
          ['POST', '/confirm', { version: 1, status: 'in_progress', progress: 85 }],
          ['POST', '/dissent', { version: 1, text: 'Особое мнение' }],
        ] as const) {
          const answer = async (id: string) => {
            const r = await api.call(method, `/api/v1/joint-statuses/${id}${tail}`, {
              cookie: cookie[who],
              body: b,
            });
            return `${r.statusCode} ${r.body.replace(/"requestId":"[^"]*"/, '').replaceAll(id, '')}`;
          };
          expect(await answer(hiddenJoint!), `${who} ${method} ${tail}`).toBe(await answer(NOBODY));
        }
      }
      // the admin does see them (the walk reaches the data)
      const adminView = await api.call('GET', `/api/v1/measures?roadmapId=${w.roadmap.id}&limit=200`, {
        cookie: cookie.admin,
      });
      expect(adminView.body).toContain(hidden[0].id);
    },
    // six walks of every read (~300 requests): on a loaded 2-core machine near the default 30 s
    120_000,
  );
});
