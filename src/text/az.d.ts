/**
 * Minimal typings for the `az` package (Az.js, OpenCorpora-based Russian morphology), which ships
 * without types. Only the parts used by `lemmatize.ts` are declared: `Az.Morph(word, config)` and
 * `Az.Morph.init(path, callback)`. The package is CommonJS (`module.exports = Az`), hence `export =`.
 */
declare module 'az' {
  namespace Az {
    /** Grammatical tag of a parse, e.g. `NOUN,inan,femn sing,gent`. */
    interface Tag {
      /** Part of speech (`NOUN`, `VERB`, `ADJF`, …) when known. */
      readonly POS?: string;
      toString(): string;
    }

    /** One candidate analysis of a word form. */
    interface Parse {
      /** The analysed form (lowercased for dictionary parses). */
      readonly word: string;
      /** Which parser produced it: `Dictionary`, `SuffixKnown`, `PrefixUnknown`, `Abbr`, … */
      parser?: string;
      /** Relative likelihood. Not a clean probability: can exceed 1 when the corpus has no statistics. */
      score: number;
      readonly tag: Tag;
      /** The normal form (lemma) as another parse; `false` when az cannot inflect it. */
      normalize(keepPOS?: boolean): Parse | false;
      /** The word form as text. */
      toString(): string;
    }

    interface MorphConfig {
      ignoreCase?: boolean;
      replacements?: Record<string, string>;
      stutter?: number | false;
      typos?: number | 'auto' | false;
      parsers?: string[];
      forceParse?: boolean;
      normalizeScore?: boolean;
    }

    interface MorphFunction {
      /** Parses a word; throws if `init` has not completed. Results are sorted by descending score. */
      (word: string, config?: MorphConfig): Parse[];
      /** Loads dictionaries from `path` (a directory with words.dawg etc.), then calls `callback`. */
      init(path: string, callback: (error: Error | null) => void): void;
      init(callback: (error: Error | null) => void): void;
    }
  }

  const Az: {
    Morph: Az.MorphFunction;
  };
  export = Az;
}
