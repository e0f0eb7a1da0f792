/** The header search over measures, agreements, provisions and organisations. */
import { SearchQuery, SearchResults } from '../../contracts/search';
import { searchEverything } from '../../services/search/everything';
import { requireActor } from '../plugins/auth';
import { ERRORS, type RouteModule } from '../types';

const search: RouteModule = (app, { ctx }) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        operationId: 'searchEverything',
        summary:
          'Search measures (by code, words in any form, or a responsible body), agreements, provisions and organisations',
        querystring: SearchQuery,
        response: { 200: SearchResults, 400: ERRORS[400], 401: ERRORS[401] },
      },
    },
    async (req) => searchEverything(ctx, requireActor(req), req.query),
  );
};

export default search;
