import type ru from './ru';

/** Plural suffixes that only some languages use (Russian has four forms, Kazakh and English two). */
type OptionalPlural = `${string}_few` | `${string}_many` | `${string}_zero` | `${string}_two`;

/**
 * The shape every translation must have: the keys of ru.ts, strings at the leaves. Plural
 * forms other than `_one`/`_other` are optional, because Kazakh and English do not use them;
 * a missing or misspelt key fails `tsc` through `satisfies Translation`.
 */
export type DeepTranslation<T> = {
  [K in keyof T as K extends OptionalPlural ? never : K]: T[K] extends string
    ? string
    : DeepTranslation<T[K]>;
} & {
  [K in keyof T as K extends OptionalPlural ? K : never]?: string;
};

/** A complete UI translation, checked against the Russian reference. */
export type Translation = DeepTranslation<typeof ru>;
