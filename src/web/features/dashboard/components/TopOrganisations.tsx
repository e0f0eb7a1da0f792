import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoadmapSummary } from '../../../../contracts';
import { useMeasureList } from '../../../api/measures';
import { useReference } from '../../../api/reference';
import { LocalizedText } from '../../../components/LocalizedText';
import { EmptyState, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../i18n';
import { roadmapHref } from '../../roadmap/urlState';
import { OVERDUE_FETCH_LIMIT, overdueByOrganisation } from '../basis';
import { overdueLeavesQuery } from './queries';
import { Section } from './Section';

const SHOWN = 8;

/**
 * Organisations ranked by their overdue leaf measures. The summary's per-organisation
 * counts include parents, so the ranking is counted here from the overdue leaf measures
 * themselves (the same request as the overdue list); progress is the summary's, which is
 * already on the leaf basis.
 */
export function TopOrganisations({ summary }: { summary: RoadmapSummary }) {
  const { t } = useTranslation();
  const { formatNumber, formatPercent } = useFormat();
  const ref = useReference();
  const rid = summary.roadmapId;
  const list = useMeasureList({ ...overdueLeavesQuery(rid), limit: OVERDUE_FETCH_LIMIT, page: 1 });
  const progress = useMemo(
    () => new Map(summary.byOrganisation.map((o) => [o.organisationId, o.progress])),
    [summary],
  );
  const top = useMemo(() => overdueByOrganisation(list.data?.data ?? []).slice(0, SHOWN), [list.data]);
  const partial = (list.data?.total ?? 0) > OVERDUE_FETCH_LIMIT;

  return (
    <Section title={t('dashboard.topOrganisations')} id="dash-orgs">
      <QueryState query={list}>
        {top.length === 0 ? (
          <EmptyState>{t('dashboard.noOrganisations')}</EmptyState>
        ) : (
          <Stack gap="xs">
            <Table fz="sm" verticalSpacing={6} data-testid="top-organisations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.organisation')}</Table.Th>
                  <Table.Th className="hide-sm">{t('dashboard.party')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.overdueCount')}</Table.Th>
                  <Table.Th ta="right" className="hide-sm">
                    {t('fields.progress')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {top.map((o) => {
                  const org = ref.orgById.get(o.organisationId);
                  return (
                    <Table.Tr key={o.organisationId} data-organisation={o.organisationId}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={roadmapHref({ roadmap: rid, org: o.organisationId, overdue: true, leaf: true })}
                          fz="sm"
                          c="blue.9"
                        >
                          <LocalizedText value={org?.shortName ?? org?.name} empty="—" />
                        </Anchor>
                      </Table.Td>
                      <Table.Td className="hide-sm">
                        <LocalizedText value={ref.partyById.get(o.partyId)?.name} empty="—" />
                      </Table.Td>
                      <Table.Td ta="right" fw={600} c="red.9">
                        {formatNumber(o.overdue)}
                      </Table.Td>
                      <Table.Td ta="right" className="hide-sm">
                        {formatPercent(progress.get(o.organisationId))}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            {partial && (
              <Text size="xs" c="gray.8">
                {t('dashboard.rankedByFirst', { n: OVERDUE_FETCH_LIMIT })}
              </Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}
