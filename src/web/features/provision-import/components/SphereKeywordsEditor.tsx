/**
 * The keywords that suggest a sphere for a provision, per language (admins): choose a sphere,
 * edit its words as tags, save. Until saved, Accord's default words for the sphere are shown.
 */
import { Button, Group, Select, Stack, TagsInput, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, SphereKeywords } from '../../../../contracts';
import { usePutSphereKeywords, useSphereKeywords } from '../../../api/provision-import';
import { useSpheres } from '../../../api/reference';
import { ErrorAlert, QueryState, useLocalize } from '../../../components';

const LANGS: Locale[] = ['ru', 'kk', 'en'];

function WordsForm({ current }: { current: SphereKeywords }) {
  const { t } = useTranslation();
  const put = usePutSphereKeywords();
  const [words, setWords] = useState({ ru: current.ru, kk: current.kk, en: current.en });
  return (
    <Stack gap="xs">
      <Text size="sm" c="gray.8">
        {t(`provisionImport.keywordsSource.${current.source}`)}
      </Text>
      {LANGS.map((lang) => (
        <TagsInput
          key={lang}
          label={t('provisionImport.keywordsIn', { language: t(`locales.${lang}`) })}
          value={words[lang]}
          onChange={(v) => setWords((w) => ({ ...w, [lang]: v }))}
          clearable
          splitChars={[',', ';']}
        />
      ))}
      {put.error ? <ErrorAlert error={put.error} /> : null}
      {put.isSuccess && (
        <Text size="sm" c="#1b5e20" fw={600} role="status">
          {t('common.saved')}
        </Text>
      )}
      <Group>
        <Button size="sm" loading={put.isPending} onClick={() => put.mutate({ current, ...words })}>
          {t('comments.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A sphere chooser and the chosen sphere's words. */
export function SphereKeywordsEditor() {
  const { t } = useTranslation();
  const l = useLocalize();
  const spheres = useSpheres();
  const [sphereId, setSphereId] = useState<string | null>(null);
  const kw = useSphereKeywords(sphereId);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('provisionImport.keywordsHint')}</Text>
      <Select
        label={t('provisionImport.spheres')}
        data={(spheres.data ?? []).map((s) => ({ value: s.id, label: l.str(s.name) }))}
        value={sphereId}
        onChange={setSphereId}
        searchable
        maw={420}
      />
      {sphereId && (
        <QueryState query={kw}>
          {kw.data && <WordsForm key={`${kw.data.sphereId}:${kw.data.version}`} current={kw.data} />}
        </QueryState>
      )}
    </Stack>
  );
}
