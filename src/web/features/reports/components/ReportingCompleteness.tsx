/**
 * The dashboard's reporting completeness for a roadmap's current period: per party and per
 * responsible organisation, how many reports are due, submitted, approved and late. Figures
 * the server withholds (the other party's internal ones) read «—», with a note saying why.
 */
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Completeness } from '../../../../contracts';
import { useReference } from '../../../api/reference';
import { useCompleteness } from '../../../api/reports';
import { QueryState, Section, useLocalize } from '../../../components';
import { TableHeader } from '../../../components/TableHeader';
import { useFormat } from '../../../i18n';

type Counts = Completeness['byParty'][number];

export function ReportingCompleteness({ roadmapId }: { roadmapId: string }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatNumber } = useFormat();
  const ref = useReference();
  const q = useCompleteness(roadmapId);
  const c = q.data;
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v));
  const withheld = !!c && [...c.byParty, ...c.byOrganisation].some((x) => x.submitted === null);
  const cols = [
    t('reports.completeness.name'),
    t('reports.completeness.due'),
    t('reports.completeness.submitted'),
    t('reports.completeness.approved'),
    t('reports.completeness.late'),
  ];
  /** One table of named counts. */
  const table = (testId: string, rows: { key: string; name: string; x: Counts }[]) => (
    // on a phone the table scrolls sideways: its scroll area takes the keyboard focus, as it
    // holds nothing else that could (axe: scrollable-region-focusable)
    <Table.ScrollContainer minWidth={480} scrollAreaProps={{ viewportProps: { tabIndex: 0 } }}>
      <Table verticalSpacing={4} data-testid={testId}>
        <TableHeader columns={cols} />
        <Table.Tbody>
          {rows.map(({ key, name, x }) => (
            <Table.Tr key={key}>
              <Table.Th scope="row" className="accord-wrap">
                {name}
              </Table.Th>
              <Table.Td>{n(x.due)}</Table.Td>
              <Table.Td>{n(x.submitted)}</Table.Td>
              <Table.Td>{n(x.approved)}</Table.Td>
              <Table.Td>{n(x.late)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Section
      id="dash-reporting"
      title={
        c?.period
          ? t('reports.completeness.title', { code: c.period.code })
          : t('reports.measureSection.title')
      }
    >
      <QueryState
        query={[q, { isLoading: ref.isLoading, error: ref.error, refetch: ref.refetch }]}
        isEmpty={!c?.period}
        empty={t('reports.completeness.none')}
      >
        {c &&
          table(
            'reporting-completeness',
            c.byParty.map((p) => ({
              key: p.partyId,
              name: l.str(ref.partyById.get(p.partyId)?.name) || '—',
              x: p,
            })),
          )}
        {c && c.byOrganisation.length > 0 && (
          <details>
            <summary>
              <Text span size="sm" fw={600}>
                {t('reports.completeness.byOrganisation')}
              </Text>
            </summary>
            {table(
              'reporting-by-organisation',
              c.byOrganisation.map((o) => ({
                key: `${o.partyId}:${o.organisationId}`,
                name: l.str(ref.orgById.get(o.organisationId)?.name) || '—',
                x: o,
              })),
            )}
          </details>
        )}
        {withheld && (
          <Text size="xs" c="gray.8" mt={4}>
            {t('reports.completeness.hidden')}
          </Text>
        )}
      </QueryState>
    </Section>
  );
}
