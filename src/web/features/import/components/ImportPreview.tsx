/** The dry run's answer: counts, problems with row and column, unmatched bodies, first rows. */
import { Alert, Badge, Group, List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../contracts';
import { Section } from '../../../components';
import { formatDate } from '../../../i18n';

/** The preview of what an import would save. */
export function ImportPreview({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <>
      <Group gap="sm" my="md" role="status" aria-live="polite" data-testid="import-counts">
        <Badge color="green" variant="light" size="lg">
          {t('import.create', { count: result.create })}
        </Badge>
        <Badge color="blue" variant="light" size="lg">
          {t('import.update', { count: result.update })}
        </Badge>
        <Badge color="gray" variant="light" size="lg">
          {t('import.unchanged', { count: result.unchanged })}
        </Badge>
      </Group>
      {result.errors.length > 0 && (
        <Alert
          color="red"
          variant="light"
          title={t('import.problems', { count: result.errors.length })}
          mb="md"
        >
          <Table.ScrollContainer minWidth={360}>
            <Table data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.column')}</Table.Th>
                  <Table.Th>{t('import.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity of their own
                  <Table.Tr key={i}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Alert>
      )}
      {result.unmatchedOrganisations.length > 0 && (
        <Section id="import-unmatched" title={t('import.unmatched')}>
          <List size="sm" data-testid="import-unmatched">
            {result.unmatchedOrganisations.map((u) => (
              <List.Item key={`${u.partyId}-${u.name}`}>
                «{u.name}» — {t('import.rows', { rows: u.rows.join(', ') })}
                {u.suggestions.length > 0 && (
                  <Text span size="sm" c="gray.8">
                    {' '}
                    {t('import.didYouMean', { names: u.suggestions.map((s) => `«${s.name}»`).join(', ') })}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      {result.rows.length > 0 && (
        <Section id="import-first-rows" title={t('import.firstRows', { count: result.rows.length })}>
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="import-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.fields.code')}</Table.Th>
                  <Table.Th>{t('import.fields.title')}</Table.Th>
                  <Table.Th>{t('import.fields.dueDate')}</Table.Th>
                  <Table.Th>{t('import.fields.responsible')}</Table.Th>
                  <Table.Th>{t('import.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rows.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>{r.code}</Table.Td>
                    <Table.Td fw={r.section ? 600 : undefined}>{r.title.ru}</Table.Td>
                    <Table.Td>{r.dueDate ? formatDate(r.dueDate) : ''}</Table.Td>
                    <Table.Td>
                      {r.responsible.map((b) => (b.role === 'lead' ? `${b.name}*` : b.name)).join(', ')}
                    </Table.Td>
                    <Table.Td>{t(`import.actions.${r.action}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}
    </>
  );
}
