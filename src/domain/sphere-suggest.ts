/**
 * Sphere suggestions for a provision's text (issue 10 §5): the spheres whose keywords occur in
 * it. Russian words are compared by lemma (az, through src/text), so a keyword in its
 * dictionary form matches every inflected form; Kazakh words by stem, English by singular. A
 * keyword of several words matches when each of its words occurs in the text.
 */
import { scriptOf, tokenize, tokenLexemes } from '../text';

/** A sphere's keywords per language. */
export interface KeywordSet {
  ru: readonly string[];
  kk: readonly string[];
  en: readonly string[];
}

export type SuggestLanguage = keyof KeywordSet;

/** A suggested sphere with the keywords that suggested it. */
export interface SphereSuggestion {
  sphereId: string;
  score: number;
  matched: string[];
}

/** At most this many spheres per provision. */
export const MAX_SUGGESTIONS = 3;
/** A sphere is suggested when it scores at least this share of the best sphere's score. */
const RELATIVE_FLOOR = 0.5;

/** The language of a text: Kazakh letters make it Kazakh, mostly Latin words English, else Russian. */
export function textLanguage(text: string): SuggestLanguage {
  const tokens = tokenize(text);
  let latin = 0;
  let kazakh = 0;
  for (const t of tokens) {
    const s = scriptOf(t);
    if (s === 'latin') latin++;
    else if (s === 'kazakh') kazakh++;
  }
  if (kazakh > 0 && kazakh * 20 >= tokens.length) return 'kk';
  return latin * 2 > tokens.length ? 'en' : 'ru';
}

const lexemesOf = (word: string, lang: SuggestLanguage) => new Set(tokenLexemes(word, lang));

/** The keyword sets compiled once for many texts: each keyword as the lexeme sets of its words. */
export function compileVocabularies(vocabularies: readonly { sphereId: string; keywords: KeywordSet }[]) {
  return vocabularies.map((v) => ({
    sphereId: v.sphereId,
    words: {
      ru: compile(v.keywords.ru, 'ru'),
      kk: compile(v.keywords.kk, 'kk'),
      en: compile(v.keywords.en, 'en'),
    },
  }));
}
export type CompiledVocabularies = ReturnType<typeof compileVocabularies>;

function compile(keywords: readonly string[], lang: SuggestLanguage) {
  return keywords
    .map((k) => ({
      keyword: k,
      parts: tokenize(k)
        .map((w) => lexemesOf(w, lang))
        .filter((s) => s.size > 0),
    }))
    .filter((k) => k.parts.length > 0);
}

/** The spheres a text suggests, best first. */
export function suggestSpheres(
  text: string,
  vocabularies: CompiledVocabularies,
  lang: SuggestLanguage = textLanguage(text),
): SphereSuggestion[] {
  const present = new Set(tokenize(text).flatMap((t) => tokenLexemes(t, lang)));
  const scored = vocabularies
    .map((v) => {
      const matched = v.words[lang]
        .filter((k) => k.parts.every((part) => [...part].some((x) => present.has(x))))
        .map((k) => k.keyword);
      return { sphereId: v.sphereId, score: matched.length, matched };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  return scored.filter((s) => s.score >= best * RELATIVE_FLOOR).slice(0, MAX_SUGGESTIONS);
}
