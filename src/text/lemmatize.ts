/**
 * Russian-aware full-text search on top of PostgreSQL's `simple` text-search configuration.
 *
 * Why: the built-in `russian` Snowball stemmer only chops endings, so it merges unrelated words
 * (дорога / дорогой) and misses irregular forms. Instead we lemmatise in JS with `az` (OpenCorpora
 * dictionaries + pymorphy2-style suffix prediction) and give PostgreSQL ready-made lemmas, which the
 * `simple` configuration indexes verbatim (lowercased, no stemming, no stop words of its own).
 *
 * This file holds tokenising and lemmatising; derive.ts adds derivational families, stem.ts
 * Kazakh and English stems, document.ts and query.ts build the index text and the tsquery.
 * Changing anything here (az version, thresholds, stop words, tokenisation) changes the
 * lexemes: bump SEARCH_INDEX_VERSION in document.ts so stored vectors are rebuilt.
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

/** At most this many lemmas per word: every real reading of a homonym (стали → стать, сталь), bounded noise. */
const MAX_LEMMAS = 5;
/**
 * Index side keeps every reading az gives a real score (стали → сталь has a share of ~0.017): a
 * document must be findable by each lemma of an ambiguous form, and index noise costs little.
 */
const INDEX_MIN_SHARE = 0.002;
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
    'және мен бен пен немесе үшін туралы арасындағы',
  ]
    .join(' ')
    .split(' '),
);

/** Only plain Russian words go to az; anything else (Kazakh letters, Latin, digits) is its own lemma. */
const RUSSIAN_WORD = /^[а-я]+$/;
/**
 * Dotted digit runs («4.3.1», «12.05.2024») and measure codes with a party's series
 * («3.kz1.2», lowercased) stay one token: a code must not match its digits elsewhere.
 */
const TOKEN = /(?:[a-z]{2,8})?\p{Nd}+(?:\.(?:[a-z]{2,8})?\p{Nd}+)+|\p{L}+|\p{Nd}+/gu;
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
export function normalizeText(text: string): string {
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

/** True for function words that search ignores in documents and queries alike. */
export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}
