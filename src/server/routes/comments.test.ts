import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, periods, reports, users } from '../../db/schema';
import { setUpTestApi, type TestApi, type WorldRole } from '../../test/api';
import { buildMeasure, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let cookie: Record<WorldRole, string>;

setUpTestApi((s) => {
  ({ api, w, cookie } = s);
});

let shared: string;
let internalKz: string;
let draftKz: string;
let approvedRu: string;

beforeAll(async () => {
  await api.t.db.update(users).set({ name: 'Андрей Волков' }).where(eq(users.id, w.ru.coordinator.id));
  w.ru.coordinator.name = 'Андрей Волков';
  const both = [
    { organisationId: w.kz.ministry.id, role: 'lead' as const },
    { organisationId: w.ru.ministry.id, role: 'lead' as const },
  ];
  shared = (await buildMeasure(api.t.ctx, { roadmapId: w.roadmap.id, responsible: both })).id;
  internalKz = (
    await buildMeasure(api.t.ctx, {
      roadmapId: w.roadmap.id,
      tier: 'internal',
      ownerPartyId: w.kz.party.id,
      responsible: [{ organisationId: w.kz.agency.id, role: 'lead' }],
    })
  ).id;
  const [p] = await api.t.db
    .insert(periods)
    .values({
      roadmapId: w.roadmap.id,
      code: '2026-Q1',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      reportDueDate: '2026-04-10',
    })
    .returning();
  const rs = await api.t.db
    .insert(reports)
    .values([
      { measureId: shared, periodId: p.id, partyId: w.kz.party.id, state: 'submitted' },
      { measureId: shared, periodId: p.id, partyId: w.ru.party.id, state: 'approved' },
    ])
    .returning();
  draftKz = rs[0].id;
  approvedRu = rs[1].id;
});

const post = (who: WorldRole, path: string, body: unknown) =>
  api.call('POST', `/api/v1/${path}/comments`, { cookie: cookie[who], body });
const list = (who: WorldRole, path: string) =>
  api.call('GET', `/api/v1/${path}/comments`, { cookie: cookie[who] });
const paths = (r: { json(): { error: { details: { path: string; rule?: string }[] } } }) =>
  r.json().error.details.map((d) => `${d.path}:${d.rule ?? ''}`);

async function events(entityId: string) {
  return api.t.db
    .select({ action: auditEvents.action, after: auditEvents.after, partyScope: auditEvents.partyScope })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'comment'), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.pos);
}

describe('comments', () => {
  it('answers 401 without a session on every route', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const calls = [
      api.call('GET', `/api/v1/measures/${id}/comments`),
      api.call('POST', `/api/v1/measures/${id}/comments`, { body: { text: 'x' } }),
      api.call('GET', `/api/v1/reports/${id}/comments`),
      api.call('POST', `/api/v1/reports/${id}/comments`, { body: { text: 'x' } }),
      api.call('GET', `/api/v1/measures/${id}/mentionable`),
      api.call('PATCH', `/api/v1/comments/${id}`, { body: { version: 1, text: 'x' } }),
      api.call('DELETE', `/api/v1/comments/${id}`),
    ];
    for (const r of await Promise.all(calls)) expect(r.statusCode).toBe(401);
  });

  it('answers 400 naming each bad field', async () => {
    const r = await post('kzCoord', `measures/${shared}`, {
      text: '   ',
      visibility: 'secret',
      mentions: ['nobody'],
      colour: 'red',
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(expect.arrayContaining(['colour', 'mentions.0', 'text', 'visibility']));
    const long = await post('kzCoord', `measures/${shared}`, { text: 'я'.repeat(5001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].path).toBe('text');
  });

  it('refuses viewers posting (403) and hides what a party may not read (404)', async () => {
    const v = await post('viewer', `measures/${shared}`, { text: 'Вопрос наблюдателя' });
    expect(v.statusCode).toBe(403);
    expect(v.json().error.message).toBe('Наблюдатели читают комментарии, но не оставляют их');
    for (const path of [`measures/${internalKz}`, `reports/${draftKz}`]) {
      for (const who of ['ruCoord', 'ruRep', 'viewer'] as const) {
        expect((await list(who, path)).statusCode).toBe(404);
        expect((await post(who, path, { text: 'Попытка' })).statusCode).toBe(404);
      }
    }
    expect((await list('viewer', `reports/${approvedRu}`)).statusCode).toBe(200);
  });

  it('keeps internal comments inside the party: not listed, not counted, 404 by id', async () => {
    const m = (
      await buildMeasure(api.t.ctx, {
        roadmapId: w.roadmap.id,
        responsible: [{ organisationId: w.kz.ministry.id, role: 'lead' }],
      })
    ).id;
    const open = await post('kzCoord', `measures/${m}`, { text: 'Общий вопрос к партнёрам' });
    expect(open.statusCode).toBe(201);
    expect(open.json()).toMatchObject({ visibility: 'shared', partyId: null, deleted: false, version: 1 });
    const inner = await post('kzRep', `measures/${m}`, { text: 'Только для своих', visibility: 'internal' });
    expect(inner.statusCode).toBe(201);
    expect(inner.json()).toMatchObject({ visibility: 'internal', partyId: w.kz.party.id });
    const innerReply = await post('kzCoord', `measures/${m}`, {
      text: 'Ответ внутри стороны',
      parentId: open.json().id,
      visibility: 'internal',
    });
    expect(innerReply.statusCode).toBe(201);

    const kz = (await list('kzRep', `measures/${m}`)).json();
    expect(kz).toMatchObject({
      total: 2,
      comments: 3,
      posting: { allowed: true, forcedInternal: false, canChooseInternal: true },
    });
    expect((await list('viewer', `measures/${m}`)).json().posting).toEqual({
      allowed: false,
      forcedInternal: false,
      canChooseInternal: false,
    });
    expect((await list('kzCoord', `measures/${internalKz}`)).json().posting.forcedInternal).toBe(true);
    expect(kz.data[0].replies.map((c: { text: string }) => c.text)).toEqual(['Ответ внутри стороны']);
    for (const who of ['ruCoord', 'ruRep', 'viewer'] as const) {
      const other = (await list(who, `measures/${m}`)).json();
      expect(other.total).toBe(1);
      expect(other.comments).toBe(1);
      expect(other.data[0].replies).toEqual([]);
      expect(JSON.stringify(other)).not.toContain('Только для своих');
    }
    const admin = (await list('admin', `measures/${m}`)).json();
    expect(admin.comments).toBe(3);

    for (const id of [inner.json().id, innerReply.json().id]) {
      const patch = await api.call('PATCH', `/api/v1/comments/${id}`, {
        cookie: cookie.ruCoord,
        body: { version: 1, text: 'Подмена' },
      });
      expect(patch.statusCode).toBe(404);
      expect(patch.json().error.message).toBe('Комментарий не найден');
      const del = await api.call('DELETE', `/api/v1/comments/${id}`, { cookie: cookie.ruCoord });
      expect(del.statusCode).toBe(404);
    }
    // a reply to another party's internal comment: the parent is unknown to them
    const r = await post('ruCoord', `measures/${m}`, { text: 'Ответ', parentId: inner.json().id });
    expect(r.statusCode).toBe(422);
    expect(paths(r)).toEqual(['parentId:comment.noSuchParent']);

    // the top-level comment deleted: the other party no longer sees it, nor its hidden reply
    const del = await api.call('DELETE', `/api/v1/comments/${open.json().id}?version=1`, {
      cookie: cookie.kzCoord,
    });
    expect(del.statusCode).toBe(204);
    const ru = (await list('ruCoord', `measures/${m}`)).json();
    expect(ru).toMatchObject({ data: [], total: 0, comments: 0 });
    const kzAfter = (await list('kzCoord', `measures/${m}`)).json();
    const placeholder = kzAfter.data.find((c: { id: string }) => c.id === open.json().id);
    expect(placeholder).toMatchObject({
      deleted: true,
      text: '',
      replies: [{ text: 'Ответ внутри стороны' }],
    });
  });

  it('makes comments internal on an internal measure and on a report the other party cannot read', async () => {
    const a = await post('kzCoord', `measures/${internalKz}`, { text: 'План стороны', visibility: 'shared' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ visibility: 'internal', partyId: w.kz.party.id });
    const b = await post('admin', `reports/${draftKz}`, { text: 'Уточните прогресс' });
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({
      visibility: 'internal',
      partyId: w.kz.party.id,
      target: { kind: 'report' },
    });
    expect((await list('kzRep', `reports/${draftKz}`)).json().total).toBe(1);
    const c = await post('ruRep', `reports/${approvedRu}`, { text: 'Отчёт утверждён' });
    expect(c.json()).toMatchObject({ visibility: 'shared' });
    expect((await list('kzCoord', `reports/${approvedRu}`)).json().data[0].text).toBe('Отчёт утверждён');
    // the report's comments are not the measure's
    expect(JSON.stringify((await list('kzCoord', `measures/${shared}`)).json())).not.toContain(
      'Отчёт утверждён',
    );
    const [ev] = await events(b.json().id);
    expect(ev).toMatchObject({ action: 'comment.create', partyScope: w.kz.party.id });
  });

  it('refuses an internal comment from an administrator, who has no party', async () => {
    const r = await post('admin', `measures/${shared}`, { text: 'Секретариат', visibility: 'internal' });
    expect(r.statusCode).toBe(422);
    expect(paths(r)).toEqual(['visibility:comment.internalNeedsParty']);
  });

  it('threads one level deep and refuses a reply to a reply', async () => {
    const top = await post('kzCoord', `measures/${shared}`, { text: 'Когда будет протокол?' });
    const reply = await post('ruCoord', `measures/${shared}`, { text: 'В мае', parentId: top.json().id });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().parentId).toBe(top.json().id);
    const deeper = await post('kzRep', `measures/${shared}`, { text: 'Спасибо', parentId: reply.json().id });
    expect(deeper.statusCode).toBe(422);
    expect(deeper.json().error.message).toBe(
      'parentId: отвечайте на основной комментарий: у ответа не бывает своих ответов',
    );
    const elsewhere = await post('kzCoord', `reports/${approvedRu}`, { text: 'x', parentId: top.json().id });
    expect(paths(elsewhere)).toEqual(['parentId:comment.noSuchParent']);
  });

  it('resolves mentions of people who may read the comment and refuses the others', async () => {
    const ok = await post('kzCoord', `measures/${shared}`, {
      text: '@Андрей, прошу подтвердить',
      mentions: [w.ru.coordinator.id, w.viewer.id],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().mentions).toEqual([
      { id: w.ru.coordinator.id, name: w.ru.coordinator.name },
      { id: w.viewer.id, name: w.viewer.name },
    ]);
    const [ev] = await events(ok.json().id);
    expect((ev.after as { mentions: string[] }).mentions).toEqual([w.ru.coordinator.id, w.viewer.id]);

    const bad = await post('kzCoord', `measures/${shared}`, {
      text: 'Внутреннее, @Андрей',
      visibility: 'internal',
      mentions: [w.kz.reporter.id, w.ru.coordinator.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['mentions:comment.mentionCannotSee']);
    expect(bad.json().error.details[0].message).toBe(
      `${w.ru.coordinator.name} не может прочитать этот комментарий, упомянуть его нельзя`,
    );
    const unknown = await post('kzCoord', `measures/${shared}`, {
      text: '@кто-то',
      mentions: ['00000000-0000-4000-8000-0000000000ff'],
    });
    expect(paths(unknown)).toEqual(['mentions:comment.mentionUnknown']);

    const inner = await api.call('GET', `/api/v1/measures/${shared}/mentionable?visibility=internal`, {
      cookie: cookie.kzRep,
    });
    expect(inner.statusCode).toBe(200);
    const ids = inner.json().data.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([w.kz.coordinator.id, w.kz.reporter.id, w.admin.id]));
    expect(ids).not.toContain(w.ru.coordinator.id);
    expect(ids).not.toContain(w.viewer.id);
    const open = await api.call(
      'GET',
      `/api/v1/measures/${shared}/mentionable?q=${encodeURIComponent(w.ru.coordinator.name)}`,
      {
        cookie: cookie.kzRep,
      },
    );
    expect(open.json().data.map((u: { id: string }) => u.id)).toEqual([w.ru.coordinator.id]);
    const onDraft = await api.call('GET', `/api/v1/reports/${draftKz}/mentionable`, { cookie: cookie.kzRep });
    expect(onDraft.json().data.map((u: { id: string }) => u.id)).not.toContain(w.ru.coordinator.id);
  });

  it('lets the author edit (audited, with the new mentions) and refuses stale versions and others', async () => {
    const c = (await post('kzRep', `measures/${shared}`, { text: 'Черновой текст' })).json();
    const other = await api.call('PATCH', `/api/v1/comments/${c.id}`, {
      cookie: cookie.kzCoord,
      body: { version: 1, text: 'Чужая правка' },
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('Изменить комментарий может только его автор');
    const edit = await api.call('PATCH', `/api/v1/comments/${c.id}`, {
      cookie: cookie.kzRep,
      body: { version: 1, text: 'Исправленный текст', mentions: [w.kz.coordinator.id] },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ text: 'Исправленный текст', version: 2 });
    expect(edit.json().editedAt).not.toBeNull();
    const stale = await api.call('PATCH', `/api/v1/comments/${c.id}`, {
      cookie: cookie.kzRep,
      body: { version: 1, text: 'Ещё раз' },
    });
    expect(stale.statusCode).toBe(409);
    const evs = await events(c.id);
    expect(evs.map((e) => e.action)).toEqual(['comment.create', 'comment.update']);
    expect(evs[1].after).toMatchObject({
      text: 'Исправленный текст',
      mentions: [w.kz.coordinator.id],
      addedMentions: [w.kz.coordinator.id],
    });
  });

  it('lets admins moderate: deleting anyone’s comment is audited as moderation', async () => {
    const c = (await post('ruRep', `measures/${shared}`, { text: 'Неуместный текст' })).json();
    const notYours = await api.call('DELETE', `/api/v1/comments/${c.id}`, { cookie: cookie.ruCoord });
    expect(notYours.statusCode).toBe(403);
    expect(notYours.json().error.message).toBe(
      'Удалить комментарий может только его автор или администратор',
    );
    const del = await api.call('DELETE', `/api/v1/comments/${c.id}`, { cookie: cookie.admin });
    expect(del.statusCode).toBe(204);
    expect(JSON.stringify((await list('ruRep', `measures/${shared}`)).json())).not.toContain('Неуместный');
    const again = await api.call('DELETE', `/api/v1/comments/${c.id}`, { cookie: cookie.admin });
    expect(again.statusCode).toBe(404);
    const evs = await events(c.id);
    expect(evs.map((e) => [e.action, e.after])).toEqual([
      ['comment.create', expect.objectContaining({ text: 'Неуместный текст' })],
      ['comment.delete', { deleted: true, moderated: true }],
    ]);
  });
});
