/**
 * API tests: a real Fastify app on a fresh database, driven with `inject` (no sockets), and
 * helpers to act as a user by cookie or token.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type AppOptions, buildApp } from '../server/app';
import type { ApiApp } from '../server/types';
import { createTestDatabase, type TestDatabase } from './db';
import { buildWorld, TEST_PASSWORD, type World } from './factories';

export interface TestApi {
  app: ApiApp;
  t: TestDatabase;
  /** Signs in by e-mail (factory password) and returns the Cookie header value. */
  signIn(email: string, password?: string): Promise<string>;
  /** An `inject` shortcut: `call('GET', '/api/v1/x', { cookie })`. */
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    opts?: { cookie?: string; token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApi(
  opts: { now?: Date; config?: Partial<AppOptions['config']> } = {},
): Promise<TestApi> {
  const t = await createTestDatabase({ now: opts.now });
  const app = await buildApp({
    ctx: t.ctx,
    config: { sessionHours: 12, ...opts.config },
    webDir: null,
    // ACCORD_TEST_LOG=error shows the server's log of unexpected errors while debugging a test.
    logger: process.env.ACCORD_TEST_LOG ? { level: process.env.ACCORD_TEST_LOG } : false,
  });
  await app.ready();
  const call: TestApi['call'] = (method, url, o = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      payload:
        o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    });
  return {
    app,
    t,
    call,
    async signIn(email, password = TEST_PASSWORD) {
      const r = await call('POST', '/api/v1/session', { body: { email, password } });
      if (r.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${r.statusCode} ${r.body}`);
      const c = r.cookies.find((x) => x.name === 'accord_session');
      return `accord_session=${c!.value}`;
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
}

/** The six people of a world, by the names the access tests use. */
export type WorldRole = 'admin' | 'viewer' | 'kzCoord' | 'kzRep' | 'ruCoord' | 'ruRep';

/** Signs in every person of `w` and returns their cookies by role. */
export async function signInWorld(api: TestApi, w: World): Promise<Record<WorldRole, string>> {
  const people: Record<WorldRole, { email: string }> = {
    admin: w.admin,
    viewer: w.viewer,
    kzCoord: w.kz.coordinator,
    kzRep: w.kz.reporter,
    ruCoord: w.ru.coordinator,
    ruRep: w.ru.reporter,
  };
  const entries = await Promise.all(
    Object.entries(people).map(async ([role, u]) => [role, await api.signIn(u.email)] as const),
  );
  return Object.fromEntries(entries) as Record<WorldRole, string>;
}

/** What setUpTestApi gives a test file once its `beforeAll` has run. */
export interface TestWorld {
  api: TestApi;
  w: World;
  /** A session cookie of every person of `w`. */
  cookie: Record<WorldRole, string>;
}

/**
 * The header of an API test file: before its tests a fresh database, the app, a world and
 * every person of it signed in; after them everything closed. The returned object is filled
 * in by then; `ready` runs in the same `beforeAll` (to copy parts into the file's own
 * variables, or to add rows the whole file uses).
 */
export function setUpTestApi(
  ready?: (s: TestWorld) => void | Promise<void>,
  opts: { now?: Date } = {},
): TestWorld {
  const s = {} as TestWorld;
  beforeAll(async () => {
    s.api = await createTestApi(opts);
    s.w = await buildWorld(s.api.t.ctx);
    s.cookie = await signInWorld(s.api, s.w);
    await ready?.(s);
  });
  afterAll(() => s.api?.close());
  return s;
}
