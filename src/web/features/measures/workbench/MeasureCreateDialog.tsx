/**
 * A new measure under a parent (a child) or beside a measure (a sibling), or at the top of a
 * roadmap. The code may be left empty: the API gives the next free number under the parent,
 * shown when the measure is saved. In an approved roadmap a reason is required, and the
 * commission decision the new measure follows may be cited.
 */
import { Fieldset, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Measure, MeasureCreate, type Roadmap, type User } from '../../../../contracts';
import { fieldErrors } from '../../../components/errors';
import { localizeIssue } from '../../../components';
import { useCreateMeasure } from '../../../api/measures';
import { useReference } from '../../../api/reference';
import { FormDialog } from '../../../components/Dialogs';
import { FieldsSection } from '../components/FieldsSection';
import { ReasonField, reasonError } from '../components/ReasonField';
import { DecisionSelect } from '../../meetings/components/DecisionSelect';
import { TextsSection } from '../components/TextsSection';
import { type FormValues, type SectionProps, texts } from '../editForm';
import { ResponsibleEditor } from '../ResponsibleEditor';

const CREATE_FIELDS = [
  'title',
  'description',
  'startDate',
  'dueDate',
  'completionForm',
  'weight',
  'tier',
  'ownerPartyId',
];

const blank = (user: User): FormValues => ({
  title: texts(null),
  description: texts(null),
  startDate: '',
  dueDate: '',
  completionForm: 'event_held',
  weight: 1,
  tier: user.role === 'admin' ? 'shared' : 'internal',
  ownerPartyId: user.role === 'admin' ? '' : (user.partyId ?? ''),
  status: 'not_started',
  progress: 0,
  sphereIds: [],
  provisionIds: [],
  responsible: [],
  dependsOn: [],
});

const i18n = (v: FormValues['title']) => ({
  ru: v.ru,
  ...(v.kk.trim() ? { kk: v.kk } : {}),
  ...(v.en.trim() ? { en: v.en } : {}),
});

/**
 * The dialog. `parent` null: a top-level measure. The new measure's page opens, unless
 * `onCreated` is given (the roadmap tree stays where the user was).
 */
export function MeasureCreateDialog({
  roadmap,
  parent,
  user,
  onClose,
  onCreated,
}: {
  roadmap: Roadmap;
  parent: Measure | null;
  user: User;
  onClose: () => void;
  onCreated?: (saved: Measure) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ref = useReference();
  const [values, setValues] = useState<FormValues>(() => blank(user));
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [decisionId, setDecisionId] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const create = useCreateMeasure();
  const approved = roadmap.status === 'approved';
  const errors = { ...fieldErrors(create.error), ...clientErrors };
  const errAt = (path: string) =>
    errors[path] ?? errors[Object.keys(errors).find((k) => k.startsWith(`${path}.`)) ?? ''];
  const may = (f: string) =>
    CREATE_FIELDS.includes(f) && (f !== 'tier' && f !== 'ownerPartyId' ? true : user.role === 'admin');
  const section: SectionProps = {
    values,
    set: (k, v) => setValues((p) => ({ ...p, [k]: v })),
    errAt,
    errors,
    may: may as SectionProps['may'],
  };
  const responsibleErrors: Record<number, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^responsible\.(\d+)/.exec(k);
    if (m) responsibleErrors[Number(m[1])] ??= v;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const description = values.description.ru.trim() ? i18n(values.description) : null;
    const body = {
      roadmapId: roadmap.id,
      parentId: parent?.id ?? null,
      ...(code.trim() ? { code: code.trim() } : {}),
      title: i18n(values.title),
      description,
      startDate: values.startDate,
      dueDate: values.dueDate,
      completionForm: values.completionForm,
      weight: Number(values.weight),
      tier: values.tier,
      ownerPartyId: values.tier === 'internal' ? values.ownerPartyId || null : null,
      responsible: values.responsible,
      ...(approved ? { reason: reason.trim() } : {}),
      ...(approved && decisionId ? { decisionId } : {}),
    };
    const errs: Record<string, string> = {};
    const parsed = MeasureCreate.safeParse(body);
    if (!parsed.success)
      for (const issue of parsed.error.issues) errs[issue.path.join('.')] ??= localizeIssue(issue);
    const why = approved ? reasonError(reason, t) : undefined;
    if (why) errs.reason = why;
    setClientErrors(errs);
    if (Object.keys(errs).length) return;
    create.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: t('workbench.measure.created', { code: saved.code }) });
        onClose();
        if (onCreated) onCreated(saved);
        else navigate(`/measures/${saved.id}`);
      },
    });
  };

  return (
    <FormDialog
      onClose={onClose}
      title={
        parent ? t('workbench.measure.newChildOf', { code: parent.code }) : t('workbench.measure.newTop')
      }
      size="xl"
      error={create.error}
      busy={create.isPending}
      onSubmit={submit}
      submitLabel={t('common.create')}
    >
      <TextInput
        label={t('workbench.measure.code')}
        description={t('workbench.measure.codeHint')}
        placeholder={parent ? `${parent.code}.…` : '…'}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value)}
        error={errors.code}
        maw={260}
      />
      <TextsSection {...section} />
      <FieldsSection {...section} rolledUp={false} parties={ref.parties} />
      <Fieldset legend={t('fields.responsible')}>
        <ResponsibleEditor
          label={t('fields.responsible')}
          value={values.responsible}
          onChange={(v) => section.set('responsible', v)}
          organisations={ref.organisations}
          parties={ref.parties}
          editablePartyId={user.role === 'admin' ? null : user.partyId}
          errors={responsibleErrors}
          listError={errors.responsible}
        />
      </Fieldset>
      <Text fz="xs" c="gray.8">
        {t('workbench.measure.linksLater')}
      </Text>
      {approved && <ReasonField value={reason} onChange={setReason} error={errors.reason} />}
      {approved && (
        <DecisionSelect
          roadmapId={roadmap.id}
          value={decisionId}
          onChange={setDecisionId}
          error={errors.decisionId}
        />
      )}
    </FormDialog>
  );
}
