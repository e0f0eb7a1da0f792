import { Skeleton, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/QueryState';
import { useFormat } from '../../../i18n';
import { Section } from './Section';

const ProgressChart = lazy(() => import('./ProgressChart'));

/** One group of the breakdown: a sphere or a party with its leaf measures' progress. */
export interface BreakdownRow {
  key: string;
  name: string;
  progress: number;
}

/**
 * A chart of progress by sphere or party, with the same figures as a table for screen
 * readers and exact reading. Only progress is shown: the summary gives it on the leaf
 * basis (weighted mean of the group's leaf measures), while its per-group counts also
 * count parents, which the rest of the dashboard does not.
 */
export function ProgressBreakdown({
  title,
  id,
  nameHeader,
  rows,
}: {
  title: string;
  id: string;
  nameHeader: string;
  rows: BreakdownRow[];
}) {
  const { t } = useTranslation();
  const { formatPercent } = useFormat();
  return (
    <Section title={title} id={id}>
      {rows.length === 0 ? (
        <EmptyState>{t('dashboard.noData')}</EmptyState>
      ) : (
        <Stack gap="sm">
          <Suspense fallback={<Skeleton h={Math.max(120, rows.length * 34 + 40)} />}>
            <ProgressChart rows={rows} label={title} />
          </Suspense>
          <Text size="xs" c="gray.8">
            {t('dashboard.groupProgressHint')}
          </Text>
          <details>
            <summary style={{ cursor: 'pointer', fontSize: 14 }}>{t('dashboard.chartTable')}</summary>
            <Table fz="sm" verticalSpacing={4} mt="xs" data-testid={`${id}-table`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{nameHeader}</Table.Th>
                  <Table.Th ta="right">{t('fields.progress')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.key}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatPercent(r.progress)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        </Stack>
      )}
    </Section>
  );
}
