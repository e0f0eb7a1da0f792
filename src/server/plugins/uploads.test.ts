import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from './errors';
import { readUpload, registerUploads } from './uploads';

const app = Fastify();

beforeAll(async () => {
  registerErrorHandling(app, {});
  await registerUploads(app);
  app.post('/up', async (req) => {
    const u = await readUpload(req, { kinds: ['pdf', 'png'], maxBytes: 1024 });
    return {
      fileName: u.fileName,
      kind: u.kind,
      contentType: u.contentType,
      size: u.data.length,
      fields: u.fields,
    };
  });
  await app.ready();
});
afterAll(() => app.close());

function form(parts: { name: string; value: string | Buffer; fileName?: string }[]) {
  const boundary = 'XaccordX';
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"` : ''}\r\n${p.fileName ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`,
    ),
    Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'accept-language': 'ru' },
  };
}

const post = (parts: Parameters<typeof form>[0]) =>
  app.inject({ method: 'POST', url: '/up', ...form(parts) });

describe('readUpload', () => {
  it('reads the file and its fields, judged by content', async () => {
    const res = await post([
      { name: 'note', value: 'протокол' },
      { name: 'file', value: '%PDF-1.7 body', fileName: '../Протокол.bin' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fileName: 'Протокол.bin',
      kind: 'pdf',
      contentType: 'application/pdf',
      size: 13,
      fields: { note: 'протокол' },
    });
  });

  it.each([
    ['no file', [{ name: 'note', value: 'x' }], 400, 'нужен файл'],
    ['an empty file', [{ name: 'file', value: '', fileName: 'a.pdf' }], 400, 'файл пуст'],
    [
      'a file over the limit',
      [{ name: 'file', value: `%PDF-${'x'.repeat(2000)}`, fileName: 'a.pdf' }],
      413,
      '0 МБ',
    ],
    ['a CSV where PDF is asked', [{ name: 'file', value: 'a;b\n', fileName: 'a.csv' }], 415, 'это файл CSV'],
    [
      'two files',
      [
        { name: 'file', value: '%PDF-1', fileName: 'a.pdf' },
        { name: 'file', value: '%PDF-1', fileName: 'b.pdf' },
      ],
      400,
      'по одному файлу',
    ],
  ])('answers %s with a clear error in the caller’s language', async (_what, parts, status, text) => {
    const res = await post(parts);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.details[0].message).toContain(text);
  });

  it('refuses a JSON body', async () => {
    const res = await app.inject({ method: 'POST', url: '/up', payload: { a: 1 } });
    expect(res.statusCode).toBe(415);
  });
});
