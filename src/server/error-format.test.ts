import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../contracts/common';
import { createTestApi, type TestApi } from '../test/api';
import { buildWorld } from '../test/factories';
import { buildApp } from './app';
import type { ApiApp } from './types';

let api: TestApi;
let web: ApiApp;
let base: string;
let webDir: string;
let cookie: string;

// With a web build in place `/*` serves index.html; the API must still answer in its format.
beforeAll(async () => {
  api = await createTestApi();
  const w = await buildWorld(api.t.ctx);
  cookie = await api.signIn(w.admin.email);
  webDir = mkdtempSync(path.join(tmpdir(), 'accord-web-'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Accord</title>');
  web = await buildApp({ ctx: api.t.ctx, config: { sessionHours: 12 }, webDir });
  base = await web.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await web.close();
  await api.close();
  rmSync(webDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  body: { error: { code: string; message: string; details: unknown[]; requestId: string } };
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${base}${url}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

/** Sends bytes as they are (fetch would refuse or fix them) and parses the answer. */
function raw(request: string | Buffer): Promise<{ status: number; head: string; body: Answer['body'] }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      try {
        resolve({ status, head, body: JSON.parse(rest.join('\r\n\r\n')) });
      } catch (e) {
        reject(new Error(`not JSON (${status}): ${text.slice(0, 300)} ${e}`));
      }
    });
    socket.write(request);
  });
}

function expectFormat(body: Answer['body'], code: string, what: string) {
  expect(body.error, what).toEqual({
    code,
    message: expect.any(String),
    details: expect.any(Array),
    requestId: expect.any(String),
  });
  expect(body.error.message.length, what).toBeGreaterThan(5);
}

describe('every answer under /api is in the error format, over real HTTP', () => {
  it('404 for an unknown API path, with a request id, even while the web app is served', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/nope', '/api/v1/measures/a/b/c']) {
      const r = await call(url, { headers: { cookie } });
      expect(r.status, url).toBe(404);
      expectFormat(r.body, 'not_found', url);
      expect(r.headers.get('x-request-id')).toBe(r.body.error.requestId);
    }
    const page = await fetch(`${base}/some/page`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('405 with Allow for a method the path does not take', async () => {
    const r = await call('/api/v1/roadmaps', {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(405);
    expectFormat(r.body, 'method_not_allowed', 'PUT /roadmaps');
    expect(r.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('400 for a broken percent-encoding and 414 for an over-long path segment or URL', async () => {
    const bad = await call('/api/v1/measures/%E0%A4%A', { headers: { cookie } });
    expect(bad.status).toBe(400);
    expectFormat(bad.body, 'validation_failed', 'bad url');
    const segment = await call(`/api/v1/measures/${'a'.repeat(300)}`, { headers: { cookie } });
    expect(segment.status).toBe(414);
    expectFormat(segment.body, 'uri_too_long', 'long segment');
    const long = await call(`/api/v1/measures?q=${'a'.repeat(9000)}`, { headers: { cookie } });
    expect(long.status).toBe(414);
    expectFormat(long.body, 'uri_too_long', 'long url');
    const huge = await raw(`GET /api/v1/measures?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(huge.status).toBe(414);
    expectFormat(huge.body, 'uri_too_long', 'url over the header limit');
  });

  it('431 for headers over the limit, 400 for a request Node cannot parse, in the language asked for', async () => {
    const big = await raw(
      `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nAccept-Language: kk\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big.status).toBe(431);
    expectFormat(big.body, 'headers_too_large', '431');
    expect(big.body.error.message).toMatch(/тақырыптамалары/);
    const junk = await raw('NOT AN HTTP REQUEST\r\n\r\n');
    expect(junk.status).toBe(400);
    expectFormat(junk.body, 'validation_failed', 'junk');
  });

  it('413 for a body over the limit, 415 for another content type, 400 for malformed or empty JSON', async () => {
    const headers = { cookie, 'content-type': 'application/json', 'accept-language': 'en' };
    const large = await call('/api/v1/roadmaps', {
      method: 'POST',
      headers,
      body: JSON.stringify({ pad: 'x'.repeat(LIMITS.bodyBytes + 10) }),
    });
    expect(large.status).toBe(413);
    expectFormat(large.body, 'payload_too_large', '413');
    const text = await call('/api/v1/roadmaps', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expectFormat(text.body, 'unsupported_media_type', '415');
    const malformed = await call('/api/v1/roadmaps', { method: 'POST', headers, body: '{"title":' });
    expect(malformed.status).toBe(400);
    expectFormat(malformed.body, 'validation_failed', 'malformed');
    // The signed-in admin chose Russian, which wins over the Accept-Language of the request.
    expect(malformed.body.error.details).toEqual([
      { path: '', message: 'нужен корректный JSON', rule: 'body.json' },
    ]);
    const empty = await call('/api/v1/roadmaps', { method: 'POST', headers, body: '' });
    expect(empty.status).toBe(400);
    expectFormat(empty.body, 'validation_failed', 'empty');
  });
});
