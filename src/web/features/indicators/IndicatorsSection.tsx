/** The measure page's indicators: each with baseline, target-versus-actual chart, and editing for those allowed. */
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicator, Measure, Party } from '../../../contracts';
import { useIndicatorSeries, useIndicators } from '../../api/indicators';
import { mayManageIndicators } from '../../api/permissions';
import { useSession } from '../../api/session';
import { EmptyState, LoadingState, LocalizedText, QueryState, Section } from '../../components';
import { useFormat } from '../../i18n';
import { IndicatorForm } from './IndicatorForm';

const IndicatorChart = lazy(() => import('./IndicatorChart'));

function IndicatorCard({
  i,
  partyById,
  onEdit,
}: {
  i: Indicator;
  partyById: ReadonlyMap<string, Party>;
  onEdit?: () => void;
}) {
  const { t } = useTranslation();
  const { formatNumber, formatDate } = useFormat();
  const series = useIndicatorSeries(i.id);
  return (
    <Card withBorder padding="sm" data-testid="indicator">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>
          <LocalizedText value={i.name} /> ({t(`indicators.units.${i.unit}`)})
        </Text>
        {onEdit && (
          <Button size="xs" variant="default" onClick={onEdit}>
            {t('indicators.edit')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="gray.8">
        {t(`indicators.directions.${i.direction}`)}
        {i.baseline &&
          ` · ${t('indicators.baselineIs', { value: formatNumber(i.baseline.value), date: formatDate(i.baseline.date) })}`}
      </Text>
      <QueryState query={series}>
        {series.data && (
          <Suspense fallback={<LoadingState />}>
            <IndicatorChart series={series.data} partyById={partyById} />
          </Suspense>
        )}
      </QueryState>
    </Card>
  );
}

export function IndicatorsSection({
  measure,
  partyById,
}: {
  measure: Measure;
  partyById: ReadonlyMap<string, Party>;
}) {
  const { t } = useTranslation();
  const user = useSession().data?.user ?? null;
  const list = useIndicators(measure.id);
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const may = mayManageIndicators(user, measure);
  return (
    <Section title={t('indicators.title')} id="measure-indicators">
      <Stack gap="sm">
        <QueryState query={list}>
          {list.data?.length === 0 && <EmptyState>{t('indicators.none')}</EmptyState>}
          {list.data?.map((i) =>
            editing !== 'new' && editing?.id === i.id ? (
              <IndicatorForm key={i.id} measureId={measure.id} editing={i} onDone={() => setEditing(null)} />
            ) : (
              <IndicatorCard
                key={i.id}
                i={i}
                partyById={partyById}
                onEdit={may ? () => setEditing(i) : undefined}
              />
            ),
          )}
        </QueryState>
        {may &&
          (editing === 'new' ? (
            <IndicatorForm measureId={measure.id} onDone={() => setEditing(null)} />
          ) : (
            <Button variant="light" style={{ alignSelf: 'flex-start' }} onClick={() => setEditing('new')}>
              {t('indicators.add')}
            </Button>
          ))}
      </Stack>
    </Section>
  );
}
