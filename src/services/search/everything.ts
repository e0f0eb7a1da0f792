/**
 * The header search: the best few measures, agreements, provisions and organisations for one
 * query, each kind ranked on its own. Measures are filtered by the caller's visibility like every
 * other read; agreements, provisions and organisations are reference data every user reads.
 */
import { and, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SearchQuery, SearchResults } from '../../contracts/search';
import { measures } from '../../db/schema';
import type { Actor } from '../../domain/policies';
import type { Ctx } from '../context';
import { measureVisibility } from '../measures';
import {
  matchingOrganisations,
  measureSearchCondition,
  measureSearchOrder,
  prepareSearch,
} from './conditions';
import { agreementVector, organisationVector, provisionVector } from './documents';

type I18n = SearchResults['measures'][number]['title'];

/** Finds up to `limit` items of each kind for `q` (already validated: trimmed, 1–200 characters). */
export async function searchEverything(
  ctx: Ctx,
  actor: Actor,
  query: z.output<typeof SearchQuery>,
): Promise<SearchResults> {
  const { q, limit } = query;
  const { loose } = prepareSearch(q);
  const bodies = await matchingOrganisations(ctx.db, q);
  const [found, agreements, provisions, organisations] = await Promise.all([
    ctx.db
      .select({ id: measures.id, roadmapId: measures.roadmapId, code: measures.code, title: measures.title })
      .from(measures)
      .where(and(measureVisibility(actor), measureSearchCondition(q, bodies)))
      .orderBy(...measureSearchOrder(q))
      .limit(limit),
    loose
      ? rowsOf<{ id: string; title: I18n }>(
          ctx,
          sql`select a.id, a.title from agreements a
      where ${agreementVector} @@ to_tsquery('simple', ${loose})
      order by ts_rank(${agreementVector}, to_tsquery('simple', ${loose})) desc, a.signed_on desc nulls last, a.id
      limit ${limit}`,
        )
      : [],
    rowsOf<{ id: string; agreementId: string; number: string; text: I18n }>(
      ctx,
      sql`select p.id,
        p.agreement_id as "agreementId", p.number, p.text from provisions p
      where p.number = ${q}${loose ? sql` or ${provisionVector} @@ to_tsquery('simple', ${loose})` : sql``}
      order by (p.number = ${q}) desc${loose ? sql`, ts_rank(${provisionVector}, to_tsquery('simple', ${loose})) desc` : sql``},
        p.agreement_id, p.position, p.id
      limit ${limit}`,
    ),
    loose
      ? rowsOf<{ id: string; partyId: string; name: I18n; shortName: I18n | null }>(
          ctx,
          sql`select o.id,
        o.party_id as "partyId", o.name, o.short_name as "shortName" from organisations o
      where ${organisationVector} @@ to_tsquery('simple', ${loose})
      order by ts_rank(${organisationVector}, to_tsquery('simple', ${loose})) desc, o.name->>'ru', o.id
      limit ${limit}`,
        )
      : [],
  ]);
  return { measures: found, agreements, provisions, organisations };
}

async function rowsOf<T extends Record<string, unknown>>(
  ctx: Ctx,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const result = await ctx.db.execute<T>(query);
  return result.rows as T[];
}
