/**
 * «Утверждение отчётов» (`/reports/approval`, coordinators): the submitted reports of the
 * coordinator's party, oldest submission first. A report opens to be approved or returned
 * with a reason; several selected ones are approved in bulk — one request per report, one
 * after another, with a summary of what went through and what the server refused and why.
 */
import { Alert, Anchor, Button, Checkbox, List, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Report } from '../../../contracts';
import { useReportMove, useReports } from '../../api/reports';
import { PageHeader, ProgressBar, QueryState, StatusBadge, useLocalize } from '../../components';
import { TableHeader } from '../../components/TableHeader';
import { useFormat } from '../../i18n';
import { LateMarks } from './components/ReportStateBadge';

type Outcome = { ok: number; failed: { code: string; message: string }[] };

export default function ApprovalQueuePage() {
  const { t } = useTranslation();
  const l = useLocalize();
  const { formatDateTime } = useFormat();
  const queue = useReports({ state: 'submitted', mine: true, limit: 200 });
  const move = useReportMove();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const rows = queue.data?.data ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const approveSelected = async () => {
    setBusy(true);
    const out: Outcome = { ok: 0, failed: [] };
    for (const r of rows.filter((x) => selected.has(x.id))) {
      try {
        await move.mutateAsync({ report: r, move: 'approve' });
        out.ok++;
      } catch (e) {
        out.failed.push({ code: r.measureCode, message: (e as Error).message });
      }
    }
    setSelected(new Set());
    setOutcome(out);
    setBusy(false);
  };
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const row = (r: Report) => (
    <Table.Tr key={r.id} data-testid={`queue-${r.measureCode}`}>
      <Table.Td>
        <Checkbox
          checked={selected.has(r.id)}
          onChange={() => toggle(r.id)}
          aria-label={t('reports.queue.selectOne', { code: r.measureCode })}
        />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/reports/${r.id}`} fw={600}>
          {r.measureCode}
        </Anchor>{' '}
        <Text span size="sm" className="accord-wrap">
          {l.str(r.measureTitle)}
        </Text>
      </Table.Td>
      <Table.Td>{r.periodCode}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <StatusBadge status={r.status} />
          <ProgressBar value={r.progress} label={t('reports.columns.progress')} w={120} />
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{r.submittedBy?.name ?? '—'}</Text>
        <Text size="xs" c="gray.8">
          {formatDateTime(r.submittedAt)}
        </Text>
        <LateMarks late={r.late} />
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="md">
      <PageHeader title={t('reports.queue.title')} subtitle={t('reports.queue.intro')} />
      {outcome && (
        <Alert
          color={outcome.failed.length ? 'orange' : 'green'}
          variant="light"
          role="status"
          data-testid="bulk-result"
        >
          <Text size="sm" fw={600}>
            {t('reports.queue.result', { ok: outcome.ok, failed: outcome.failed.length })}
          </Text>
          {outcome.failed.length > 0 && (
            <List size="sm">
              {outcome.failed.map((f) => (
                <List.Item key={f.code}>{t('reports.queue.failedItem', f)}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      <QueryState query={queue} isEmpty={rows.length === 0} empty={t('reports.queue.empty')}>
        <Table.ScrollContainer minWidth={680}>
          <Table striped verticalSpacing={6}>
            <TableHeader
              columns={[
                <Checkbox
                  key="all"
                  checked={all}
                  indeterminate={!all && selected.size > 0}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))}
                  aria-label={t('reports.queue.selectAll')}
                />,
                t('reports.columns.measure'),
                t('reports.columns.period'),
                t('reports.columns.progress'),
                t('reports.columns.submitted'),
              ]}
            />
            <Table.Tbody>{rows.map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <div>
          <Button onClick={approveSelected} disabled={selected.size === 0} loading={busy}>
            {t('reports.queue.approveSelected', { count: selected.size })}
          </Button>
        </div>
      </QueryState>
    </Stack>
  );
}
