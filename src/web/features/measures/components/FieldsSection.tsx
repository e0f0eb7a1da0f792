/** The measure's scalar fields: status, progress, dates, completion form, weight, tier, owner. */
import { NativeSelect, NumberInput, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COMPLETION_FORMS, MEASURE_STATUSES, type Measure, type Party, TIERS } from '../../../../contracts';
import { DateInput } from '../../../components';
import { textOf } from '../../roadmap/format';
import type { SectionProps } from '../editForm';

/** Props: the section's, whether the measure rolls up from children, and the parties to own it. */
export interface FieldsSectionProps extends SectionProps {
  rolledUp: boolean;
  parties: readonly Party[];
}

/** A two-column grid of the fields the policy lets the user change. */
export function FieldsSection({ values, set, errAt, may, rolledUp, parties }: FieldsSectionProps) {
  const { t, i18n } = useTranslation();
  const rolledUpNote = rolledUp ? t('measure.rolledUp') : undefined;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {may('status') && (
        <NativeSelect
          label={t('fields.status')}
          value={values.status}
          disabled={rolledUp}
          description={rolledUpNote}
          onChange={(e) => set('status', e.currentTarget.value as Measure['status'])}
          data={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
          error={errAt('status')}
        />
      )}
      {may('progress') && (
        <NumberInput
          label={t('measure.progressLabel')}
          min={0}
          max={100}
          step={5}
          clampBehavior="none"
          allowDecimal={false}
          disabled={rolledUp}
          description={rolledUpNote}
          value={values.progress}
          onChange={(v) => set('progress', v)}
          error={errAt('progress')}
        />
      )}
      {may('startDate') && (
        <DateInput
          label={t('fields.startDate')}
          required
          value={values.startDate}
          onChange={(v) => set('startDate', v)}
          error={errAt('startDate')}
        />
      )}
      {may('dueDate') && (
        <DateInput
          label={t('fields.dueDate')}
          required
          value={values.dueDate}
          min={values.startDate || undefined}
          onChange={(v) => set('dueDate', v)}
          error={errAt('dueDate')}
        />
      )}
      {may('completionForm') && (
        <NativeSelect
          label={t('fields.completionForm')}
          value={values.completionForm}
          onChange={(e) => set('completionForm', e.currentTarget.value as Measure['completionForm'])}
          data={COMPLETION_FORMS.map((f) => ({ value: f, label: t(`enums.completionForm.${f}`) }))}
          error={errAt('completionForm')}
        />
      )}
      {may('weight') && (
        <NumberInput
          label={t('fields.weight')}
          min={0}
          max={1000}
          clampBehavior="none"
          value={values.weight}
          onChange={(v) => set('weight', v)}
          error={errAt('weight')}
        />
      )}
      {may('tier') && (
        <NativeSelect
          label={t('fields.tier')}
          value={values.tier}
          onChange={(e) => set('tier', e.currentTarget.value as Measure['tier'])}
          data={TIERS.map((x) => ({ value: x, label: t(`enums.tier.${x}`) }))}
          error={errAt('tier')}
        />
      )}
      {may('ownerPartyId') && values.tier === 'internal' && (
        <NativeSelect
          label={t('fields.ownerPartyId')}
          value={values.ownerPartyId}
          onChange={(e) => set('ownerPartyId', e.currentTarget.value)}
          data={[
            { value: '', label: t('common.empty') },
            ...parties.map((p) => ({ value: p.id, label: textOf(p.name, i18n.language) })),
          ]}
          error={errAt('ownerPartyId')}
        />
      )}
    </SimpleGrid>
  );
}
