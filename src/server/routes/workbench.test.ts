/** The workbench's API: agreement documents, amendments, provision order, named refusals. */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agreementDocuments, auditEvents } from '../../db/schema';
import { setUpTestApi, type TestApi } from '../../test/api';
import { buildAgreement, buildMeasure, buildProvision, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let admin: string;
let coordinator: string;
let viewer: string;

setUpTestApi((s) => {
  ({ api, w } = s);
  admin = s.cookie.admin;
  coordinator = s.cookie.kzCoord;
  viewer = s.cookie.viewer;
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

function upload(agreementId: string, cookie: string | undefined, file: Buffer, name = 'Декларация.pdf') {
  const boundary = 'XaccordX';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return api.app.inject({
    method: 'POST',
    url: `/api/v1/agreements/${agreementId}/documents`,
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': 'ru',
      ...(cookie ? { cookie } : {}),
    },
  });
}

describe('agreement documents', () => {
  it('answers 401, then 403 to a coordinator, 415 to the wrong kind, 413 past 20 MB', async () => {
    expect((await upload(w.agreement.id, undefined, PDF)).statusCode).toBe(401);
    const c = await upload(w.agreement.id, coordinator, PDF);
    expect(c.statusCode).toBe(403);
    expect(c.json().error.code).toBe('forbidden');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const wrong = await upload(w.agreement.id, admin, png, 'scan.pdf');
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().error.details[0]).toMatchObject({ path: 'file', rule: 'upload.type' });
    const big = await upload(w.agreement.id, admin, Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.details[0]).toMatchObject({ path: 'file', rule: 'upload.tooLarge' });
    expect(await api.t.db.$count(agreementDocuments)).toBe(0);
  });

  it('stores the bytes with their SHA-256, lists them, downloads them to any reader, deletes them', async () => {
    const r = await upload(w.agreement.id, admin, PDF);
    expect(r.statusCode).toBe(201);
    const doc = r.json();
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(doc).toMatchObject({
      fileName: 'Декларация.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: sha,
    });

    const list = await api.call('GET', `/api/v1/agreements/${w.agreement.id}/documents`, { cookie: viewer });
    expect(list.json().data.map((d: { id: string }) => d.id)).toEqual([doc.id]);

    const dl = await api.call('GET', `/api/v1/agreement-documents/${doc.id}`, { cookie: viewer });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(String(dl.headers['content-disposition'])).toContain("filename*=UTF-8''%D0%94");
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect((await api.call('GET', `/api/v1/agreement-documents/${doc.id}`)).statusCode).toBe(401);

    expect(
      (await api.call('DELETE', `/api/v1/agreement-documents/${doc.id}`, { cookie: viewer })).statusCode,
    ).toBe(403);
    expect(
      (await api.call('DELETE', `/api/v1/agreement-documents/${doc.id}`, { cookie: admin })).statusCode,
    ).toBe(204);
    const gone = await api.call('GET', `/api/v1/agreement-documents/${doc.id}`, { cookie: admin });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe('Документ не найден');

    const events = await api.t.db.select().from(auditEvents).where(eq(auditEvents.entityId, doc.id));
    expect(events.map((e) => e.action).sort()).toEqual([
      'agreement_document.delete',
      'agreement_document.upload',
    ]);
  });
});

describe('amendments', () => {
  it('links an amendment, lists it on the amended agreement with the provisions it changes, refuses cycles', async () => {
    const base = await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] });
    const changed = await buildProvision(api.t.db, { agreementId: base.id, number: '3' });
    const r = await api.call('POST', '/api/v1/agreements', {
      cookie: admin,
      body: {
        kind: 'protocol',
        title: { ru: 'Протокол о внесении изменений' },
        partyIds: [w.kz.party.id, w.ru.party.id],
        binding: true,
        amendsAgreementId: base.id,
      },
    });
    expect(r.statusCode).toBe(201);
    const amendment = r.json();
    expect(amendment.amendsAgreementId).toBe(base.id);

    const foreign = await buildProvision(api.t.db, { agreementId: w.agreement.id, number: '77' });
    const bad = await api.call('POST', `/api/v1/agreements/${amendment.id}/provisions`, {
      cookie: admin,
      body: { number: '1', text: { ru: 'Пункт 3 изложить в новой редакции' }, amendsProvisionId: foreign.id },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({
      path: 'amendsProvisionId',
      rule: 'provision.amendsOther',
    });
    const ok = await api.call('POST', `/api/v1/agreements/${amendment.id}/provisions`, {
      cookie: admin,
      body: { number: '1', text: { ru: 'Пункт 3 изложить в новой редакции' }, amendsProvisionId: changed.id },
    });
    expect(ok.statusCode).toBe(201);

    const read = (await api.call('GET', `/api/v1/agreements/${base.id}`, { cookie: viewer })).json();
    expect(read.amendments).toEqual([
      expect.objectContaining({ id: amendment.id, status: 'signed', changedProvisionIds: [changed.id] }),
    ]);

    const cycle = await api.call('PATCH', `/api/v1/agreements/${base.id}`, {
      cookie: admin,
      body: { version: read.version, amendsAgreementId: amendment.id },
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.details[0]).toMatchObject({
      path: 'amendsAgreementId',
      rule: 'agreement.amendsCycle',
    });
  });
});

describe('provisions', () => {
  it('reorders every provision at once, refusing a partial list; lists them in the new order', async () => {
    const a = await buildAgreement(api.t.db, { partyIds: [w.kz.party.id, w.ru.party.id] });
    const ps = [];
    for (const [number, position] of [
      ['1', 1],
      ['2', 2],
      ['10', 3],
    ] as const)
      ps.push(await buildProvision(api.t.db, { agreementId: a.id, number, position }));
    const url = `/api/v1/agreements/${a.id}/provisions/order`;
    const ids = [ps[2].id, ps[0].id, ps[1].id];
    expect((await api.call('POST', url, { body: { ids } })).statusCode).toBe(401);
    const empty = await api.call('POST', url, { cookie: admin, body: { ids: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toBe('ids');
    expect((await api.call('POST', url, { cookie: coordinator, body: { ids } })).statusCode).toBe(403);
    const partial = await api.call('POST', url, { cookie: admin, body: { ids: ids.slice(1) } });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details[0]).toMatchObject({ path: 'ids', rule: 'provision.orderIncomplete' });
    const r = await api.call('POST', url, { cookie: admin, body: { ids } });
    expect(r.statusCode).toBe(200);
    expect(r.json().data.map((p: { number: string }) => p.number)).toEqual(['10', '1', '2']);
    const list = await api.call('GET', `/api/v1/agreements/${a.id}/provisions`, { cookie: viewer });
    expect(list.json().data.map((p: { number: string }) => p.number)).toEqual(['10', '1', '2']);
  });

  it('refuses to delete a provision a measure implements, naming the measure', async () => {
    const p = await buildProvision(api.t.db, { agreementId: w.agreement.id, number: '5' });
    const m = await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
      provisionIds: [p.id],
    });
    const r = await api.call('DELETE', `/api/v1/provisions/${p.id}`, { cookie: admin });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details).toContainEqual({
      path: '',
      rule: 'provision.implementedBy',
      message: `исполняется мероприятиями: ${m.code}`,
    });
  });
});
