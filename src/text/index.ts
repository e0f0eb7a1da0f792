/** Public surface of the text module: tokenising, lemmatising and derivation for full-text search. */
export { COMPOUNDS, compoundParts, familyKey } from './derive.js';
export {
  lemmatizeForIndex,
  lemmatizeMultilingual,
  type MultilingualText,
  SEARCH_INDEX_VERSION,
  type TextLanguage,
  tokenLexemes,
} from './document.js';
export { initMorphology, type LemmaPurpose, lemmas, tokenize } from './lemmatize.js';
export {
  type Alternative,
  lemmatizeForQuery,
  looseQuery,
  matchesQuery,
  type QueryTerm,
  queryCode,
  queryTerms,
} from './query.js';
export { englishStem, kazakhStem, scriptOf } from './stem.js';
