/**
 * Russian-aware full-text search on top of PostgreSQL's `simple` text-search configuration.
 *
 * Why: the built-in `russian` Snowball stemmer only chops endings, so it merges unrelated words
 * (дорога / дорогой) and misses irregular forms. Instead we lemmatise in JS with `az` (OpenCorpora
 * dictionaries + pymorphy2-style suffix prediction) and give PostgreSQL ready-made lemmas, which the
 * `simple` configuration indexes verbatim (lowercased, no stemming, no stop words of its own).
 *
 * Intended SQL usage (the text must be lemmatised in JS at write time, so store the vector):
 *
 *   -- write:  search_vector = to_tsvector('simple', $1)      -- $1 = lemmatizeForIndex(title)
 *   -- index:  CREATE INDEX … USING gin (search_vector)
 *   -- read:   WHERE search_vector @@ to_tsquery('simple', $1) -- $1 = lemmatizeForQuery(q); skip if null
 *
 * Always name the `simple` configuration explicitly: with the server default (often `english` or
 * `russian`) PostgreSQL would stem our lemmas a second time. Changing anything here (az version,
 * thresholds, stop words, tokenisation) changes the lexemes, so stored vectors must be rebuilt.
 *
 * `matchesQuery` re-implements the `@@` semantics in JS; it is the executable specification of the
 * SQL behaviour and is what the unit tests exercise.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Az from 'az';

/** What the lemmas are for; the query side is stricter to keep OR-groups small (see thresholds). */
export type LemmaPurpose = 'index' | 'query';

interface Candidate {
  readonly lemma: string;
  /** This lemma's share of the total az score of all parses of the word, in (0, 1]. */
  readonly share: number;
}

/** A group of alternative lexemes of which a document must contain at least one. */
interface QueryTerm {
  readonly alternatives: readonly string[];
  /** Alternatives match any lexeme they are a prefix of (PostgreSQL `lexeme:*`). */
  readonly prefix: boolean;
}

/** At most this many lemmas per word: enough for real homonymy (стали → стать, сталь), bounded noise. */
const MAX_LEMMAS = 3;
/**
 * Index side keeps even unlikely readings (стали → сталь has a share of ~0.017): a document should
 * be findable by every plausible lemma, and index noise only costs a little precision.
 */
const INDEX_MIN_SHARE = 0.01;
/**
 * Query side keeps only reasonably likely readings so a query word does not fan out into rare
 * homonyms. Since both sides take the top of the same ranked list, the query lemmas of a form are
 * always a subset of its index lemmas: the same word form in a document and a query always matches.
 */
const QUERY_MIN_SHARE = 0.1;
/** Bound on the word → lemmas cache; least-recently-used entries are evicted first. */
const CACHE_LIMIT = 50_000;
/** Longer "words" are garbage (base64, URLs without separators) and PostgreSQL rejects > 2 KB lexemes. */
const MAX_TOKEN_LENGTH = 100;

/**
 * az options: case-insensitive dictionary lookup (tokens are lowercased, and without this proper
 * names like «москва» fall through to the suffix guesser), no stutter/typo correction (it maps
 * «оон» to «он»; indexed documents are formal texts, not chat).
 */
const AZ_CONFIG = { ignoreCase: true, stutter: 0, typos: 0 } as const;

/**
 * Short function words dropped from both documents and queries: they occur in nearly every title
 * («Соглашение о …», «… туралы келісім») and would only slow queries down and dilute ranking.
 * Written in normalised token form (lowercase, ё → е).
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // Russian prepositions, conjunctions, particles
    'а без бы в во да для до же за и из изо или к ко ли либо на над не ни но о об обо от ото по под при',
    'про с со то у что чтобы',
    // English
    'a an and as at by for from in into of on or the to with',
    // Kazakh conjunctions and postpositions
    'және мен бен пен немесе үшін туралы',
  ]
    .join(' ')
    .split(' '),
);

/** Only plain Russian words go to az; anything else (Kazakh letters, Latin, digits) is its own lemma. */
const RUSSIAN_WORD = /^[а-я]+$/;
const TOKEN = /\p{L}+|\p{Nd}+/gu;
const LEXEME = /^[\p{L}\p{Nd}]+$/u;
const COMBINING_MARKS = /\p{M}/gu;

let initPromise: Promise<void> | null = null;
let ready = false;
const cache = new Map<string, readonly Candidate[]>();

/**
 * Loads az's Morph dictionaries (~5 MB from node_modules/az/dicts). Must be awaited once before
 * `lemmas`/`lemmatize*`/`matchesQuery`, which are synchronous so they can run in hot paths.
 * Idempotent: concurrent and repeated calls share one load; a failed load can be retried.
 */
export function initMorphology(): Promise<void> {
  if (initPromise) return initPromise;
  initPromise = new Promise<void>((resolve, reject) => {
    const dictsDir = findDictionaryDir();
    let settled = false;
    // az calls back once per failing file, so guard against multiple settlements.
    Az.Morph.init(dictsDir, (error) => {
      if (settled) return;
      settled = true;
      if (error) {
        reject(new Error(`Failed to load az morphology dictionaries from ${dictsDir}: ${error.message}`));
      } else {
        ready = true;
        resolve();
      }
    });
  }).catch((error: unknown) => {
    initPromise = null;
    throw error;
  });
  return initPromise;
}

/** Locates az's bundled dictionaries relative to the installed package (works wherever it is installed). */
function findDictionaryDir(): string {
  const entry = createRequire(import.meta.url).resolve('az'); // …/node_modules/az/dist/az.js
  const dictsDir = path.resolve(path.dirname(entry), '..', 'dicts');
  if (!existsSync(path.join(dictsDir, 'words.dawg'))) {
    throw new Error(`az dictionaries not found in ${dictsDir}; is the 'az' package installed completely?`);
  }
  return dictsDir;
}

function assertReady(): void {
  if (!ready) {
    throw new Error('Morphology is not initialised: await initMorphology() before lemmatising text.');
  }
}

/** Lowercase, ё → е, and strip combining marks (e.g. stress accents «догово́р») so forms compare equal. */
function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(COMBINING_MARKS, '')
    .replace(/[ёѐ]/g, 'е')
    .replace(/ѝ/g, 'и');
}

/**
 * Splits text into normalised word tokens: runs of letters (any script, so Cyrillic incl. Kazakh
 * ә ғ қ ң ө ұ ү һ і, and Latin) or of digits; everything else separates. Hyphenated words and codes
 * split into parts («торгово-экономический» → торгово, экономический; «2.3.1» → 2, 3, 1), and
 * digits split from letters so «2024г.» and «№5» are found by 2024 and 5. PostgreSQL only ever
 * sees these tokens, so its own parser cannot split them differently.
 */
export function tokenize(text: string): string[] {
  const matches = normalizeText(text).match(TOKEN);
  if (!matches) return [];
  return matches.filter((token) => token.length <= MAX_TOKEN_LENGTH);
}

/**
 * The distinct lemmas (normal forms) of one word, most likely first: az's parses are grouped by
 * normal form, each lemma gets its share of the total score, and those above the purpose's
 * threshold are kept (at most 3, always at least one). Words az cannot analyse — Kazakh, English,
 * numbers, single letters — are returned lowercased as their own lemma. Synchronous and cached;
 * throws if `initMorphology()` has not completed.
 */
export function lemmas(word: string, purpose: LemmaPurpose = 'index'): string[] {
  assertReady();
  const token = normalizeText(word).trim();
  if (!token) return [];
  const candidates = candidatesFor(token);
  const minShare = purpose === 'query' ? QUERY_MIN_SHARE : INDEX_MIN_SHARE;
  const result = [candidates[0].lemma];
  for (let i = 1; i < candidates.length; i++) {
    if (candidates[i].share >= minShare) result.push(candidates[i].lemma);
  }
  return result;
}

/** Cached analysis: candidates with share ≥ INDEX_MIN_SHARE (the looser threshold), best first. */
function candidatesFor(token: string): readonly Candidate[] {
  const cached = cache.get(token);
  if (cached) {
    // Re-insert to mark as recently used (Map iterates in insertion order).
    cache.delete(token);
    cache.set(token, cached);
    return cached;
  }
  const computed = analyse(token);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(token, computed);
  return computed;
}

function analyse(token: string): readonly Candidate[] {
  const self: readonly Candidate[] = [{ lemma: token, share: 1 }];
  // Single letters are mostly initials or abbreviations (т → технический/том/тонна): keep as is.
  if (token.length < 2 || !RUSSIAN_WORD.test(token)) return self;

  let parses: ReturnType<typeof Az.Morph>;
  try {
    parses = Az.Morph(token, AZ_CONFIG);
  } catch {
    return self;
  }

  const scores = new Map<string, number>();
  let total = 0;
  for (const parse of parses) {
    const score = Number.isFinite(parse.score) && parse.score > 0 ? parse.score : 0;
    const normal = parse.normalize();
    const lemma = normalizeText(String(normal || parse));
    if (!LEXEME.test(lemma)) continue; // e.g. hyphenated normal forms; the token fallback covers it
    scores.set(lemma, (scores.get(lemma) ?? 0) + score);
    total += score;
  }
  if (total <= 0) return self;

  const ranked = [...scores]
    .map(([lemma, score]): Candidate => ({ lemma, share: score / total }))
    // Deterministic order on ties (белки → белка/белок at 0.5 each).
    .sort((a, b) => b.share - a.share || (a.lemma < b.lemma ? -1 : a.lemma > b.lemma ? 1 : 0));
  const kept = ranked.filter((c, i) => i === 0 || c.share >= INDEX_MIN_SHARE).slice(0, MAX_LEMMAS);
  return kept;
}

function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/**
 * Text for `to_tsvector('simple', $1)`: each non-stop-word token replaced by all its index lemmas,
 * space-separated, so a document word with ambiguous readings is findable by each of them.
 * Repeated words stay repeated, which keeps term frequency meaningful for ts_rank.
 */
export function lemmatizeForIndex(text: string): string {
  assertReady();
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (isStopWord(token)) continue;
    for (const lemma of lemmas(token, 'index')) out.push(lemma);
  }
  return out.join(' ');
}

/**
 * Shared by `lemmatizeForQuery` and `matchesQuery` so the SQL string and its JS specification
 * cannot drift apart. The last term is a prefix term for search-as-you-type; it also carries the
 * raw token, because an unfinished word («подпис») has no sensible lemma of its own but is a
 * prefix of the lemmas of the finished words (подписание, подписать).
 */
function buildQueryTerms(text: string): QueryTerm[] {
  const tokens = tokenize(text).filter((token) => !isStopWord(token));
  return tokens.map((token, i): QueryTerm => {
    const alternatives = lemmas(token, 'query');
    if (i < tokens.length - 1) return { alternatives, prefix: false };
    if (!alternatives.includes(token)) alternatives.push(token);
    // Under prefix matching, an alternative that extends another one adds nothing.
    const minimal = alternatives.filter(
      (alt) => !alternatives.some((other) => other !== alt && alt.startsWith(other)),
    );
    return { alternatives: minimal, prefix: true };
  });
}

/**
 * Quotes a lexeme per tsquery syntax: inside '…', a quote or backslash is escaped by doubling
 * it. Tokens only contain letters and digits, so this is defence in depth, not a normal path.
 * (This is tsquery-level quoting; the whole string is still passed as a bound SQL parameter.)
 */
function quoteLexeme(lexeme: string): string {
  return "'" + lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
}

/**
 * String for `to_tsquery('simple', $1)`: every query word becomes `'lemma'` or `('l1' | 'l2')`,
 * words are joined with ` & `, and the last word's alternatives are prefix matches (`'l':*`).
 * Example: «железных дор» → `'железный' & 'дор':*`. Returns null when no searchable word
 * remains (empty input, punctuation, only stop words): the caller should then not filter at all
 * or return nothing, rather than call to_tsquery with an empty string.
 */
export function lemmatizeForQuery(text: string): string | null {
  assertReady();
  const terms = buildQueryTerms(text);
  if (terms.length === 0) return null;
  return terms
    .map((term) => {
      const parts = term.alternatives.map((alt) => quoteLexeme(alt) + (term.prefix ? ':*' : ''));
      return parts.length === 1 ? parts[0] : '(' + parts.join(' | ') + ')';
    })
    .join(' & ');
}

/**
 * JS evaluation of `to_tsvector('simple', lemmatizeForIndex(documentText)) @@
 * to_tsquery('simple', lemmatizeForQuery(query))`: true when every query term has at least one
 * alternative among the document's lexemes (exactly, or as a prefix for the last term). A query
 * without searchable words matches nothing, as in PostgreSQL.
 */
export function matchesQuery(documentText: string, query: string): boolean {
  assertReady();
  const terms = buildQueryTerms(query);
  if (terms.length === 0) return false;
  const lexemes = new Set(lemmatizeForIndex(documentText).split(' ').filter(Boolean));
  return terms.every((term) =>
    term.alternatives.some((alt) => {
      if (!term.prefix) return lexemes.has(alt);
      for (const lexeme of lexemes) if (lexeme.startsWith(alt)) return true;
      return false;
    }),
  );
}
