import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Measure } from '../../../../contracts';
import type { QueryParams } from '../../../api/client';
import { useMeasureList } from '../../../api/measures';
import { Flags } from '../../../components/Flags';
import { LocalizedText } from '../../../components/LocalizedText';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';
import { useTotalText } from '../../../components/total';
import { useFormat } from '../../../i18n';
import { daysBetween } from '../basis';

/** Rows shown in each short list; the rest is behind "show all". */
export const LIST_LIMIT = 8;

/**
 * A short list of measures with a link to each, and "show all" into the roadmap with the
 * same filter. `fetchLimit` fetches more rows than it shows, so that another component
 * asking for the same query (the organisations ranked by overdue work) shares the request.
 */
export function MeasureList({
  query,
  fetchLimit = LIST_LIMIT,
  empty,
  allHref,
  asOf,
  showOverdueDays,
  showFlags,
  testId,
}: {
  query: QueryParams;
  fetchLimit?: number;
  empty: string;
  allHref: string;
  asOf: string;
  showOverdueDays?: boolean;
  /** Show overdue/at-risk marks (not in lists that are already one of them). */
  showFlags?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const { formatDate } = useFormat();
  const list = useMeasureList({ ...query, limit: fetchLimit, page: 1 });
  const rows: Measure[] = (list.data?.data ?? []).slice(0, LIST_LIMIT);
  const total = list.data?.total ?? rows.length;
  const totalText = useTotalText();
  return (
    <QueryState query={list} isEmpty={rows.length === 0} empty={empty}>
      <Stack gap="xs" data-testid={testId}>
        <Table verticalSpacing={6} horizontalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('fields.code')}</Table.Th>
              <Table.Th>{t('fields.title')}</Table.Th>
              <Table.Th w={130}>{t('fields.dueDate')}</Table.Th>
              <Table.Th w={120} className="hide-sm">
                {t('fields.status')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => {
              const late = daysBetween(m.dueDate, asOf);
              return (
                <Table.Tr key={m.id}>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{m.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/measures/${m.id}`} fz="sm" c="blue.9">
                      <LocalizedText value={m.title} />
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{formatDate(m.dueDate, 'short')}</Text>
                    {showOverdueDays && late > 0 && (
                      <Text fz="xs" c="red.9">
                        {t('counts.overdueDays', { count: late })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="hide-sm">
                    <Stack gap={2} align="flex-start">
                      <StatusBadge status={m.status} size="sm" />
                      {showFlags && <Flags overdue={m.overdue} atRisk={m.atRisk} compact />}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="gray.8" data-testid={`${testId}-shown`}>
            {t('common.shownOf', {
              shown: rows.length,
              total: totalText({ total, totalIsExact: list.data?.totalIsExact }),
            })}
          </Text>
          {total > rows.length && (
            <Anchor component={Link} to={allHref} fz="sm" c="blue.9">
              {t('common.showAll')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </QueryState>
  );
}
