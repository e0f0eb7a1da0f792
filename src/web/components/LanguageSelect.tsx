import { NativeSelect } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../contracts';
import { currentLocale, isLocale } from '../i18n';

export interface LanguageSelectProps {
  onChange: (lng: Locale) => void;
  /** Show the visible label above (profile page) instead of an aria-label only (header). */
  withLabel?: boolean;
  disabled?: boolean;
  size?: 'xs' | 'sm' | 'md';
}

/** A native select of the UI languages, each named in its own language. */
export function LanguageSelect({ onChange, withLabel, disabled, size = 'xs' }: LanguageSelectProps) {
  const { t, i18n } = useTranslation();
  const value = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLocale();
  return (
    <NativeSelect
      size={size}
      label={withLabel ? t('nav.language') : undefined}
      aria-label={withLabel ? undefined : t('nav.language')}
      leftSection={withLabel ? undefined : <IconLanguage size={16} aria-hidden />}
      value={value}
      disabled={disabled}
      data={LOCALES.map((l) => ({ value: l, label: t(`locales.${l}`) }))}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (isLocale(v)) onChange(v);
      }}
      data-testid="language-select"
      // in the header the search box gives way, never the name of the language («Русски»)
      miw={withLabel ? undefined : 122}
      style={withLabel ? undefined : { flexShrink: 0 }}
    />
  );
}
