/** The title and description of a measure in each language, with their length limits shown. */
import { Fieldset, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../contracts';
import { useLengthLimit } from '../../../components';
import type { SectionProps } from '../editForm';

const LANGS = ['ru', 'kk', 'en'] as const;

/** Title and description fieldsets, each shown only when the policy lets the user change it. */
export function TextsSection({ values, set, errAt, errors, may }: SectionProps) {
  const { t } = useTranslation();
  const limit = useLengthLimit();
  const langLabel = { ru: t('fields.langRu'), kk: t('fields.langKk'), en: t('fields.langEn') };
  return (
    <>
      {may('title') && (
        <Fieldset legend={t('fields.title')}>
          <Stack gap="xs">
            {LANGS.map((l) => {
              const hint = limit(values.title[l], LIMITS.shortText);
              return (
                <TextInput
                  key={l}
                  lang={l}
                  label={t('measure.titleIn', { lang: langLabel[l] })}
                  required={l === 'ru'}
                  value={values.title[l]}
                  onChange={(e) => set('title', { ...values.title, [l]: e.currentTarget.value })}
                  description={hint.description}
                  error={errAt(`title.${l}`) ?? hint.error ?? (l === 'ru' ? errors.title : undefined)}
                />
              );
            })}
          </Stack>
        </Fieldset>
      )}
      {may('description') && (
        <Fieldset legend={t('fields.description')}>
          <Stack gap="xs">
            {LANGS.map((l) => {
              const hint = limit(values.description[l], LIMITS.longText);
              return (
                <Textarea
                  key={l}
                  lang={l}
                  label={t('measure.descriptionIn', { lang: langLabel[l] })}
                  autosize
                  minRows={2}
                  maxRows={8}
                  value={values.description[l]}
                  onChange={(e) => set('description', { ...values.description, [l]: e.currentTarget.value })}
                  description={hint.description}
                  error={
                    errAt(`description.${l}`) ?? hint.error ?? (l === 'ru' ? errors.description : undefined)
                  }
                />
              );
            })}
          </Stack>
        </Fieldset>
      )}
    </>
  );
}
