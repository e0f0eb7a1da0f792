/** «Зафиксировать план сейчас»: an admin names a baseline (ru required, kk and en optional). */
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { I18nText } from '../../../contracts';
import { useFreezeBaseline } from '../../api/baselines';
import { fieldErrors } from '../../components';
import { FormDialog } from '../../components/Dialogs';
import { I18nFields } from '../admin/I18nFields';

export function FreezeBaselineDialog({ roadmapId, onClose }: { roadmapId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const freeze = useFreezeBaseline(roadmapId);
  const [name, setName] = useState<Partial<I18nText>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const clean = Object.fromEntries(Object.entries(name).filter(([, v]) => v?.trim())) as I18nText;
    freeze.mutate(clean, {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          message: t('changes.frozen'),
          closeButtonProps: { 'aria-label': t('common.close') },
        });
        onClose();
      },
    });
  };
  return (
    <FormDialog
      onClose={onClose}
      title={t('changes.freezeTitle')}
      error={freeze.error}
      busy={freeze.isPending}
      onSubmit={submit}
      submitLabel={t('changes.freeze')}
      size="lg"
    >
      <I18nFields
        labelKey="admin.nameIn"
        value={name}
        onChange={setName}
        errors={fieldErrors(freeze.error)}
        path="name"
      />
    </FormDialog>
  );
}
