/** «Отчёты» on the measure page: the measure's reports the user may see, per period and party. */
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReference } from '../../../api/reference';
import { useReports } from '../../../api/reports';
import { ProgressBar, QueryState, Section, StatusBadge, useLocalize } from '../../../components';
import { TableHeader } from '../../../components/TableHeader';
import { LateMarks, ReportStateBadge } from './ReportStateBadge';

export function MeasureReports({ measureId }: { measureId: string }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const ref = useReference();
  const reports = useReports({ measureId, limit: 100 });
  const rows = reports.data?.data ?? [];
  return (
    <Section id="measure-reports" title={t('reports.measureSection.title')}>
      <QueryState query={reports} isEmpty={rows.length === 0} empty={t('reports.measureSection.none')}>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} striped>
            <TableHeader
              columns={[
                t('reports.columns.period'),
                t('reports.columns.party'),
                t('reports.columns.state'),
                t('reports.columns.progress'),
              ]}
            />
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/reports/${r.id}`}>
                      {r.periodCode}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.str(ref.partyById.get(r.partyId)?.name) || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ReportStateBadge state={r.state} /> <LateMarks late={r.late} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                    <ProgressBar value={r.progress} label={t('reports.columns.progress')} w={120} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Section>
  );
}
