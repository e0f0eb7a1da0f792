/**
 * One number input per indicator of a measure, for the report form (the reports branch wires
 * it): values as typed («12,5» is fine; the server reads the decimal comma), with their source.
 */
import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useIndicators } from '../../api/indicators';
import { LocalizedText } from '../../components';

/** A value as the report form holds it. */
export interface IndicatorValueDraft {
  indicatorId: string;
  value: string;
  source: string;
}

export interface IndicatorValuesInputProps {
  measureId: string;
  value: readonly IndicatorValueDraft[];
  onChange: (next: IndicatorValueDraft[]) => void;
  /** Errors by index, from the API's `indicatorValues.N.value` details. */
  errors?: Readonly<Record<number, string>>;
  disabled?: boolean;
}

export function IndicatorValuesInput({
  measureId,
  value,
  onChange,
  errors = {},
  disabled,
}: IndicatorValuesInputProps) {
  const { t } = useTranslation();
  const list = useIndicators(measureId);
  if (!list.data?.length) return null;
  const of = (id: string) =>
    value.find((v) => v.indicatorId === id) ?? { indicatorId: id, value: '', source: '' };
  const put = (next: IndicatorValueDraft) =>
    onChange(
      [...value.filter((v) => v.indicatorId !== next.indicatorId), next].filter(
        (v) => v.value.trim() !== '' || v.source.trim() !== '',
      ),
    );
  return (
    <Stack gap="xs">
      {list.data.map((i) => {
        const cur = of(i.id);
        const at = value.findIndex((v) => v.indicatorId === i.id);
        return (
          <SimpleGrid key={i.id} cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput
              label={
                <>
                  <LocalizedText value={i.name} /> ({t(`indicators.units.${i.unit}`)})
                </>
              }
              inputMode="decimal"
              disabled={disabled}
              value={cur.value}
              onChange={(e) => put({ ...cur, value: e.currentTarget.value })}
              error={at >= 0 ? errors[at] : undefined}
            />
            <TextInput
              label={t('indicators.source')}
              disabled={disabled}
              value={cur.source}
              onChange={(e) => put({ ...cur, source: e.currentTarget.value })}
            />
          </SimpleGrid>
        );
      })}
    </Stack>
  );
}
