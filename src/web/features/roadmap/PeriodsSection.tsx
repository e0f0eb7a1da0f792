/**
 * «Периоды отчётности» on the roadmap page, for admins: the roadmap's periods with their
 * states, and the moves an admin may make (close, lock, reopen with a reason), plus adding
 * the calendar periods that are missing. Others never see it: the periods are the
 * secretariat's settings, and reporters will meet them in their reports.
 */
import { TableHeader } from '../../components/TableHeader';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period, Roadmap } from '../../../contracts';
import { type PeriodAction, useGeneratePeriods, usePeriodAction, usePeriods } from '../../api/periods';
import { ErrorAlert, formatDateText, LoadingState, Section } from '../../components';
import { ReasonDialog } from '../../components/ReasonDialog';

const STATE_COLORS: Record<Period['state'], string> = { open: 'green', closed: 'orange', locked: 'gray' };
/** The moves each state offers (the server's state machine, as buttons). */
const MOVES: Record<Period['state'], PeriodAction[]> = {
  open: ['close'],
  closed: ['lock', 'reopen'],
  locked: ['reopen'],
};

function ReopenDialog({
  period,
  onClose,
  roadmapId,
}: {
  period: Period;
  onClose: () => void;
  roadmapId: string;
}) {
  const { t } = useTranslation();
  const move = usePeriodAction(roadmapId);
  return (
    <ReasonDialog
      onClose={onClose}
      title={t('periods.reopenTitle', { code: period.code })}
      submitLabel={t('periods.reopen')}
      label={t('periods.reason')}
      description={t('periods.reasonHint')}
      error={move.error}
      busy={move.isPending}
      onConfirm={(reason) => move.mutate({ period, action: 'reopen', reason }, { onSuccess: onClose })}
    />
  );
}

/** The periods section of one roadmap (render it for admins only). */
export function PeriodsSection({ roadmap }: { roadmap: Roadmap }) {
  const { t, i18n } = useTranslation();
  const periods = usePeriods(roadmap.id);
  const generate = useGeneratePeriods(roadmap.id);
  const move = usePeriodAction(roadmap.id);
  const [reopening, setReopening] = useState<Period | null>(null);
  const date = (iso: string) => formatDateText(iso, i18n.language);
  const frozen = roadmap.status === 'archived';

  const onGenerate = () =>
    generate.mutate(undefined, {
      onSuccess: (r) =>
        notifications.show({
          color: 'green',
          message: t('periods.generated', { count: r.created }),
          // Mantine's close button has no name of its own
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
    });
  const act = (period: Period, action: PeriodAction) =>
    action === 'reopen' ? setReopening(period) : move.mutate({ period, action });

  const list = periods.data ?? [];
  return (
    <Section id="roadmap-periods" title={t('periods.title')}>
      <Text size="sm" c="gray.8" mb="xs">
        {t('periods.settings', {
          frequency: t(`periods.frequencies.${roadmap.reportingFrequency}`),
          days: roadmap.reportDueDays,
        })}
      </Text>
      <Text size="sm" c="gray.8" mb="sm">
        {t('periods.hint')}
      </Text>
      <ErrorAlert error={periods.error ?? generate.error ?? move.error} />
      {periods.isLoading ? (
        <LoadingState />
      ) : list.length === 0 ? (
        <Text size="sm">{t('periods.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing={4}>
            <TableHeader
              columns={[
                t('periods.columns.code'),
                t('periods.columns.dates'),
                t('periods.columns.due'),
                t('periods.columns.state'),
                t('periods.columns.actions'),
              ]}
            />
            <Table.Tbody>
              {list.map((p) => (
                <Table.Tr key={p.id} data-testid={`period-${p.code}`}>
                  <Table.Th scope="row">{p.code}</Table.Th>
                  <Table.Td>{`${date(p.startDate)} – ${date(p.endDate)}`}</Table.Td>
                  <Table.Td>{date(p.reportDueDate)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLORS[p.state]} variant="light">
                      {t(`periods.states.${p.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {MOVES[p.state].map((action) => (
                        <Button
                          key={action}
                          size="compact-sm"
                          variant="default"
                          aria-label={t(`periods.${action}Label`, { code: p.code })}
                          loading={move.isPending && move.variables?.period.id === p.id}
                          onClick={() => act(p, action)}
                        >
                          {t(`periods.${action}`)}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!frozen && (
        <Button mt="sm" variant="default" onClick={onGenerate} loading={generate.isPending}>
          {t('periods.generate')}
        </Button>
      )}
      {reopening && (
        <ReopenDialog period={reopening} roadmapId={roadmap.id} onClose={() => setReopening(null)} />
      )}
    </Section>
  );
}
