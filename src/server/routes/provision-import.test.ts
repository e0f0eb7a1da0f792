import { Document, Packer, Paragraph } from 'docx';
import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../domain/__fixtures__/agreements';
import { auditEvents, provisions } from '../../db/schema';
import { setUpTestApi, type TestApi, type WorldRole } from '../../test/api';
import { buildAgreement, buildSphere, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;
setUpTestApi((s) => {
  ({ api, w, cookie } = s);
});

let transport: string;
let energy: string;
let agreementId: string;
const ROADMAP = FIXTURES[3].text;

beforeAll(async () => {
  transport = (await buildSphere(api.t.db, { code: 'transport', name: { ru: 'Транспорт' } })).id;
  energy = (await buildSphere(api.t.db, { code: 'energy', name: { ru: 'Энергетика' } })).id;
  agreementId = (await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] })).id;
});

const url = (id = agreementId, dryRun = true) =>
  `/api/v1/agreements/${id}/provisions/import?dryRun=${dryRun}`;
const dry = (body: unknown, who: WorldRole = 'admin', id = agreementId) =>
  api.call('POST', url(id), { cookie: cookie[who], body });
const save = (body: unknown, id = agreementId) =>
  api.call('POST', url(id, false), { cookie: cookie.admin, body });

function form(file: Buffer, fileName: string) {
  const boundary = 'XaccordX';
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookie.admin },
  };
}
const upload = (file: Buffer, fileName: string, id = agreementId) =>
  api.app.inject({ method: 'POST', url: url(id), ...form(file, fileName) });

const numbersOf = (r: { json(): { provisions: { number: string }[] } }) =>
  r.json().provisions.map((p) => p.number);
const detailPaths = (r: { json(): { error: { details: { path: string }[] } } }) =>
  r.json().error.details.map((d) => d.path);

describe('provision import', () => {
  it('answers 401 without a session', async () => {
    for (const r of await Promise.all([
      api.call('POST', url(), { body: { text: 'x' } }),
      api.call('GET', `/api/v1/spheres/${transport}/keywords`),
      api.call('PUT', `/api/v1/spheres/${transport}/keywords`, { body: { ru: [], kk: [], en: [] } }),
    ]))
      expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming the field', async () => {
    const none = await dry({});
    expect(none.statusCode).toBe(400);
    expect(detailPaths(none)).toEqual(['text']);
    const extra = await dry({ text: 'x', colour: 1 });
    expect(detailPaths(extra)).toEqual(['colour']);
    const bad = await save({ provisions: [{ number: '1..2', text: { ru: '' } }] });
    expect(bad.statusCode).toBe(400);
    expect(detailPaths(bad).sort()).toEqual(['provisions.0.number', 'provisions.0.text.ru']);
    const twice = await save({
      provisions: [
        { number: '1', text: { ru: 'Раз' } },
        { number: '1', text: { ru: 'Два' } },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(detailPaths(twice)).toEqual(['provisions.1.number']);
    const nothing = await dry({ text: '   ' });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.json().error.message).toBe('text: В тексте не найдено ни одного положения');
  });

  it('refuses everyone but admins (403) and answers 404 for an unknown agreement', async () => {
    for (const who of ['kzCoord', 'ruRep', 'viewer'] as const) {
      const r = await dry({ text: ROADMAP }, who);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.message).toBe('Соглашения и их положения изменяют только администраторы');
      const k = await api.call('PUT', `/api/v1/spheres/${transport}/keywords`, {
        cookie: cookie[who],
        body: { ru: ['поезд'], kk: [], en: [] },
      });
      expect(k.statusCode).toBe(403);
    }
    const missing = await dry({ text: ROADMAP }, 'admin', '00000000-0000-4000-8000-0000000000aa');
    expect(missing.statusCode).toBe(404);
  });

  it('splits pasted text with suggested spheres, and TXT (UTF-8 or Windows-1251) and DOCX uploads alike', async () => {
    const r = await dry({ text: ROADMAP });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.language).toBe('ru');
    expect(numbersOf(r)).toEqual(FIXTURES[3].expected.map((e) => e.number));
    expect(body.provisions[0]).toMatchObject({
      number: '1.1',
      heading: 'Сотрудничество в сфере транспорта и логистики',
      sphereIds: [transport],
    });
    expect(body.provisions[3].sphereIds).toEqual([energy]);
    expect(body.skipped.map((s: { kind: string }) => s.kind)).toContain('heading');
    expect(body.existing).toEqual([]);

    const txt = await upload(Buffer.from(ROADMAP), 'карта.txt');
    expect(txt.statusCode).toBe(200);
    expect(numbersOf(txt)).toEqual(numbersOf(r));
    const cp1251 = await upload(iconv.encode(ROADMAP, 'win1251'), 'карта.txt');
    expect(cp1251.json().provisions[0].text).toBe(body.provisions[0].text);
    const doc = new Document({
      sections: [{ children: ROADMAP.split('\n').map((line) => new Paragraph({ text: line })) }],
    });
    const docx = await upload(Buffer.from(await Packer.toBuffer(doc)), 'карта.docx');
    expect(docx.statusCode).toBe(200);
    expect(numbersOf(docx)).toEqual(numbersOf(r));
    const pdf = await upload(Buffer.from('%PDF-1.7 not a text'), 'карта.docx');
    expect(pdf.statusCode).toBe(415);
  });

  it('saves the reviewed list all or nothing, refuses taken numbers (409) unless replacing, and audits', async () => {
    const a = (await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] })).id;
    const list = [
      { number: '1.1', text: { ru: 'Согласовать план коридора.' }, sphereIds: [transport] },
      { number: '1.2', text: { ru: 'Модернизировать станции.' }, sphereIds: [transport, energy] },
    ];
    const broken = await save(
      { provisions: [list[0], { ...list[1], sphereIds: ['00000000-0000-4000-8000-0000000000bb'] }] },
      a,
    );
    expect(broken.statusCode).toBe(422);
    expect(detailPaths(broken)).toEqual(['provisions.1.sphereIds.0']);
    expect(await api.t.db.$count(provisions, eq(provisions.agreementId, a))).toBe(0);

    const ok = await save({ provisions: list }, a);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ created: 2, updated: 0 });
    expect(
      ok.json().data.map((p: { number: string; sphereIds: string[] }) => [p.number, p.sphereIds.length]),
    ).toEqual([
      ['1.1', 1],
      ['1.2', 2],
    ]);
    const again = await save({ provisions: [list[1], { number: '2', text: { ru: 'Новое' } }] }, a);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('1.2');
    expect(detailPaths(again)).toEqual(['provisions.0.number']);
    const preview = await dry({ text: '1.1. Первое.\n1.2. Второе.\n3. Третье.' }, 'admin', a);
    expect(preview.json().existing).toEqual(['1.1', '1.2']);

    const replaced = await save(
      { provisions: [{ ...list[1], text: { ru: 'Новая редакция.' } }], replace: true },
      a,
    );
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ created: 0, updated: 1 });
    expect(replaced.json().data[0]).toMatchObject({
      id: ok.json().data[1].id,
      version: 2,
      text: { ru: 'Новая редакция.' },
    });
    const events = await api.t.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'provision.import'), eq(auditEvents.entityId, a)))
      .orderBy(auditEvents.pos);
    expect(events.map((e) => e.after)).toEqual([
      { created: ['1.1', '1.2'], updated: [], replace: false },
      { created: [], updated: ['1.2'], replace: true },
    ]);
  });

  it('keeps keyword vocabularies per sphere: defaults by code, an admin’s own words, versions, audit', async () => {
    const k = await api.call('GET', `/api/v1/spheres/${transport}/keywords`, { cookie: cookie.viewer });
    expect(k.statusCode).toBe(200);
    expect(k.json()).toMatchObject({ source: 'default', version: null });
    expect(k.json().ru).toContain('железная дорога');
    const bad = await api.call('PUT', `/api/v1/spheres/${transport}/keywords`, {
      cookie: cookie.admin,
      body: { ru: ['поезд', 'Поезд'], kk: [], en: [''] },
    });
    expect(bad.statusCode).toBe(400);
    expect(detailPaths(bad).sort()).toEqual(['en.0', 'ru']);
    const put = await api.call('PUT', `/api/v1/spheres/${energy}/keywords`, {
      cookie: cookie.admin,
      body: { ru: ['станция'], kk: ['станса'], en: ['station'] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ source: 'custom', version: 1, ru: ['станция'] });
    const stale = await api.call('PUT', `/api/v1/spheres/${energy}/keywords`, {
      cookie: cookie.admin,
      body: { ru: ['газ'], kk: [], en: [] },
    });
    expect(stale.statusCode).toBe(409);
    // the admin's words now decide: «станций» suggests energy, «газ» no longer does
    const r = await dry({ text: '1. Модернизировать приграничные станции.\n2. Поставки природного газа.' });
    expect(r.json().provisions.map((p: { sphereIds: string[] }) => p.sphereIds)).toEqual([
      [energy, transport],
      [],
    ]);
    const [ev] = await api.t.db
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'sphere.keywords'), eq(auditEvents.entityId, energy)));
    expect(ev.before).toMatchObject({ source: 'default' });
    expect(ev.after).toMatchObject({ source: 'custom', ru: ['станция'] });
  });
});
