/** Create or edit an agreement: kind, parties, title and full text in three languages, signing, status. */
import { Checkbox, Group, MultiSelect, NativeSelect, SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type Agreement,
  type AgreementKind,
  type AgreementStatus,
  type I18nText,
} from '../../../../contracts';
import { useAgreements, useSaveAgreement } from '../../../api/agreements';
import { useParties } from '../../../api/reference';
import { DateInput } from '../../../components/DateInput';
import { fieldErrors } from '../../../components/errors';
import { useLocalize } from '../../../components/LocalizedText';
import { FormDialog } from '../../../components/Dialogs';
import { cleanI18n, I18nFields, I18nTextareas } from '../../admin/I18nFields';

interface Form {
  kind: AgreementKind;
  status: AgreementStatus;
  /** null: every party (the default of a new agreement, known once the parties are loaded). */
  partyIds: string[] | null;
  title: Partial<I18nText>;
  fullText: Partial<I18nText>;
  signedOn: string;
  signedPlace: Partial<I18nText>;
  binding: boolean;
  amendsAgreementId: string;
}

const initial = (a: Agreement | null): Form => ({
  kind: a?.kind ?? 'agreement',
  status: a?.status ?? 'signed',
  partyIds: a?.partyIds ?? null,
  title: a?.title ?? { ru: '' },
  fullText: a?.fullText ?? {},
  signedOn: a?.signedOn ?? '',
  signedPlace: a?.signedPlace ?? {},
  binding: a?.binding ?? true,
  amendsAgreementId: a?.amendsAgreementId ?? '',
});

/** The dialog; `editing` null creates a new agreement and opens its page. */
export function AgreementDialog({ editing, onClose }: { editing: Agreement | null; onClose: () => void }) {
  const { t } = useTranslation();
  const l = useLocalize();
  const navigate = useNavigate();
  const parties = useParties();
  const others = useAgreements();
  const [form, setForm] = useState<Form>(() => initial(editing));
  const partyIds = form.partyIds ?? (parties.data ?? []).map((p) => p.id);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = useSaveAgreement(editing);
  const errors = { ...fieldErrors(save.error), ...missing };
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!form.title.ru?.trim()) m['title.ru'] = t('common.required');
    if (partyIds.length < 2) m.partyIds = t('workbench.agreement.twoParties');
    setMissing(m);
    if (Object.keys(m).length) return;
    save.mutate(
      {
        kind: form.kind,
        status: form.status,
        partyIds,
        title: cleanI18n(form.title) as I18nText,
        fullText: cleanI18n(form.fullText),
        signedOn: form.signedOn || null,
        signedPlace: cleanI18n(form.signedPlace),
        binding: form.binding,
        amendsAgreementId: form.amendsAgreementId || null,
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
          if (!editing) navigate(`/agreements/${saved.id}`);
        },
      },
    );
  };

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? t('workbench.agreement.edit') : t('workbench.agreement.new')}
      size="xl"
      error={save.error}
      busy={save.isPending}
      onSubmit={submit}
      submitLabel={editing ? t('common.save') : t('common.create')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('agreements.kind')}
          required
          value={form.kind}
          onChange={(e) => set('kind', e.currentTarget.value as AgreementKind)}
          data={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`enums.agreementKind.${k}`) }))}
          error={errors.kind}
        />
        <NativeSelect
          label={t('agreements.status')}
          required
          value={form.status}
          onChange={(e) => set('status', e.currentTarget.value as AgreementStatus)}
          data={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`enums.agreementStatus.${s}`) }))}
          error={errors.status}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('agreements.parties')}
        required
        value={partyIds}
        onChange={(v) => set('partyIds', v)}
        data={(parties.data ?? []).map((p) => ({ value: p.id, label: `${l.str(p.name)} (${p.code})` }))}
        error={errors.partyIds}
      />
      <I18nFields
        labelKey="workbench.agreement.titleIn"
        value={form.title}
        onChange={(v) => set('title', v)}
        errors={errors}
        path="title"
      />
      <Group grow align="flex-start" wrap="wrap">
        <DateInput
          label={t('agreements.signedOn')}
          value={form.signedOn}
          onChange={(v) => set('signedOn', v)}
          error={errors.signedOn}
          miw={180}
        />
        <Checkbox
          mt={30}
          label={t('agreements.binding')}
          checked={form.binding}
          onChange={(e) => set('binding', e.currentTarget.checked)}
        />
      </Group>
      <I18nFields
        labelKey="workbench.agreement.placeIn"
        value={form.signedPlace}
        onChange={(v) => set('signedPlace', v)}
        errors={errors}
        path="signedPlace"
        required={false}
      />
      <NativeSelect
        label={t('workbench.agreement.amends')}
        value={form.amendsAgreementId}
        onChange={(e) => set('amendsAgreementId', e.currentTarget.value)}
        data={[
          { value: '', label: t('common.none') },
          ...(others.data ?? [])
            .filter((a) => a.id !== editing?.id)
            .map((a) => ({ value: a.id, label: l.str(a.title) })),
        ]}
        error={errors.amendsAgreementId}
      />
      <I18nTextareas
        labelKey="workbench.agreement.fullTextIn"
        value={form.fullText}
        onChange={(v) => set('fullText', v)}
        errors={errors}
        path="fullText"
        maxRows={12}
      />
    </FormDialog>
  );
}
