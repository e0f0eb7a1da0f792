import {
  Anchor,
  Card,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MEASURE_STATUSES, type Measure, type RoadmapSummary } from '../../../contracts';
import {
  pickDefaultRoadmap,
  useMeasureList,
  useReference,
  useRoadmapSummary,
  useRoadmaps,
} from '../../api/hooks';
import { Flags } from '../../components/Flags';
import { LocalizedText, useLocalize } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../i18n';
import { roadmapHref } from '../roadmap/urlState';

const ProgressChart = lazy(() => import('./ProgressChart'));

const LIST_LIMIT = 8;

/** `YYYY-MM-DD` plus n days. */
function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function Stat({
  label,
  value,
  children,
  to,
}: {
  label: string;
  value: ReactNode;
  children?: ReactNode;
  to?: string;
}) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="sm" c="gray.8" fw={500}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {to ? (
          <Anchor component={Link} to={to} inherit c="inherit" underline="hover">
            {value}
          </Anchor>
        ) : (
          value
        )}
      </Text>
      {children}
    </Card>
  );
}

function Section({
  title,
  id,
  children,
  extra,
}: {
  title: string;
  id: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}

/** A short list of measures with a link to each, and "show all" into the roadmap with the same filter. */
function MeasureList({
  query,
  empty,
  allHref,
  asOf,
  showOverdueDays,
  showFlags,
  testId,
}: {
  query: Record<string, string | number | boolean | undefined>;
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
  const list = useMeasureList({ ...query, limit: LIST_LIMIT, page: 1 });
  const rows: Measure[] = list.data?.data ?? [];
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
            {rows.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{m.code}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/measures/${m.id}`} fz="sm" c="blue.9">
                    <LocalizedText value={m.title} />
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{formatDate(m.dueDate, 'short')}</Text>
                  {showOverdueDays && daysBetween(m.dueDate, asOf) > 0 && (
                    <Text fz="xs" c="red.9">
                      {t('counts.overdueDays', { count: daysBetween(m.dueDate, asOf) })}
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
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="gray.8">
            {t('common.shownOf', { shown: rows.length, total: list.data?.total ?? rows.length })}
          </Text>
          {(list.data?.total ?? 0) > rows.length && (
            <Anchor component={Link} to={allHref} fz="sm" c="blue.9">
              {t('common.showAll')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </QueryState>
  );
}

/** A chart of progress with the same figures as a table for screen readers and exact reading. */
function ProgressBreakdown({
  title,
  id,
  nameHeader,
  rows,
}: {
  title: string;
  id: string;
  nameHeader: string;
  rows: { key: string; name: string; progress: number; total: number; overdue: number; atRisk: number }[];
}) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  return (
    <Section title={title} id={id}>
      {rows.length === 0 ? (
        <EmptyState>{t('dashboard.noData')}</EmptyState>
      ) : (
        <Stack gap="sm">
          <Suspense fallback={<Skeleton h={Math.max(120, rows.length * 34 + 40)} />}>
            <ProgressChart rows={rows} label={title} />
          </Suspense>
          <details>
            <summary style={{ cursor: 'pointer', fontSize: 14 }}>{t('dashboard.chartTable')}</summary>
            <Table.ScrollContainer minWidth={420}>
              <Table fz="sm" verticalSpacing={4} mt="xs" data-testid={`${id}-table`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{nameHeader}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.total')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.overdueCount')}</Table.Th>
                    <Table.Th ta="right">{t('flags.atRisk')}</Table.Th>
                    <Table.Th w={160}>{t('fields.progress')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.total)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.overdue)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(r.atRisk)}</Table.Td>
                      <Table.Td>
                        <ProgressBar value={r.progress} label={`${t('fields.progress')}: ${r.name}`} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </details>
        </Stack>
      )}
    </Section>
  );
}

function StatusCounts({ summary, roadmapId }: { summary: RoadmapSummary; roadmapId: string }) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const total = summary.leaves.total;
  return (
    <Section title={t('dashboard.byStatus')} id="dash-status">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="status-counts">
        {MEASURE_STATUSES.map((s) => (
          <Stack key={s} gap={4} align="flex-start">
            <StatusBadge status={s} />
            <Anchor
              component={Link}
              to={roadmapHref({ roadmap: roadmapId, status: [s] })}
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
      <Text size="xs" c="gray.8" mt="sm">
        {t('dashboard.leavesHint', { count: total })}
      </Text>
    </Section>
  );
}

/**
 * The home page: for one roadmap (default the most recent approved), the figures of the
 * summary API — totals, status counts, progress by sphere and party, organisations with
 * most overdue measures — and short lists from the measure API.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDate, formatNumber, formatPercent } = useFormat();
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
          total: g.total,
          overdue: g.overdue,
          atRisk: g.atRisk,
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
        total: g.total,
        overdue: g.overdue,
        atRisk: g.atRisk,
      })),
    [s, ref.partyById, l],
  );
  const topOrgs = useMemo(
    () =>
      [...(s?.byOrganisation ?? [])]
        .filter((o) => o.overdue > 0)
        .sort((a, b) => b.overdue - a.overdue || b.total - a.total)
        .slice(0, 8),
    [s],
  );

  const rid = roadmap?.id ?? '';
  const asOf = s?.asOf ?? new Date().toISOString().slice(0, 10);

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
              <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" data-testid="summary-stats">
                <Stat label={t('dashboard.measureCount')} value={formatNumber(s.measureCount)}>
                  <Text size="xs" c="gray.8" lineClamp={2}>
                    <LocalizedText value={roadmap.title} />
                  </Text>
                </Stat>
                <Stat label={t('dashboard.rollUp')} value={formatPercent(s.rollUp)}>
                  <ProgressBar value={s.rollUp} label={t('dashboard.rollUp')} showValue={false} />
                </Stat>
                <Stat
                  label={t('dashboard.completionLevel')}
                  value={
                    <span style={{ fontSize: 18, overflowWrap: 'break-word', hyphens: 'auto' }}>
                      {t(`enums.completionLevel.${s.completionLevel}`)}
                    </span>
                  }
                />
                <Stat
                  label={t('dashboard.overdue')}
                  value={formatNumber(s.leaves.overdue)}
                  to={roadmapHref({ roadmap: rid, overdue: true })}
                >
                  <Text size="xs" c="gray.8">
                    {t('dashboard.leavesOnly')}
                  </Text>
                </Stat>
                <Stat
                  label={t('dashboard.atRisk')}
                  value={formatNumber(s.leaves.atRisk)}
                  to={roadmapHref({ roadmap: rid, atRisk: true })}
                >
                  <Text size="xs" c="gray.8">
                    {t('dashboard.leavesOnly')}
                  </Text>
                </Stat>
              </SimpleGrid>

              <StatusCounts summary={s} roadmapId={rid} />

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

              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <Section title={t('dashboard.overdue')} id="dash-overdue">
                  <MeasureList
                    query={{ roadmapId: rid, overdue: true, leaf: true, sort: 'dueDate' }}
                    empty={t('dashboard.noOverdue')}
                    allHref={roadmapHref({ roadmap: rid, overdue: true, sort: 'dueDate', view: 'flat' })}
                    asOf={asOf}
                    showOverdueDays
                    testId="overdue-list"
                  />
                </Section>
                <Section title={t('dashboard.atRisk')} id="dash-atrisk">
                  <MeasureList
                    query={{ roadmapId: rid, atRisk: true, leaf: true, sort: 'dueDate' }}
                    empty={t('dashboard.noAtRisk')}
                    allHref={roadmapHref({ roadmap: rid, atRisk: true, sort: 'dueDate', view: 'flat' })}
                    asOf={asOf}
                    testId="atrisk-list"
                  />
                </Section>
                <Section title={t('dashboard.dueSoon')} id="dash-duesoon">
                  <MeasureList
                    query={{
                      roadmapId: rid,
                      dueFrom: asOf,
                      dueTo: addDays(asOf, 30),
                      status: 'not_started,in_progress',
                      sort: 'dueDate',
                    }}
                    empty={t('dashboard.noDueSoon')}
                    allHref={roadmapHref({
                      roadmap: rid,
                      dueFrom: asOf,
                      dueTo: addDays(asOf, 30),
                      status: ['not_started', 'in_progress'],
                      sort: 'dueDate',
                      view: 'flat',
                    })}
                    asOf={asOf}
                    showFlags
                    testId="duesoon-list"
                  />
                </Section>
                <Section title={t('dashboard.topOrganisations')} id="dash-orgs">
                  {topOrgs.length === 0 ? (
                    <EmptyState>{t('dashboard.noOrganisations')}</EmptyState>
                  ) : (
                    <Table fz="sm" verticalSpacing={6} data-testid="top-organisations">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('dashboard.organisation')}</Table.Th>
                          <Table.Th className="hide-sm">{t('dashboard.party')}</Table.Th>
                          <Table.Th ta="right">{t('dashboard.overdueCount')}</Table.Th>
                          <Table.Th ta="right">{t('dashboard.total')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {topOrgs.map((o) => {
                          const org = ref.orgById.get(o.organisationId);
                          return (
                            <Table.Tr key={o.organisationId}>
                              <Table.Td>
                                <Anchor
                                  component={Link}
                                  to={roadmapHref({ roadmap: rid, org: o.organisationId, overdue: true })}
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
                              <Table.Td ta="right">{formatNumber(o.total)}</Table.Td>
                            </Table.Tr>
                          );
                        })}
                      </Table.Tbody>
                    </Table>
                  )}
                </Section>
              </SimpleGrid>
            </Stack>
          )}
        </QueryState>
      </QueryState>
    </Stack>
  );
}
