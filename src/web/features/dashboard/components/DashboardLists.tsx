import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoadmapSummary } from '../../../../contracts';
import { roadmapHref } from '../../roadmap/urlState';
import { addDays, OVERDUE_FETCH_LIMIT } from '../basis';
import { MeasureList } from './MeasureList';
import { atRiskLeavesQuery, dueSoonLeavesQuery, overdueLeavesQuery } from './queries';
import { Section } from './Section';
import { TopOrganisations } from './TopOrganisations';

/** The four lists of the dashboard: overdue, at risk, due soon, organisations by overdue work. */
export function DashboardLists({ summary }: { summary: RoadmapSummary }) {
  const { t } = useTranslation();
  const rid = summary.roadmapId;
  const asOf = summary.asOf;
  const soon = addDays(asOf, 30);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Section title={t('dashboard.overdue')} id="dash-overdue">
        <MeasureList
          query={overdueLeavesQuery(rid)}
          fetchLimit={OVERDUE_FETCH_LIMIT}
          empty={t('dashboard.noOverdue')}
          allHref={roadmapHref({ roadmap: rid, overdue: true, leaf: true, sort: 'dueDate', view: 'flat' })}
          asOf={asOf}
          showOverdueDays
          testId="overdue-list"
        />
      </Section>
      <Section title={t('dashboard.atRisk')} id="dash-atrisk">
        <MeasureList
          query={atRiskLeavesQuery(rid)}
          empty={t('dashboard.noAtRisk')}
          allHref={roadmapHref({ roadmap: rid, atRisk: true, leaf: true, sort: 'dueDate', view: 'flat' })}
          asOf={asOf}
          testId="atrisk-list"
        />
      </Section>
      <Section title={t('dashboard.dueSoon')} id="dash-duesoon">
        <MeasureList
          query={dueSoonLeavesQuery(rid, asOf)}
          empty={t('dashboard.noDueSoon')}
          allHref={roadmapHref({
            roadmap: rid,
            dueFrom: asOf,
            dueTo: soon,
            status: ['not_started', 'in_progress'],
            leaf: true,
            sort: 'dueDate',
            view: 'flat',
          })}
          asOf={asOf}
          showFlags
          testId="duesoon-list"
        />
      </Section>
      <TopOrganisations summary={summary} />
    </SimpleGrid>
  );
}
