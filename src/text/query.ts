/**
 * The query side of search. A query is a list of terms, all required (AND); a term is a set of
 * alternatives, any one enough (OR): the word's lemmas, their family keys, a compound's parts
 * (all together), its Kazakh or English stem. The last word is also a prefix, for
 * search-as-you-type. Two renderings: `lemmatizeForQuery` for vectors built by document.ts, and
 * `looseQuery` for raw text indexed by PostgreSQL itself (`to_tsvector('simple', name)`:
 * organisations, agreements, provisions), where stems are matched as prefixes of the word forms.
 *
 * `matchesQuery` evaluates the first in JS; it is the executable specification of the SQL.
 */
import { COMPOUNDS, compoundParts, familyKey } from './derive.js';
import { lemmatizeForIndex } from './document.js';
import { isStopWord, lemmas, tokenize } from './lemmatize.js';
import { englishStem, kazakhStem, scriptOf } from './stem.js';

/** One way a query word can be found. */
export type Alternative =
  | { readonly lexeme: string; readonly prefix: boolean }
  | { readonly allOf: readonly string[] };

/** A query word: a document must hold at least one of its alternatives. */
export interface QueryTerm {
  readonly token: string;
  readonly alternatives: readonly Alternative[];
}

/** A measure code as typed: `4.3.1`, `4.3.`, `3.KZ1.2` (any case). */
const CODE = /^(?:[a-z]{2,8})?\d+(\.(?:[a-z]{2,8})?\d+)*\.?$/i;
/** Prefixes shorter than this match too many words to mean anything in raw text. */
const MIN_PREFIX = 3;

/** The measure code a query is, when it is one («4.3.1», «4.3.»), without a trailing dot. */
export function queryCode(text: string): string | null {
  const t = text.trim();
  return CODE.test(t) ? t.replace(/\.$/, '').toUpperCase() : null;
}

function termFor(token: string, last: boolean): QueryTerm {
  const alts: Alternative[] = [];
  const add = (lexeme: string, prefix: boolean) => alts.push({ lexeme, prefix });
  const script = scriptOf(token);
  if (script === 'other')
    add(token, false); // digits and codes: exact, «4»:* would match «4.3.1»
  else if (script === 'latin') {
    add(token, last);
    add(englishStem(token), false);
  } else if (script === 'kazakh') {
    add(token, last);
    add(kazakhStem(token), false);
  } else {
    for (const lemma of lemmas(token, 'query')) {
      add(lemma, last);
      const key = familyKey(lemma);
      if (key) add(key, false);
      const parts = compoundParts(lemma);
      if (parts.length) alts.push({ allOf: parts });
    }
    // A plain-Cyrillic word may be Kazakh (жолдары): its stem is one more way to find it.
    const stem = kazakhStem(token);
    if (stem !== token) add(stem, false);
    if (last) add(token, true);
  }
  return { token, alternatives: minimal(alts) };
}

/** Drops duplicates and alternatives that a prefix alternative already covers. */
function minimal(alts: Alternative[]): Alternative[] {
  const seen = new Set<string>();
  const unique = alts.filter((a) => {
    const id = 'lexeme' in a ? `${a.lexeme}${a.prefix ? ':*' : ''}` : a.allOf.join('&');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.filter(
    (a) =>
      !('lexeme' in a) ||
      !unique.some((p) => p !== a && 'lexeme' in p && p.prefix && a.lexeme.startsWith(p.lexeme)),
  );
}

/** The terms of a query; empty when nothing searchable remains (blank, punctuation, stop words). */
export function queryTerms(text: string): QueryTerm[] {
  const tokens = tokenize(text).filter((t) => !isStopWord(t));
  return tokens.map((token, i) => termFor(token, i === tokens.length - 1));
}

/** Quotes a lexeme per tsquery syntax (defence in depth: tokens hold only letters, digits, dots). */
function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function render(terms: readonly QueryTerm[], alternative: (a: Alternative) => string[]): string | null {
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      const parts = [...new Set(term.alternatives.flatMap(alternative))];
      return parts.length === 1 ? parts[0] : `(${parts.join(' | ')})`;
    })
    .join(' & ');
}

/**
 * String for `to_tsquery('simple', $1)` against vectors built by document.ts, e.g.
 * «подписание» → `('подписание':* | 'подпис')`. Null when no searchable word remains.
 */
export function lemmatizeForQuery(text: string): string | null {
  return render(queryTerms(text), (a) =>
    'allOf' in a ? [`(${a.allOf.map(quote).join(' & ')})`] : [quote(a.lexeme) + (a.prefix ? ':*' : '')],
  );
}

/** A lemma reduced to what its inflected forms start with (министерство → министерств). */
function surfaceStem(lemma: string): string {
  const stem = lemma.replace(/(ый|ий|ой|ая|яя|ое|ее|ые|ие|[аеиоуыэюяйь])$/, '');
  return stem.length >= MIN_PREFIX ? stem : lemma;
}

function loosePrefixes(a: Alternative): string[] {
  const prefix = (word: string) => (word.length >= MIN_PREFIX ? `${quote(word)}:*` : quote(word));
  if ('allOf' in a) return [`(${a.allOf.map((w) => prefix(surfaceStem(w))).join(' & ')})`];
  if (/^[\d.]+$/.test(a.lexeme)) return [quote(a.lexeme)];
  return [prefix(scriptOf(a.lexeme) === 'cyrillic' ? surfaceStem(a.lexeme) : a.lexeme)];
}

/**
 * String for `to_tsquery('simple', $1)` against raw, unlemmatised text: every alternative becomes
 * a prefix of the forms it takes («энергетика» → 'энергетик':* finds «энергетики»). Raw text has
 * no compound parts indexed, so a query naming every part of a curated compound (железная
 * дорога) also matches the compound itself (железнодорожн…).
 */
export function looseQuery(text: string): string | null {
  const terms = queryTerms(text);
  const base = render(terms, loosePrefixes);
  if (!base) return null;
  const variants = [base];
  for (const [compound, parts] of Object.entries(COMPOUNDS)) {
    const covering = parts.map((part) =>
      terms.findIndex((t) => t.alternatives.some((a) => 'lexeme' in a && a.lexeme === part)),
    );
    if (covering.some((i) => i < 0)) continue;
    const rest = terms.filter((_, i) => !covering.includes(i));
    const whole: QueryTerm = { token: compound, alternatives: [{ lexeme: compound, prefix: true }] };
    variants.push(render([...rest, whole], loosePrefixes) as string);
  }
  return variants.length === 1 ? base : variants.map((v) => `(${v})`).join(' | ');
}

/**
 * JS evaluation of `to_tsvector('simple', lemmatizeForIndex(doc)) @@ to_tsquery('simple',
 * lemmatizeForQuery(query))`: every term has an alternative among the document's lexemes.
 */
export function matchesQuery(documentText: string, query: string): boolean {
  const terms = queryTerms(query);
  if (terms.length === 0) return false;
  const lexemes = new Set(lemmatizeForIndex(documentText).split(' ').filter(Boolean));
  const has = (lexeme: string, prefix: boolean) =>
    prefix ? [...lexemes].some((l) => l.startsWith(lexeme)) : lexemes.has(lexeme);
  return terms.every((term) =>
    term.alternatives.some((a) =>
      'allOf' in a ? a.allOf.every((w) => has(w, false)) : has(a.lexeme, a.prefix),
    ),
  );
}
