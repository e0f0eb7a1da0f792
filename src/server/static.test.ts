/**
 * The built web app as a browser gets it: precompressed bytes when it accepts them, plain
 * ones otherwise, year-long caching only for hashed assets, and the API's error format for
 * unknown API paths under the browser-routing fallback.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/db';
import { buildUser, TEST_PASSWORD } from '../test/factories';
import { buildApp } from './app';
import { precompressDir } from './precompress';
import type { ApiApp } from './types';

let t: TestDatabase;
let app: ApiApp;
let dir: string;
const bundle = `export const words = ${JSON.stringify(Array.from({ length: 3000 }, (_, i) => `слово-${i}`))};\n`;
const page = `<!doctype html><html lang="ru"><head><title>Accord</title></head><body>${'<div id="root"></div>'.repeat(80)}</body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'accord-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), page);
  writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), bundle);
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  expect(precompressDir(dir)).toBe(2); // the small favicon is not worth it
  t = await createTestDatabase();
  app = await buildApp({ ctx: t.ctx, config: { sessionHours: 12 }, webDir: dir });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) =>
  app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('static files', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts br, cached for a year', async () => {
    const r = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(r.rawPayload.length).toBeLessThan(Buffer.byteLength(bundle) / 3);
    expect(brotliDecompressSync(r.rawPayload).toString()).toBe(bundle);
  });

  it('sends gzip to a gzip-only client and the plain file to one that accepts no encoding', async () => {
    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(bundle);
    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);
    expect(readFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), 'utf8')).toBe(plain.body);
  });

  it('sends index.html for the web app routes, compressed and never cached without revalidation', async () => {
    for (const url of ['/', '/roadmaps/123', '/index.html']) {
      const r = await get(url, 'br');
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-encoding'], url).toBe('br');
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(r.rawPayload).toString(), url).toBe(page);
    }
    const plain = await get('/roadmaps/123');
    expect(plain.body).toBe(page);
    const icon = await get('/favicon.svg', 'br');
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers an unknown API path with a 404 in the error format, not the web app', async () => {
    const u = await buildUser(t.db);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    const c = signIn.cookies.find((x) => x.name === 'accord_session')!;
    const r = await app.inject({
      method: 'GET',
      url: '/api/v1/no-such-thing',
      headers: { cookie: `accord_session=${c.value}`, 'accept-encoding': 'br' },
    });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(r.json()).toMatchObject({
      // in the signed-in user's language (Russian here), with the request id of every API error
      error: {
        code: 'not_found',
        message: 'В API нет адреса GET /api/v1/no-such-thing',
        requestId: expect.any(String),
      },
    });
  });
});
