/**
 * One error format for every failure under /api: `{ error: { code, message, details,
 * requestId } }`, in the caller's language (the signed-in user's, else Accept-Language, else
 * Russian). AppErrors carry their own code and catalogue message; request validation,
 * malformed JSON, oversized bodies, bad URLs and unknown routes are translated here; anything
 * else is a 500 whose details stay in the log. Errors Node's HTTP parser meets before Fastify
 * (431, 400) are written on the socket in the same format (see client-errors.ts).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { LIMITS } from '../../contracts/common';
import type { Locale } from '../../contracts/enums';
import { msg, negotiateLocale, render, translateEnglish } from '../../contracts/messages';
import { issueMessage, type IssueLike } from '../../contracts/messages/zod';
import { AppError, detail, type ErrorDetail, HTTP_STATUS } from '../../domain/errors';
import { appErrorFromPg } from './pg-errors';

export { appErrorFromPg } from './pg-errors';

interface FastifyIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: Omit<IssueLike, 'code' | 'message'> & { keys?: string[] };
}

const dotted = (instancePath: string) => instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');

/** Zod issues as details naming the field and the rule; an unknown key becomes its own path. */
export function validationDetails(issues: readonly FastifyIssue[]): ErrorDetail[] {
  return issues.flatMap((i) => {
    const base = dotted(i.instancePath);
    if (i.keyword === 'unrecognized_keys' && i.params.keys?.length) {
      return i.params.keys.map((k) => detail(base ? `${base}.${k}` : k, 'field.unknown'));
    }
    return [detail(base, issueMessage({ ...i.params, code: i.keyword, message: i.message }))];
  });
}

const CONTEXTS = new Set(['body', 'querystring', 'params', 'headers']);

/** A 400 for failed request validation: the first field and rule, and how many more. */
export function validationError(details: ErrorDetail[], context?: string): AppError {
  const first = details[0];
  const problem = msg(first.rule ?? 'value.invalid', first.params);
  const where = CONTEXTS.has(context ?? '') ? context : 'request';
  return new AppError(
    'validation_failed',
    msg(`validation.${where}` as 'validation.request', {
      first: first.path ? msg('validation.field', { path: first.path, problem }) : problem,
      more: details.length - 1,
    }),
    details,
  );
}

/** Finds the language of a signed-in user; null when unknown. */
export type UserLocale = (userId: string) => Promise<Locale | null>;

async function localeOf(req: FastifyRequest, userLocale?: UserLocale): Promise<Locale> {
  const fromHeader = () => negotiateLocale(req.headers?.['accept-language']);
  const userId = req.actor?.userId;
  if (!userId || !userLocale) return fromHeader();
  return (await userLocale(userId).catch(() => null)) ?? fromHeader();
}

/** An AppError's message and details in `locale`, each detail with its rule key. */
export function localise(err: AppError, locale: Locale) {
  return {
    message: err.text ? render(locale, err.text) : translateEnglish(locale, err.message),
    details: err.details.map((d) => ({
      path: d.path,
      message: d.rule ? render(locale, msg(d.rule, d.params)) : translateEnglish(locale, d.message),
      rule: d.rule ?? err.code,
    })),
  };
}

function fastifyError(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', msg('error.bodyTooLarge'), [
        detail('', 'body.tooLarge', { mb: LIMITS.bodyBytes / 1024 / 1024 }),
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', msg('error.mediaType'), [detail('', 'body.mediaType')]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', msg('error.emptyJson'), [detail('', 'body.json')]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', msg('error.badJson'), [detail('', 'body.json')]);
    case 'FST_ERR_BAD_URL':
      return new AppError('validation_failed', msg('error.badUrl'), [detail('', 'url.invalid')]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('uri_too_long', msg('error.paramTooLong', { max: MAX_PARAM_LENGTH }));
  }
  if (err instanceof SyntaxError)
    return new AppError('validation_failed', msg('error.badJson'), [detail('', 'body.json')]);
  if (err.statusCode === 429) return new AppError('rate_limited', msg('error.rateLimited'));
  if (err.statusCode === 413) return new AppError('payload_too_large', msg('error.bodyTooLarge'));
  if (err.statusCode === 415)
    return new AppError('unsupported_media_type', msg('error.mediaType'), [detail('', 'body.mediaType')]);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return new AppError('validation_failed', msg('error.badRequest'));
  return null;
}

/** The longest path segment the router accepts (Fastify's `maxParamLength`); a UUID is 36. */
export const MAX_PARAM_LENGTH = 200;
/** The longest URL answered with anything but 414. */
export const MAX_URL_LENGTH = 8192;

/** Any error as an AppError: ours, a constraint violation, a validation or Fastify error, or a 500. */
export function toAppError(err: unknown, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  const fromPg = appErrorFromPg(err);
  if (fromPg) {
    req.log.warn({ err }, 'constraint violation');
    return fromPg;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = validationDetails(err.validation as unknown as FastifyIssue[]);
    return validationError(details, (err as FastifyError).validationContext);
  }
  const known = fastifyError(err as FastifyError);
  if (known) return known;
  req.log.error({ err }, 'unexpected error');
  return new AppError('internal', msg('error.internal'));
}

async function send(reply: FastifyReply, req: FastifyRequest, err: AppError, userLocale?: UserLocale) {
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  if (err.status >= 500 && err.code !== 'internal') req.log.error({ err }, 'request failed');
  const locale = await localeOf(req, userLocale);
  const { message, details } = localise(err, locale);
  return reply
    .code(HTTP_STATUS[err.code])
    .header('content-language', locale)
    .type('application/json; charset=utf-8')
    .send({ error: { code: err.code, message, details, requestId: req.id } });
}

/** Fastify's `frameworkErrors` option: bad percent-encoding and over-long path segments. */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  return send(reply, req, toAppError(err, req));
}

/** Methods a path of the API answers, from the routes as registered (`/measures/:id`). */
function methodsFor(app: FastifyInstance, path: string): string[] {
  const out = new Set<string>();
  for (const r of app.apiRoutes) {
    const re = new RegExp(`^${r.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`);
    if (re.test(path)) out.add(r.method);
  }
  if (out.has('GET')) out.add('HEAD');
  return [...out].sort();
}

function noRoute(app: FastifyInstance, req: FastifyRequest): AppError {
  const path = req.url.split('?')[0];
  const allowed = path.startsWith('/api/') ? methodsFor(app, path) : [];
  // The route exists for this method, so the router passed it by for a segment over maxParamLength.
  if (allowed.includes(req.method))
    return new AppError('uri_too_long', msg('error.paramTooLong', { max: MAX_PARAM_LENGTH }));
  if (allowed.length) {
    return new AppError(
      'method_not_allowed',
      msg('error.methodNotAllowed', { method: req.method, url: path, allowed: allowed.join(', ') }),
      [],
      { allow: allowed.join(', ') },
    );
  }
  return new AppError('not_found', msg('error.noRoute', { method: req.method, url: path }));
}

/** The error handler, the 404/405 answers and the URL length check. */
export function registerErrorHandling(app: FastifyInstance, opts: { userLocale?: UserLocale } = {}) {
  app.setErrorHandler((err, req, reply) => send(reply, req, toAppError(err, req), opts.userLocale));
  app.setNotFoundHandler((req, reply) => send(reply, req, noRoute(app, req), opts.userLocale));
  // Every API path, whatever else is served at `/`, answers unknown routes in the error format.
  app.all('/api/*', { schema: { hide: true }, config: { public: true } }, (req, reply) =>
    send(reply, req, noRoute(app, req), opts.userLocale),
  );
  app.addHook('onRequest', async (req) => {
    if (req.url.length > MAX_URL_LENGTH)
      throw new AppError('uri_too_long', msg('error.uriTooLong', { max: MAX_URL_LENGTH }));
  });
}
