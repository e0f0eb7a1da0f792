/**
 * Bulk edit of the selected measures: one change (status, due date or responsible bodies)
 * sent as POST /measures/bulk, all or nothing. A refusal names items by index
 * (`items.3.dueDate`); the report maps those back to measure codes so the user sees which
 * measures blocked the change and why.
 */
import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEASURE_STATUSES,
  type Measure,
  MeasureBulkUpdate,
  type MeasureStatus,
  type Organisation,
  type Party,
  type User,
} from '../../../contracts';
import { editableMeasureFields } from '../../../domain/policies';
import { api, isApiError } from '../../api/client';
import { useInvalidateMeasures } from '../../api/hooks';
import { ErrorAlert, explainError, localizeIssue, localizeMessage } from '../../components';
import { type ResponsibleEntry, ResponsibleEditor } from '../measures/ResponsibleEditor';
import { actorOf, factsOf } from './format';

type BulkField = 'status' | 'dueDate' | 'responsible';

/** One line of the refusal report. */
export interface RefusedLine {
  /** The measure's code, or null for a problem with the request as a whole. */
  code: string | null;
  field: string | null;
  message: string;
}

/**
 * Maps `items.N.field…` details of a bulk refusal to measure codes, in the order sent.
 * Exported for tests and for any other bulk view.
 */
export function refusalReport(
  details: readonly { path: string; message: string }[],
  items: readonly Pick<Measure, 'id' | 'code'>[],
): RefusedLine[] {
  return details.map((d) => {
    const m = /^items\.(\d+)(?:\.(.+))?$/.exec(d.path);
    if (!m) return { code: null, field: d.path.replace(/^set\./, '') || null, message: d.message };
    const item = items[Number(m[1])];
    return { code: item?.code ?? `#${Number(m[1]) + 1}`, field: m[2] ?? null, message: d.message };
  });
}

/** Props: the selection and who is acting. */
export interface BulkEditBarProps {
  selected: readonly Measure[];
  user: User;
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
  organisations,
  parties,
  onClear,
  onKeepOnly,
}: BulkEditBarProps) {
  const { t } = useTranslation();
  const invalidate = useInvalidateMeasures();
  const [field, setField] = useState<BulkField | null>(null);
  const [status, setStatus] = useState<MeasureStatus>('in_progress');
  const [dueDate, setDueDate] = useState('');
  const [responsible, setResponsible] = useState<ResponsibleEntry[]>([]);
  const [localError, setLocalError] = useState<string | null>(null);
  const [report, setReport] = useState<{ ok: number } | { error: unknown; items: Measure[] } | null>(null);
  const actor = useMemo(() => actorOf(user), [user]);

  const mutation = useMutation({
    // `items` travels with the request so that a refusal maps `items.N` to the measures sent
    mutationFn: (vars: { body: unknown; items: Measure[] }) =>
      api.post<{ updated: number; data: Measure[] }>('/measures/bulk', vars.body),
    onSuccess: (res) => {
      setReport({ ok: res.updated });
      setField(null);
      onClear();
      invalidate();
    },
    onError: (error, vars) => {
      setReport({ error, items: vars.items });
      setField(null);
    },
  });

  const notAllowed = field
    ? selected.filter((m) => !editableMeasureFields(actor, factsOf(m)).includes(field))
    : [];

  const open = (f: BulkField) => {
    setField(f);
    setLocalError(null);
    setReport(null);
    if (f === 'responsible') setResponsible([]);
  };

  const apply = () => {
    if (!field) return;
    const set = field === 'status' ? { status } : field === 'dueDate' ? { dueDate } : { responsible };
    const items = [...selected];
    const body = { items: items.map((m) => ({ id: m.id, version: m.version })), set };
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
    mutation.mutate({ body: parsed.data, items });
  };

  const fieldLabel = (f: string | null) => {
    if (!f) return '';
    const top = f.split('.')[0];
    return t(`fields.${top}`, { defaultValue: f });
  };

  const refused =
    report && 'error' in report && isApiError(report.error)
      ? refusalReport(report.error.details, report.items)
      : [];

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
              <Button size="xs" onClick={() => open('status')}>
                {t('bulk.changeStatus')}
              </Button>
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

      {report && 'ok' in report && (
        <Alert
          color="green"
          variant="light"
          mb="sm"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setReport(null)}
          role="status"
        >
          <Text size="sm" c="#1b5e20" fw={600}>
            {t('bulk.done', { count: report.ok })}
          </Text>
        </Alert>
      )}
      {report && 'error' in report && (
        <Alert
          color="red"
          variant="light"
          mb="sm"
          title={t('bulk.refused')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setReport(null)}
          role="alert"
          data-testid="bulk-report"
        >
          {refused.length > 0 ? (
            <Stack gap={4}>
              <Text size="sm">{explainError(report.error, t).message}</Text>
              <Text size="sm" fw={600}>
                {t('bulk.refusedItems')}
              </Text>
              <List size="sm" spacing={2}>
                {refused.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the same code may be refused for two fields
                  <List.Item key={i}>
                    {r.code ? <strong>{r.code}</strong> : <strong>{t('bulk.wholeRequest')}</strong>}
                    {r.field ? ` — ${fieldLabel(r.field)}` : ''}: {localizeMessage(r.message, t)}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : (
            <ErrorAlert error={report.error} />
          )}
        </Alert>
      )}

      <Modal
        opened={field !== null}
        onClose={() => setField(null)}
        title={
          field === 'status'
            ? t('bulk.changeStatus')
            : field === 'dueDate'
              ? t('bulk.changeDueDate')
              : t('bulk.changeResponsible')
        }
        size={field === 'responsible' ? 'lg' : 'md'}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('bulk.intro')}</Text>
          <Text size="sm" fw={600}>
            {t('counts.selected', { count: selected.length })}
          </Text>
          {notAllowed.length > 0 && (
            <Alert color="orange" variant="light" role="status">
              <Stack gap={6}>
                <Text size="sm" c="#5c3c00">
                  {t('bulk.notAllowedSome', {
                    count: notAllowed.length,
                    codes: notAllowed
                      .slice(0, 10)
                      .map((m) => m.code)
                      .join(', ')
                      .concat(notAllowed.length > 10 ? '…' : ''),
                  })}
                </Text>
                <Button
                  size="xs"
                  variant="default"
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => {
                    const bad = new Set(notAllowed.map((m) => m.id));
                    onKeepOnly(new Set(selected.filter((m) => !bad.has(m.id)).map((m) => m.id)));
                  }}
                >
                  {t('bulk.excludeRefused')}
                </Button>
              </Stack>
            </Alert>
          )}
          {field === 'status' && (
            <NativeSelect
              label={t('bulk.newStatus')}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as MeasureStatus)}
              data={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
            />
          )}
          {field === 'dueDate' && (
            <TextInput
              type="date"
              label={t('bulk.newDueDate')}
              value={dueDate}
              required
              onChange={(e) => setDueDate(e.currentTarget.value)}
            />
          )}
          {field === 'responsible' && (
            <>
              <Text size="sm" c="gray.8">
                {t('bulk.responsibleHint')}
              </Text>
              <ResponsibleEditor
                label={t('bulk.newResponsible')}
                value={responsible}
                onChange={setResponsible}
                organisations={organisations}
                parties={parties}
                editablePartyId={user.role === 'admin' ? null : user.partyId}
              />
            </>
          )}
          {localError && (
            <Text size="sm" c="#c92a2a" role="alert">
              {localError}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setField(null)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={apply} loading={mutation.isPending} disabled={selected.length === 0}>
              {t('bulk.apply')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
