/**
 * The five routes of a plain resource (list, get, create, update, delete), so that each
 * entity's module names only its schemas and use cases. Reads need a signed-in user; the
 * service decides who may write.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams, Version } from '../../contracts/common';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../../services/context';
import { requireActor } from '../plugins/auth';
import { type ApiApp, ERRORS, NoContent } from '../types';

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), page: z.number().int(), limit: z.number().int(), total: z.number().int() });

/** `?version=N` on DELETE, so a delete cannot hit a row changed since it was read. */
export const DeleteQuery = z.object({ version: z.coerce.number().pipe(Version).optional() });

/** The three routes of one item, `/things/:id`: get, change, delete. */
interface ItemSpec<Out extends z.ZodType, U extends z.ZodType> {
  /** The collection path; the item routes live at `${path}/:id`. */
  path: string;
  tag: string;
  /** The singular noun in English (`party`): summaries and operationIds are made from it. */
  noun: string;
  /** The plural where it is not noun + s (`parties`). */
  plural?: string;
  item: Out;
  update: U;
  get: (ctx: Ctx, actor: Actor, id: string) => Promise<unknown>;
  change: (ctx: Ctx, actor: Actor, id: string, input: z.output<U>) => Promise<unknown>;
  remove: (ctx: Ctx, actor: Actor, id: string, version?: number) => Promise<void>;
  /** Overrides of the generated summaries, where a route deserves a sentence of its own. */
  summaries?: Partial<Record<'get' | 'change' | 'remove', string>>;
}

interface CrudSpec<Out extends z.ZodType, Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType>
  extends ItemSpec<Out, U> {
  query?: Q;
  create: C;
  list: (ctx: Ctx, actor: Actor, q: z.output<Q>) => Promise<unknown>;
  add: (ctx: Ctx, actor: Actor, input: z.output<C>) => Promise<unknown>;
}

// A generic spec cannot prove to the type provider that a service's result matches the
// route's response schema; the plain instance skips that, the serializer checks at run time.
const plain = (app: ApiApp) => app as unknown as FastifyInstance;
const idOf = (req: { params: unknown }) => (req.params as { id: string }).id;
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
/** `party` → `Party`, `api token` → `ApiToken`: the noun as part of an operationId. */
const pascal = (noun: string) => noun.split(/\s+/).map(capital).join('');
const plural = (s: { noun: string; plural?: string }) => s.plural ?? `${s.noun}s`;
/** `a party`, `an organisation`. */
// 'an' before a vowel sound; nouns in u (user, unit) start with a consonant sound.
const withArticle = (noun: string) => `${/^[aeio]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** List and create at `path`, and the item routes at `${path}/:id`. */
export function crudRoutes<
  Out extends z.ZodType,
  Q extends z.ZodType,
  C extends z.ZodType,
  U extends z.ZodType,
>(app: ApiApp, ctx: Ctx, s: CrudSpec<Out, Q, C, U>) {
  const plainApp = plain(app);
  const tags = [s.tag];
  plainApp.get(
    s.path,
    {
      schema: {
        tags,
        operationId: `list${pascal(plural(s))}`,
        summary: `List ${plural(s)}`,
        querystring: (s.query ?? z.object({})) as z.ZodType,
        response: { 200: pageSchema(s.item), 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => s.list(ctx, requireActor(req), req.query as z.output<Q>),
  );
  plainApp.post(
    s.path,
    {
      schema: {
        tags,
        operationId: `create${pascal(s.noun)}`,
        summary: `Create ${withArticle(s.noun)}`,
        body: s.create as z.ZodType,
        response: { 201: s.item, ...ERRORS },
      },
    },
    async (req, reply) => reply.code(201).send(await s.add(ctx, requireActor(req), req.body as z.output<C>)),
  );
  itemRoutes(app, ctx, s);
}

/** Get, change and delete one item at `${path}/:id`. */
export function itemRoutes<Out extends z.ZodType, U extends z.ZodType>(
  app: ApiApp,
  ctx: Ctx,
  s: ItemSpec<Out, U>,
) {
  const plainApp = plain(app);
  const tags = [s.tag];
  const one = `${s.path}/:id`;
  plainApp.get(
    one,
    {
      schema: {
        tags,
        operationId: `get${pascal(s.noun)}`,
        summary: s.summaries?.get ?? `Get one ${s.noun}`,
        params: IdParams,
        response: { 200: s.item, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
      },
    },
    async (req) => s.get(ctx, requireActor(req), idOf(req)),
  );
  plainApp.patch(
    one,
    {
      schema: {
        tags,
        operationId: `update${pascal(s.noun)}`,
        summary: s.summaries?.change ?? `Change ${withArticle(s.noun)} (send the version you read)`,
        params: IdParams,
        body: s.update as z.ZodType,
        response: { 200: s.item, ...ERRORS },
      },
    },
    async (req) => s.change(ctx, requireActor(req), idOf(req), req.body as z.output<U>),
  );
  plainApp.delete(
    one,
    {
      schema: {
        tags,
        operationId: `delete${pascal(s.noun)}`,
        summary: s.summaries?.remove ?? `Delete ${withArticle(s.noun)}`,
        params: IdParams,
        querystring: DeleteQuery,
        response: { 204: NoContent, ...ERRORS },
      },
    },
    async (req, reply) => {
      await s.remove(ctx, requireActor(req), idOf(req), (req.query as { version?: number }).version);
      return reply.code(204).send(null);
    },
  );
}
