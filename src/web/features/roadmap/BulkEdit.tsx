/**
 * Bulk edit of the selected measures: one change (status, due date or responsible bodies)
 * sent as POST /measures/bulk, all or nothing, with the reason it needs (a status correction,
 * a change of an approved plan) and the commission decision it may follow. The answer's
 * measures go into the cache; a refusal is reported by measure code (components/BulkReport).
 */
import { Button, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Measure,
  MeasureBulkUpdate,
  type Organisation,
  type Party,
  type Roadmap,
  type User,
} from '../../../contracts';
import { useBulkUpdateMeasures } from '../../api/measures';
import { editableFields } from '../../api/permissions';
import { localizeIssue } from '../../components';
import { BulkDialog, type BulkField, type BulkValues } from './components/BulkDialog';
import { type BulkOutcome, BulkReport } from './components/BulkReport';

/** Props: the selection and who is acting. */
export interface BulkEditBarProps {
  selected: readonly Measure[];
  user: User;
  /** The roadmap of the selection: an approved plan changes with a reason, citing a decision. */
  roadmap?: Pick<Roadmap, 'id' | 'status'>;
  organisations: readonly Organisation[];
  parties: readonly Party[];
  onClear: () => void;
  /** Keeps only the given ids selected. */
  onKeepOnly: (ids: Set<string>) => void;
}

/** The bar shown while measures are selected, with the three bulk actions. */
export function BulkEditBar({
  selected,
  user,
  roadmap,
  organisations,
  parties,
  onClear,
  onKeepOnly,
}: BulkEditBarProps) {
  const { t } = useTranslation();
  const [field, setField] = useState<BulkField | null>(null);
  const [values, setValues] = useState<BulkValues>({
    status: 'in_progress',
    dueDate: '',
    responsible: [],
    reason: '',
    decisionId: '',
  });
  const [localError, setLocalError] = useState<string | null>(null);
  const [report, setReport] = useState<BulkOutcome | null>(null);
  const mutation = useBulkUpdateMeasures();

  const notAllowed = field ? selected.filter((m) => !editableFields(user, m).includes(field)) : [];

  const open = (f: BulkField) => {
    setField(f);
    setLocalError(null);
    setReport(null);
    if (f === 'responsible') setValues((v) => ({ ...v, responsible: [] }));
  };

  const apply = () => {
    if (!field) return;
    const items = [...selected];
    // status follows reconciliation: a direct change is the secretariat's correction, with its
    // reason; in an approved roadmap any plan change says why
    const asksReason = field === 'status' || roadmap?.status === 'approved';
    const reason = values.reason.trim();
    if (asksReason && field !== 'status' && reason.length < 3) {
      setLocalError(`${t('bulkDecision.reason')}: ${t('workbench.reason.required')}`);
      return;
    }
    const body = {
      items: items.map((m) => ({ id: m.id, version: m.version })),
      set: { [field]: values[field] },
      ...(asksReason && reason ? { reason } : {}),
      ...(asksReason && values.decisionId ? { decisionId: values.decisionId } : {}),
    };
    // the same contract the API validates with: a bad date never leaves the browser
    const parsed = MeasureBulkUpdate.safeParse(body);
    if (!parsed.success) {
      setLocalError(
        parsed.error.issues
          .map((i) => `${i.path.filter((p) => p !== 'set').join('.')}: ${localizeIssue(i)}`)
          .join('; '),
      );
      return;
    }
    mutation.mutate(
      { body: parsed.data, items },
      {
        onSuccess: (res) => {
          setReport({ ok: res.updated });
          setField(null);
          onClear();
        },
        onError: (error) => {
          setReport({ error, items });
          setField(null);
        },
      },
    );
  };

  return (
    <>
      {selected.length > 0 && (
        <Paper
          withBorder
          p="sm"
          mb="sm"
          bg="#f1f7fd"
          role="region"
          aria-label={t('bulk.title')}
          style={{ position: 'sticky', top: 0, zIndex: 5 }}
        >
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text fw={600} size="sm" aria-live="polite">
              {t('counts.selected', { count: selected.length })}
            </Text>
            <Group gap="xs" wrap="wrap">
              {selected.some((m) => editableFields(user, m).includes('status')) && (
                <Button size="xs" onClick={() => open('status')}>
                  {t('bulk.changeStatus')}
                </Button>
              )}
              <Button size="xs" onClick={() => open('dueDate')}>
                {t('bulk.changeDueDate')}
              </Button>
              <Button size="xs" onClick={() => open('responsible')}>
                {t('bulk.changeResponsible')}
              </Button>
              <Button size="xs" variant="default" onClick={onClear}>
                {t('bulk.clear')}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      {report && <BulkReport report={report} onClose={() => setReport(null)} />}
      <BulkDialog
        field={field}
        selected={selected}
        notAllowed={notAllowed}
        values={values}
        onValues={setValues}
        user={user}
        roadmap={roadmap}
        organisations={organisations}
        parties={parties}
        error={localError}
        busy={mutation.isPending}
        onApply={apply}
        onClose={() => setField(null)}
        onExcludeRefused={() => {
          const bad = new Set(notAllowed.map((m) => m.id));
          onKeepOnly(new Set(selected.filter((m) => !bad.has(m.id)).map((m) => m.id)));
        }}
      />
    </>
  );
}
