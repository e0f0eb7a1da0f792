import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/api';
import { addressKey } from '../../services/sign-in-limits';
import { buildUser, TEST_PASSWORD, type UserRow } from '../../test/factories';

let api: TestApi;
let user: UserRow;
beforeAll(async () => {
  api = await createTestApi();
  user = await buildUser(api.t.db, { role: 'viewer', email: 'Viewer.One@Example.org' });
});
afterAll(() => api.close());

/** A sign-in as it reaches the server from the peer `from`, with optional extra headers. */
function signInFrom(
  on: TestApi,
  from: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return on.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: from,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ email, password }),
  });
}

const tally = (rs: LightMyRequestResponse[]) =>
  rs.reduce<Record<number, number>>((acc, r) => {
    acc[r.statusCode] = (acc[r.statusCode] ?? 0) + 1;
    return acc;
  }, {});

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

  it('answers GET /session with the same real expiry that POST /session gave', async () => {
    const r = await api.call('POST', '/api/v1/session', {
      body: { email: user.email, password: TEST_PASSWORD },
    });
    const expiresAt = r.json().expiresAt;
    expect(Date.parse(expiresAt) - api.t.ctx.now().getTime()).toBe(12 * 3_600_000);
    const c = r.cookies.find((x) => x.name === 'accord_session')!;
    const me = await api.call('GET', '/api/v1/session', { cookie: `accord_session=${c.value}` });
    expect(me.json().expiresAt).toBe(expiresAt);
  });

  it("answers GET /session with a token's own expiry", async () => {
    const cookie = await api.signIn(user.email);
    const t = (
      await api.call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'отчёт', expiresInDays: 30 } })
    ).json();
    const me = await api.call('GET', '/api/v1/session', { token: t.token });
    expect(me.statusCode).toBe(200);
    expect(me.json().expiresAt).toBe(t.expiresAt);
    expect(Date.parse(t.expiresAt) - api.t.ctx.now().getTime()).toBe(30 * 86_400_000);
  });
});

describe('sign-in limits, per account and address, atomic', () => {
  it('lets exactly 10 of 40 concurrent wrong passwords be checked, refuses the rest with 429 and Retry-After', async () => {
    const target = await buildUser(api.t.db);
    const from = '198.51.100.10';
    const rs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInFrom(api, from, target.email, `wrong-${i}-xxxx`)),
    );
    expect(tally(rs)).toEqual({ 401: 10, 429: 30 });
    for (const r of rs.filter((x) => x.statusCode === 429)) {
      const seconds = Number(r.headers['retry-after']);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(15 * 60);
      expect(r.json().error).toMatchObject({ code: 'rate_limited', requestId: expect.any(String) });
      expect(r.json().error.message).toMatch(/try again in 15 minutes/);
    }

    // The right password is refused from that address, and accepted from one that has not failed.
    const same = await signInFrom(api, from, target.email, TEST_PASSWORD);
    expect(same.statusCode).toBe(429);
    const elsewhere = await signInFrom(api, '198.51.100.11', target.email, TEST_PASSWORD);
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json().user.id).toBe(target.id);
  });

  it('admits the right password inside a concurrent burst only when it is among the first 10 checks', async () => {
    const target = await buildUser(api.t.db);
    const from = '198.51.100.20';
    const rs = await Promise.all(
      Array.from({ length: 31 }, (_, i) =>
        signInFrom(api, from, target.email, i === 30 ? TEST_PASSWORD : `wrong-${i}-xxxx`),
      ),
    );
    const counts = tally(rs);
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(10);
    expect(counts[429]).toBe(21);
  });

  it('counts an unknown e-mail like a known one: the same answers in the same order', async () => {
    const known = await buildUser(api.t.db);
    const codes = async (email: string, from: string) => {
      const out: number[] = [];
      for (let i = 0; i < 11; i++)
        out.push((await signInFrom(api, from, email, `nope-${i}-xxxx`)).statusCode);
      return out;
    };
    const a = await codes(known.email, '198.51.100.30');
    const b = await codes('nobody-at-all@example.org', '198.51.100.31');
    expect(a).toEqual([...Array(10).fill(401), 429]);
    expect(b).toEqual(a);
  });

  it('starts the count of an (account, address) afresh after a successful sign-in', async () => {
    const target = await buildUser(api.t.db);
    const from = '198.51.100.35';
    const wrong = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++)
        out.push((await signInFrom(api, from, target.email, `typo-${i}-xxxx`)).statusCode);
      return out;
    };
    expect(await wrong(9)).toEqual(Array(9).fill(401));
    expect((await signInFrom(api, from, target.email, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await wrong(11)).toEqual([...Array(10).fill(401), 429]);
  });

  it('limits one address to 50 failures across accounts (password spraying)', async () => {
    const from = '198.51.100.40';
    const targets = await Promise.all(Array.from({ length: 6 }, () => buildUser(api.t.db)));
    const rs = await Promise.all(
      targets
        .slice(0, 5)
        .flatMap((u) =>
          Array.from({ length: 10 }, (_, i) => signInFrom(api, from, u.email, `spray-${i}-xx`)),
        ),
    );
    expect(tally(rs)).toEqual({ 401: 50 });
    const sixth = await signInFrom(api, from, targets[5].email, TEST_PASSWORD);
    expect(sixth.statusCode).toBe(429);
    expect((await signInFrom(api, '198.51.100.41', targets[5].email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For without ACCORD_TRUST_PROXY: a locked address stays locked', async () => {
    const target = await buildUser(api.t.db);
    const from = '198.51.100.50';
    for (let i = 0; i < 10; i++) await signInFrom(api, from, target.email, `wrong-${i}-xxxx`);
    const spoofed = await signInFrom(api, from, target.email, TEST_PASSWORD, {
      'x-forwarded-for': '203.0.113.99',
    });
    expect(spoofed.statusCode).toBe(429);
  });
});

describe('plain local http', () => {
  it('sets no Secure cookie and sends no HSTS', async () => {
    const r = await signInFrom(api, '127.0.0.1', user.email, TEST_PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.cookies.find((x) => x.name === 'accord_session')!.secure).toBeUndefined();
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('Cache-Control of API answers', () => {
  it('is no-store for every API answer, errors included, and lets the OpenAPI document be cached', async () => {
    const cookie = await api.signIn(user.email);
    const answers: [string, LightMyRequestResponse][] = [
      ['session', await api.call('GET', '/api/v1/session', { cookie })],
      ['401', await api.call('GET', '/api/v1/session')],
      ['tokens', await api.call('GET', '/api/v1/me/tokens', { cookie })],
      ['parties', await api.call('GET', '/api/v1/parties', { cookie })],
      ['404', await api.call('GET', '/api/v1/no-such-thing', { cookie })],
      ['400', await api.call('POST', '/api/v1/session', { body: { email: user.email } })],
    ];
    for (const [label, r] of answers) expect(r.headers['cache-control'], label).toBe('no-store');
    const doc = await api.call('GET', '/api/v1/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  });
});

describe('behind a TLS proxy (ACCORD_TRUST_PROXY) or with an https public address', () => {
  let proxied: TestApi;
  let public_: TestApi;
  beforeAll(async () => {
    [proxied, public_] = await Promise.all([
      createTestApi({ config: { trustProxy: ['127.0.0.1'] } }),
      createTestApi({ config: { publicUrl: 'https://accord.example.org' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([proxied.close(), public_.close()]);
  });

  it('honours X-Forwarded-For from the trusted proxy: the locked client only is refused', async () => {
    const target = await buildUser(proxied.t.db);
    const via = (client: string) => ({ 'x-forwarded-for': client });
    for (let i = 0; i < 10; i++)
      await signInFrom(proxied, '127.0.0.1', target.email, `wrong-${i}-xxxx`, via('203.0.113.1'));
    expect(
      (await signInFrom(proxied, '127.0.0.1', target.email, TEST_PASSWORD, via('203.0.113.1'))).statusCode,
    ).toBe(429);
    expect(
      (await signInFrom(proxied, '127.0.0.1', target.email, TEST_PASSWORD, via('203.0.113.2'))).statusCode,
    ).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
    const target = await buildUser(proxied.t.db);
    const peer = '198.51.100.60';
    for (let i = 0; i < 10; i++)
      await signInFrom(proxied, peer, target.email, `wrong-${i}-xxxx`, {
        'x-forwarded-for': `203.0.113.${i}`,
      });
    const r = await signInFrom(proxied, peer, target.email, TEST_PASSWORD, {
      'x-forwarded-for': '203.0.113.77',
    });
    expect(r.statusCode).toBe(429);
  });

  for (const [label, on] of [
    ['ACCORD_TRUST_PROXY', () => proxied],
    ['an https ACCORD_PUBLIC_URL', () => public_],
  ] as const) {
    it(`with ${label}: a Secure session cookie and HSTS on every answer`, async () => {
      const u = await buildUser(on().t.db);
      const r = await signInFrom(on(), '127.0.0.1', u.email, TEST_PASSWORD);
      expect(r.statusCode).toBe(200);
      const c = r.cookies.find((x) => x.name === 'accord_session')!;
      expect(c).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      for (const url of ['/api/v1/session', '/healthz']) {
        const h = await on().call('GET', url);
        expect(h.headers['strict-transport-security'], url).toBe('max-age=15552000; includeSubDomains');
      }
      const out = await on().call('DELETE', '/api/v1/session', { cookie: `accord_session=${c.value}` });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((x) => x.name === 'accord_session')).toMatchObject({ secure: true });
    });
  }
});

describe('the address a limit counts by', () => {
  it('is an IPv4 address itself, and the /64 of an IPv6 one', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('locks a whole IPv6 /64: another address of it is refused, another /64 is not', async () => {
    const target = await buildUser(api.t.db);
    for (let i = 0; i < 10; i++)
      await signInFrom(api, `2001:db8:5:6::${i + 1}`, target.email, `wrong-${i}-xxxx`);
    expect((await signInFrom(api, '2001:db8:5:6::99', target.email, TEST_PASSWORD)).statusCode).toBe(429);
    expect((await signInFrom(api, '2001:db8:5:7::1', target.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
