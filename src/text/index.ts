/** Public surface of the text module: Russian-aware full-text search helpers (see lemmatize.ts). */
export {
  initMorphology,
  type LemmaPurpose,
  lemmas,
  lemmatizeForIndex,
  lemmatizeForQuery,
  matchesQuery,
  tokenize,
} from './lemmatize.js';
