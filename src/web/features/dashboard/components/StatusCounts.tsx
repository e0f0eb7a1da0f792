import { Anchor, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MEASURE_STATUSES, type RoadmapSummary } from '../../../../contracts';
import { StatusBadge } from '../../../components/StatusBadge';
import { useFormat } from '../../../i18n';
import { roadmapHref } from '../../roadmap/urlState';
import { Section } from './Section';

/** Leaf measures by status, each count a link into the roadmap filtered by that status. */
export function StatusCounts({ summary, roadmapId }: { summary: RoadmapSummary; roadmapId: string }) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  return (
    <Section title={t('dashboard.byStatus')} id="dash-status">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="status-counts">
        {MEASURE_STATUSES.map((s) => (
          <Stack key={s} gap={4} align="flex-start">
            <StatusBadge status={s} />
            <Anchor
              component={Link}
              to={roadmapHref({ roadmap: roadmapId, status: [s], leaf: true })}
              fz={24}
              fw={700}
              c="gray.9"
              underline="hover"
              data-status-count={s}
            >
              {formatNumber(summary.leaves.byStatus[s])}
            </Anchor>
          </Stack>
        ))}
      </SimpleGrid>
    </Section>
  );
}
