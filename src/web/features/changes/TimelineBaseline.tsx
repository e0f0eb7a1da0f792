/**
 * Baseline bars on the timeline: a picker of the roadmap's baselines, and the dates each
 * measure had in the chosen one (GET …/baselines/{id}/dates: the dates alone, not the diff;
 * a measure added since is not in it).
 */
import { NativeSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBaselineDatesQuery, useBaselines } from '../../api/baselines';
import { formatDateText, localize } from '../../components';
import { isLocale } from '../../i18n';

/** The measures' dates in the baseline; a measure not in the map was not in it. */
export type BaselineDates = Map<string, { startDate: string; dueDate: string }>;

export function useBaselineDates(roadmapId: string | undefined, baselineId: string | null) {
  const dates = useBaselineDatesQuery(roadmapId, baselineId);
  return useMemo(() => {
    if (!baselineId || !dates.data) return undefined;
    const out: BaselineDates = new Map();
    for (const i of dates.data.items) out.set(i.measureId, { startDate: i.startDate, dueDate: i.dueDate });
    return out;
  }, [baselineId, dates.data]);
}

export function TimelineBaselinePicker(p: {
  roadmapId: string | undefined;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const list = useBaselines(p.roadmapId).data ?? [];
  return (
    <NativeSelect
      label={t('changes.timelineBaseline')}
      value={p.value ?? ''}
      onChange={(e) => p.onChange(e.currentTarget.value || null)}
      data={[
        { value: '', label: t('changes.timelineNone') },
        ...list.map((b) => ({
          value: b.id,
          label: `${localize(b.name, lang).text} — ${formatDateText(b.takenAt.slice(0, 10), lang)}`,
        })),
      ]}
      style={{ flex: '0 1 320px', maxWidth: '100%' }}
    />
  );
}
