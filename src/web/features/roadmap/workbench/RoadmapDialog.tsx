/** Create or edit a roadmap: title and description in three languages, agreements, reporting settings. */
import { MultiSelect, NativeSelect, NumberInput, SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type I18nText, REPORTING_FREQUENCIES, type Roadmap } from '../../../../contracts';
import { useAgreements } from '../../../api/agreements';
import { useSaveRoadmap } from '../../../api/roadmaps';
import { fieldErrors } from '../../../components/errors';
import { useLocalize } from '../../../components/LocalizedText';
import { FormDialog } from '../../../components/Dialogs';
import { cleanI18n, I18nFields, I18nTextareas } from '../../admin/I18nFields';

/** The dialog; `editing` null creates a draft roadmap and `onSaved` opens it. */
export function RoadmapDialog({
  editing,
  onClose,
  onSaved,
}: {
  editing: Roadmap | null;
  onClose: () => void;
  onSaved?: (r: Roadmap) => void;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const agreements = useAgreements();
  const [title, setTitle] = useState<Partial<I18nText>>(editing?.title ?? { ru: '' });
  const [description, setDescription] = useState<Partial<I18nText>>(editing?.description ?? {});
  const [agreementIds, setAgreementIds] = useState<string[]>(editing?.agreementIds ?? []);
  const [frequency, setFrequency] = useState<Roadmap['reportingFrequency']>(
    editing?.reportingFrequency ?? 'quarterly',
  );
  const [dueDays, setDueDays] = useState<number | string>(editing?.reportDueDays ?? 10);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = useSaveRoadmap(editing);
  const errors = { ...fieldErrors(save.error), ...missing };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!title.ru?.trim()) m['title.ru'] = t('common.required');
    if (dueDays === '' || !Number.isInteger(Number(dueDays))) m.reportDueDays = t('common.required');
    setMissing(m);
    if (Object.keys(m).length) return;
    save.mutate(
      {
        title: cleanI18n(title) as I18nText,
        description: cleanI18n(description),
        agreementIds,
        reportingFrequency: frequency,
        reportDueDays: Number(dueDays),
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
          onSaved?.(saved);
        },
      },
    );
  };

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? t('workbench.roadmap.edit') : t('workbench.roadmap.new')}
      size="xl"
      error={save.error}
      busy={save.isPending}
      onSubmit={submit}
      submitLabel={editing ? t('common.save') : t('common.create')}
    >
      <I18nFields
        labelKey="workbench.agreement.titleIn"
        value={title}
        onChange={setTitle}
        errors={errors}
        path="title"
      />
      <I18nTextareas
        labelKey="workbench.roadmap.descriptionIn"
        value={description}
        onChange={setDescription}
        errors={errors}
        path="description"
        maxRows={8}
      />
      <MultiSelect
        label={t('workbench.roadmap.agreements')}
        searchable
        value={agreementIds}
        onChange={setAgreementIds}
        data={(agreements.data ?? []).map((a) => ({ value: a.id, label: l.str(a.title) }))}
        error={errors.agreementIds}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('workbench.roadmap.frequency')}
          value={frequency}
          onChange={(e) => setFrequency(e.currentTarget.value as Roadmap['reportingFrequency'])}
          data={REPORTING_FREQUENCIES.map((f) => ({ value: f, label: t(`periods.frequencies.${f}`) }))}
          error={errors.reportingFrequency}
        />
        <NumberInput
          label={t('workbench.roadmap.dueDays')}
          description={t('workbench.roadmap.dueDaysHint')}
          min={0}
          max={90}
          allowDecimal={false}
          clampBehavior="none"
          value={dueDays}
          onChange={setDueDays}
          error={errors.reportDueDays}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
