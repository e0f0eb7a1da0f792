import { describe, expect, it } from 'vitest';
import { setUpTestApi, type TestApi, type WorldRole } from '../../test/api';
import { buildMeasure, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
let joint: { id: string; version: number; code: string };
let kzInternal: { id: string; code: string };
const M = '/api/v1/commission-meetings';

setUpTestApi(async (s) => {
  ({ api, w, cookie } = s);
  const lead = [{ organisationId: w.kz.ministry.id, role: 'lead' as const }];
  joint = await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: lead });
  kzInternal = await buildMeasure(api.t.ctx, {
    roadmapId: w.roadmap.id,
    tier: 'internal',
    ownerPartyId: w.kz.party.id,
    responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
  });
});

const meeting = (n: number, extra: Record<string, unknown> = {}) => ({
  number: n,
  date: '2026-05-20',
  place: { ru: 'Астана', kk: 'Астана', en: 'Astana' },
  coChairs: [
    {
      partyId: w.kz.party.id,
      name: { ru: 'Иванов И. И.' },
      position: { ru: 'Заместитель премьер-министра' },
    },
    { partyId: w.ru.party.id, name: { ru: 'Петров П. П.' } },
  ],
  roadmapIds: [w.roadmap.id],
  agenda: [{ title: { ru: 'О ходе реализации дорожной карты' } }],
  decisions: [
    {
      number: 1,
      text: { ru: 'Перенести срок мероприятия' },
      measures: [
        { measureId: joint.id, effect: 'moves_dates' },
        { measureId: kzInternal.id, effect: 'changes' },
      ],
    },
  ],
  ...extra,
});

describe('commission meetings', () => {
  it('answers 401 without a session', async () => {
    const id = w.roadmap.id;
    for (const r of await Promise.all([
      api.call('GET', M),
      api.call('POST', M, { body: {} }),
      api.call('GET', `${M}/${id}`),
      api.call('PATCH', `${M}/${id}`, { body: { version: 1 } }),
      api.call('DELETE', `${M}/${id}?version=1`),
      api.call('POST', `${M}/${id}/hold`, { body: { version: 1 } }),
      api.call('GET', `${M}/${id}/protocol`),
      api.call('GET', `/api/v1/measures/${joint.id}/decisions`),
    ]))
      expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming the fields, 403 for non-admins', async () => {
    const bad = await api.call('POST', M, {
      cookie: cookie.admin,
      body: {
        ...meeting(0),
        date: 'tomorrow',
        decisions: [
          { number: 1, text: { ru: 'a' } },
          { number: 1, text: { ru: 'b' } },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['number', 'date', 'decisions']),
    );
    for (const who of ['kzCoord', 'viewer'] as const) {
      const r = await api.call('POST', M, { cookie: cookie[who], body: meeting(25) });
      expect(r.statusCode).toBe(403);
    }
  });

  it('keeps decisions with their measures, hiding links to internal measures from the other party', async () => {
    const r = await api.call('POST', M, { cookie: cookie.admin, body: meeting(25) });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(r.json()).toMatchObject({ number: 25, heldAt: null, roadmapIds: [w.roadmap.id], protocol: null });
    const dup = await api.call('POST', M, { cookie: cookie.admin, body: meeting(25) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('number');
    const links = async (who: WorldRole) =>
      (await api.call('GET', `${M}/${id}`, { cookie: cookie[who] }))
        .json()
        .decisions[0].measures.map((x: { measureId: string }) => x.measureId);
    expect((await links('admin')).sort()).toEqual([joint.id, kzInternal.id].sort());
    expect((await links('kzCoord')).sort()).toEqual([joint.id, kzInternal.id].sort());
    expect(await links('ruCoord')).toEqual([joint.id]);
    expect(await links('viewer')).toEqual([joint.id]);
    const ru = await api.call('GET', `${M}?roadmapId=${w.roadmap.id}`, { cookie: cookie.ruCoord });
    expect(ru.body).not.toContain(kzInternal.id);
    expect(ru.body).not.toContain(kzInternal.code);
    const dec = await api.call('GET', `/api/v1/measures/${joint.id}/decisions`, { cookie: cookie.viewer });
    expect(dec.json().data).toEqual([
      expect.objectContaining({ meetingNumber: 25, number: 1, effect: 'moves_dates' }),
    ]);
    expect(
      (await api.call('GET', `/api/v1/measures/${kzInternal.id}/decisions`, { cookie: cookie.ruCoord }))
        .statusCode,
    ).toBe(404);
  });

  it('changes decisions as a whole list, keeping cited ones by id', async () => {
    const r = await api.call('POST', M, { cookie: cookie.admin, body: meeting(26, { decisions: [] }) });
    const id = r.json().id;
    const p = await api.call('PATCH', `${M}/${id}`, {
      cookie: cookie.admin,
      body: { version: 1, decisions: [{ number: 1, text: { ru: 'Принять к сведению' } }] },
    });
    expect(p.statusCode, p.body).toBe(200);
    const decisionId = p.json().decisions[0].id;
    // a measure write citing the decision links the measure to it
    const m = await api.call('PATCH', `/api/v1/measures/${joint.id}`, {
      cookie: cookie.admin,
      body: { version: joint.version, dueDate: '2027-06-30', reason: 'решение заседания', decisionId },
    });
    expect(m.statusCode, m.body).toBe(200);
    const got = (await api.call('GET', `${M}/${id}`, { cookie: cookie.admin })).json();
    expect(got.decisions[0].measures).toEqual([
      expect.objectContaining({ measureId: joint.id, effect: 'moves_dates' }),
    ]);
    const renumber = await api.call('PATCH', `${M}/${id}`, {
      cookie: cookie.admin,
      body: {
        version: got.version,
        decisions: [
          { number: 1, text: { ru: 'Новое первое' } },
          {
            id: decisionId,
            number: 2,
            text: { ru: 'Принять к сведению' },
            measures: [{ measureId: joint.id, effect: 'moves_dates' }],
          },
        ],
      },
    });
    expect(renumber.statusCode, renumber.body).toBe(200);
    expect(
      renumber.json().decisions.map((d: { id: string; number: number }) => [d.number, d.id === decisionId]),
    ).toEqual([
      [1, false],
      [2, true],
    ]);
    const noSuch = await api.call('PATCH', `/api/v1/measures/${joint.id}`, {
      cookie: cookie.admin,
      body: { version: m.json().version, dueDate: '2027-07-30', reason: 'решение', decisionId: w.roadmap.id },
    });
    expect(noSuch.statusCode).toBe(422);
    expect(noSuch.json().error.details[0].path).toBe('decisionId');
  });

  it('holds a meeting: a baseline of each roadmap named after it; then it can no longer be deleted', async () => {
    const r = await api.call('POST', M, { cookie: cookie.admin, body: meeting(27, { decisions: [] }) });
    const id = r.json().id;
    expect(
      (await api.call('POST', `${M}/${id}/hold`, { cookie: cookie.kzCoord, body: { version: 1 } }))
        .statusCode,
    ).toBe(403);
    const h = await api.call('POST', `${M}/${id}/hold`, { cookie: cookie.admin, body: { version: 1 } });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json().heldAt).not.toBeNull();
    const b = await api.call('GET', `/api/v1/roadmaps/${w.roadmap.id}/baselines`, { cookie: cookie.viewer });
    expect(b.json().data[0]).toMatchObject({
      kind: 'meeting',
      meetingId: id,
      name: { ru: '27-е заседание комиссии', en: '27th commission meeting' },
    });
    const again = await api.call('POST', `${M}/${id}/hold`, { cookie: cookie.admin, body: { version: 2 } });
    expect(again.statusCode).toBe(409);
    const edit = await api.call('PATCH', `${M}/${id}`, {
      cookie: cookie.admin,
      body: { version: 2, agenda: [{ title: { ru: 'Новый пункт' } }] },
    });
    expect(edit.statusCode, 'a held meeting is read-only').toBe(409);
    expect(edit.json().error.details[0]).toMatchObject({ path: 'heldAt', rule: 'meeting.held' });
    const del = await api.call('DELETE', `${M}/${id}?version=2`, { cookie: cookie.admin });
    expect(del.statusCode).toBe(409);
    const empty = await api.call('POST', M, {
      cookie: cookie.admin,
      body: meeting(28, { roadmapIds: [], decisions: [] }),
    });
    const nh = await api.call('POST', `${M}/${empty.json().id}/hold`, {
      cookie: cookie.admin,
      body: { version: 1 },
    });
    expect(nh.statusCode).toBe(422);
    expect(nh.json().error.details[0].path).toBe('roadmapIds');
    const gone = await api.call('DELETE', `${M}/${empty.json().id}?version=1`, { cookie: cookie.admin });
    expect(gone.statusCode).toBe(204);
  });

  it('stores the protocol (PDF or DOCX) with its checksum and serves it to everyone signed in', async () => {
    const r = await api.call('POST', M, { cookie: cookie.admin, body: meeting(29, { decisions: [] }) });
    const id = r.json().id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const form = (data: Buffer, name: string) => {
      const boundary = 'xBOUNDARYx';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    const up = (who: WorldRole, data: Buffer, name: string) => {
      const f = form(data, name);
      return api.app.inject({
        method: 'PUT',
        url: `${M}/${id}/protocol`,
        headers: { cookie: cookie[who], ...f.headers },
        payload: f.body,
      });
    };
    expect((await up('kzCoord', pdf, 'p.pdf')).statusCode).toBe(403);
    const wrong = await up('admin', Buffer.from('just text'), 'p.pdf');
    expect(wrong.statusCode).toBe(415);
    const ok = await up('admin', pdf, 'Протокол 29.pdf');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().protocol).toMatchObject({ fileName: 'Протокол 29.pdf', size: pdf.length });
    const get = await api.call('GET', `${M}/${id}/protocol`, { cookie: cookie.viewer });
    expect(get.statusCode).toBe(200);
    expect(get.rawPayload.equals(pdf)).toBe(true);
    expect(get.headers['content-disposition']).toContain("filename*=UTF-8''");
  });
});
