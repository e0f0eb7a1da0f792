/**
 * The audit trail for the secretariat (`/admin/audit`): events filtered by entity, actor,
 * action and time, each with a readable before/after, a page at a time; and a check of the
 * hash chain that says whether anyone altered, inserted or deleted an event.
 */
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuditEvents, useVerifyAudit } from '../../api/audit';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { AdminNav } from './AdminNav';
import { type AuditFilter, AuditFilters, toQuery } from './audit/AuditFilters';
import { AuditEventItem } from './audit/AuditEventItem';

const LIMIT = 50;
const KEYS = ['entityType', 'entityId', 'actorId', 'action', 'from', 'to'] as const;

/** The page. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as AuditFilter;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [query] = useDebouncedValue(toQuery(filter), 250);
  const events = useAuditEvents({ ...query, page, limit: LIMIT });
  const verify = useVerifyAudit();
  const list = events.data?.data ?? [];
  const pages = Math.max(1, Math.ceil((events.data?.total ?? 0) / LIMIT));

  const set = (patch: Partial<AuditFilter> & { page?: number }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === '' || v === undefined || (k === 'page' && v === 1)) next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const v = verify.data;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('workbench.audit.title')}
        subtitle={events.data ? t('workbench.audit.count', { count: events.data.total }) : undefined}
        actions={
          <Button
            leftSection={<IconShieldCheck size={16} aria-hidden />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t('workbench.audit.verify')}
          </Button>
        }
      />
      <AdminNav />
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {v && (
        <Alert color={v.ok ? 'green' : 'red'} variant="light" role="status" data-testid="audit-verification">
          <Text fz="sm" fw={600}>
            {v.ok
              ? t('workbench.audit.chainOk', { count: v.checked })
              : t('workbench.audit.chainBad', { seq: v.firstBadSeq ?? '—', count: v.checked })}
          </Text>
          {!v.ok && v.problem && <Text fz="sm">{v.problem}</Text>}
        </Alert>
      )}
      <AuditFilters value={filter} onChange={set} />
      <QueryState query={events} isEmpty={list.length === 0} empty={t('workbench.audit.none')}>
        <Stack
          gap="xs"
          component="ol"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('workbench.audit.title')}
        >
          {list.map((e) => (
            <AuditEventItem key={e.id} event={e} />
          ))}
        </Stack>
        <Pager pages={pages} page={page} onChange={(p) => set({ page: p })} />
      </QueryState>
    </Stack>
  );
}
