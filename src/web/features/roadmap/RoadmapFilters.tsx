/**
 * Filters and sorting of the roadmap table. The component is controlled by the URL view
 * (see urlState.ts): every change is reported at once, except typing in the search box,
 * which waits for a pause so that the URL and the server are not hit on every keystroke.
 */
import {
  Button,
  Checkbox,
  Collapse,
  Group,
  MultiSelect,
  NativeSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFilter, IconSearch } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEASURE_SORTS,
  MEASURE_STATUSES,
  type MeasureStatus,
  type Organisation,
  type Party,
  type Sphere,
} from '../../../contracts';
import { DateInput, isIsoDate, SEARCH_MAX, useLengthLimit } from '../../components';
import { orgLabel, textOf } from './format';
import { hasFilters, type MeasureSort, NO_FILTERS, type RoadmapView } from './urlState';

/** Props: the current view and what to do with a change of it. */
export interface RoadmapFiltersProps {
  view: RoadmapView;
  onChange: (patch: Partial<RoadmapView>) => void;
  spheres: readonly Sphere[];
  parties: readonly Party[];
  organisations: readonly Organisation[];
  /** Milliseconds the search box waits after typing stops. */
  searchDelay?: number;
}

/** The filter bar above the roadmap table. */
export function RoadmapFilters({
  view,
  onChange,
  spheres,
  parties,
  organisations,
  searchDelay = 350,
}: RoadmapFiltersProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [open, setOpen] = useState(false);
  const panelId = useId();

  // the search box keeps its own text while typing; the URL catches up after a pause
  const [text, setText] = useState(view.q);
  const lastSent = useRef(view.q);
  useEffect(() => {
    if (view.q !== lastSent.current) {
      lastSent.current = view.q;
      setText(view.q);
    }
  }, [view.q]);
  const limit = useLengthLimit();
  const searchHint = limit(text, SEARCH_MAX);
  useEffect(() => {
    if (text.trim() === lastSent.current.trim() || text.trim().length > SEARCH_MAX) return;
    const timer = setTimeout(() => {
      lastSent.current = text.trim();
      onChange({ q: text.trim() });
    }, searchDelay);
    return () => clearTimeout(timer);
  }, [text, searchDelay, onChange]);

  const orgOptions = useMemo(
    () =>
      organisations
        .filter((o) => !view.party || o.partyId === view.party)
        .map((o) => ({ value: o.id, label: orgLabel(o, lang) }))
        .sort((a, b) => a.label.localeCompare(b.label, lang)),
    [organisations, view.party, lang],
  );
  const active = hasFilters(view);

  const controls = (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <TextInput
          label={t('roadmap.text')}
          placeholder={t('roadmap.textPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          type="search"
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (searchHint.error) return;
              lastSent.current = text.trim();
              onChange({ q: text.trim() });
            }
          }}
          description={searchHint.description}
          error={searchHint.error}
        />
        <NativeSelect
          label={t('roadmap.sphere')}
          value={view.sphere ?? ''}
          onChange={(e) => onChange({ sphere: e.currentTarget.value || null })}
          data={[
            { value: '', label: t('common.all') },
            ...spheres.map((s) => ({ value: s.id, label: textOf(s.name, lang) })),
          ]}
        />
        <NativeSelect
          label={t('roadmap.party')}
          value={view.party ?? ''}
          onChange={(e) => {
            const party = e.currentTarget.value || null;
            const org = organisations.find((o) => o.id === view.org);
            // an organisation of the other party would make the result empty
            onChange({ party, ...(org && party && org.partyId !== party ? { org: null } : {}) });
          }}
          data={[
            { value: '', label: t('common.all') },
            ...parties.map((p) => ({ value: p.id, label: textOf(p.name, lang) })),
          ]}
        />
        <Select
          label={t('roadmap.organisation')}
          placeholder={t('common.all')}
          searchable
          clearable
          value={view.org}
          onChange={(v) => onChange({ org: v })}
          data={orgOptions}
          nothingFoundMessage={t('common.empty')}
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label={t('roadmap.status')}
          placeholder={view.status.length ? undefined : t('common.all')}
          value={view.status}
          onChange={(v) => onChange({ status: v as MeasureStatus[] })}
          data={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <DateInput
          label={t('roadmap.dueFrom')}
          value={view.dueFrom ?? ''}
          max={view.dueTo ?? undefined}
          onChange={(v) => {
            // the URL holds only real days; a half-typed date waits in the field
            if (!v || isIsoDate(v)) onChange({ dueFrom: v || null });
          }}
        />
        <DateInput
          label={t('roadmap.dueTo')}
          value={view.dueTo ?? ''}
          min={view.dueFrom ?? undefined}
          onChange={(v) => {
            if (!v || isIsoDate(v)) onChange({ dueTo: v || null });
          }}
        />
        <NativeSelect
          label={t('roadmap.sort')}
          value={view.sort}
          onChange={(e) => onChange({ sort: e.currentTarget.value as MeasureSort })}
          data={MEASURE_SORTS.map((s) => ({ value: s, label: t(`roadmap.sorts.${s}`) }))}
        />
      </SimpleGrid>
      <Group gap="md" justify="space-between" wrap="wrap">
        <Group gap="md" wrap="wrap">
          <Checkbox
            label={t('roadmap.overdueOnly')}
            checked={view.overdue}
            onChange={(e) => onChange({ overdue: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('roadmap.atRiskOnly')}
            checked={view.atRisk}
            onChange={(e) => onChange({ atRisk: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('reportFlags.lateReportOnly')}
            checked={view.lateReport}
            onChange={(e) => onChange({ lateReport: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('listing.leafOnly')}
            checked={view.leaf}
            onChange={(e) => onChange({ leaf: e.currentTarget.checked })}
          />
        </Group>
        <Group gap="sm" wrap="wrap">
          <Text size="sm" id={`${panelId}-view`} fw={500}>
            {t('roadmap.view')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={`${panelId}-view`}
            value={view.view}
            onChange={(v) => onChange({ view: v as RoadmapView['view'] })}
            data={[
              { value: 'tree', label: t('roadmap.viewTree') },
              { value: 'flat', label: t('roadmap.viewFlat') },
            ]}
          />
          <Button
            variant="subtle"
            size="xs"
            disabled={!active}
            onClick={() => {
              lastSent.current = '';
              setText('');
              onChange(NO_FILTERS);
            }}
          >
            {t('roadmap.clearFilters')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );

  return (
    <search aria-label={t('roadmap.filters')} style={{ display: 'block', marginBottom: 12 }}>
      {phone ? (
        <>
          <Button
            variant={active ? 'light' : 'default'}
            size="sm"
            leftSection={<IconFilter size={16} aria-hidden />}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
            mb="xs"
          >
            {active ? t('roadmap.filtersActive') : t('roadmap.filters')}
          </Button>
          <Collapse expanded={open} id={panelId}>
            {controls}
          </Collapse>
        </>
      ) : (
        <div id={panelId}>{controls}</div>
      )}
    </search>
  );
}
