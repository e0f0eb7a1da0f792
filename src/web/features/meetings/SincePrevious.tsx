/** "What changed since the previous meeting" for one roadmap a meeting reviews. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Baseline } from '../../../contracts';
import { useBaselines } from '../../api/baselines';
import { useRoadmaps } from '../../api/roadmaps';
import { LoadingState, localize } from '../../components';
import { isLocale } from '../../i18n';
import { PagedDiff } from '../changes/PagedDiff';

/**
 * The two sides: this meeting's baseline (or now, before it is held) and the baseline of the
 * meeting before it (else the approved plan). `list` is newest first.
 */
export function sidesFor(list: readonly Baseline[], meetingId: string): { from?: string; to: string } {
  const own = list.findIndex((b) => b.meetingId === meetingId);
  const older = own >= 0 ? list.slice(own + 1) : list;
  const from = (
    older.find((b) => b.kind === 'meeting') ??
    older.find((b) => b.kind === 'approval') ??
    older[0]
  )?.id;
  return { from, to: own >= 0 ? list[own].id : 'now' };
}

export function SincePrevious({ roadmapId, meetingId }: { roadmapId: string; meetingId: string }) {
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const roadmap = useRoadmaps().data?.find((r) => r.id === roadmapId);
  const baselines = useBaselines(roadmapId);
  const sides = sidesFor(baselines.data ?? [], meetingId);
  return (
    <div>
      {roadmap && (
        <Text fw={600} mb={6} className="accord-wrap">
          {localize(roadmap.title, lang).text}
        </Text>
      )}
      {baselines.isSuccess && !sides.from ? (
        <Text size="sm">{t('changes.noBaseline')}</Text>
      ) : baselines.isLoading ? (
        <LoadingState />
      ) : (
        <PagedDiff
          roadmapId={roadmapId}
          from={sides.from}
          to={sides.to}
          enabled={baselines.isSuccess && !!sides.from}
          error={baselines.error}
        />
      )}
    </div>
  );
}
