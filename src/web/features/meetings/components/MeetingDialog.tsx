/**
 * Create or edit a commission meeting: number, date, place, a co-chair of each party, the
 * roadmaps it reviews, the agenda and the decisions with their measures. Checked against the
 * contract before sending; the API's refusals appear beside their fields; a stale version is
 * said and the meeting reloaded into the form.
 */
import { Alert, Button, Fieldset, MultiSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Meeting } from '../../../../contracts';
import { isApiError } from '../../../api/client';
import { useSaveMeeting } from '../../../api/meetings';
import { useReference } from '../../../api/reference';
import { useRoadmaps } from '../../../api/roadmaps';
import { DateInput } from '../../../components/DateInput';
import { useLocalize } from '../../../components/LocalizedText';
import { FormDialog } from '../../../components/Dialogs';
import { I18nFields } from '../../admin/I18nFields';
import { checkValues, initialValues, mapErrors, type MeetingFormValues, toBody } from '../meetingForm';
import { AgendaEditor } from './AgendaEditor';
import { DecisionsEditor } from './DecisionsEditor';
import { useMeasuresOf } from './MeasurePicker';

/** Props: `editing` null creates a meeting (numbered after `nextNumber - 1`) and opens its page. */
export function MeetingDialog({
  editing,
  nextNumber,
  onClose,
}: {
  editing: Meeting | null;
  nextNumber?: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const navigate = useNavigate();
  const { parties } = useReference();
  const roadmaps = useRoadmaps();
  const [values, setValues] = useState<MeetingFormValues>(() =>
    initialValues(editing, parties, { nextNumber }),
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<string[]>([]);
  const save = useSaveMeeting(editing);
  const measures = useMeasuresOf(values.roadmapIds);
  const conflict = isApiError(save.error) && save.error.code === 'version_conflict';
  const errors = {
    ...(isApiError(save.error) && !conflict ? mapErrors(save.error.details, sent) : {}),
    ...local,
  };
  const set = <K extends keyof MeetingFormValues>(k: K, v: MeetingFormValues[K]) =>
    setValues((f) => ({ ...f, [k]: v }));

  const reload = () => {
    // the page's query was read again on the 409; `editing` is the fresh meeting
    save.reset();
    setLocal({});
    setValues(initialValues(editing, parties));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs = checkValues(values, parties, t('common.required'));
    setLocal(errs);
    if (Object.keys(errs).length) return;
    const { body, chairParties } = toBody(values, parties);
    setSent(chairParties);
    save.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: t('common.saved') });
        onClose();
        if (!editing) navigate(`/meetings/${saved.id}`);
      },
    });
  };

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? t('meetingForm.editTitle', { number: editing.number }) : t('meetingForm.newTitle')}
      size="xl"
      error={conflict || Object.keys(errors).length ? null : save.error}
      busy={save.isPending}
      onSubmit={submit}
      submitLabel={editing ? t('common.save') : t('common.create')}
    >
      {conflict && (
        <Alert color="orange" variant="light" role="alert" title={t('meetingForm.conflictTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('meetingForm.conflictText')}</Text>
            <Button size="xs" variant="default" onClick={reload}>
              {t('meetingForm.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {Object.keys(errors).length > 0 && (
        <Text size="sm" c="#c92a2a" role="alert">
          {t('meetingForm.fixErrors', { count: Object.keys(errors).length })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          label={t('meetingForm.number')}
          description={t('meetingForm.numberHint')}
          required
          inputMode="numeric"
          value={values.number}
          onChange={(e) => set('number', e.currentTarget.value)}
          error={errors.number}
        />
        <DateInput
          label={t('meetings.date')}
          required
          value={values.date}
          onChange={(v) => set('date', v)}
          error={errors.date}
        />
      </SimpleGrid>
      <I18nFields
        labelKey="meetingForm.placeIn"
        value={values.place}
        onChange={(v) => set('place', v)}
        errors={errors}
        path="place"
        required={false}
      />
      {parties.map((p) => {
        const c = values.coChairs[p.id] ?? { name: {}, position: {} };
        const put = (k: 'name' | 'position', v: MeetingFormValues['place']) =>
          set('coChairs', { ...values.coChairs, [p.id]: { ...c, [k]: v } });
        return (
          <Fieldset key={p.id} legend={t('meetingForm.coChairOf', { party: l.str(p.name) })}>
            <Stack gap="xs">
              <I18nFields
                labelKey="meetingForm.chairNameIn"
                value={c.name}
                onChange={(v) => put('name', v)}
                errors={errors}
                path={`coChairs.${p.id}.name`}
                required={false}
              />
              <I18nFields
                labelKey="meetingForm.chairPositionIn"
                value={c.position}
                onChange={(v) => put('position', v)}
                errors={errors}
                path={`coChairs.${p.id}.position`}
                required={false}
              />
            </Stack>
          </Fieldset>
        );
      })}
      {errors.coChairs && (
        <Text size="sm" c="#c92a2a" role="alert">
          {errors.coChairs}
        </Text>
      )}
      <MultiSelect
        label={t('meetings.roadmaps')}
        description={t('meetingForm.roadmapsHint')}
        value={values.roadmapIds}
        onChange={(v) => set('roadmapIds', v)}
        data={(roadmaps.data ?? []).map((r) => ({ value: r.id, label: l.str(r.title) }))}
        searchable
        error={errors.roadmapIds}
        comboboxProps={{ withinPortal: true }}
      />
      <AgendaEditor value={values.agenda} onChange={(v) => set('agenda', v)} errors={errors} />
      <DecisionsEditor
        value={values.decisions}
        onChange={(v) => set('decisions', v)}
        errors={errors}
        measures={measures}
        noRoadmaps={values.roadmapIds.length === 0}
      />
    </FormDialog>
  );
}
