/**
 * The index side of search: the text given to `to_tsvector('simple', …)`. Each word becomes
 * every lexeme it can be found by — for Russian each lemma of an ambiguous form, each lemma's
 * family key and a compound's parts; for Kazakh and English the word and its stem — so that the
 * query side (query.ts) only has to name one of them.
 *
 * PostgreSQL's parser reads this text again, so lexemes are plain words or dotted numbers
 * (which it keeps whole as "version" tokens): nothing it could split differently.
 */
import { compoundParts, familyKey } from './derive.js';
import { isStopWord, lemmas, tokenize } from './lemmatize.js';
import { englishStem, kazakhStem, scriptOf } from './stem.js';

/**
 * Bump when the lexemes of a text change (tokenising, lemmas, families, stems): stored vectors
 * made by an older version are rebuilt at start (src/services/search/reindex.ts).
 */
export const SEARCH_INDEX_VERSION = 3;

/** The language a text is written in, when the field says so. */
export type TextLanguage = 'ru' | 'kk' | 'en';

/** A multilingual field as stored: `{ ru, kk?, en? }`. */
export interface MultilingualText {
  ru: string;
  kk?: string | null;
  en?: string | null;
}

/** The Russian lexemes of a lemma: itself, its family key and, for a compound, its parts. */
export function russianLexemes(lemma: string): string[] {
  const out = [lemma];
  const key = familyKey(lemma);
  if (key && key !== lemma) out.push(key);
  out.push(...compoundParts(lemma));
  return out;
}

/**
 * The lexemes one token is indexed under. Kazakh letters or Kazakh field → Kazakh stem; Latin →
 * English stem; other Cyrillic → Russian lemmas and families; digits and codes as they are.
 */
export function tokenLexemes(token: string, language?: TextLanguage): string[] {
  if (isStopWord(token)) return [];
  const script = scriptOf(token);
  let out: string[];
  if (script === 'latin') out = [token, englishStem(token)];
  else if (script === 'kazakh' || (script === 'cyrillic' && language === 'kk'))
    out = [token, kazakhStem(token)];
  else if (script === 'cyrillic') out = lemmas(token, 'index').flatMap(russianLexemes);
  else out = [token];
  return [...new Set(out)];
}

/**
 * Text for `to_tsvector('simple', $1)`: every non-stop-word token replaced by all its lexemes.
 * Repeated words stay repeated, which keeps term frequency meaningful for ts_rank.
 */
export function lemmatizeForIndex(text: string, language?: TextLanguage): string {
  const out: string[] = [];
  for (const token of tokenize(text)) out.push(...tokenLexemes(token, language));
  return out.join(' ');
}

/** The index text of a multilingual field: each language analysed as that language. */
export function lemmatizeMultilingual(value: MultilingualText | null | undefined): string {
  if (!value) return '';
  return [
    lemmatizeForIndex(value.ru, 'ru'),
    value.kk ? lemmatizeForIndex(value.kk, 'kk') : '',
    value.en ? lemmatizeForIndex(value.en, 'en') : '',
  ]
    .filter(Boolean)
    .join(' ');
}
