/**
 * One error format for every failure: `{ error: { code, message, details, requestId } }`.
 * AppErrors carry their own code; request validation, malformed JSON, oversized bodies and
 * unknown routes are translated here; anything else is a 500 whose details stay in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../contracts/enums';
import { AppError, type ErrorDetail, HTTP_STATUS } from '../../domain/errors';

interface ZodIssueLike {
  keyword: string;
  instancePath: string;
  message: string;
  params: { keys?: string[] };
}

const dotted = (instancePath: string) => instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');

/** Zod issues as `{ path, message }`, an unknown key becoming its own path. */
export function validationDetails(issues: readonly ZodIssueLike[]): ErrorDetail[] {
  return issues.flatMap((i) => {
    const base = dotted(i.instancePath);
    if (i.keyword === 'unrecognized_keys' && i.params.keys?.length) {
      return i.params.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: 'is not a known field' }));
    }
    return [{ path: base, message: i.message }];
  });
}

interface PgErrorLike {
  code: string;
  detail?: string;
  table?: string;
  constraint?: string;
}

/** The PostgreSQL error inside a (Drizzle-wrapped) error, if any. */
function pgErrorOf(e: unknown): PgErrorLike | null {
  for (
    let cur = e as { code?: unknown; cause?: unknown } | undefined, i = 0;
    cur && i < 5;
    cur = cur.cause as never, i++
  ) {
    if (typeof cur.code === 'string' && /^[0-9A-Z]{5}$/.test(cur.code)) return cur as PgErrorLike;
  }
  return null;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Constraint violations that slipped past the services' own checks (races, deletes of rows
 * still in use) become 409/422 answers that name the field, never a 500.
 */
export function appErrorFromPg(e: unknown): AppError | null {
  const pg = pgErrorOf(e);
  if (!pg) return null;
  // A composite key names its scope first and the field that clashed last: (roadmap_id, code).
  const column = /Key \(([^)]+)\)/
    .exec(pg.detail ?? '')?.[1]
    ?.split(',')
    .pop()
    ?.trim();
  const field = column ? camel(column.replace(/^lower\((.*)\)$/, '$1')) : '';
  switch (pg.code) {
    case '23505':
      return new AppError('conflict', `${field || 'The record'} is already used by another record`, [
        { path: field, message: 'is already used by another record' },
      ]);
    case '23503':
      if (/is still referenced/.test(pg.detail ?? '')) {
        const table = /from table "([^"]+)"/.exec(pg.detail ?? '')?.[1] ?? 'other records';
        return new AppError(
          'conflict',
          `It is still used by ${table.replace(/_/g, ' ')}; remove those first`,
          [{ path: '', message: `still used by ${table.replace(/_/g, ' ')}` }],
        );
      }
      return new AppError('rule_violation', `${field || 'A reference'}: no such record`, [
        { path: field, message: 'no such record' },
      ]);
    case '23514':
      return new AppError(
        'rule_violation',
        `A rule of the data model refused the change (${pg.constraint ?? 'check'})`,
        [{ path: '', message: pg.constraint ?? 'check failed' }],
      );
    case '22001':
      return new AppError('validation_failed', 'A value is too long', [
        { path: field, message: 'is too long' },
      ]);
    case '40001':
    case '40P01':
      return new AppError('conflict', 'A concurrent change got in the way; try again', [
        { path: '', message: 'retry' },
      ]);
    default:
      return null;
  }
}

const CONTEXT_NAMES: Record<string, string> = { body: 'request body', querystring: 'query', params: 'path' };

function send(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] = [],
) {
  return reply
    .code(HTTP_STATUS[code])
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, details, requestId: req.id } });
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    const fromPg = err instanceof AppError ? null : appErrorFromPg(err);
    if (fromPg) {
      req.log.warn({ err }, 'constraint violation');
      err = fromPg;
    }
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
      if (err.status >= 500) req.log.error({ err }, 'request failed');
      return send(reply, req, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = validationDetails(err.validation as unknown as ZodIssueLike[]);
      const where = CONTEXT_NAMES[(err as FastifyError).validationContext ?? ''] ?? 'request';
      const first = details[0];
      const message = `Invalid ${where}: ${first.path ? `${first.path} ${first.message}` : first.message}${
        details.length > 1 ? ` (and ${details.length - 1} more)` : ''
      }`;
      return send(reply, req, 'validation_failed', message, details);
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, req, 'payload_too_large', 'The request body is too large', [
        { path: '', message: 'the request body exceeds the size limit' },
      ]);
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, req, 'validation_failed', 'Send the request body as application/json', [
        { path: '', message: 'content type must be application/json' },
      ]);
    }
    if (
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      return send(reply, req, 'validation_failed', `The request body is not valid JSON: ${err.message}`, [
        { path: '', message: 'must be valid JSON' },
      ]);
    }
    if (fe.statusCode === 429) return send(reply, req, 'rate_limited', 'Too many requests; slow down');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, req, 'validation_failed', err.message, [{ path: '', message: err.message }]);
    }
    req.log.error({ err }, 'unexpected error');
    return send(
      reply,
      req,
      'internal',
      'Something went wrong on the server; the request id identifies it in the log',
    );
  });

  app.setNotFoundHandler((req, reply) =>
    send(reply, req, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`),
  );
}
