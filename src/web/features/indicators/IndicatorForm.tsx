/** Adds or changes an indicator: name (ru/kk/en), unit, direction, baseline; numbers accept a decimal comma. */
import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_DIRECTIONS, INDICATOR_UNITS, type Indicator } from '../../../contracts';
import { isApiError } from '../../api/client';
import { useSaveIndicator } from '../../api/indicators';
import { DateInput, localizeMessage } from '../../components';

export function IndicatorForm({
  measureId,
  editing,
  onDone,
}: {
  measureId: string;
  editing?: Indicator;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    ru: editing?.name.ru ?? '',
    kk: editing?.name.kk ?? '',
    en: editing?.name.en ?? '',
    unit: editing?.unit ?? 'percent',
    direction: editing?.direction ?? 'up',
    baseline: editing?.baseline ? String(editing.baseline.value) : '',
    baselineDate: editing?.baseline?.date ?? '',
  });
  const save = useSaveIndicator(measureId);
  const errs: Record<string, string> = {};
  if (isApiError(save.error))
    for (const d of save.error.details)
      if (d.path && !errs[d.path]) errs[d.path] = localizeMessage(d.message, t);
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const submit = () => {
    const name = { ru: v.ru, ...(v.kk.trim() ? { kk: v.kk } : {}), ...(v.en.trim() ? { en: v.en } : {}) };
    const baseline = v.baseline.trim() ? { value: v.baseline.trim(), date: v.baselineDate } : null;
    const body = { name, unit: v.unit, direction: v.direction, baseline };
    save.mutate(
      { id: editing?.id, body: editing ? { ...body, version: editing.version } : body },
      { onSuccess: onDone },
    );
  };
  return (
    <Stack
      gap="sm"
      component="form"
      aria-label={t(editing ? 'indicators.edit' : 'indicators.add')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label={t('indicators.nameRu')}
          required
          value={v.ru}
          onChange={(e) => set('ru')(e.currentTarget.value)}
          error={errs['name.ru'] ?? errs.name}
        />
        <TextInput
          label={t('indicators.nameKk')}
          value={v.kk}
          onChange={(e) => set('kk')(e.currentTarget.value)}
          error={errs['name.kk']}
        />
        <TextInput
          label={t('indicators.nameEn')}
          value={v.en}
          onChange={(e) => set('en')(e.currentTarget.value)}
          error={errs['name.en']}
        />
        <NativeSelect
          label={t('indicators.unit')}
          value={v.unit}
          onChange={(e) => set('unit')(e.currentTarget.value)}
          data={INDICATOR_UNITS.map((u) => ({ value: u, label: t(`indicators.units.${u}`) }))}
          error={errs.unit}
        />
        <NativeSelect
          label={t('indicators.direction')}
          value={v.direction}
          onChange={(e) => set('direction')(e.currentTarget.value)}
          data={INDICATOR_DIRECTIONS.map((d) => ({ value: d, label: t(`indicators.directions.${d}`) }))}
        />
        <TextInput
          label={t('indicators.baseline')}
          inputMode="decimal"
          value={v.baseline}
          onChange={(e) => set('baseline')(e.currentTarget.value)}
          error={errs['baseline.value'] ?? errs.baseline}
        />
        <DateInput
          label={t('indicators.baselineDate')}
          value={v.baselineDate}
          onChange={set('baselineDate')}
          error={errs['baseline.date']}
        />
      </SimpleGrid>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
