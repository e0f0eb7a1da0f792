/**
 * Baseline bars on the timeline: a picker of the roadmap's baselines, and the dates each
 * measure had in the chosen one (from the diff to now: a measure whose dates did not change
 * keeps its current ones; one added since has none).
 */
import { NativeSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBaselines, useDiff } from '../../api/baselines';
import { formatDateText, localize } from '../../components';
import { isLocale } from '../../i18n';

/** A measure's dates in the baseline; null when it was not in it. */
export type BaselineDates = Map<string, { startDate: string; dueDate: string } | null>;

export function useBaselineDates(roadmapId: string | undefined, baselineId: string | null) {
  const diff = useDiff(
    roadmapId,
    { from: baselineId ?? undefined, to: 'now', field: undefined },
    !!baselineId,
  );
  return useMemo(() => {
    if (!baselineId || !diff.data) return undefined;
    const out: BaselineDates = new Map();
    for (const m of diff.data.added) out.set(m.measureId, null);
    for (const c of diff.data.changed) {
      const was = (f: 'startDate' | 'dueDate') =>
        c.changes.find((x) => x.field === f)?.old as string | undefined;
      out.set(c.item.measureId, {
        startDate: was('startDate') ?? c.item.startDate,
        dueDate: was('dueDate') ?? c.item.dueDate,
      });
    }
    return out;
  }, [baselineId, diff.data]);
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
