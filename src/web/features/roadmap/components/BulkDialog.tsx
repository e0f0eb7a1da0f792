/** The dialog of one bulk change: the new status, due date or responsible bodies of the selection. */
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  MEASURE_STATUSES,
  type Measure,
  type MeasureStatus,
  type Organisation,
  type Party,
  type Roadmap,
  type User,
} from '../../../../contracts';
import { DateInput } from '../../../components';
import { DecisionSelect } from '../../meetings/components/DecisionSelect';
import { type ResponsibleEntry, ResponsibleEditor } from '../../measures/ResponsibleEditor';

/** The fields a bulk edit can change. */
export type BulkField = 'status' | 'dueDate' | 'responsible';

/** The values the dialog edits. */
export interface BulkValues {
  status: MeasureStatus;
  dueDate: string;
  responsible: ResponsibleEntry[];
  /** Why status changes directly (an admin's correction), or why an approved plan changes. */
  reason: string;
  /** The commission decision the change follows ('' for none). */
  decisionId: string;
}

/** Props: the field, the selection, the values and what to do with them. */
export interface BulkDialogProps {
  field: BulkField | null;
  selected: readonly Measure[];
  /** Selected measures whose `field` this user may not change. */
  notAllowed: readonly Measure[];
  values: BulkValues;
  onValues: (v: BulkValues) => void;
  user: User;
  roadmap?: Pick<Roadmap, 'id' | 'status'>;
  organisations: readonly Organisation[];
  parties: readonly Party[];
  error: string | null;
  busy: boolean;
  onApply: () => void;
  onClose: () => void;
  onExcludeRefused: () => void;
}

/** The modal (see the module comment). */
export function BulkDialog(p: BulkDialogProps) {
  const { t } = useTranslation();
  const { field, values, onValues } = p;
  const titles: Record<BulkField, string> = {
    status: t('bulk.changeStatus'),
    dueDate: t('bulk.changeDueDate'),
    responsible: t('bulk.changeResponsible'),
  };
  const codes = p.notAllowed
    .slice(0, 10)
    .map((m) => m.code)
    .join(', ')
    .concat(p.notAllowed.length > 10 ? '…' : '');
  return (
    <Modal
      opened={field !== null}
      onClose={p.onClose}
      title={field ? titles[field] : ''}
      size={field === 'responsible' ? 'lg' : 'md'}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('bulk.intro')}</Text>
        <Text size="sm" fw={600}>
          {t('counts.selected', { count: p.selected.length })}
        </Text>
        {p.notAllowed.length > 0 && (
          <Alert color="orange" variant="light" role="status">
            <Stack gap={6}>
              <Text size="sm" c="#5c3c00">
                {t('bulk.notAllowedSome', { count: p.notAllowed.length, codes })}
              </Text>
              <Button
                size="xs"
                variant="default"
                style={{ alignSelf: 'flex-start' }}
                onClick={p.onExcludeRefused}
              >
                {t('bulk.excludeRefused')}
              </Button>
            </Stack>
          </Alert>
        )}
        {field === 'status' && (
          <NativeSelect
            label={t('bulk.newStatus')}
            value={values.status}
            onChange={(e) => onValues({ ...values, status: e.currentTarget.value as MeasureStatus })}
            data={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
          />
        )}
        {field === 'status' && (
          <TextInput
            label={t('statusCorrection.reason')}
            description={t('statusCorrection.hint')}
            value={values.reason}
            onChange={(e) => onValues({ ...values, reason: e.currentTarget.value })}
          />
        )}
        {field && field !== 'status' && p.roadmap?.status === 'approved' && (
          <TextInput
            label={t('bulkDecision.reason')}
            description={t('bulkDecision.reasonHint')}
            required
            value={values.reason}
            onChange={(e) => onValues({ ...values, reason: e.currentTarget.value })}
          />
        )}
        {field && p.roadmap && (field === 'status' || p.roadmap.status === 'approved') && (
          <DecisionSelect
            roadmapId={p.roadmap.id}
            value={values.decisionId}
            onChange={(decisionId) => onValues({ ...values, decisionId })}
          />
        )}
        {field === 'dueDate' && (
          <DateInput
            label={t('bulk.newDueDate')}
            value={values.dueDate}
            required
            onChange={(dueDate) => onValues({ ...values, dueDate })}
          />
        )}
        {field === 'responsible' && (
          <>
            <Text size="sm" c="gray.8">
              {t('bulk.responsibleHint')}
            </Text>
            <ResponsibleEditor
              label={t('bulk.newResponsible')}
              value={values.responsible}
              onChange={(responsible) => onValues({ ...values, responsible })}
              organisations={p.organisations}
              parties={p.parties}
              editablePartyId={p.user.role === 'admin' ? null : p.user.partyId}
            />
          </>
        )}
        {p.error && (
          <Text size="sm" c="#c92a2a" role="alert">
            {p.error}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={p.onApply} loading={p.busy} disabled={p.selected.length === 0}>
            {t('bulk.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
