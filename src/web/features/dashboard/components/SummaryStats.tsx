import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Roadmap, RoadmapSummary } from '../../../../contracts';
import { LocalizedText } from '../../../components/LocalizedText';
import { ProgressBar } from '../../../components/ProgressBar';
import { useFormat } from '../../../i18n';
import { roadmapHref } from '../../roadmap/urlState';
import { CompletionScale } from './CompletionScale';
import { Stat } from './Section';

/**
 * The tiles at the top: leaf measures, overall progress, completion level, overdue, at risk,
 * disputed, and the measures missing a report of the latest past-due period or late with it.
 */
export function SummaryStats({ summary: s, roadmap }: { summary: RoadmapSummary; roadmap: Roadmap }) {
  const { t } = useTranslation();
  const { formatNumber, formatPercent } = useFormat();
  const rid = roadmap.id;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="summary-stats">
      <Stat name="leaves" label={t('dashboard.leafCount')} value={formatNumber(s.leaves.total)}>
        <Text size="xs" c="gray.8" data-testid="measure-count">
          {t('dashboard.leafOf', { total: formatNumber(s.measureCount) })}
        </Text>
        <Text size="xs" c="gray.8" lineClamp={2} mt={2}>
          <LocalizedText value={roadmap.title} />
        </Text>
      </Stat>
      <Stat name="rollUp" label={t('dashboard.rollUp')} value={formatPercent(s.rollUp)}>
        <ProgressBar value={s.rollUp} label={t('dashboard.rollUp')} showValue={false} />
        <Text size="xs" c="gray.8" mt={4}>
          {t('dashboard.rollUpHint')}
        </Text>
      </Stat>
      <Stat
        name="completionLevel"
        label={t('dashboard.completionLevel')}
        value={<span style={{ fontSize: 16 }}>{t(`enums.completionLevel.${s.completionLevel}`)}</span>}
      >
        <CompletionScale level={s.completionLevel} />
      </Stat>
      <Stat
        name="overdue"
        label={t('dashboard.overdue')}
        value={formatNumber(s.leaves.overdue)}
        to={roadmapHref({ roadmap: rid, overdue: true, leaf: true })}
      >
        <Text size="xs" c="gray.8">
          {t('dashboard.leavesOnly')}
        </Text>
      </Stat>
      <Stat
        name="atRisk"
        label={t('dashboard.atRisk')}
        value={formatNumber(s.leaves.atRisk)}
        to={roadmapHref({ roadmap: rid, atRisk: true, leaf: true })}
      >
        <Text size="xs" c="gray.8">
          {t('dashboard.leavesOnly')}
        </Text>
      </Stat>
      <Stat
        name="disputed"
        label={t('joint.disputedStat')}
        value={formatNumber(s.disputed ?? 0)}
        to="/reconciliation"
      >
        <Text size="xs" c="gray.8">
          {t('joint.disputedHint')}
        </Text>
      </Stat>
      <Stat
        name="reportMissing"
        label={t('reportFlags.reportMissingStat')}
        value={formatNumber(s.reportMissing ?? 0)}
      >
        <Text size="xs" c="gray.8">
          {t('reportFlags.reportMissingHint')}
        </Text>
      </Stat>
      <Stat
        name="lateReport"
        label={t('reportFlags.lateReportStat')}
        value={formatNumber(s.lateReport ?? 0)}
        to={roadmapHref({ roadmap: rid, lateReport: true })}
      >
        <Text size="xs" c="gray.8">
          {t('reportFlags.lateReportHint2')}
        </Text>
      </Stat>
    </SimpleGrid>
  );
}
