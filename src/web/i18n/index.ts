/**
 * i18next set-up: Russian is bundled and the default; Kazakh and English are loaded on
 * first use (they are not needed on the sign-in + dashboard path of most users). Plural
 * forms come from Intl.PluralRules, so `counts.measures` gives «1 мероприятие,
 * 3 мероприятия, 5 мероприятий» in Russian and «1 measure, 5 measures» in English.
 */
import i18n, { type BackendModule, type ReadCallback } from 'i18next';
import { MONTH_NAMES } from '../../contracts/months';
import { useCallback, useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../contracts/enums';
import ru from './ru';
import type { Translation } from './types';

export type { Translation };
export { LOCALES, type Locale };

/** Where the last chosen language is remembered, so the sign-in page opens in it too. */
const STORAGE_KEY = 'accord.locale';

const loaders: Record<Exclude<Locale, 'ru'>, () => Promise<{ default: Translation }>> = {
  kk: () => import('./kk'),
  en: () => import('./en'),
};

/** Loads kk/en bundles on demand; ru is already in `resources`. */
const lazyBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, _namespace: string, callback: ReadCallback) {
    if (language === 'ru') {
      callback(null, ru);
      return;
    }
    const load = loaders[language as Exclude<Locale, 'ru'>];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (m) => callback(null, m.default as unknown as Record<string, unknown>),
      (e: Error) => callback(e, false),
    );
  },
};

/** True for the languages the UI speaks. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : 'ru';
  } catch {
    return 'ru';
  }
}

if (!i18n.isInitialized) {
  i18n
    .use(lazyBackend)
    .use(initReactI18next)
    .init({
      resources: { ru: { translation: ru } },
      partialBundledLanguages: true,
      lng: 'ru',
      fallbackLng: 'ru',
      supportedLngs: [...LOCALES],
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
      // Russian is bundled, so the first render never waits.
      initAsync: false,
      react: { useSuspense: false },
    });
}

/** The current UI language (always one of LOCALES). */
export function currentLocale(): Locale {
  const l = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(l) ? l : 'ru';
}

/**
 * Switches the UI language at once: loads the bundle if needed, updates <html lang> and
 * remembers the choice in this browser (the server-side preference is PATCH /me).
 */
export async function setLanguage(lng: Locale): Promise<void> {
  await i18n.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** Applies the language remembered in this browser (before anyone has signed in). */
export function restoreLanguage(): Promise<void> {
  const l = storedLocale();
  return l === 'ru' ? Promise.resolve() : setLanguage(l);
}

// Kazakh numbers follow the Russian convention («1 234,5»); 'ru-KZ' is used because some
// browsers' ICU (Debian's Chromium) lacks Kazakh data and would print «1,234.5».
const INTL_TAG: Record<Locale, string> = { ru: 'ru-RU', kk: 'ru-KZ', en: 'en-GB' };

/** The BCP 47 tag used for Intl number formatting of a UI language. */
export function intlTag(lng: string = currentLocale()): string {
  return isLocale(lng) ? INTL_TAG[lng] : INTL_TAG.ru;
}

const KK_MONTHS = MONTH_NAMES.kk;
const KK_MONTHS_SHORT = [
  'қаң.',
  'ақп.',
  'нау.',
  'сәу.',
  'мам.',
  'мау.',
  'шіл.',
  'там.',
  'қыр.',
  'қаз.',
  'қар.',
  'жел.',
];

/**
 * Kazakh dates written by hand (CLDR's «2026 ж. 27 қараша» pattern), because browsers without
 * Kazakh ICU data fall back to «2026 M11 27».
 */
function formatKk(d: Date, style: DateStyle, utc: boolean): string {
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const m = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  if (style === 'short') return `${String(day).padStart(2, '0')}.${String(m + 1).padStart(2, '0')}.${y}`;
  return `${y} ж. ${day} ${(style === 'long' ? KK_MONTHS : KK_MONTHS_SHORT)[m]}`;
}

export type DateStyle = 'short' | 'medium' | 'long';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Formats a calendar date (`YYYY-MM-DD`, read as that day everywhere, never shifted by the
 * time zone) or a timestamp, for the language. Empty input gives ''.
 */
export function formatDate(
  value: string | Date | null | undefined,
  lng: string = currentLocale(),
  style: DateStyle = 'medium',
): string {
  if (value === null || value === undefined || value === '') return '';
  const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
  const d = typeof value === 'string' ? new Date(dateOnly ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  if (lng === 'kk') return formatKk(d, style, dateOnly);
  return new Intl.DateTimeFormat(intlTag(lng), {
    dateStyle: style,
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(d);
}

/** Formats a timestamp with date and time, in the browser's time zone. */
export function formatDateTime(
  value: string | Date | null | undefined,
  lng: string = currentLocale(),
): string {
  if (value === null || value === undefined || value === '') return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  if (lng === 'kk') {
    const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    return `${formatKk(d, 'medium', false)}, ${time}`;
  }
  return new Intl.DateTimeFormat(intlTag(lng), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Formats a number with the language's digit grouping and decimal mark. */
export function formatNumber(
  value: number | null | undefined,
  lng: string = currentLocale(),
  options?: Intl.NumberFormatOptions,
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(intlTag(lng), options).format(value);
}

/** Formats a 0–100 value as a percentage («42,5 %» in Russian, «42.5%» in English). */
export function formatPercent(value: number | null | undefined, lng: string = currentLocale()): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(intlTag(lng), { style: 'percent', maximumFractionDigits: 1 }).format(
    value / 100,
  );
}

/** The formatting helpers bound to the current UI language; re-renders when it changes. */
export function useFormat() {
  const { i18n: inst } = useTranslation();
  const lng = isLocale(inst.resolvedLanguage) ? inst.resolvedLanguage : 'ru';
  const date = useCallback(
    (v: string | Date | null | undefined, style?: DateStyle) => formatDate(v, lng, style),
    [lng],
  );
  return useMemo(
    () => ({
      locale: lng as Locale,
      formatDate: date,
      formatDateTime: (v: string | Date | null | undefined) => formatDateTime(v, lng),
      formatNumber: (v: number | null | undefined, o?: Intl.NumberFormatOptions) => formatNumber(v, lng, o),
      formatPercent: (v: number | null | undefined) => formatPercent(v, lng),
    }),
    [lng, date],
  );
}

export default i18n;
