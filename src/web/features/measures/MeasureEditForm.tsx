/**
 * The measure edit form. It offers exactly the fields the policy lets this user change
 * (through api/permissions), sends only what changed, validates with the API's own contract
 * (MeasureUpdate) before sending, and puts the API's field errors beside the fields. Where a
 * change says why (an approved plan, a status correction) it may also cite the commission
 * decision it follows. A stale version (409 version_conflict) is explained with a reload button.
 */
import { Alert, Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Measure,
  MeasureUpdate,
  type Organisation,
  type Party,
  type Roadmap,
  type Sphere,
  type User,
} from '../../../contracts';
import { isApiError } from '../../api/client';
import { useUpdateMeasure } from '../../api/measures';
import { editableFields, type MeasureField } from '../../api/permissions';
import { ErrorAlert, localizeIssue, localizeMessage } from '../../components';
import { FieldsSection } from './components/FieldsSection';
import { LinksSection } from './components/LinksSection';
import { TextsSection } from './components/TextsSection';
import { ReasonField, reasonError } from './components/ReasonField';
import { DecisionSelect } from '../meetings/components/DecisionSelect';
import { buildPatch, type FormValues, needsReason, type SectionProps, valuesOf } from './editForm';
import { ResponsibleEditor } from './ResponsibleEditor';

/** Props: the measure as loaded, and what the form needs to offer choices. */
export interface MeasureEditFormProps {
  measure: Measure;
  user: User;
  roadmap: Roadmap | undefined;
  parties: readonly Party[];
  spheres: readonly Sphere[];
  organisations: readonly Organisation[];
  onDone: (saved: Measure | null) => void;
  /** Reloads the measure after a version conflict. */
  onReload: () => Promise<unknown>;
}

/** The edit form (see the module comment). */
export function MeasureEditForm({
  measure,
  user,
  roadmap,
  parties,
  spheres,
  organisations,
  onDone,
  onReload,
}: MeasureEditFormProps) {
  const { t } = useTranslation();
  const allowed = editableFields(user, measure);
  const may = (f: MeasureField) => allowed.includes(f);
  const [values, setValues] = useState<FormValues>(() => valuesOf(measure));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [nothing, setNothing] = useState(false);
  const [reason, setReason] = useState('');
  const [decisionId, setDecisionId] = useState('');
  // an approved plan changes only with a reason (the API refuses without one)
  const approved = roadmap?.status === 'approved';
  const askReason = approved || may('status');
  const set: SectionProps['set'] = (k, v) => {
    setNothing(false);
    setValues((prev) => ({ ...prev, [k]: v }));
  };
  const save = useUpdateMeasure(measure.id, onDone);

  const apiErrors: Record<string, string> = {};
  if (isApiError(save.error))
    for (const d of save.error.details)
      if (d.path && !apiErrors[d.path]) apiErrors[d.path] = localizeMessage(d.message, t);
  const errors = { ...apiErrors, ...clientErrors };
  const errAt = (path: string) => {
    if (errors[path]) return errors[path];
    const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
    return key ? errors[key] : undefined;
  };
  const conflict = isApiError(save.error) && save.error.code === 'version_conflict';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = buildPatch(measure, values, allowed);
    if (Object.keys(patch).length === 0) {
      setNothing(true);
      return;
    }
    // one reason serves both rules: a plan change in an approved roadmap, and a direct
    // correction of status or progress (which otherwise follow the reconciled joint status)
    const corrects = patch.status !== undefined || patch.progress !== undefined;
    const why = (approved && needsReason(patch)) || corrects ? reasonError(reason, t) : undefined;
    if (askReason && reason.trim()) patch.reason = reason.trim();
    if (askReason && decisionId) patch.decisionId = decisionId;
    const parsed = MeasureUpdate.safeParse({ version: measure.version, ...patch });
    if (!parsed.success || why) {
      const errs: Record<string, string> = why ? { reason: why } : {};
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const path = issue.path.join('.');
        if (!errs[path]) errs[path] = localizeIssue(issue);
      }
      setClientErrors(errs);
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data as Record<string, unknown>);
  };

  const responsibleErrors: Record<number, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^responsible\.(\d+)/.exec(k);
    if (m && responsibleErrors[Number(m[1])] === undefined) responsibleErrors[Number(m[1])] = v;
  }
  const generalError = save.error && !conflict && Object.keys(apiErrors).length === 0 ? save.error : null;
  const section: SectionProps = { values, set, errAt, errors, may };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="measure-edit-title">
      <Stack gap="md">
        <Text component="h2" id="measure-edit-title" fw={700} fz="lg">
          {t('measure.editTitle')}
        </Text>
        {allowed.length < 14 && (
          <Text size="sm" c="gray.8">
            {t('measure.limitedEdit')}
          </Text>
        )}
        {conflict && (
          <Alert color="orange" variant="light" role="alert" title={t('measure.conflictTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('measure.conflictText')}</Text>
              <Text size="xs" c="gray.8">
                {save.error?.message}
              </Text>
              <Button
                size="xs"
                style={{ alignSelf: 'flex-start' }}
                onClick={async () => {
                  const fresh = (await onReload()) as { data?: Measure } | undefined;
                  if (fresh?.data) setValues(valuesOf(fresh.data));
                  save.reset();
                }}
              >
                {t('measure.conflictReload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {Object.keys(errors).length > 0 && !conflict && (
          <Alert color="red" variant="light" role="alert" title={t('errors.fieldErrors')}>
            {save.error && <Text size="sm">{save.error.message}</Text>}
          </Alert>
        )}
        {generalError && <ErrorAlert error={generalError} />}

        <TextsSection {...section} />
        <FieldsSection {...section} rolledUp={measure.childCount > 0} parties={parties} />
        <LinksSection {...section} measure={measure} roadmap={roadmap} spheres={spheres} />
        {may('responsible') && (
          <Fieldset legend={t('fields.responsible')}>
            <ResponsibleEditor
              label={t('fields.responsible')}
              value={values.responsible}
              onChange={(v) => set('responsible', v)}
              organisations={organisations}
              parties={parties}
              editablePartyId={user.role === 'admin' ? null : user.partyId}
              errors={responsibleErrors}
              listError={errors.responsible}
            />
          </Fieldset>
        )}
        {askReason && (
          <ReasonField
            value={reason}
            onChange={setReason}
            error={errors.reason}
            required={approved}
            hint={approved ? undefined : t('statusCorrection.hint')}
          />
        )}
        {askReason && (
          <DecisionSelect
            roadmapId={measure.roadmapId}
            value={decisionId}
            onChange={setDecisionId}
            error={errors.decisionId}
          />
        )}
        {nothing && (
          <Text size="sm" role="status">
            {t('measure.noChanges')}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
