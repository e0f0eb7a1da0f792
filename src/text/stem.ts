/**
 * Light stemmers for the languages az does not cover. Kazakh is agglutinative: a word is a stem
 * followed by plural, possessive, case and derivational suffixes (жол-дар-ы-на, сала-сы-н-дағы),
 * so stripping known suffixes from the end reaches the stem that all forms share. English needs
 * little more than plurals. Both are applied alike to documents and queries, so over-stripping
 * costs some precision but never a match between two forms of one word.
 */

/** Kazakh-only letters: a token with one of them is Kazakh whatever field it is in. */
const KAZAKH_LETTERS = /[әғқңөұүһі]/;
const LATIN_WORD = /^[a-z]+$/;
const CYRILLIC_WORD = /^[а-яәғқңөұүһі]+$/;

/** Which analysis a token gets. */
export type Script = 'kazakh' | 'cyrillic' | 'latin' | 'other';

/** The script of a normalised token: Kazakh letters decide for Kazakh, plain Cyrillic is open. */
export function scriptOf(token: string): Script {
  if (KAZAKH_LETTERS.test(token) && CYRILLIC_WORD.test(token)) return 'kazakh';
  if (CYRILLIC_WORD.test(token)) return 'cyrillic';
  if (LATIN_WORD.test(token)) return 'latin';
  return 'other';
}

/**
 * Kazakh suffixes, longest first: relative -дағы, genitive -ның, ablative -дан, instrumental
 * -мен, plural -лар, locative -да, dative -ға, accusative -ны, possessive -сы/-ы, abstract -лық,
 * verbal noun -у; each in its vowel-harmony and consonant-assimilation variants.
 */
const KAZAKH_SUFFIXES: readonly string[] = [
  ...'ндағы ндегі дағы дегі тағы тегі ымен імен сының сінің лары лері дары дері тары тері'.split(' '),
  ...'ның нің дың дің тың тің нан нен дан ден тан тен мен бен пен лар лер дар дер тар тер'.split(' '),
  ...'лық лік дық дік тық тік сын сін теу деу леу нда нде'.split(' '),
  ...'да де та те ға ге қа ке на не ны ні ды ді ты ті сы сі ын ін ту ду лу'.split(' '),
  ...'ы і у'.split(' '),
].sort((a, b) => b.length - a.length);

/** Voiced stem-final consonants return to their dictionary form (ынтымақтастығ-ы → -тық). */
const FINAL_DEVOICING: Readonly<Record<string, string>> = { ғ: 'қ', г: 'к', б: 'п' };
const KAZAKH_MIN_STEM = 3;
const VOWEL_INITIAL = /^[аәеиоөұүыіэ]/;
const KAZAKH_MAX_PASSES = 4;

function devoice(stem: string): string {
  const last = stem.at(-1) ?? '';
  const replacement = FINAL_DEVOICING[last];
  return replacement ? stem.slice(0, -1) + replacement : stem;
}

/** The stem of a Kazakh word form (the word itself when no known suffix leaves a stem of 3+ letters). */
export function kazakhStem(token: string): string {
  let stem = token;
  for (let pass = 0; pass < KAZAKH_MAX_PASSES; pass++) {
    // Place names in -стан (Қазақстан, Өзбекстан) end like the ablative -тан but are stems.
    if (stem.endsWith('стан')) break;
    const suffix = KAZAKH_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= KAZAKH_MIN_STEM);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
    // Only a vowel-initial suffix voices the consonant before it (-тық + -ы → -тығы).
    if (VOWEL_INITIAL.test(suffix)) stem = devoice(stem);
  }
  return stem;
}

/** The singular of an English word (railways → railway, countries → country, taxes → tax). */
export function englishStem(token: string): string {
  if (token.length <= 3) return token;
  if (token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(token)) return token.slice(0, -2);
  if (token.endsWith('s') && !token.endsWith('ss') && !token.endsWith('us')) return token.slice(0, -1);
  return token;
}
