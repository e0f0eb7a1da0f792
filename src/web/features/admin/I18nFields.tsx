import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type I18nText, LIMITS, type Locale } from '../../../contracts';
import { useLengthLimit } from '../../components';

const LANG_KEY: Record<Locale, string> = { ru: 'fields.langRu', kk: 'fields.langKk', en: 'fields.langEn' };

/** Three inputs for a multilingual text; Russian is required, the translations optional. */
export function I18nFields({
  labelKey,
  value,
  onChange,
  errors,
  path,
  required = true,
}: {
  /** An i18n key taking `{{lang}}`, e.g. admin.nameIn. */
  labelKey: string;
  value: Partial<I18nText>;
  onChange: (v: Partial<I18nText>) => void;
  /** Field errors keyed by API path (`name.ru`). */
  errors: Record<string, string>;
  path: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const limit = useLengthLimit();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
      {(['ru', 'kk', 'en'] as const).map((l) => {
        const hint = limit(value[l] ?? '', LIMITS.shortText);
        return (
          <TextInput
            key={l}
            lang={l}
            label={t(labelKey, { lang: t(LANG_KEY[l]) })}
            required={required && l === 'ru'}
            value={value[l] ?? ''}
            onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })}
            description={hint.description}
            error={errors[`${path}.${l}`] ?? hint.error ?? (l === 'ru' ? errors[path] : undefined)}
          />
        );
      })}
    </SimpleGrid>
  );
}

/** Drops empty translations so the API gets `{ ru, kk? , en? }`; null when Russian is empty too. */
export function cleanI18n(v: Partial<I18nText>): I18nText | null {
  const out: Partial<I18nText> = {};
  for (const l of ['ru', 'kk', 'en'] as const) {
    const s = v[l]?.trim();
    if (s) out[l] = s;
  }
  return out.ru ? (out as I18nText) : null;
}

/** Three growing text areas for a long multilingual text (a full text, a clause, a description). */
export function I18nTextareas({
  labelKey,
  value,
  onChange,
  errors,
  path,
  required = false,
  maxRows = 10,
}: {
  /** An i18n key taking `{{lang}}`. */
  labelKey: string;
  value: Partial<I18nText>;
  onChange: (v: Partial<I18nText>) => void;
  errors: Record<string, string>;
  path: string;
  /** Russian required. */
  required?: boolean;
  maxRows?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      {(['ru', 'kk', 'en'] as const).map((l) => (
        <Textarea
          key={l}
          lang={l}
          label={t(labelKey, { lang: t(LANG_KEY[l]) })}
          required={required && l === 'ru'}
          autosize
          minRows={2}
          maxRows={maxRows}
          value={value[l] ?? ''}
          onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })}
          error={errors[`${path}.${l}`] ?? (l === 'ru' ? errors[path] : undefined)}
        />
      ))}
    </>
  );
}
