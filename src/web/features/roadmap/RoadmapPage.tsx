/**
 * The roadmap page (`/roadmap`): pick a roadmap, filter and sort its measures, browse them
 * as a tree, select and change many at once. The whole view is in the URL.
 *
 * Filtering in the tree shows each matching measure together with its ancestors (greyed,
 * marked «for context») rather than a bare list: a match like «2.3.1 Подписать соглашение»
 * means little without «2. Транспорт › 2.3 Северный морской путь» above it, and the
 * hierarchy is how both parties read a roadmap. Users who want a plain list — say, every
 * overdue measure ordered by due date — switch the view to «Список», which shows the
 * matches alone in the chosen order; that choice is in the URL too.
 */
import { Alert, Anchor, Box, Group, NativeSelect, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Measure } from '../../../contracts';
import { useFilteredMeasureIds, useRoadmapMeasures } from '../../api/measures';
import { mayChangeAny } from '../../api/permissions';
import { useReference } from '../../api/reference';
import { pickDefaultRoadmap, useRoadmaps } from '../../api/roadmaps';
import { useSession } from '../../api/session';
import { ErrorAlert, LoadingState, PageHeader } from '../../components';
import { ReportButtons } from '../report/ReportButtons';
import { RoadmapFileActions } from '../import/RoadmapFileActions';
import { BulkEditBar } from './BulkEdit';
import { textOf } from './format';
import { MeasureTreeTable } from './MeasureTreeTable';
import { PeriodsSection } from './PeriodsSection';
import { WhatChangedSection } from '../changes/WhatChangedSection';
import { RoadmapFilters } from './RoadmapFilters';
import { parseView, type RoadmapView, viewToApiFilter, viewToSearch } from './urlState';
import { RoadmapToolbar } from './workbench/RoadmapToolbar';
import { useRowAdding } from './workbench/useRowAdding';

const BULK_FIELDS = ['status', 'dueDate', 'responsible'] as const;

/** The roadmap page, lazily loaded by the router. */
export default function RoadmapPage() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseView(searchParams), [searchParams]);
  const session = useSession();
  const user = session.data?.user ?? null;
  const roadmaps = useRoadmaps();
  const ref = useReference();

  const roadmap = useMemo(() => {
    const list = roadmaps.data ?? [];
    return list.find((r) => r.id === view.roadmap) ?? (view.roadmap ? undefined : pickDefaultRoadmap(list));
  }, [roadmaps.data, view.roadmap]);
  const roadmapId = roadmap?.id;

  const measures = useRoadmapMeasures(roadmapId);
  const filter = useMemo(() => viewToApiFilter(view), [view]);
  const filtered = useFilteredMeasureIds(roadmapId, filter);
  const matches = filter ? (filtered.data ?? null) : null;

  const setView = useCallback(
    (patch: Partial<RoadmapView>) => {
      setSearchParams(
        (prev) => viewToSearch({ ...parseView(prev), ...patch }),
        // typing in the search box should not fill the history with every word
        { replace: Object.keys(patch).length === 1 && 'q' in patch },
      );
    },
    [setSearchParams],
  );

  // selection belongs to one roadmap; it is dropped when the roadmap changes
  const [selection, setSelection] = useState<{ roadmapId?: string; ids: Set<string> }>({ ids: new Set() });
  const selected = selection.roadmapId === roadmapId ? selection.ids : new Set<string>();
  const setSelected = useCallback((ids: Set<string>) => setSelection({ roadmapId, ids }), [roadmapId]);

  const canSelect = useCallback((m: Measure) => mayChangeAny(user, m, BULK_FIELDS), [user]);
  const list = measures.data ?? [];
  // viewers (and anyone who may edit nothing here) never see the selection column
  const bulkAllowed = useMemo(
    () => !!user && user.role !== 'viewer' && list.some(canSelect),
    [user, list, canSelect],
  );
  const selectedMeasures = useMemo(() => list.filter((m) => selected.has(m.id)), [list, selected]);
  // a child or a sibling added from a row of the tree, in the measure page's own dialog
  const rows = useRowAdding(roadmap, user, list);

  const lang = i18n.language;
  const header = (
    <PageHeader
      title={t('roadmap.title')}
      subtitle={roadmap ? textOf(roadmap.title, lang) : undefined}
      breadcrumbs={undefined}
      actions={roadmapId ? <ReportButtons roadmapId={roadmapId} /> : undefined}
    />
  );

  if (roadmaps.isLoading || ref.isLoading) {
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  }
  if (roadmaps.error || ref.error) {
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
  }
  const allRoadmaps = roadmaps.data ?? [];

  return (
    <Box>
      {header}
      <Group align="flex-end" gap="md" mb="sm" wrap="wrap">
        <NativeSelect
          label={t('roadmap.chooseRoadmap')}
          value={roadmapId ?? ''}
          onChange={(e) => setView({ roadmap: e.currentTarget.value || null })}
          data={[
            ...(roadmapId ? [] : [{ value: '', label: t('common.empty') }]),
            ...allRoadmaps.map((r) => ({
              value: r.id,
              label: `${textOf(r.title, lang)} (${t(`enums.roadmapStatus.${r.status}`)})`,
            })),
          ]}
          style={{ flex: '1 1 320px', maxWidth: 640 }}
        />
        <Text size="xs" c="gray.8" style={{ flex: '1 1 240px' }}>
          {t('roadmap.shareHint')}
        </Text>
        {roadmapId && (
          <RoadmapFileActions roadmapId={roadmapId} filter={filter} canImport={user?.role === 'admin'} />
        )}
      </Group>
      {user && <RoadmapToolbar roadmap={roadmap} user={user} onOpen={(id) => setView({ roadmap: id })} />}

      {allRoadmaps.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('dashboard.noRoadmaps')}
        </Alert>
      ) : !roadmap ? (
        <Alert color="orange" variant="light" role="alert">
          <Text size="sm">{t('roadmap.noRoadmap')}</Text>
          <Anchor component="button" type="button" size="sm" onClick={() => setView({ roadmap: null })}>
            {t('roadmap.openDefault')}
          </Anchor>
        </Alert>
      ) : (
        <>
          <RoadmapFilters
            view={view}
            onChange={setView}
            spheres={ref.spheres}
            parties={ref.parties}
            organisations={ref.organisations}
          />
          {user && bulkAllowed && (
            <BulkEditBar
              selected={selectedMeasures}
              user={user}
              roadmap={roadmap}
              organisations={ref.organisations}
              parties={ref.parties}
              onClear={() => setSelected(new Set())}
              onKeepOnly={setSelected}
            />
          )}
          {measures.error || filtered.error ? (
            <ErrorAlert
              error={measures.error ?? filtered.error}
              onRetry={() => {
                measures.refetch();
                filtered.refetch();
              }}
            />
          ) : measures.isLoading || (filter && !filtered.data) ? (
            <LoadingState />
          ) : list.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('roadmap.noMeasures')}
            </Alert>
          ) : (
            <>
              {matches && (
                <Text size="sm" mb={4} role="status" aria-live="polite" fw={500}>
                  {matches.size === 0
                    ? t('roadmap.noMatches')
                    : t('roadmap.matches', { count: matches.size })}
                </Text>
              )}
              {(!matches || matches.size > 0) && (
                <MeasureTreeTable
                  measures={list}
                  matches={matches}
                  sort={view.sort}
                  onSortChange={(sort) => setView({ sort })}
                  view={view.view}
                  parties={ref.parties}
                  orgById={ref.orgById}
                  selectable={bulkAllowed}
                  canSelect={canSelect}
                  selected={selected}
                  onSelectedChange={setSelected}
                  height="max(420px, calc(100dvh - 300px))"
                  reveal={rows.reveal}
                  rowMenu={rows.rowMenu}
                />
              )}
            </>
          )}
          {rows.dialog}
          <Box mt="lg">
            <WhatChangedSection roadmap={roadmap} />
          </Box>
          {user?.role === 'admin' && (
            <Box mt="lg">
              <PeriodsSection roadmap={roadmap} />
            </Box>
          )}
        </>
      )}
    </Box>
  );
}
