/**
 * Russian derivational families: подписание ~ подписать ~ подписанный, торговля ~ торговый,
 * таможня ~ таможенный, энергетика ~ энергетический. OpenCorpora keeps these as separate
 * lexemes, so a lemma alone never links a noun to its verb or adjective. Each lemma gets a
 * family key — the lemma without its derivational and inflectional ending — and words with the
 * same key are one family. Keys are compared for equality only, so a short key merges nothing
 * but the words that reduce to it exactly; the quality test (src/services/search) measures the
 * precision this costs.
 *
 * Compounds and abbreviations that no suffix rule can split (железнодорожный → железный +
 * дорога, Севморпуть → северный + морской + путь) come from a small curated table.
 */

/**
 * Endings removed to reach the family key, longest first (the first that fits wins). Verbs and
 * their action nouns and participles (-ать/-ание/-анный), abstract nouns (-ство, -ость),
 * adjectives (-ный, -ский, -ический) and the nouns they come from (-ика, -ия, -ня, -ля, -ка).
 */
const SUFFIXES = sortedLongestFirst([
  'истический',
  'изировать',
  'ательский',
  'ательный',
  'ификация',
  'енность',
  'истский',
  'ический',
  'ческий',
  'изация',
  'ование',
  'ывание',
  'ивание',
  'ывать',
  'ивать',
  'овать',
  'евать',
  'ность',
  'енный',
  'анный',
  'янный',
  'ионный',
  'ество',
  'ание',
  'яние',
  'ение',
  'ство',
  'ость',
  'вать',
  'овля',
  'ский',
  'ской',
  'ьный',
  'тие',
  'ать',
  'ять',
  'еть',
  'ить',
  'уть',
  'ный',
  'ной',
  'ний',
  'изм',
  'ист',
  'ика',
  'ия',
  'ня',
  'ля',
  'ка',
  'но',
  'ый',
  'ий',
  'ой',
]);

function sortedLongestFirst(list: string[]): readonly string[] {
  return [...new Set(list)].sort((a, b) => b.length - a.length);
}

/** Endings that keep a trace in the key, so the noun and the verb still meet («модерниз»). */
const REPLACEMENTS: Readonly<Record<string, string>> = { изация: 'из', изировать: 'из' };

/** A key shorter than this would merge unrelated short words (да-ть, на-ука). */
const MIN_STEM = 4;
const VOWELS = /[аеиоуыэюя]+$/;

/**
 * Curated decompositions: a compound or an abbreviation and the words it stands for. A document
 * with the compound is also indexed by its parts; a query for it also matches the parts together.
 */
export const COMPOUNDS: Readonly<Record<string, readonly string[]>> = {
  железнодорожный: ['железный', 'дорога'],
  севморпуть: ['северный', 'морской', 'путь'],
  энергоресурс: ['энергетический', 'ресурс'],
  энергосистема: ['энергетический', 'система'],
  электроэнергия: ['электрический', 'энергия'],
  нефтегазовый: ['нефть', 'газ'],
  газоснабжение: ['газ', 'снабжение'],
  водохранилище: ['вода', 'хранилище'],
  водоток: ['вода', 'ток'],
  госкорпорация: ['государственный', 'корпорация'],
  еаэс: ['евразийский', 'экономический', 'союз'],
  шос: ['шанхайский', 'организация', 'сотрудничество'],
  снг: ['содружество', 'независимый', 'государство'],
};

/** Irregular families no suffix rule finds (к/ч alternation, a changed root). */
const FAMILY_OVERRIDES: Readonly<Record<string, string>> = {
  научный: 'наук',
  цифровизация: 'цифр',
  цифровой: 'цифр',
  цифровать: 'цифр',
  речной: 'рек',
  // energy and energetics are one subject in a plan of measures
  энергетика: 'энерг',
  энергетический: 'энерг',
  инвестор: 'инвестиц',
  // border sections and the border itself; cross-border (трансграничный) stays apart
  приграничный: 'границ',
  пограничный: 'границ',
  общеобразовательный: 'образ',
};

/**
 * The family key of a Russian lemma, or null when the lemma is too short to have one. Reflexive
 * -ся is dropped first (обмениваться ~ обмен), then the longest matching ending, then trailing
 * vowels and a thematic -ов-/-ев- (торгов-ля, торгов-ый → торг).
 */
export function familyKey(lemma: string): string | null {
  const override = FAMILY_OVERRIDES[lemma];
  if (override) return override;
  let word = lemma.replace(/(?<=(ть|ти|чь))(ся|сь)$/, '');
  if (word.startsWith('анти') && word.length > 8) word = word.slice(4);
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      word = word.slice(0, -suffix.length) + (REPLACEMENTS[suffix] ?? '');
      break;
    }
  }
  const bare = word.replace(VOWELS, '');
  if (bare.length >= 3) word = bare;
  if (/[ое]в$/.test(word) && word.length >= 5) word = word.slice(0, -2);
  return word.length >= 3 ? word : null;
}

/** The words a curated compound stands for (empty for any other lemma). */
export function compoundParts(lemma: string): readonly string[] {
  return COMPOUNDS[lemma] ?? [];
}
