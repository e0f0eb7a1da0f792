/** The header search: one query over measures, agreements, provisions and organisations. */
import { z } from 'zod';
import { I18nText, i18nText, LIMITS, Uuid } from './common';

/** At most this many hits per kind: the box shows a short list, the lists page through the rest. */
export const SEARCH_LIMIT = { default: 5, max: 20 } as const;

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'is required').max(200).describe('words, a measure code or a name'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(SEARCH_LIMIT.max)
    .default(SEARCH_LIMIT.default)
    .describe('hits per kind'),
});

export const SearchMeasure = z.object({ id: Uuid, roadmapId: Uuid, code: z.string(), title: I18nText });
export const SearchAgreement = z.object({ id: Uuid, title: I18nText });
export const SearchProvision = z.object({
  id: Uuid,
  agreementId: Uuid,
  number: z.string(),
  text: i18nText(LIMITS.longText),
});
export const SearchOrganisation = z.object({
  id: Uuid,
  partyId: Uuid,
  name: I18nText,
  shortName: I18nText.nullable(),
});

export const SearchResults = z.object({
  measures: z.array(SearchMeasure),
  agreements: z.array(SearchAgreement),
  provisions: z.array(SearchProvision),
  organisations: z.array(SearchOrganisation),
});
export type SearchResults = z.infer<typeof SearchResults>;
