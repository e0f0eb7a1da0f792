/**
 * «Мои отчёты» (`/reports`): what the signed-in reporter's organisation or coordinator's party
 * must report on in every started, unlocked period, overdue ones first, with the state and
 * due date of each report; a row opens its report or starts it.
 */
import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Assignment } from '../../../contracts';
import { useAssignments, useCreateReport } from '../../api/reports';
import { ErrorAlert, PageHeader, QueryState, useLocalize } from '../../components';
import { TableHeader } from '../../components/TableHeader';
import { useFormat } from '../../i18n';
import { LateMarks, ReportStateBadge } from './components/ReportStateBadge';

function Row({ a, onStart, starting }: { a: Assignment; onStart: () => void; starting: boolean }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDate, formatPercent } = useFormat();
  const names = { code: a.measureCode, period: a.periodCode };
  return (
    <Table.Tr data-testid={`assignment-${a.measureCode}-${a.periodCode}`}>
      <Table.Td>
        <Anchor component={Link} to={`/measures/${a.measureId}`} fw={600}>
          {a.measureCode}
        </Anchor>{' '}
        <Text span size="sm" className="accord-wrap">
          {l.str(a.measureTitle)}
        </Text>
      </Table.Td>
      <Table.Td>{a.periodCode}</Table.Td>
      <Table.Td>{formatDate(a.reportDueDate)}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <ReportStateBadge state={a.report?.state ?? null} />
          <LateMarks overdue={a.overdue} late={a.report?.late} />
        </Stack>
      </Table.Td>
      <Table.Td>{a.report ? formatPercent(a.report.progress) : '—'}</Table.Td>
      <Table.Td>
        {a.report ? (
          <Button
            component={Link}
            to={`/reports/${a.report.id}`}
            size="compact-sm"
            variant="default"
            aria-label={t('reports.mine.openLabel', names)}
          >
            {t('reports.mine.open')}
          </Button>
        ) : (
          <Button
            size="compact-sm"
            onClick={onStart}
            loading={starting}
            disabled={a.periodState === 'locked'}
            aria-label={t('reports.mine.startLabel', names)}
          >
            {t('reports.mine.start')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The page, lazily loaded by the router. */
export default function MyReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const assignments = useAssignments({ limit: 200 });
  const create = useCreateReport();
  const rows = assignments.data?.data ?? [];
  const start = (a: Assignment) =>
    create.mutate(
      { measureId: a.measureId, periodId: a.periodId },
      { onSuccess: (r) => navigate(`/reports/${r.id}`) },
    );
  return (
    <Stack gap="md">
      <PageHeader title={t('reports.mine.title')} subtitle={t('reports.mine.intro')} />
      <ErrorAlert error={create.error} />
      <QueryState query={assignments} isEmpty={rows.length === 0} empty={t('reports.mine.empty')}>
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing={6}>
            <TableHeader
              columns={[
                t('reports.columns.measure'),
                t('reports.columns.period'),
                t('reports.columns.due'),
                t('reports.columns.state'),
                t('reports.columns.progress'),
                t('reports.columns.actions'),
              ]}
            />
            <Table.Tbody>
              {rows.map((a) => (
                <Row
                  key={`${a.measureId}:${a.periodId}`}
                  a={a}
                  onStart={() => start(a)}
                  starting={
                    create.isPending &&
                    create.variables?.measureId === a.measureId &&
                    create.variables.periodId === a.periodId
                  }
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}
