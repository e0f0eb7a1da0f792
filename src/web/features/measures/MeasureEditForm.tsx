/**
 * The measure edit form. It offers exactly the fields the policy lets this user change
 * (domain/policies.ts editableMeasureFields), sends only what changed, validates with the
 * API's own contract (MeasureUpdate) before sending, and puts the API's field errors beside
 * the fields. A stale version (409 version_conflict) is explained with a reload button.
 */
import {
  Alert,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPLETION_FORMS,
  type I18nText,
  MEASURE_STATUSES,
  type Measure,
  MeasureUpdate,
  type Organisation,
  type Party,
  type Provision,
  type Roadmap,
  type Sphere,
  TIERS,
} from '../../../contracts';
import { editableMeasureFields, type MeasureField } from '../../../domain/policies';
import { api, fetchAll, isApiError } from '../../api/client';
import { useInvalidateMeasures, useRoadmapMeasures } from '../../api/hooks';
import { ErrorAlert, localizeIssue, localizeMessage } from '../../components';
import { actorOf, factsOf, textOf } from '../roadmap/format';
import { type ResponsibleEntry, ResponsibleEditor } from './ResponsibleEditor';

type Texts = { ru: string; kk: string; en: string };

interface FormValues {
  title: Texts;
  description: Texts;
  startDate: string;
  dueDate: string;
  completionForm: Measure['completionForm'];
  weight: number | string;
  tier: Measure['tier'];
  ownerPartyId: string;
  status: Measure['status'];
  progress: number | string;
  sphereIds: string[];
  provisionIds: string[];
  responsible: ResponsibleEntry[];
  dependsOn: string[];
}

const texts = (v: I18nText | null): Texts => ({ ru: v?.ru ?? '', kk: v?.kk ?? '', en: v?.en ?? '' });

function valuesOf(m: Measure): FormValues {
  return {
    title: texts(m.title),
    description: texts(m.description),
    startDate: m.startDate,
    dueDate: m.dueDate,
    completionForm: m.completionForm,
    weight: m.weight,
    tier: m.tier,
    ownerPartyId: m.ownerPartyId ?? '',
    status: m.status,
    progress: m.progress,
    sphereIds: [...m.sphereIds],
    provisionIds: [...m.provisionIds],
    responsible: m.responsible.map((r) => ({ organisationId: r.organisationId, role: r.role })),
    dependsOn: [...m.dependsOn],
  };
}

/** Form texts → I18nText: empty translations are left out, not sent as ''. */
function toI18n(v: Texts): I18nText {
  return { ru: v.ru, ...(v.kk.trim() ? { kk: v.kk } : {}), ...(v.en.trim() ? { en: v.en } : {}) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedSame = (a: string[], b: string[]) => same([...a].sort(), [...b].sort());

/** The PATCH body: only fields that are both allowed and changed. */
export function buildPatch(
  m: Measure,
  v: FormValues,
  allowed: readonly MeasureField[],
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const may = (f: MeasureField) => allowed.includes(f);
  if (may('title') && !same(toI18n(v.title), toI18n(texts(m.title)))) patch.title = toI18n(v.title);
  if (may('description')) {
    const next =
      v.description.ru.trim() || v.description.kk.trim() || v.description.en.trim()
        ? toI18n(v.description)
        : null;
    const cur = m.description ? toI18n(texts(m.description)) : null;
    if (!same(next, cur)) patch.description = next;
  }
  if (may('startDate') && v.startDate !== m.startDate) patch.startDate = v.startDate;
  if (may('dueDate') && v.dueDate !== m.dueDate) patch.dueDate = v.dueDate;
  if (may('completionForm') && v.completionForm !== m.completionForm) patch.completionForm = v.completionForm;
  if (may('weight') && Number(v.weight) !== m.weight)
    patch.weight = v.weight === '' ? Number.NaN : Number(v.weight);
  if (may('tier') && v.tier !== m.tier) patch.tier = v.tier;
  if (may('ownerPartyId')) {
    const owner = v.tier === 'internal' ? v.ownerPartyId || null : null;
    if (owner !== m.ownerPartyId) patch.ownerPartyId = owner;
  }
  if (may('status') && v.status !== m.status) patch.status = v.status;
  if (may('progress') && Number(v.progress) !== m.progress)
    patch.progress = v.progress === '' ? Number.NaN : Number(v.progress);
  if (may('sphereIds') && !sortedSame(v.sphereIds, m.sphereIds)) patch.sphereIds = v.sphereIds;
  if (may('provisionIds') && !sortedSame(v.provisionIds, m.provisionIds)) patch.provisionIds = v.provisionIds;
  if (may('dependsOn') && !sortedSame(v.dependsOn, m.dependsOn)) patch.dependsOn = v.dependsOn;
  if (may('responsible')) {
    const cur = m.responsible.map((r) => `${r.organisationId}:${r.role}`).sort();
    const next = v.responsible.map((r) => `${r.organisationId}:${r.role}`).sort();
    if (!same(cur, next)) patch.responsible = v.responsible;
  }
  return patch;
}

/** Props: the measure as loaded, and what the form needs to offer choices. */
export interface MeasureEditFormProps {
  measure: Measure;
  user: Parameters<typeof actorOf>[0];
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
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const invalidate = useInvalidateMeasures();
  const allowed = useMemo(() => editableMeasureFields(actorOf(user), factsOf(measure)), [user, measure]);
  const may = (f: MeasureField) => allowed.includes(f);
  const [values, setValues] = useState<FormValues>(() => valuesOf(measure));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [nothing, setNothing] = useState(false);
  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => {
    setNothing(false);
    setValues((prev) => ({ ...prev, [k]: v }));
  };

  // choices that need more data, loaded only when the field is editable
  const roadmapMeasures = useRoadmapMeasures(may('dependsOn') ? measure.roadmapId : undefined);
  const provisionLists = useQueries({
    queries: (may('provisionIds') ? (roadmap?.agreementIds ?? []) : []).map((agreementId) => ({
      queryKey: ['provisions', agreementId],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchAll<Provision>(`/agreements/${agreementId}/provisions`, {}, signal),
    })),
  });

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.patch<Measure>(`/measures/${measure.id}`, body),
    onSuccess: (saved) => {
      qc.setQueryData(['measure', measure.id], saved);
      invalidate();
      onDone(saved);
    },
  });

  const apiErrors: Record<string, string> = {};
  if (isApiError(save.error))
    for (const d of save.error.details)
      if (d.path && !apiErrors[d.path]) apiErrors[d.path] = localizeMessage(d.message, t);
  const errors = { ...apiErrors, ...clientErrors };
  /** The first error at `path` or below it (`responsible` catches `responsible.0.role`). */
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
    const parsed = MeasureUpdate.safeParse({ version: measure.version, ...patch });
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        if (!errs[path]) errs[path] = localizeIssue(issue);
      }
      setClientErrors(errs);
      return;
    }
    setClientErrors({});
    save.mutate(parsed.data as Record<string, unknown>);
  };

  const langLabel = { ru: t('fields.langRu'), kk: t('fields.langKk'), en: t('fields.langEn') };
  const responsibleErrors: Record<number, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^responsible\.(\d+)/.exec(k);
    if (m && responsibleErrors[Number(m[1])] === undefined) responsibleErrors[Number(m[1])] = v;
  }
  const rolledUp = measure.childCount > 0;
  const generalError = save.error && !conflict && Object.keys(apiErrors).length === 0 ? save.error : null;
  const measureOptions = (roadmapMeasures.data ?? [])
    .filter((m) => m.id !== measure.id)
    .map((m) => ({ value: m.id, label: `${m.code} ${textOf(m.title, lang)}` }));
  // keep ids that are already chosen even if the list has not loaded (labels fall back to ids)
  for (const id of values.dependsOn)
    if (!measureOptions.some((o) => o.value === id)) measureOptions.push({ value: id, label: id });
  const provisionOptions = provisionLists
    .flatMap((q) => q.data ?? [])
    .map((p) => ({ value: p.id, label: `${p.number}. ${textOf(p.text, lang).slice(0, 120)}` }));
  for (const id of values.provisionIds)
    if (!provisionOptions.some((o) => o.value === id)) provisionOptions.push({ value: id, label: id });

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

        {may('title') && (
          <Fieldset legend={t('fields.title')}>
            <Stack gap="xs">
              {(['ru', 'kk', 'en'] as const).map((l) => (
                <TextInput
                  key={l}
                  lang={l}
                  label={t('measure.titleIn', { lang: langLabel[l] })}
                  required={l === 'ru'}
                  value={values.title[l]}
                  onChange={(e) => set('title', { ...values.title, [l]: e.currentTarget.value })}
                  error={errAt(`title.${l}`) ?? (l === 'ru' ? errors.title : undefined)}
                  maxLength={500}
                />
              ))}
            </Stack>
          </Fieldset>
        )}
        {may('description') && (
          <Fieldset legend={t('fields.description')}>
            <Stack gap="xs">
              {(['ru', 'kk', 'en'] as const).map((l) => (
                <Textarea
                  key={l}
                  lang={l}
                  label={t('measure.descriptionIn', { lang: langLabel[l] })}
                  autosize
                  minRows={2}
                  maxRows={8}
                  value={values.description[l]}
                  onChange={(e) => set('description', { ...values.description, [l]: e.currentTarget.value })}
                  error={errAt(`description.${l}`) ?? (l === 'ru' ? errors.description : undefined)}
                />
              ))}
            </Stack>
          </Fieldset>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {may('status') && (
            <NativeSelect
              label={t('fields.status')}
              value={values.status}
              disabled={rolledUp}
              description={rolledUp ? t('measure.rolledUp') : undefined}
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
              description={rolledUp ? t('measure.rolledUp') : undefined}
              value={values.progress}
              onChange={(v) => set('progress', v)}
              error={errAt('progress')}
            />
          )}
          {may('startDate') && (
            <TextInput
              type="date"
              label={t('fields.startDate')}
              required
              value={values.startDate}
              onChange={(e) => set('startDate', e.currentTarget.value)}
              error={errAt('startDate')}
            />
          )}
          {may('dueDate') && (
            <TextInput
              type="date"
              label={t('fields.dueDate')}
              required
              value={values.dueDate}
              min={values.startDate || undefined}
              onChange={(e) => set('dueDate', e.currentTarget.value)}
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
                ...parties.map((p) => ({ value: p.id, label: textOf(p.name, lang) })),
              ]}
              error={errAt('ownerPartyId')}
            />
          )}
        </SimpleGrid>
        {may('sphereIds') && (
          <MultiSelect
            label={t('fields.sphereIds')}
            value={values.sphereIds}
            onChange={(v) => set('sphereIds', v)}
            data={spheres.map((s) => ({ value: s.id, label: textOf(s.name, lang) }))}
            searchable
            clearable
            error={errAt('sphereIds')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {may('provisionIds') && (
          <MultiSelect
            label={t('fields.provisionIds')}
            value={values.provisionIds}
            onChange={(v) => set('provisionIds', v)}
            data={provisionOptions}
            searchable
            clearable
            limit={100}
            error={errAt('provisionIds')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {may('dependsOn') && (
          <MultiSelect
            label={t('fields.dependsOn')}
            value={values.dependsOn}
            onChange={(v) => set('dependsOn', v)}
            data={measureOptions}
            searchable
            clearable
            limit={50}
            error={errAt('dependsOn')}
            comboboxProps={{ withinPortal: true }}
          />
        )}
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
