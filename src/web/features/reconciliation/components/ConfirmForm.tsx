/**
 * A coordinator's word on a joint status: confirm values (editable, proposed from the current
 * proposal or the lower claim) with an optional dissent, or record a dissent alone.
 */
import { Alert, Button, Group, NativeSelect, NumberInput, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type JointStatusDetail, MEASURE_STATUSES, type MeasureStatus } from '../../../../contracts';
import { isApiError } from '../../../api/client';
import { useJointAction } from '../../../api/joint-statuses';
import { ErrorAlert, localizeMessage } from '../../../components';

/** The values to propose first: the current proposal, else the lowest claim. */
function initial(d: JointStatusDetail): { status: MeasureStatus; progress: number } {
  if (d.status && d.progress !== null) return { status: d.status, progress: d.progress };
  const lowest = [...d.claims].sort((a, b) => a.progress - b.progress)[0];
  return lowest
    ? { status: lowest.status, progress: lowest.progress }
    : { status: 'in_progress', progress: 0 };
}

export function ConfirmForm({ detail }: { detail: JointStatusDetail }) {
  const { t } = useTranslation();
  const start = initial(detail);
  const [status, setStatus] = useState<MeasureStatus>(start.status);
  const [progress, setProgress] = useState<number | string>(start.progress);
  const [dissent, setDissent] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useJointAction(detail.id);
  const errs: Record<string, string> = {};
  if (isApiError(action.error))
    for (const d of action.error.details)
      if (d.path && !errs[d.path]) errs[d.path] = localizeMessage(d.message, t);
  const run = (kind: 'confirm' | 'dissent') => {
    setDone(null);
    const text = dissent.trim();
    action.mutate(
      kind === 'confirm'
        ? {
            kind,
            version: detail.version,
            input: { status, progress: Number(progress), ...(text ? { dissent: text } : {}) },
          }
        : { kind, version: detail.version, text },
      {
        onSuccess: () => {
          setDone(t(kind === 'confirm' ? 'joint.confirmed' : 'joint.dissented'));
          setDissent('');
        },
      },
    );
  };
  return (
    <Stack
      gap="sm"
      component="form"
      aria-label={t('joint.confirmTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        run('confirm');
      }}
    >
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('fields.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as MeasureStatus)}
          data={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
          error={errs.status}
          miw={160}
        />
        <NumberInput
          label={t('measure.progressLabel')}
          min={0}
          max={100}
          allowDecimal={false}
          clampBehavior="none"
          value={progress}
          onChange={setProgress}
          error={errs.progress}
          miw={140}
        />
      </Group>
      <Textarea
        label={t('joint.dissent')}
        description={t('joint.dissentHint')}
        value={dissent}
        onChange={(e) => setDissent(e.currentTarget.value)}
        error={errs.text ?? errs.dissent}
        autosize
        minRows={2}
      />
      {action.error && !Object.keys(errs).length && <ErrorAlert error={action.error} />}
      {action.error && Object.keys(errs).length > 0 && (
        <Alert color="red" variant="light" role="alert">
          {action.error.message}
        </Alert>
      )}
      {done && (
        <Alert color="green" variant="light" role="status">
          {done}
        </Alert>
      )}
      <Group gap="xs" wrap="wrap">
        <Button type="submit" loading={action.isPending && action.variables?.kind === 'confirm'}>
          {t('joint.confirm')}
        </Button>
        <Button
          variant="default"
          disabled={dissent.trim().length < 3}
          loading={action.isPending && action.variables?.kind === 'dissent'}
          onClick={() => run('dissent')}
        >
          {t('joint.dissentOnly')}
        </Button>
      </Group>
    </Stack>
  );
}
