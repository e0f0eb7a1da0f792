import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/api';
import { buildUser, type UserRow } from '../../test/factories';

let api: TestApi;
let user: UserRow;
beforeAll(async () => {
  api = await createTestApi();
  user = await buildUser(api.t.db, { role: 'viewer', email: 'Viewer.One@Example.org' });
});
afterAll(() => api.close());

describe('session', () => {
  it('answers 401 to GET /session without a cookie', async () => {
    const r = await api.call('GET', '/api/v1/session');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
  });

  it('refuses a sign-in without a password, naming the field', async () => {
    const r = await api.call('POST', '/api/v1/session', { body: { email: user.email } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details).toContainEqual({
      path: 'password',
      message: 'обязательное поле',
      rule: 'field.required',
    });
  });

  it('gives the same answer for an unknown e-mail as for a wrong password', async () => {
    const unknown = await api.call('POST', '/api/v1/session', {
      body: { email: 'nobody@example.org', password: 'whatever-123' },
    });
    const wrong = await api.call('POST', '/api/v1/session', {
      body: { email: user.email, password: 'whatever-123' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('signs in case-insensitively with an HttpOnly SameSite cookie, then signs out', async () => {
    const r = await api.call('POST', '/api/v1/session', {
      body: { email: 'viewer.one@EXAMPLE.org', password: 'correct horse battery' },
    });
    expect(r.statusCode).toBe(200);
    const c = r.cookies.find((x) => x.name === 'accord_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    const cookie = `accord_session=${c.value}`;
    const me = await api.call('GET', '/api/v1/session', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(user.email);
    expect(me.json().user).not.toHaveProperty('passwordHash');
    expect((await api.call('DELETE', '/api/v1/session', { cookie })).statusCode).toBe(204);
    expect((await api.call('GET', '/api/v1/session', { cookie })).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    const cookie = await api.signIn(user.email);
    const r = await api.call('POST', '/api/v1/parties', {
      cookie,
      body: { code: 'XX', kind: 'state', name: { ru: 'Икс' } },
      headers: { origin: 'https://evil.example' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.details[0].path).toBe('origin');
  });

  it('rate-limits repeated failed sign-ins for one e-mail', async () => {
    const target = await buildUser(api.t.db, { role: 'viewer' });
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await api.call('POST', '/api/v1/session', {
        body: { email: target.email, password: `wrong-${i}-xxxx` },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    const last = await api.call('POST', '/api/v1/session', {
      body: { email: target.email, password: 'correct horse battery' },
    });
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toBeDefined();
  });

  it('sends security headers, CSP among them, on every response', async () => {
    for (const url of ['/api/v1/session', '/healthz', '/api/v1/nope']) {
      const r = await api.call('GET', url);
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
