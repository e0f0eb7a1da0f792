import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../contracts/enums';
import { latinLeftIn } from '../contracts/messages/latin';
import { createTestApi, type TestApi } from '../test/api';
import { buildWorld, type World } from '../test/factories';

let api: TestApi;
let w: World;
let admin: string;
let viewer: string;

beforeAll(async () => {
  api = await createTestApi();
  w = await buildWorld(api.t.ctx);
  admin = await api.signIn(w.admin.email);
  viewer = await api.signIn(w.viewer.email);
});
afterAll(() => api.close());

const ABSENT = '00000000-0000-4000-8000-000000000009';

type Call = [
  string,
  'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  string,
  ('admin' | 'viewer' | null)?,
  unknown?,
];

/** Error paths of every kind: validation, each family of AppError, database refusals, routing. */
const calls = (): Call[] => [
  ['missing fields', 'POST', '/api/v1/roadmaps', 'admin', {}],
  [
    'too long, unknown field',
    'POST',
    '/api/v1/roadmaps',
    'admin',
    { title: { ru: 'x'.repeat(600) }, colour: 1 },
  ],
  ['not a UUID', 'GET', '/api/v1/measures/42', 'admin'],
  ['enum', 'GET', `/api/v1/measures?roadmapId=${w.roadmap.id}&status=done`, 'admin'],
  ['not found', 'GET', `/api/v1/measures/${ABSENT}`, 'admin'],
  [
    'stale version',
    'PATCH',
    `/api/v1/roadmaps/${w.roadmap.id}`,
    'admin',
    { version: 99, title: { ru: 'Новое' } },
  ],
  [
    'unknown ids',
    'PATCH',
    `/api/v1/roadmaps/${w.roadmap.id}`,
    'admin',
    { version: 1, agreementIds: [ABSENT] },
  ],
  [
    'duplicate e-mail',
    'POST',
    '/api/v1/users',
    'admin',
    { email: w.viewer.email, name: 'Дубль', role: 'viewer', password: 'long-enough-1' },
  ],
  [
    'role needs an organisation',
    'POST',
    '/api/v1/users',
    'admin',
    { email: 'c@example.org', name: 'К', role: 'coordinator', password: 'long-enough-1' },
  ],
  ['still used', 'DELETE', `/api/v1/parties/${w.kz.party.id}`, 'admin'],
  ['forbidden', 'POST', '/api/v1/spheres', 'viewer', { code: 'new_sphere', name: { ru: 'Сфера' } }],
  [
    'bad clause',
    'POST',
    `/api/v1/agreements/${w.agreement.id}/provisions`,
    'admin',
    { number: 'x y', text: { ru: 'т' } },
  ],
  ['NUL', 'GET', `/api/v1/users?q=${encodeURIComponent('\u0000')}`, 'admin'],
  ['bad JSON', 'POST', '/api/v1/roadmaps', 'admin', '{"title":'],
  ['no route', 'GET', '/api/v1/nothing', 'admin'],
  ['method', 'PUT', '/api/v1/roadmaps', 'admin', {}],
  ['anonymous', 'GET', '/api/v1/roadmaps', null],
];

async function setLocale(cookie: string, locale: Locale) {
  const me = await api.call('PATCH', '/api/v1/me', { cookie, body: { locale } });
  expect(me.statusCode).toBe(200);
}

describe('the API answers in the language of the user, else of Accept-Language', () => {
  it('renders every message and detail of every kind of error in ru, kk and en', async () => {
    for (const locale of LOCALES) {
      await setLocale(admin, locale);
      await setLocale(viewer, locale);
      for (const [what, method, url, who, body] of calls()) {
        const cookie = who === 'admin' ? admin : who === 'viewer' ? viewer : undefined;
        const r = await api.call(method, url, { cookie, body, headers: { 'accept-language': locale } });
        const label = `${locale} ${what}: ${r.body}`;
        expect(r.statusCode, label).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, label).toBeLessThan(500);
        expect(r.headers['content-language'], label).toBe(locale);
        const { message, details } = r.json().error as {
          message: string;
          details: { path: string; message: string; rule: string }[];
        };
        const texts = [message, ...details.map((d) => d.message)];
        const paths = details.map((d) => d.path);
        for (const text of texts) {
          if (locale === 'en') expect(text, label).not.toMatch(/[А-Яа-яЁё]/);
          else expect(latinLeftIn(text, paths), label).toEqual([]);
        }
        for (const d of details) expect(d.rule, label).toMatch(/^[a-zA-Z_]+(\.[A-Za-z_]+)?$/);
      }
    }
  });

  it("prefers the user's language to the header, and the header to Russian", async () => {
    await setLocale(admin, 'kk');
    const signedIn = await api.call('GET', `/api/v1/measures/${ABSENT}`, {
      cookie: admin,
      headers: { 'accept-language': 'en' },
    });
    expect(signedIn.json().error.message).toBe('Іс-шара табылмады');
    const anonymous = await api.call('POST', '/api/v1/session', {
      body: { email: 'nobody@example.org', password: 'wrong-password' },
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(anonymous.json().error.message).toBe('Wrong e-mail or password');
    const byDefault = await api.call('POST', '/api/v1/session', {
      body: { email: 'nobody@example.org', password: 'wrong-password' },
    });
    expect(byDefault.json().error.message).toBe('Неверный адрес электронной почты или пароль');
  });

  it('keeps the figures of a limit and names the field', async () => {
    await setLocale(admin, 'ru');
    const r = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: { ru: 'x'.repeat(600) } },
    });
    expect(r.json().error.details).toContainEqual({
      path: 'title.ru',
      message: 'не длиннее 500 символов',
      rule: 'string.tooLong',
    });
    expect(r.json().error.message).toBe('Ошибка в теле запроса: title.ru: не длиннее 500 символов');
    const two = await api.call('POST', '/api/v1/roadmaps', {
      cookie: admin,
      body: { title: { ru: '' }, colour: 1 },
    });
    expect(two.json().error.message).toBe('Ошибка в теле запроса: title.ru: обязательное поле (и ещё 1)');
  });
});
