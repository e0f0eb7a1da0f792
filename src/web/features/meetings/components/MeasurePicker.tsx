/**
 * A searchable picker of the measures of the meeting's roadmaps (by code or words of the
 * title); choosing one adds it and clears the field for the next.
 */
import { Select } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Measure } from '../../../../contracts';
import { roadmapMeasuresQuery } from '../../../api/measures';
import { textOf } from '../../roadmap/format';

/** One map of the lists' measures; a stable function, so the result is kept while they are. */
function byId(results: { data?: Measure[] }[]): ReadonlyMap<string, Measure> {
  const out = new Map<string, Measure>();
  for (const r of results) for (const m of r.data ?? []) out.set(m.id, m);
  return out;
}

/** Every measure of the roadmaps the caller may see, by id (for the labels of links). */
export function useMeasuresOf(roadmapIds: readonly string[]): ReadonlyMap<string, Measure> {
  return useQueries({ queries: roadmapIds.map(roadmapMeasuresQuery), combine: byId });
}

/** The field; `exclude` are the measures already named. */
export function MeasurePicker({
  measures,
  exclude,
  onPick,
  label,
  disabled,
}: {
  measures: ReadonlyMap<string, Measure>;
  exclude: readonly string[];
  onPick: (id: string) => void;
  label: string;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const options = useMemo(
    () =>
      [...measures.values()]
        .filter((m) => !exclude.includes(m.id))
        .map((m) => ({ value: m.id, label: `${m.code} ${textOf(m.title, i18n.language)}` })),
    [measures, exclude, i18n.language],
  );
  return (
    <Select
      label={label}
      placeholder={t('meetingForm.pickMeasureHint')}
      data={options}
      value={null}
      onChange={(id) => id && onPick(id)}
      searchable
      clearable
      limit={50}
      nothingFoundMessage={t('meetingForm.noMeasures')}
      disabled={disabled}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
