/**
 * Every string a request carries (body, query, path parameters; values and keys) is checked
 * once, here, before the route's schema: no control characters but tab and line breaks, and
 * well-formed Unicode (no lone surrogate halves). PostgreSQL cannot store a NUL and UTF-8
 * cannot encode a lone surrogate, so either used to end as a 500 deep inside a service.
 */
import type { FastifyInstance } from 'fastify';
import { textProblem } from '../../contracts/common';
import { detail, type ErrorDetail } from '../../domain/errors';
import { validationError } from './errors';

const MAX_REPORTED = 20;

/** The details for every bad string in `value`, its path dotted from `base` (iterative: no depth limit). */
export function badStrings(value: unknown, base = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const stack: [unknown, string][] = [[value, base]];
  const join = (p: string, k: string) => (p ? `${p}.${k}` : k);
  while (stack.length && out.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) out.push(detail(path, problem));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i))]);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i];
        const keyProblem = textProblem(k);
        // A bad key cannot be named as it is; the object holding it is.
        if (keyProblem) out.push(detail(path, keyProblem));
        else stack.push([child, join(path, k)]);
      }
    }
  }
  return out;
}

/** Adds the check to every route; it runs after sign-in (an anonymous caller gets 401 first). */
export function registerInputChecks(app: FastifyInstance) {
  // The API speaks JSON only: a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (req) => {
    for (const [context, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['body', req.body],
    ] as const) {
      const bad = badStrings(value);
      if (bad.length) throw validationError(bad, context);
    }
  });
}
