/**
 * Deadline calendars over HTTP: the secret URL made, rotated and revoked (the old URL 404s),
 * the feed's events per role (another party's internal measures never in it), report due
 * dates, RFC 5545 shape (CRLF, 75-octet lines), and a roadmap's calendar for signed-in users.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, periods } from '../../db/schema';
import { setUpTestApi } from '../../test/api';
import { buildMeasure } from '../../test/factories';

const ME = '/api/v1/me/calendar';
const octets = (s: string) => new TextEncoder().encode(s).length;
/** The feed's events, unfolded, as UID → SUMMARY. */
function events(ics: string): Map<string, string> {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const out = new Map<string, string>();
  let uid = '';
  for (const l of lines) {
    if (l.startsWith('UID:')) uid = l.slice(4);
    if (l.startsWith('SUMMARY:')) out.set(uid, l.slice(8).replace(/\\(.)/g, '$1'));
  }
  return out;
}

let ids: Record<'kzAgency' | 'ruOnly' | 'kzInternal' | 'done', string>;
let periodId: string;
const s = setUpTestApi(async ({ api, w }) => {
  const ctx = api.t.ctx;
  const r = { roadmapId: w.roadmap.id };
  const kzAgency = await buildMeasure(ctx, {
    ...r,
    title: { ru: 'Провести совещание, этап 1; итоги', kk: 'Кеңес өткізу' },
    dueDate: '2026-09-30',
    responsible: [
      { organisationId: w.kz.agency.id, role: 'lead' },
      { organisationId: w.ru.ministry.id, role: 'co_executor' },
    ],
  });
  const ruOnly = await buildMeasure(ctx, {
    ...r,
    title: { ru: 'Российская часть' },
    responsible: [{ organisationId: w.ru.ministry.id, role: 'lead' }],
  });
  const kzInternal = await buildMeasure(ctx, {
    ...r,
    title: { ru: 'Внутренняя позиция Казахстана' },
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
  });
  const done = await buildMeasure(ctx, {
    ...r,
    title: { ru: 'Уже выполнено' },
    status: 'completed',
    progress: 100,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
  ids = { kzAgency: kzAgency.id, ruOnly: ruOnly.id, kzInternal: kzInternal.id, done: done.id };
  const [p] = await ctx.db
    .insert(periods)
    .values({
      roadmapId: w.roadmap.id,
      code: '2026-Q3',
      startDate: '2026-07-01',
      endDate: '2026-09-30',
      reportDueDate: '2026-10-10',
    })
    .returning();
  periodId = p.id;
});

/** Makes the person's URL and returns its path (the test app has no public URL: the request's host). */
async function feedPath(cookie: string) {
  const r = await s.api.call('POST', ME, { cookie, headers: { origin: 'http://localhost:80' } });
  expect(r.statusCode).toBe(200);
  const { url } = r.json();
  expect(url).toMatch(/^http:\/\/localhost(:80)?\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  return new URL(url).pathname;
}

describe('the calendar URL: 401 → 403 → make, rotate, revoke', () => {
  it('needs a session, not an API token', async () => {
    const { api, cookie } = s;
    expect((await api.call('GET', ME)).statusCode).toBe(401);
    expect((await api.call('POST', ME)).statusCode).toBe(401);
    expect((await api.call('DELETE', ME)).statusCode).toBe(401);
    const token = (
      await api.call('POST', '/api/v1/me/tokens', { cookie: cookie.kzRep, body: { name: 'бот' } })
    ).json().token;
    const r = await api.call('POST', ME, { token });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
  });

  it('rotating retires the old URL, revoking the current one; both audited without the secret', async () => {
    const { api, w, cookie } = s;
    expect((await api.call('GET', ME, { cookie: cookie.ruRep })).json()).toMatchObject({ active: false });
    const first = await feedPath(cookie.ruRep);
    expect((await api.call('GET', first)).statusCode).toBe(200);
    expect((await api.call('GET', ME, { cookie: cookie.ruRep })).json()).toMatchObject({ active: true });
    const second = await feedPath(cookie.ruRep);
    const old = await api.call('GET', first);
    expect(old.statusCode).toBe(404);
    expect(old.json().error.code).toBe('not_found');
    expect((await api.call('GET', second)).statusCode).toBe(200);
    expect(
      (await api.call('DELETE', ME, { cookie: cookie.ruRep, headers: { origin: 'http://localhost:80' } }))
        .statusCode,
    ).toBe(204);
    expect((await api.call('GET', second)).statusCode).toBe(404);
    expect((await api.call('GET', ME, { cookie: cookie.ruRep })).json()).toMatchObject({ active: false });
    const trail = await api.t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'calendar'), eq(auditEvents.entityId, w.ru.reporter.id)));
    expect(trail.map((e) => e.action).sort()).toEqual([
      'calendar.revoke',
      'calendar.rotate',
      'calendar.rotate',
    ]);
    const secret = second.split('/').pop()!.replace('.ics', '');
    expect(JSON.stringify(trail)).not.toContain(secret);
  });

  it('answers 404 to made-up, malformed and non-.ics addresses', async () => {
    const { api } = s;
    for (const p of ['x.ics', `${'A'.repeat(43)}.ics`, `${'A'.repeat(43)}`, `${'a'.repeat(150)}.ics`]) {
      const r = await api.call('GET', `/api/v1/calendar/${p}`);
      expect(r.statusCode, p).toBe(404);
    }
  });
});

describe('the feed', () => {
  it("holds a reporter's organisation's open measures and its party's report due dates, as RFC 5545", async () => {
    const { api, cookie } = s;
    const r = await api.call('GET', await feedPath(cookie.kzRep));
    expect(r.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = r.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toMatch(/[^\r]\n/);
    const ev = events(ics);
    expect([...ev.keys()].sort()).toEqual(
      [`measure-${ids.kzAgency}@accord`, `period-${periodId}@accord`].sort(),
    );
    expect(ev.get(`measure-${ids.kzAgency}@accord`)).toBe('Срок: 1 Провести совещание, этап 1; итоги');
    expect(ics).toMatch(/DTSTART;VALUE=DATE:20260930\r\nDTEND;VALUE=DATE:20261001/);
    expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:Срок: 1 Провести совещание\\, этап 1\\; итоги');
    expect(ics).toContain('DTSTAMP:20260615T090000Z');
  });

  it("gives a coordinator its party's measures with its internal plan, and never the other party's", async () => {
    const { api, cookie } = s;
    const kz = events((await api.call('GET', await feedPath(cookie.kzCoord))).body);
    expect(kz.has(`measure-${ids.kzAgency}@accord`)).toBe(true);
    expect(kz.has(`measure-${ids.kzInternal}@accord`)).toBe(true);
    expect(kz.has(`measure-${ids.ruOnly}@accord`)).toBe(false);
    expect(kz.has(`measure-${ids.done}@accord`)).toBe(false);
    const ruBody = (await api.call('GET', await feedPath(cookie.ruCoord))).body;
    const ru = events(ruBody);
    expect(ru.has(`measure-${ids.ruOnly}@accord`)).toBe(true);
    expect(ru.has(`measure-${ids.kzAgency}@accord`)).toBe(true);
    expect(ru.has(`measure-${ids.kzInternal}@accord`)).toBe(false);
    expect(ruBody).not.toContain('Внутренняя позиция');
    const viewer = (await api.call('GET', await feedPath(cookie.viewer))).body;
    expect(viewer).not.toContain('Внутренняя позиция');
    expect(events(viewer).has(`period-${periodId}@accord`)).toBe(false);
  });
});

describe('GET /roadmaps/{id}/calendar.ics', () => {
  it('401 → 400 → 404 → the visible open measures of the roadmap', async () => {
    const { api, w, cookie } = s;
    const path = `/api/v1/roadmaps/${w.roadmap.id}/calendar.ics`;
    expect((await api.call('GET', path)).statusCode).toBe(401);
    const bad = await api.call('GET', '/api/v1/roadmaps/nope/calendar.ics', { cookie: cookie.viewer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('id');
    expect(
      (
        await api.call('GET', '/api/v1/roadmaps/00000000-0000-4000-8000-000000000000/calendar.ics', {
          cookie: cookie.viewer,
        })
      ).statusCode,
    ).toBe(404);
    const r = await api.call('GET', path, { cookie: cookie.ruRep });
    expect(r.statusCode).toBe(200);
    const ev = events(r.body);
    expect(ev.has(`measure-${ids.kzAgency}@accord`)).toBe(true);
    expect(ev.has(`measure-${ids.ruOnly}@accord`)).toBe(true);
    expect(ev.has(`measure-${ids.kzInternal}@accord`)).toBe(false);
    expect(ev.has(`period-${periodId}@accord`)).toBe(true);
  });
});
