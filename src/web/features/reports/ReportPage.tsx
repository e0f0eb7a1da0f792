/**
 * One report (`/reports/:id`): what it is about, where it stands and who acted; the form and
 * evidence upload while its writers may edit it; the moves the signed-in user may make
 * (submit; approve, return or reopen for the party's coordinator), each as the server's
 * pure rule decides (src/domain/reports.ts through api/permissions).
 */
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMeasure } from '../../api/measures';
import { reportRefusal } from '../../api/permissions';
import { useReference } from '../../api/reference';
import { type ReportMove, useReport, useReportMove } from '../../api/reports';
import { useSession } from '../../api/session';
import {
  ErrorAlert,
  Facts,
  LoadingState,
  PageHeader,
  ProgressBar,
  Section,
  StatusBadge,
  useLocalize,
} from '../../components';
import { useFormat } from '../../i18n';
import { EvidenceSection } from './components/EvidenceSection';
import { ReasonDialog } from './components/ReasonDialog';
import { Comments } from '../comments/Comments';
import { ReportForm } from './components/ReportForm';
import { LateMarks, ReportStateBadge } from './components/ReportStateBadge';

const EDITABLE = ['draft', 'returned'];

export default function ReportPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDate, formatDateTime } = useFormat();
  const user = useSession().data?.user ?? null;
  const report = useReport(id);
  const r = report.data;
  const measure = useMeasure(r?.measureId);
  const ref = useReference();
  const move = useReportMove();
  const [asking, setAsking] = useState<'return' | 'reopen' | null>(null);

  if (report.isLoading) return <LoadingState />;
  if (!r) {
    return (
      <>
        <PageHeader
          title={t('reports.mine.title')}
          breadcrumbs={[{ label: t('reports.nav.mine'), to: '/reports' }]}
        />
        {isApiError(report.error) && report.error.status === 404 ? (
          <Alert color="orange" variant="light" role="alert">
            {report.error.message}
          </Alert>
        ) : (
          <ErrorAlert error={report.error} onRetry={() => report.refetch()} />
        )}
      </>
    );
  }
  const may = (a: Parameters<typeof reportRefusal>[1]) =>
    r.periodState !== 'locked' && reportRefusal(user, a, r, measure.data ?? null) === null;
  const editable = EDITABLE.includes(r.state) && may('edit');
  const moves: ReportMove[] = [];
  if (EDITABLE.includes(r.state) && may('submit')) moves.push('submit');
  if (r.state === 'submitted' && may('approve')) moves.push('approve', 'return');
  if (r.state === 'approved' && may('reopen')) moves.push('reopen');
  const act = (m: ReportMove) =>
    m === 'return' || m === 'reopen'
      ? setAsking(m)
      : move.mutate(
          { report: r, move: m },
          {
            onSuccess: () =>
              notifications.show({
                color: 'green',
                message: t(`reports.report.moved.${m}`),
                closeButtonProps: { 'aria-label': t('common.close') },
              }),
          },
        );
  const who = (p: { name: string } | null, at: string | null) =>
    p ? `${p.name}, ${formatDateTime(at)}` : '—';

  return (
    <Stack gap="md">
      <PageHeader
        title={t('reports.report.title', { code: r.measureCode })}
        subtitle={l.str(r.measureTitle)}
        breadcrumbs={[
          { label: t('reports.nav.mine'), to: '/reports' },
          { label: `${r.measureCode} · ${r.periodCode}` },
        ]}
      />
      <Group gap="sm" wrap="wrap">
        <ReportStateBadge state={r.state} />
        <LateMarks late={r.late} />
        <StatusBadge status={r.status} />
        <ProgressBar value={r.progress} label={t('reports.report.progress')} w={200} />
      </Group>
      {r.returnReason && EDITABLE.includes(r.state) && (
        <Alert color="orange" variant="light" data-testid="return-reason">
          {t('reports.report.returnReason', { reason: r.returnReason })}
        </Alert>
      )}
      <Section id="report-facts" title={t('reports.report.state')}>
        <Facts
          items={[
            [
              t('reports.report.measure'),
              <Anchor component={Link} to={`/measures/${r.measureId}`} key="m">
                {r.measureCode}
              </Anchor>,
            ],
            [t('reports.report.period'), r.periodCode],
            [t('reports.report.due'), formatDate(r.reportDueDate)],
            [t('reports.report.party'), l.str(ref.partyById.get(r.partyId)?.name) || '—'],
            [t('reports.report.submitted'), who(r.submittedBy, r.submittedAt)],
            [t('reports.report.reviewed'), who(r.reviewedBy, r.reviewedAt)],
          ]}
        />
      </Section>
      {editable ? (
        <Section id="report-edit" title={t('reports.report.claim')}>
          <ReportForm key={r.version} report={r} />
        </Section>
      ) : (
        <Section id="report-body" title={t('reports.report.narrative')}>
          <Stack gap="xs">
            <Text size="sm" className="accord-wrap" style={{ whiteSpace: 'pre-wrap' }}>
              {l.str(
                r.narrative?.ru ? { ru: r.narrative.ru, kk: r.narrative.kk, en: r.narrative.en } : null,
              ) || '—'}
            </Text>
            {r.evidenceLinks.map((x) => (
              <Anchor
                key={x.url}
                href={x.url}
                target="_blank"
                rel="noopener noreferrer"
                className="accord-wrap"
              >
                {x.title || x.url}
              </Anchor>
            ))}
            {EDITABLE.includes(r.state) && (
              <Text size="sm" c="gray.8">
                {t('reports.report.readOnly')}
              </Text>
            )}
          </Stack>
        </Section>
      )}
      <EvidenceSection report={r} editable={editable} />
      <ErrorAlert error={move.error} />
      {moves.length > 0 && (
        <Group gap="sm">
          {moves.map((m) => (
            <Button
              key={m}
              variant={m === 'return' || m === 'reopen' ? 'default' : 'filled'}
              loading={move.isPending && move.variables?.move === m}
              onClick={() => act(m)}
            >
              {t(`reports.report.${m}`)}
            </Button>
          ))}
        </Group>
      )}
      {asking && <ReasonDialog report={r} move={asking} onClose={() => setAsking(null)} />}
      <Comments target={{ kind: 'report', id: r.id }} />
    </Stack>
  );
}
