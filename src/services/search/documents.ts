/**
 * What is indexed for each kind of thing people search for. Measures carry a stored vector built
 * in JS (lemmas, families, stems: see src/text); organisations, agreements and provisions are
 * few, so their raw names and texts are read by PostgreSQL at query time and matched with
 * prefix stems (`looseQuery`) — nothing stored, so a rename is found at once.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type MultilingualText, lemmatizeForIndex, lemmatizeMultilingual } from '../../text';

/** The text indexed for a measure: its code (one lexeme, «4.3.1») and every language of title and description. */
export function measureSearchText(m: {
  code: string;
  title: MultilingualText;
  description?: MultilingualText | null;
}): string {
  return [lemmatizeForIndex(m.code), lemmatizeMultilingual(m.title), lemmatizeMultilingual(m.description)]
    .filter(Boolean)
    .join(' ');
}

/** Every language of an i18n jsonb column as one text, ё folded to е as the query side does. */
const languages = (column: string) => `concat_ws(' ', ${column}->>'ru', ${column}->>'kk', ${column}->>'en')`;

/**
 * Quotes, dashes and brackets become spaces before PostgreSQL parses the text: under the C locale
 * its parser takes every non-ASCII character for a letter, so «РЖД» would be the word '«ржд»'.
 */
const vectorOf = (text: string): SQL =>
  sql.raw(
    `to_tsvector('simple', regexp_replace(translate(${text}, 'ёЁ', 'еЕ'), '[«»„“”‘’"()\\[\\]{}—–…№,;:!?/]+', ' ', 'g'))`,
  );

/** An organisation's names, short names and abbreviations in every language (alias `o`). */
export const organisationVector = vectorOf(
  `concat_ws(' ', ${languages('o.name')}, ${languages('o.short_name')})`,
);

/** An agreement's title in every language (alias `a`). */
export const agreementVector = vectorOf(languages('a.title'));

/** A provision's number and text in every language (alias `p`). */
export const provisionVector = vectorOf(`concat_ws(' ', p.number, ${languages('p.text')})`);
