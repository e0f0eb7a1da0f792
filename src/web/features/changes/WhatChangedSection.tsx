/**
 * «Что изменилось» on the roadmap page: the plan diff between two states — by default from
 * the last meeting's baseline to the current plan — chosen among baselines, a date or now;
 * admins may freeze a baseline now.
 */
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Baseline, Roadmap } from '../../../contracts';
import { useBaselines } from '../../api/baselines';
import { canManageReference } from '../../api/permissions';
import { useSession } from '../../api/session';
import { DateInput, formatDateText, localize, Section } from '../../components';
import { isLocale } from '../../i18n';
import { PagedDiff } from './PagedDiff';
import { FreezeBaselineDialog } from './FreezeBaselineDialog';

const DATE = 'date';

/** The baseline "since the last meeting" starts from: the newest meeting's, else the newest. */
export const defaultFrom = (list: readonly Baseline[]) =>
  (list.find((b) => b.kind === 'meeting') ?? list[0])?.id;

function SidePicker(p: {
  label: string;
  value: string;
  date: string;
  onChange: (v: string) => void;
  onDate: (d: string) => void;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <NativeSelect
        label={p.label}
        value={p.value}
        onChange={(e) => p.onChange(e.currentTarget.value)}
        data={[...p.options, { value: DATE, label: t('changes.pickDate') }]}
        style={{ maxWidth: '100%' }}
      />
      {p.value === DATE && (
        <DateInput label={`${p.label}: ${t('changes.date')}`} value={p.date} onChange={p.onDate} />
      )}
    </Group>
  );
}

export function WhatChangedSection({ roadmap }: { roadmap: Roadmap }) {
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const user = useSession().data?.user ?? null;
  const baselines = useBaselines(roadmap.id);
  const list = baselines.data ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState('now');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [freezing, setFreezing] = useState(false);
  const fromValue = from ?? defaultFrom(list) ?? DATE;
  const side = (v: string, d: string) => (v === DATE ? d : v);
  const ready = (fromValue !== DATE || !!fromDate) && (to !== DATE || !!toDate);
  const options = list.map((b) => ({
    value: b.id,
    label: t('changes.baselineLine', {
      name: localize(b.name, lang).text,
      date: formatDateText(b.takenAt.slice(0, 10), lang),
      kind: t(`changes.kindNames.${b.kind}`),
    }),
  }));
  return (
    <Section id="roadmap-changes" title={t('changes.title')}>
      <Stack gap="sm">
        <Text size="sm" c="gray.8">
          {list.length ? t('changes.hint') : t('changes.noBaseline')}
        </Text>
        <Group gap="md" align="flex-end" wrap="wrap">
          <SidePicker
            label={t('changes.from')}
            value={fromValue}
            date={fromDate}
            onChange={setFrom}
            onDate={setFromDate}
            options={options}
          />
          <SidePicker
            label={t('changes.to')}
            value={to}
            date={toDate}
            onChange={setTo}
            onDate={setToDate}
            options={[{ value: 'now', label: t('changes.now') }, ...options]}
          />
          {canManageReference(user) && roadmap.status !== 'archived' && (
            <Button variant="default" onClick={() => setFreezing(true)}>
              {t('changes.freeze')}
            </Button>
          )}
        </Group>
        <PagedDiff
          roadmapId={roadmap.id}
          from={side(fromValue, fromDate)}
          to={side(to, toDate)}
          enabled={ready && baselines.isSuccess}
          error={baselines.error}
        />
      </Stack>
      {freezing && <FreezeBaselineDialog roadmapId={roadmap.id} onClose={() => setFreezing(false)} />}
    </Section>
  );
}
