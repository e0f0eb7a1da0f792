/**
 * What a bulk edit answered: how many measures changed, or which measures blocked the change
 * and why. A refusal names items by index (`items.3.dueDate`); the report maps those back to
 * measure codes.
 */
import { Alert, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Measure } from '../../../../contracts';
import { isApiError } from '../../../api/client';
import { ErrorAlert, explainError, localizeMessage } from '../../../components';

/** One line of the refusal report. */
export interface RefusedLine {
  /** The measure's code, or null for a problem with the request as a whole. */
  code: string | null;
  field: string | null;
  message: string;
}

/** Maps `items.N.field…` details of a bulk refusal to measure codes, in the order sent. */
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

/** The outcome of the last bulk edit. */
export type BulkOutcome = { ok: number } | { error: unknown; items: Measure[] };

/** The green note of a done change or the red report of a refused one. */
export function BulkReport({ report, onClose }: { report: BulkOutcome; onClose: () => void }) {
  const { t } = useTranslation();
  if ('ok' in report)
    return (
      <Alert
        color="green"
        variant="light"
        mb="sm"
        withCloseButton
        closeButtonLabel={t('common.close')}
        onClose={onClose}
        role="status"
      >
        <Text size="sm" c="#1b5e20" fw={600}>
          {t('bulk.done', { count: report.ok })}
        </Text>
      </Alert>
    );
  const refused = isApiError(report.error) ? refusalReport(report.error.details, report.items) : [];
  const fieldLabel = (f: string) => t(`fields.${f.split('.')[0]}`, { defaultValue: f });
  return (
    <Alert
      color="red"
      variant="light"
      mb="sm"
      title={t('bulk.refused')}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
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
  );
}
