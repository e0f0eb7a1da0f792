import { NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useReference } from '../../api/reference';
import { pickDefaultRoadmap, useRoadmapSummary, useRoadmaps } from '../../api/roadmaps';
import { useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../i18n';
import { ReportButtons } from '../report/ReportButtons';
import { DashboardLists } from './components/DashboardLists';
import { ProgressBreakdown } from './components/ProgressBreakdown';
import { StatusCounts } from './components/StatusCounts';
import { SummaryStats } from './components/SummaryStats';
import { ReportingCompleteness } from '../reports/components/ReportingCompleteness';

/**
 * The home page: for one roadmap (default the most recent approved), the figures of the
 * summary API and short lists from the measure API, all counted on one basis: leaf
 * measures, the units of work (see basis.ts). The page says so above the figures.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDate, formatNumber } = useFormat();
  const [params, setParams] = useSearchParams();
  const roadmaps = useRoadmaps();
  const ref = useReference();

  const list = roadmaps.data ?? [];
  const chosen = params.get('roadmap');
  const roadmap = list.find((r) => r.id === chosen) ?? pickDefaultRoadmap(list);
  const summary = useRoadmapSummary(roadmap?.id);
  const s = summary.data;

  const sphereRows = useMemo(
    () =>
      (s?.bySphere ?? [])
        .map((g) => ({
          key: g.sphereId,
          name: l.str(ref.sphereById.get(g.sphereId)?.name) || '—',
          position: ref.sphereById.get(g.sphereId)?.position ?? 0,
          progress: g.progress,
        }))
        .sort((a, b) => a.position - b.position),
    [s, ref.sphereById, l],
  );
  const partyRows = useMemo(
    () =>
      (s?.byParty ?? []).map((g) => ({
        key: g.partyId,
        name: l.str(ref.partyById.get(g.partyId)?.name) || '—',
        progress: g.progress,
      })),
    [s, ref.partyById, l],
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('dashboard.title')}
        subtitle={s ? t('dashboard.asOf', { date: formatDate(s.asOf, 'long') }) : undefined}
        actions={
          list.length > 0 ? (
            <NativeSelect
              label={t('dashboard.roadmap')}
              value={roadmap?.id ?? ''}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                next.set('roadmap', e.currentTarget.value);
                setParams(next, { replace: true });
              }}
              data={list.map((r) => ({
                value: r.id,
                label: `${l.str(r.title)} (${t(`enums.roadmapStatus.${r.status}`)})`,
              }))}
              w={{ base: '100%', sm: 420 }}
              data-testid="roadmap-picker"
            />
          ) : null
        }
      />
      <QueryState query={roadmaps} isEmpty={list.length === 0} empty={t('dashboard.noRoadmaps')}>
        <QueryState query={[summary, { isLoading: ref.isLoading, error: ref.error, refetch: ref.refetch }]}>
          {s && roadmap && (
            <Stack gap="md">
              <Text size="sm" c="gray.8" data-testid="counting-basis" maw={900}>
                {t('dashboard.basis', {
                  leaves: formatNumber(s.leaves.total),
                  total: formatNumber(s.measureCount),
                })}
              </Text>
              <ReportButtons roadmapId={roadmap.id} />
              <SummaryStats summary={s} roadmap={roadmap} />
              <StatusCounts summary={s} roadmapId={roadmap.id} />
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <ProgressBreakdown
                  title={t('dashboard.bySphere')}
                  id="dash-spheres"
                  nameHeader={t('dashboard.sphere')}
                  rows={sphereRows}
                />
                <ProgressBreakdown
                  title={t('dashboard.byParty')}
                  id="dash-parties"
                  nameHeader={t('dashboard.party')}
                  rows={partyRows}
                />
              </SimpleGrid>
              <ReportingCompleteness roadmapId={roadmap.id} />
              <DashboardLists summary={s} />
            </Stack>
          )}
        </QueryState>
      </QueryState>
    </Stack>
  );
}
