/**
 * The timeline page (`/timeline`): a Gantt view of a roadmap's measures by sphere or by
 * lead organisation, zoomable by month, quarter or year. The choices are in the URL
 * (`?roadmap=…&group=organisation&zoom=year&depth=2`) like the roadmap table's.
 */
import { Alert, Box, Button, Group, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Organisation, Party } from '../../../contracts';
import { useRoadmapMeasures } from '../../api/measures';
import { useReference } from '../../api/reference';
import { pickDefaultRoadmap, useRoadmaps } from '../../api/roadmaps';
import { ErrorAlert, LoadingState, PageHeader } from '../../components';
import { orgLabel, textOf, todayIso } from '../roadmap/format';
import { type GroupBy, type GroupOrder, groupMeasures, rowsOf, type Zoom } from './layout';
import { TimelineBaselinePicker, useBaselineDates } from '../changes/TimelineBaseline';
import { TimelineChart, type TimelineChartHandle } from './TimelineChart';
import { TimelineLegend } from './TimelineLegend';

/** Above this many measures only the first two levels are drawn unless asked otherwise. */
const DEEP_DEFAULT_LIMIT = 600;

/** The timeline page, lazily loaded by the router. */
export default function TimelinePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [sp, setSp] = useSearchParams();
  const roadmaps = useRoadmaps();
  const ref = useReference();
  const chart = useRef<TimelineChartHandle>(null);
  const groupLabelId = useId();
  const zoomLabelId = useId();

  const groupBy: GroupBy = sp.get('group') === 'organisation' ? 'organisation' : 'sphere';
  const zoom: Zoom = sp.get('zoom') === 'month' ? 'month' : sp.get('zoom') === 'year' ? 'year' : 'quarter';
  const roadmap = useMemo(() => {
    const list = roadmaps.data ?? [];
    const wanted = sp.get('roadmap');
    return list.find((r) => r.id === wanted) ?? (wanted ? undefined : pickDefaultRoadmap(list));
  }, [roadmaps.data, sp]);
  const measures = useRoadmapMeasures(roadmap?.id);
  const [baselineId, setBaselineId] = useState<string | null>(null);
  const baseline = useBaselineDates(roadmap?.id, baselineId);
  const all = measures.data ?? [];
  const depthParam = Number(sp.get('depth'));
  const depth =
    Number.isInteger(depthParam) && depthParam > 0 ? depthParam : all.length > DEEP_DEFAULT_LIMIT ? 2 : 0;
  const maxDepth = all.reduce((d, m) => Math.max(d, m.depth + 1), 1);

  const set = (key: string, value: string | null) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const rows = useMemo(() => {
    const shown = depth > 0 ? all.filter((m) => m.depth < depth) : all;
    const order =
      groupBy === 'sphere'
        ? ref.spheres.map((s) => ({ id: s.id, label: textOf(s.name, lang) }))
        : organisationsByParty(ref.organisations, ref.parties, lang);
    return rowsOf(
      groupMeasures(
        shown,
        groupBy,
        order,
        groupBy === 'sphere' ? t('timeline.noSphere') : t('timeline.noOrganisation'),
      ),
    );
  }, [all, depth, groupBy, ref.spheres, ref.organisations, ref.parties, lang, t]);

  const today = todayIso();
  const hasRows = rows.length > 0;
  // open at today, where most readers want to look; again when the scale changes
  // biome-ignore lint/correctness/useExhaustiveDependencies: zoom and grouping move today's position, so they re-run it
  useEffect(() => {
    if (hasRows) chart.current?.scrollToToday();
  }, [hasRows, zoom, groupBy]);

  const header = (
    <PageHeader title={t('timeline.title')} subtitle={roadmap ? textOf(roadmap.title, lang) : undefined} />
  );
  if (roadmaps.isLoading || ref.isLoading)
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  if (roadmaps.error || ref.error)
    return (
      <>
        {header}
        <ErrorAlert
          error={roadmaps.error ?? ref.error}
          onRetry={() => {
            roadmaps.refetch();
            ref.refetch();
          }}
        />
      </>
    );

  return (
    <Box>
      {header}
      <Stack gap="sm" mb="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('roadmap.chooseRoadmap')}
            value={roadmap?.id ?? ''}
            onChange={(e) => set('roadmap', e.currentTarget.value || null)}
            data={[
              ...(roadmap ? [] : [{ value: '', label: t('common.empty') }]),
              ...(roadmaps.data ?? []).map((r) => ({
                value: r.id,
                label: `${textOf(r.title, lang)} (${t(`enums.roadmapStatus.${r.status}`)})`,
              })),
            ]}
            style={{ flex: '1 1 300px', maxWidth: 560 }}
          />
          <NativeSelect
            label={t('timeline.depth')}
            value={String(depth)}
            onChange={(e) => set('depth', e.currentTarget.value === '0' ? null : e.currentTarget.value)}
            data={[
              { value: '0', label: t('timeline.allLevels') },
              ...Array.from({ length: Math.max(1, maxDepth - 1) }, (_, i) => ({
                value: String(i + 1),
                label: t('timeline.levelN', { n: i + 1 }),
              })),
            ]}
            style={{ flex: '0 1 180px' }}
          />
          <TimelineBaselinePicker roadmapId={roadmap?.id} value={baselineId} onChange={setBaselineId} />
        </Group>
        <Group gap="lg" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id={groupLabelId}>
              {t('timeline.groupBy')}
            </Text>
            <SegmentedControl
              aria-labelledby={groupLabelId}
              value={groupBy}
              onChange={(v) => set('group', v === 'sphere' ? null : v)}
              data={[
                { value: 'sphere', label: t('timeline.bySphere') },
                { value: 'organisation', label: t('timeline.byOrganisation') },
              ]}
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id={zoomLabelId}>
              {t('timeline.zoom')}
            </Text>
            <SegmentedControl
              aria-labelledby={zoomLabelId}
              value={zoom}
              onChange={(v) => set('zoom', v === 'quarter' ? null : v)}
              data={[
                { value: 'month', label: t('timeline.month') },
                { value: 'quarter', label: t('timeline.quarter') },
                { value: 'year', label: t('timeline.year') },
              ]}
            />
          </Stack>
          <Button
            variant="default"
            leftSection={<IconCalendar size={16} aria-hidden />}
            onClick={() => chart.current?.scrollToToday()}
          >
            {t('timeline.scrollToToday')}
          </Button>
        </Group>
        <TimelineLegend />
      </Stack>

      {!roadmap ? (
        <Alert color="gray" variant="light">
          {(roadmaps.data ?? []).length === 0 ? t('dashboard.noRoadmaps') : t('roadmap.noRoadmap')}
        </Alert>
      ) : measures.error ? (
        <ErrorAlert error={measures.error} onRetry={() => measures.refetch()} />
      ) : measures.isLoading ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('timeline.empty')}
        </Alert>
      ) : (
        <TimelineChart ref={chart} rows={rows} zoom={zoom} today={today} baseline={baseline} />
      )}
    </Box>
  );
}

/**
 * Organisations in party order (by party code), then by name within a party, each group
 * headed by its party: the two parties' ministries are never interleaved.
 */
function organisationsByParty(
  organisations: readonly Organisation[],
  parties: readonly Party[],
  lang: string,
): GroupOrder[] {
  const party = new Map(parties.map((p) => [p.id, p]));
  return organisations
    .map((o) => ({
      id: o.id,
      label: orgLabel(o, lang),
      section: textOf(party.get(o.partyId)?.name, lang),
      partyCode: party.get(o.partyId)?.code ?? '',
    }))
    .sort((a, b) => a.partyCode.localeCompare(b.partyCode) || a.label.localeCompare(b.label, lang))
    .map(({ partyCode: _code, ...o }) => o);
}
