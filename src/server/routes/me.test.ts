import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { apiTokens, users } from '../../db/schema';
import { createTestApi, type TestApi } from '../../test/api';
import { buildUser, TEST_PASSWORD, type UserRow } from '../../test/factories';

let api: TestApi;
let admin: UserRow;
let adminCookie: string;
beforeAll(async () => {
  api = await createTestApi();
  admin = await buildUser(api.t.db, { role: 'admin' });
  adminCookie = await api.signIn(admin.email);
});
afterAll(() => api.close());

async function auditActions(entityType: string, entityId: string) {
  const r = await api.call('GET', `/api/v1/audit?entityType=${entityType}&entityId=${entityId}&limit=100`, {
    cookie: adminCookie,
  });
  expect(r.statusCode).toBe(200);
  return (r.json().data as { action: string }[]).map((e) => e.action);
}

describe('PATCH /me', () => {
  it('answers 401 without a session', async () => {
    expect((await api.call('PATCH', '/api/v1/me', { body: { name: 'X' } })).statusCode).toBe(401);
  });

  it('answers 400 naming the field for unknown fields, over-long names and wrong types; nothing changes', async () => {
    const u = await buildUser(api.t.db, { role: 'reporter' });
    const cookie = await api.signIn(u.email);
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'admin' }, 'role'],
      [{ name: 'ә'.repeat(201) }, 'name'],
      [{ locale: 'de' }, 'locale'],
      [{ name: 42 }, 'name'],
      [{ name: '   ' }, 'name'],
    ];
    for (const [body, path] of cases) {
      const r = await api.call('PATCH', '/api/v1/me', { cookie, body });
      expect(r.statusCode, path).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const [row] = await api.t.db.select().from(users).where(eq(users.id, u.id));
    expect(row).toMatchObject({ role: 'reporter', name: u.name, locale: 'ru', version: 1 });
  });

  it('changes only one’s own name and locale, with Kazakh letters intact, audited', async () => {
    const u = await buildUser(api.t.db, { role: 'reporter' });
    const cookie = await api.signIn(u.email);
    const name = 'Ұлжан Әбділдақызы Қошқарбаева (ғ ң ө ү һ і)';
    const r = await api.call('PATCH', '/api/v1/me', { cookie, body: { name, locale: 'kk' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: u.id, name, locale: 'kk', role: 'reporter', version: 2 });
    expect(r.json()).not.toHaveProperty('passwordHash');
    expect((await api.call('GET', '/api/v1/session', { cookie })).json().user).toMatchObject({
      name,
      locale: 'kk',
    });
    expect(await auditActions('user', u.id)).toContain('user.profile_update');
  });
});

describe('POST /me/password', () => {
  it('answers 401 without a session and 400 naming a missing or short field', async () => {
    expect(
      (await api.call('POST', '/api/v1/me/password', { body: { currentPassword: 'x', newPassword: 'y' } }))
        .statusCode,
    ).toBe(401);
    const u = await buildUser(api.t.db);
    const cookie = await api.signIn(u.email);
    const missing = await api.call('POST', '/api/v1/me/password', {
      cookie,
      body: { newPassword: 'long enough new one' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('currentPassword');
    const short = await api.call('POST', '/api/v1/me/password', {
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('newPassword');
  });

  it('answers 403 to a caller with an API token: credentials change only in a session', async () => {
    const u = await buildUser(api.t.db);
    const cookie = await api.signIn(u.email);
    const token = (await api.call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'бот' } })).json()
      .token;
    const r = await api.call('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a new long password' },
    });
    expect(r.statusCode).toBe(403);
    await api.signIn(u.email);
  });

  it('refuses a wrong current password (422 naming currentPassword), then changes it, ending other sessions only', async () => {
    const u = await buildUser(api.t.db, { role: 'coordinator' });
    const mine = await api.signIn(u.email);
    const other = await api.signIn(u.email);

    const wrong = await api.call('POST', '/api/v1/me/password', {
      cookie: mine,
      body: { currentPassword: 'not the password', newPassword: 'жаңа құпия сөз 2026' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details[0].path).toBe('currentPassword');
    expect((await api.call('GET', '/api/v1/session', { cookie: other })).statusCode).toBe(200);

    const same = await api.call('POST', '/api/v1/me/password', {
      cookie: mine,
      body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.details[0].path).toBe('newPassword');

    const ok = await api.call('POST', '/api/v1/me/password', {
      cookie: mine,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'жаңа құпия сөз 2026' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await api.call('GET', '/api/v1/session', { cookie: mine })).statusCode).toBe(200);
    expect((await api.call('GET', '/api/v1/session', { cookie: other })).statusCode).toBe(401);

    await api.signIn(u.email, 'жаңа құпия сөз 2026');
    const old = await api.call('POST', '/api/v1/session', {
      body: { email: u.email, password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);

    const actions = await auditActions('user', u.id);
    expect(actions).toContain('user.password_change');
    expect(await auditActions('session', u.id)).toContain('session.end_all');
    const events = await api.call('GET', `/api/v1/audit?entityId=${u.id}&limit=100`, { cookie: adminCookie });
    expect(events.body).not.toMatch(/argon2|құпия/);
  });

  it('stops guessing: wrong current passwords count as failed sign-ins and are rate-limited', async () => {
    const u = await buildUser(api.t.db);
    const cookie = await api.signIn(u.email);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await api.call('POST', '/api/v1/me/password', {
        cookie,
        body: { currentPassword: `guess-${i}`, newPassword: 'a brand new password' },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 422)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});

describe('API tokens under /me/tokens', () => {
  it('answers 401 without a session, 400 for bad input (nothing stored), 403 when a token tries to mint one', async () => {
    expect((await api.call('GET', '/api/v1/me/tokens')).statusCode).toBe(401);
    expect((await api.call('POST', '/api/v1/me/tokens', { body: { name: 'x' } })).statusCode).toBe(401);
    expect(
      (await api.call('DELETE', '/api/v1/me/tokens/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(401);

    const u = await buildUser(api.t.db);
    const cookie = await api.signIn(u.email);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'ok', scope: 'all' }, 'scope'],
      [{ name: 'ok', expiresInDays: 'soon' }, 'expiresInDays'],
      [{ name: 'ok', expiresInDays: 0 }, 'expiresInDays'],
    ];
    for (const [body, path] of cases) {
      const r = await api.call('POST', '/api/v1/me/tokens', { cookie, body });
      expect(r.statusCode, path).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // Past a limit is refused with the limit named, never cut to fit or rounded into range.
    const limits: [Record<string, unknown>, string, RegExp][] = [
      [{ name: 'ж'.repeat(300) }, 'name', /100/],
      [{ name: 'ok', expiresInDays: -3 }, 'expiresInDays', /от 1 до 3650/],
      [{ name: 'ok', expiresInDays: 0 }, 'expiresInDays', /от 1 до 3650/],
      [{ name: 'ok', expiresInDays: 1.5 }, 'expiresInDays', /целое число/],
      [{ name: 'ok', expiresInDays: 'abc' }, 'expiresInDays', /целое число/],
      [{ name: 'ok', expiresInDays: '-3' }, 'expiresInDays', /целое число/],
      [{ name: 'ok', expiresInDays: 3651 }, 'expiresInDays', /от 1 до 3650/],
    ];
    for (const [body, path, limit] of limits) {
      const r = await api.call('POST', '/api/v1/me/tokens', { cookie, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      const detail = r.json().error.details.find((d: { path: string }) => d.path === path);
      expect(detail?.message, JSON.stringify(body)).toMatch(limit);
    }
    const bad = await api.call('DELETE', '/api/v1/me/tokens/abc', { cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('id');
    const stored = await api.t.db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, u.id));
    expect(stored[0].n).toBe(0);

    const token = (await api.call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'первый' } })).json()
      .token;
    const minted = await api.call('POST', '/api/v1/me/tokens', { token, body: { name: 'второй' } });
    expect(minted.statusCode).toBe(403);
  });

  it('creates a token shown once, which works as Bearer, is listed by prefix only, and stops after revocation', async () => {
    const u = await buildUser(api.t.db, { role: 'coordinator' });
    const cookie = await api.signIn(u.email);
    const older = await api.call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'старый' } });
    const r = await api.call('POST', '/api/v1/me/tokens', {
      cookie,
      body: { name: 'Интеграция 1С', expiresInDays: 30 },
    });
    expect(r.statusCode).toBe(201);
    const created = r.json();
    expect(created.token).toMatch(/^acc_[A-Za-z0-9_-]{40}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({ name: 'Интеграция 1С', revokedAt: null, lastUsedAt: null });
    expect(new Date(created.expiresAt).getTime()).toBeGreaterThan(Date.parse('2026-07-14T00:00:00Z'));

    const asToken = await api.call('GET', '/api/v1/session', { token: created.token });
    expect(asToken.statusCode).toBe(200);
    expect(asToken.json().user.id).toBe(u.id);

    const list = await api.call('GET', '/api/v1/me/tokens', { cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((t: { id: string }) => t.id)).toEqual([created.id, older.json().id]);
    expect(list.json().data[0]).not.toHaveProperty('token');
    expect(list.json().data[0].lastUsedAt).not.toBeNull();
    expect(list.body).not.toContain(created.token);
    const [row] = await api.t.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row.tokenHash).not.toContain(created.token);

    // Another user's token is not found, and stays working.
    const stranger = await api.signIn((await buildUser(api.t.db)).email);
    expect(
      (await api.call('DELETE', `/api/v1/me/tokens/${created.id}`, { cookie: stranger })).statusCode,
    ).toBe(404);
    expect((await api.call('GET', '/api/v1/session', { token: created.token })).statusCode).toBe(200);
    expect((await api.call('GET', '/api/v1/me/tokens', { cookie: stranger })).json().data).toEqual([]);

    expect((await api.call('DELETE', `/api/v1/me/tokens/${created.id}`, { cookie })).statusCode).toBe(204);
    expect((await api.call('GET', '/api/v1/session', { token: created.token })).statusCode).toBe(401);
    const after = (await api.call('GET', '/api/v1/me/tokens', { cookie })).json().data;
    expect(after[0]).toMatchObject({ id: created.id, revokedAt: expect.any(String) });
    // The older token is untouched.
    expect((await api.call('GET', '/api/v1/session', { token: older.json().token })).statusCode).toBe(200);

    const actions = await auditActions('api_token', created.id);
    expect(actions).toEqual(expect.arrayContaining(['api_token.create', 'api_token.revoke']));
    const events = await api.call('GET', `/api/v1/audit?entityId=${created.id}`, { cookie: adminCookie });
    expect(events.body).not.toContain(created.token);
  });

  it('a token may revoke itself', async () => {
    const u = await buildUser(api.t.db);
    const cookie = await api.signIn(u.email);
    const t = (await api.call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'self' } })).json();
    expect((await api.call('DELETE', `/api/v1/me/tokens/${t.id}`, { token: t.token })).statusCode).toBe(204);
    expect((await api.call('GET', '/api/v1/me/tokens', { token: t.token })).statusCode).toBe(401);
  });
});
