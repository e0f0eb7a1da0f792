import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import { type TestApi, setUpTestApi } from '../../test/api';
import { buildUser, TEST_PASSWORD, type World } from '../../test/factories';

let api: TestApi;
let w: World;
let admin: string;
setUpTestApi((s) => {
  ({ api, w } = s);
  admin = s.cookie.admin;
});

const userCount = async () => (await api.t.db.select({ n: count() }).from(users))[0].n;
const fresh = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}@example.org`;

async function auditOf(entityId: string) {
  const r = await api.call('GET', `/api/v1/audit?entityType=user&entityId=${entityId}&limit=100`, {
    cookie: admin,
  });
  expect(r.statusCode).toBe(200);
  return r.json().data as { action: string; before: unknown; after: unknown; actorId: string }[];
}

describe('GET /users', () => {
  it('answers 401 without a session', async () => {
    expect((await api.call('GET', '/api/v1/users')).statusCode).toBe(401);
  });

  it('answers 400 for a bad filter, naming it', async () => {
    const r = await api.call('GET', '/api/v1/users?role=king', { cookie: admin });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('role');
  });

  it('answers 403 to coordinators, reporters and viewers', async () => {
    for (const u of [w.kz.coordinator, w.ru.reporter, w.viewer]) {
      const r = await api.call('GET', '/api/v1/users', { cookie: await api.signIn(u.email) });
      expect(r.statusCode).toBe(403);
    }
  });

  it('lists users for an admin, filtered by role, party, organisation and text, paginated', async () => {
    const all = await api.call('GET', '/api/v1/users?limit=2&page=1', { cookie: admin });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ page: 1, limit: 2, total: await userCount() });
    expect(all.json().data).toHaveLength(2);
    expect(all.json().data[0]).not.toHaveProperty('passwordHash');

    const coordinators = (
      await api.call('GET', '/api/v1/users?role=coordinator&limit=500', { cookie: admin })
    ).json();
    expect(coordinators.data.map((u: { id: string }) => u.id).sort()).toEqual(
      [w.kz.coordinator.id, w.ru.coordinator.id].sort(),
    );

    const kz = (await api.call('GET', `/api/v1/users?partyId=${w.kz.party.id}`, { cookie: admin })).json();
    expect(kz.data.map((u: { id: string }) => u.id).sort()).toEqual(
      [w.kz.coordinator.id, w.kz.reporter.id].sort(),
    );

    const agency = (
      await api.call('GET', `/api/v1/users?organisationId=${w.ru.agency.id}`, { cookie: admin })
    ).json();
    expect(agency.data.map((u: { id: string }) => u.id)).toEqual([w.ru.reporter.id]);

    const byText = (
      await api.call('GET', `/api/v1/users?q=${encodeURIComponent(w.viewer.email.toUpperCase())}`, {
        cookie: admin,
      })
    ).json();
    expect(byText.data.map((u: { id: string }) => u.id)).toEqual([w.viewer.id]);
  });
});

describe('GET /users/:id', () => {
  it('walks 401 → 400 → 403 → 200 → 404', async () => {
    expect((await api.call('GET', `/api/v1/users/${w.viewer.id}`)).statusCode).toBe(401);
    const bad = await api.call('GET', '/api/v1/users/not-a-uuid', { cookie: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('id');
    const reporter = await api.signIn(w.kz.reporter.email);
    expect((await api.call('GET', `/api/v1/users/${w.viewer.id}`, { cookie: reporter })).statusCode).toBe(
      403,
    );
    const ok = await api.call('GET', `/api/v1/users/${w.viewer.id}`, { cookie: admin });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      id: w.viewer.id,
      email: w.viewer.email,
      role: 'viewer',
      partyId: null,
    });
    expect(ok.json()).not.toHaveProperty('passwordHash');
    const absent = await api.call('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000', {
      cookie: admin,
    });
    expect(absent.statusCode).toBe(404);
  });
});

describe('POST /users', () => {
  const valid = () => ({
    email: fresh('new'),
    name: 'Айгүл Сәрсенқызы',
    role: 'reporter',
    organisationId: w.kz.agency.id,
    password: 'a long enough secret',
  });

  it('answers 401 without a session', async () => {
    expect((await api.call('POST', '/api/v1/users', { body: valid() })).statusCode).toBe(401);
  });

  it('answers 400 naming the field for unknown fields, over-long names and wrong types, and stores nothing', async () => {
    const before = await userCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid(), isAdmin: true }, 'isAdmin'],
      [{ ...valid(), name: 'я'.repeat(201) }, 'name'],
      [{ ...valid(), role: 7 }, 'role'],
      [{ ...valid(), email: 'not-an-email' }, 'email'],
      [{ ...valid(), password: 'short' }, 'password'],
      [{ ...valid(), organisationId: 'x' }, 'organisationId'],
    ];
    for (const [body, path] of cases) {
      const r = await api.call('POST', '/api/v1/users', { cookie: admin, body });
      expect(r.statusCode, path).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await userCount()).toBe(before);
  });

  it('answers 403 to a coordinator and a reporter', async () => {
    for (const u of [w.kz.coordinator, w.kz.reporter]) {
      const r = await api.call('POST', '/api/v1/users', { cookie: await api.signIn(u.email), body: valid() });
      expect(r.statusCode).toBe(403);
    }
  });

  it('creates a reporter whose party is its organisation’s, with Kazakh letters intact, audited without the hash', async () => {
    const body = { ...valid(), name: 'Әлия Ғабитқызы Қоңырова Ңөұүһі', locale: 'kk' };
    const r = await api.call('POST', '/api/v1/users', { cookie: admin, body });
    expect(r.statusCode).toBe(201);
    const u = r.json();
    expect(u).toMatchObject({
      email: body.email,
      name: body.name,
      role: 'reporter',
      organisationId: w.kz.agency.id,
      partyId: w.kz.party.id,
      locale: 'kk',
      disabled: false,
      version: 1,
    });
    expect(u).not.toHaveProperty('passwordHash');
    const back = await api.call('GET', `/api/v1/users/${u.id}`, { cookie: admin });
    expect(back.json().name).toBe(body.name);
    // The new account signs in with the password it was given.
    await api.signIn(body.email, body.password);

    const events = await auditOf(u.id);
    expect(events.map((e) => e.action)).toContain('user.create');
    expect(JSON.stringify(events)).not.toMatch(/argon2|passwordHash|a long enough secret/);
  });

  it('refuses an e-mail already used in another letter case with 409 naming email', async () => {
    const before = await userCount();
    const r = await api.call('POST', '/api/v1/users', {
      cookie: admin,
      body: { ...valid(), email: w.kz.reporter.email.toUpperCase() },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details[0].path).toBe('email');
    expect(await userCount()).toBe(before);
  });

  it('requires an organisation for coordinators and reporters (422), and none for admins', async () => {
    for (const role of ['coordinator', 'reporter']) {
      const r = await api.call('POST', '/api/v1/users', {
        cookie: admin,
        body: { ...valid(), role, organisationId: null },
      });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details[0].path).toBe('organisationId');
    }
    const adminWithOrg = await api.call('POST', '/api/v1/users', {
      cookie: admin,
      body: { ...valid(), role: 'admin' },
    });
    expect(adminWithOrg.statusCode).toBe(422);
    expect(adminWithOrg.json().error.details[0].path).toBe('organisationId');
    const absentOrg = await api.call('POST', '/api/v1/users', {
      cookie: admin,
      body: { ...valid(), organisationId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(absentOrg.statusCode).toBe(422);
    expect(absentOrg.json().error.details[0].path).toBe('organisationId');
  });

  it('gives a viewer no party even with an organisation, and an admin neither', async () => {
    const viewer = await api.call('POST', '/api/v1/users', {
      cookie: admin,
      body: { ...valid(), role: 'viewer' },
    });
    expect(viewer.statusCode).toBe(201);
    expect(viewer.json()).toMatchObject({ organisationId: w.kz.agency.id, partyId: null });
    const a = await api.call('POST', '/api/v1/users', {
      cookie: admin,
      body: { ...valid(), role: 'admin', organisationId: undefined },
    });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ role: 'admin', organisationId: null, partyId: null });
  });
});

describe('PATCH /users/:id', () => {
  it('walks 401 → 400 → 403', async () => {
    const target = await buildUser(api.t.db, { role: 'viewer' });
    expect(
      (await api.call('PATCH', `/api/v1/users/${target.id}`, { body: { version: 1, name: 'X' } })).statusCode,
    ).toBe(401);
    const bad = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, passwordHash: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('passwordHash');
    const noVersion = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { name: 'X' },
    });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.details[0].path).toBe('version');
    for (const u of [w.kz.coordinator, w.ru.reporter]) {
      const r = await api.call('PATCH', `/api/v1/users/${target.id}`, {
        cookie: await api.signIn(u.email),
        body: { version: 1, role: 'admin' },
      });
      expect(r.statusCode).toBe(403);
    }
    const [row] = await api.t.db.select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ role: 'viewer', version: 1 });
  });

  it('moves a reporter to the other party’s organisation, recomputing its party; a stale version gets 409', async () => {
    const target = await buildUser(api.t.db, { role: 'reporter', organisation: w.kz.agency });
    const r = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, organisationId: w.ru.ministry.id, name: 'Жаңа Есім' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      organisationId: w.ru.ministry.id,
      partyId: w.ru.party.id,
      name: 'Жаңа Есім',
      version: 2,
    });
    const stale = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, name: 'Старое' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const events = await auditOf(target.id);
    expect(events[0]).toMatchObject({
      action: 'user.update',
      before: { partyId: w.kz.party.id },
      after: { partyId: w.ru.party.id },
    });
  });

  it('promoting a reporter to admin drops its organisation and party; to viewer drops the party', async () => {
    const target = await buildUser(api.t.db, { role: 'reporter', organisation: w.kz.agency });
    const v = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, role: 'viewer' },
    });
    expect(v.json()).toMatchObject({ role: 'viewer', organisationId: w.kz.agency.id, partyId: null });
    const a = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 2, role: 'admin' },
    });
    expect(a.json()).toMatchObject({ role: 'admin', organisationId: null, partyId: null });
    const back = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 3, role: 'coordinator' },
    });
    expect(back.statusCode).toBe(422);
    expect(back.json().error.details[0].path).toBe('organisationId');
  });

  it('refuses an e-mail another account uses (any case) with 409 naming email', async () => {
    const target = await buildUser(api.t.db, { role: 'viewer' });
    const r = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, email: w.viewer.email.toUpperCase() },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details[0].path).toBe('email');
    // Its own address in other letters is not a clash.
    const own = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, email: target.email.toUpperCase() },
    });
    expect(own.statusCode).toBe(200);
  });

  it('disabling a user stops its session cookie and its API token at once, and audits it', async () => {
    const target = await buildUser(api.t.db, { role: 'coordinator', organisation: w.kz.ministry });
    const cookie = await api.signIn(target.email);
    const created = await api.call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'интеграция' } });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect((await api.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(200);
    expect((await api.call('GET', '/api/v1/session', { token })).statusCode).toBe(200);

    const r = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, disabled: true },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().disabled).toBe(true);

    expect((await api.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(401);
    expect((await api.call('GET', '/api/v1/measures', { token })).statusCode).toBe(401);
    const left = await api.t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, target.id));
    expect(left[0].n).toBe(0);
    const signIn = await api.call('POST', '/api/v1/session', {
      body: { email: target.email, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);

    const actions = (await auditOf(target.id)).map((e) => e.action);
    expect(actions).toContain('user.disable');

    // Enabling the account again lets it sign in again, but its old token stays dead.
    const on = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 2, disabled: false },
    });
    expect(on.json().disabled).toBe(false);
    await api.signIn(target.email);
    expect((await auditOf(target.id)).map((e) => e.action)).toContain('user.enable');
    expect((await api.call('GET', '/api/v1/session', { token })).statusCode).toBe(401);
    const listed = await api.call('GET', `/api/v1/users/${target.id}/tokens`, { cookie: admin });
    expect(listed.json().data).toEqual([
      expect.objectContaining({ id: created.json().id, revokedAt: expect.any(String) }),
    ]);
    const revokedAll = (await auditOf(target.id)).find((e) => e.action === 'api_token.revoke_all');
    expect(revokedAll?.after).toMatchObject({ revoked: 1, reason: 'account disabled' });
  });

  it('an admin setting a password ends the user’s sessions; the new password works, the old one not', async () => {
    const target = await buildUser(api.t.db, { role: 'viewer' });
    const cookie = await api.signIn(target.email);
    const r = await api.call('PATCH', `/api/v1/users/${target.id}`, {
      cookie: admin,
      body: { version: 1, password: 'брандмауэр-қауіпсіз' },
    });
    expect(r.statusCode).toBe(200);
    expect((await api.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(401);
    await api.signIn(target.email, 'брандмауэр-қауіпсіз');
    const old = await api.call('POST', '/api/v1/session', {
      body: { email: target.email, password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const events = await auditOf(target.id);
    expect(events.map((e) => e.action)).toContain('user.password_reset');
    expect(JSON.stringify(events)).not.toMatch(/argon2|брандмауэр/);
  });

  it('an admin cannot disable or demote themselves (422), and the row is unchanged', async () => {
    const self = await buildUser(api.t.db, { role: 'admin' });
    const cookie = await api.signIn(self.email);
    const off = await api.call('PATCH', `/api/v1/users/${self.id}`, {
      cookie,
      body: { version: 1, disabled: true },
    });
    expect(off.statusCode).toBe(422);
    expect(off.json().error.details[0].path).toBe('disabled');
    const demote = await api.call('PATCH', `/api/v1/users/${self.id}`, {
      cookie,
      body: { version: 1, role: 'viewer' },
    });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().error.details[0].path).toBe('role');
    const [row] = await api.t.db.select().from(users).where(eq(users.id, self.id));
    expect(row).toMatchObject({ role: 'admin', disabled: false, version: 1 });
    // Another admin may.
    const other = await api.call('PATCH', `/api/v1/users/${self.id}`, {
      cookie: admin,
      body: { version: 1, role: 'viewer' },
    });
    expect(other.statusCode).toBe(200);
  });
});

describe('GET/DELETE /users/:id/tokens', () => {
  it('lets an admin list and revoke another user’s token; others get 403', async () => {
    const target = await buildUser(api.t.db, { role: 'viewer' });
    const cookie = await api.signIn(target.email);
    const created = (await api.call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'CI' } })).json();

    expect((await api.call('GET', `/api/v1/users/${target.id}/tokens`)).statusCode).toBe(401);
    expect((await api.call('GET', '/api/v1/users/nope/tokens', { cookie: admin })).statusCode).toBe(400);
    const reporter = await api.signIn(w.kz.reporter.email);
    expect(
      (await api.call('GET', `/api/v1/users/${target.id}/tokens`, { cookie: reporter })).statusCode,
    ).toBe(403);
    expect(
      (await api.call('DELETE', `/api/v1/users/${target.id}/tokens/${created.id}`, { cookie: reporter }))
        .statusCode,
    ).toBe(403);

    const list = await api.call('GET', `/api/v1/users/${target.id}/tokens`, { cookie: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual([
      expect.objectContaining({ id: created.id, prefix: created.prefix, revokedAt: null }),
    ]);
    expect(list.body).not.toContain(created.token);

    const del = await api.call('DELETE', `/api/v1/users/${target.id}/tokens/${created.id}`, {
      cookie: admin,
    });
    expect(del.statusCode).toBe(204);
    expect((await api.call('GET', '/api/v1/session', { token: created.token })).statusCode).toBe(401);
    // The token id under another user's path is not found.
    const wrongOwner = await api.call('DELETE', `/api/v1/users/${w.viewer.id}/tokens/${created.id}`, {
      cookie: admin,
    });
    expect(wrongOwner.statusCode).toBe(404);
    const absentUser = await api.call('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000/tokens', {
      cookie: admin,
    });
    expect(absentUser.statusCode).toBe(404);
  });
});
