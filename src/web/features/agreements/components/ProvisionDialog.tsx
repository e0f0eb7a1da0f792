/** Add or edit a provision: its clause number, text in three languages, spheres as tags. */
import { MultiSelect, NativeSelect, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nText, Provision } from '../../../../contracts';
import { useProvisions, useSaveProvision } from '../../../api/agreements';
import { useSpheres } from '../../../api/reference';
import { fieldErrors } from '../../../components/errors';
import { useLocalize } from '../../../components/LocalizedText';
import { FormDialog } from '../../../components/Dialogs';
import { cleanI18n, I18nTextareas } from '../../admin/I18nFields';

/** The dialog; `amendsAgreementId` offers the amended agreement's provisions to change. */
export function ProvisionDialog({
  agreementId,
  amendsAgreementId,
  editing,
  onClose,
}: {
  agreementId: string;
  amendsAgreementId: string | null;
  editing: Provision | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const spheres = useSpheres();
  const amended = useProvisions(amendsAgreementId ?? undefined);
  const [number, setNumber] = useState(editing?.number ?? '');
  const [text, setText] = useState<Partial<I18nText>>(editing?.text ?? {});
  const [sphereIds, setSphereIds] = useState<string[]>(editing?.sphereIds ?? []);
  const [amends, setAmends] = useState(editing?.amendsProvisionId ?? '');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const save = useSaveProvision(agreementId, editing);
  const errors = { ...fieldErrors(save.error), ...missing };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!number.trim()) m.number = t('common.required');
    if (!text.ru?.trim()) m['text.ru'] = t('common.required');
    setMissing(m);
    if (Object.keys(m).length) return;
    save.mutate(
      {
        number: number.trim(),
        text: cleanI18n(text) as I18nText,
        sphereIds,
        amendsProvisionId: amends || null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('common.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <FormDialog
      onClose={onClose}
      title={
        editing ? t('workbench.provision.edit', { number: editing.number }) : t('workbench.provision.new')
      }
      size="lg"
      error={save.error}
      busy={save.isPending}
      onSubmit={submit}
      submitLabel={editing ? t('common.save') : t('common.add')}
    >
      <TextInput
        label={t('workbench.provision.number')}
        description={t('workbench.provision.numberHint')}
        required
        value={number}
        onChange={(e) => setNumber(e.currentTarget.value)}
        error={errors.number}
        maw={220}
      />
      <I18nTextareas
        labelKey="workbench.provision.textIn"
        value={text}
        onChange={setText}
        errors={errors}
        path="text"
        required
      />
      <MultiSelect
        label={t('workbench.provision.spheres')}
        searchable
        value={sphereIds}
        onChange={setSphereIds}
        data={(spheres.data ?? []).map((s) => ({ value: s.id, label: l.str(s.name) }))}
        error={errors.sphereIds}
      />
      {amendsAgreementId && (
        <NativeSelect
          label={t('workbench.provision.amends')}
          value={amends}
          onChange={(e) => setAmends(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.none') },
            ...(amended.data ?? []).map((p) => ({
              value: p.id,
              label: t('agreements.provisionNumber', { number: p.number }),
            })),
          ]}
          error={errors.amendsProvisionId}
        />
      )}
    </FormDialog>
  );
}
