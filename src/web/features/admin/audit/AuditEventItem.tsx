/** One audit event: when, who, what, on which entity, and the readable before/after. */
import { Badge, Code, Group, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../contracts';
import { useFormat } from '../../../i18n';
import { auditDiff } from './diff';

/** The item. */
export function AuditEventItem({ event: e }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const rows = auditDiff(e.before, e.after);
  return (
    <Paper withBorder p="sm" radius="md" component="li" data-testid="audit-event">
      <Group gap="xs" wrap="wrap" mb={rows.length ? 'xs' : 0}>
        <Text fz="sm" fw={600}>
          {formatDateTime(e.occurredAt)}
        </Text>
        <Code>{e.action}</Code>
        <Badge variant="light" color="gray" c="gray.9" radius="sm" tt="none">
          {t(`workbench.audit.entities.${e.entityType}`)}
        </Badge>
        <Text fz="sm">{e.actorName ?? e.actorLabel}</Text>
        {e.seq !== null && (
          <Text fz="xs" c="gray.8">
            {t('workbench.audit.seq', { seq: e.seq })}
          </Text>
        )}
      </Group>
      {e.entityId && (
        <Text fz="xs" c="gray.8" style={{ overflowWrap: 'anywhere' }}>
          {e.entityId}
        </Text>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table fz="xs" verticalSpacing={4} layout="fixed" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="25%">{t('workbench.audit.field')}</Table.Th>
                <Table.Th>{t('workbench.audit.before')}</Table.Th>
                <Table.Th>{t('workbench.audit.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.field}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.field}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }} c="#a61e1e">
                    {r.before ?? ''}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }} c="#1b5e20">
                    {r.after ?? ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
