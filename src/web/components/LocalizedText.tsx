import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nText, Locale } from '../../contracts';
import { isLocale } from '../i18n';

/** A multilingual text resolved for the reader. */
export interface Localized {
  /** The text to show ('' when the value is empty). */
  text: string;
  /** The language the text is actually in. */
  lang: Locale;
  /** True when the reader's language was missing and Russian is shown instead. */
  fallback: boolean;
}

/** Picks the reader's language from an I18nText, falling back to Russian (which is always present). */
export function localize(value: I18nText | null | undefined, lng: Locale): Localized {
  if (!value) return { text: '', lang: lng, fallback: false };
  const own = lng === 'ru' ? value.ru : value[lng]?.trim();
  if (own) return { text: own, lang: lng, fallback: false };
  return { text: value.ru ?? '', lang: 'ru', fallback: lng !== 'ru' && !!value.ru };
}

/**
 * Returns a resolver for multilingual content in the UI language. `l(text)` gives the full
 * result (with the fallback flag); `l.str(text)` just the string, for options and labels.
 */
export function useLocalize() {
  const { i18n } = useTranslation();
  const lng: Locale = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'ru';
  const resolve = useCallback((v: I18nText | null | undefined) => localize(v, lng), [lng]);
  return Object.assign(resolve, {
    lng,
    str: (v: I18nText | null | undefined) => localize(v, lng).text,
  });
}

export interface LocalizedTextProps {
  value: I18nText | null | undefined;
  /** Shown when the value is empty. */
  empty?: React.ReactNode;
  /** The element to render the text in (span by default; use 'div' for long text). */
  component?: 'span' | 'div' | 'p';
  className?: string;
}

/**
 * Shows multilingual content in the reader's language. When only Russian exists, shows it
 * with a small «ru» mark whose title explains the fallback, and tags it `lang="ru"` so that
 * screen readers pronounce it right.
 */
export function LocalizedText({ value, empty = null, component: C = 'span', className }: LocalizedTextProps) {
  const l = useLocalize();
  const { t } = useTranslation();
  const r = l(value);
  if (!r.text) return <>{empty}</>;
  if (!r.fallback) return <C className={className}>{r.text}</C>;
  const hint = t('i18nText.fallback');
  return (
    <C className={className} lang="ru">
      {r.text}{' '}
      <Tooltip label={hint} withArrow>
        <Badge
          component="abbr"
          title={hint}
          size="xs"
          variant="outline"
          color="gray"
          radius="sm"
          data-testid="fallback-mark"
          style={{
            verticalAlign: 'middle',
            textTransform: 'lowercase',
            textDecoration: 'none',
            cursor: 'help',
          }}
        >
          ru<VisuallyHidden> ({hint})</VisuallyHidden>
        </Badge>
      </Tooltip>
    </C>
  );
}
