/** Types shared by the route modules. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../contracts/common';
import type { Config } from '../config';
import type { Ctx } from '../services/context';

/** The Fastify instance the routes see: zod schemas type the handlers. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteDeps {
  ctx: Ctx;
  config: Pick<Config, 'sessionHours' | 'publicUrl'> & Partial<Pick<Config, 'trustProxy'>>;
}

/** A route module registers its routes on the `/api/v1` scope. */
export type RouteModule = (app: ApiApp, deps: RouteDeps) => void;

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const ERRORS = {
  400: ErrorBody.describe('invalid input: `details` names each field and rule'),
  401: ErrorBody.describe('not signed in'),
  403: ErrorBody.describe('not allowed'),
  404: ErrorBody.describe('absent, or not visible to the caller'),
  409: ErrorBody.describe('conflict, e.g. a stale version'),
  422: ErrorBody.describe('a domain rule refused the change'),
} as const;

/** 204 No Content. */
export const NoContent = z.null().describe('no content');
