/**
 * The server's log: pino (through Fastify) on stdout. Fastify logs two lines per request at
 * `info`, which at the default LOG_LEVEL=info buried the start banner (and the one-time admin
 * password in it) under request noise; those two lines are logged at `debug` instead, so
 * `info` shows start-up, warnings and errors, and LOG_LEVEL=debug shows every request.
 */
import type { FastifyServerOptions } from 'fastify';
import type { LogFn } from 'pino';
import type { Config } from '../config';

/** The messages of Fastify's own per-request log lines. */
const REQUEST_MESSAGES = new Set(['incoming request', 'request completed']);
const INFO = 30;

/** Fastify logger options for `level`, writing to `stream` (stdout unless given). */
export function serverLogger(
  level: Config['logLevel'],
  stream?: { write(line: string): void },
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    hooks: {
      logMethod(this: { debug: LogFn }, args: Parameters<LogFn>, method: LogFn, levelValue: number) {
        const message = typeof args[0] === 'string' ? args[0] : args[1];
        if (levelValue === INFO && typeof message === 'string' && REQUEST_MESSAGES.has(message)) {
          return this.debug(...args);
        }
        return method.apply(this, args);
      },
    },
  };
}
