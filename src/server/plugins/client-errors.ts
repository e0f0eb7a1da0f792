/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers over `maxHeaderSize`,
 * a broken request line) still get the error format, written straight on the socket.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import { msg, negotiateLocale } from '../../contracts/messages';
import { AppError } from '../../domain/errors';
import { localise } from './errors';

/** Node's default `maxHeaderSize`: the request line and all headers together. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** What the client sent before the parser gave up, as text (headers are Latin-1 on the wire). */
const rawText = (err: ConnectionError) => {
  const raw = (err as { rawPacket?: unknown }).rawPacket;
  return Buffer.isBuffer(raw) ? raw.subarray(0, MAX_HEADER_BYTES).toString('latin1') : '';
};

function errorFor(err: ConnectionError): AppError {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    // No line break within the limit: the request line itself (the URL) is what is too long.
    const head = rawText(err);
    return head && !head.includes('\r\n')
      ? new AppError('uri_too_long', msg('error.uriTooLong', { max: MAX_HEADER_BYTES }))
      : new AppError('headers_too_large', msg('error.headersTooLarge', { kb: MAX_HEADER_BYTES / 1024 }));
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new AppError('validation_failed', msg('error.timeout'));
  return new AppError('validation_failed', msg('error.badRequest'));
}

const STATUS: Record<string, number> = { uri_too_long: 414, headers_too_large: 431 };

/** Fastify's `clientErrorHandler`: answers in the error format, in the language the request asked for. */
export function clientErrorHandler(err: ConnectionError, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e = errorFor(err);
  const status = STATUS[e.code] ?? (err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400);
  const asked = /\r\naccept-language:([^\r\n]*)/i.exec(rawText(err))?.[1];
  const locale = negotiateLocale(asked?.trim());
  const { message, details } = localise(e, locale);
  const body = JSON.stringify({ error: { code: e.code, message, details, requestId: randomUUID() } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Language: ${locale}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
