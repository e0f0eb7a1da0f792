/** The table of a user's API tokens. */
import { Badge, Button, Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../../contracts';
import { TableHeader } from '../../../components/TableHeader';
import { useFormat } from '../../../i18n';

function tokenState(tk: ApiToken): 'revoked' | 'expired' | 'active' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && Date.parse(tk.expiresAt) < Date.now()) return 'expired';
  return 'active';
}

/** The user's tokens with their state; active ones have a revoke button. */
export function TokenTable({
  tokens: rows,
  onRevoke,
}: {
  tokens: readonly ApiToken[];
  onRevoke: (tk: ApiToken) => void;
}) {
  const { t } = useTranslation();
  const { formatDateTime, formatDate } = useFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" fz="sm" data-testid="tokens-table">
        <TableHeader
          columns={[
            t('profile.tokenName'),
            t('profile.prefix'),
            t('fields.createdAt'),
            t('profile.lastUsed'),
            t('profile.expires'),
            t('fields.status'),
          ]}
          actions
        />
        <Table.Tbody>
          {rows.map((tk) => {
            const state = tokenState(tk);
            return (
              <Table.Tr key={tk.id}>
                <Table.Td>{tk.name}</Table.Td>
                <Table.Td>
                  <Code>{tk.prefix}…</Code>
                </Table.Td>
                <Table.Td>{formatDate(tk.createdAt)}</Table.Td>
                <Table.Td>{tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('profile.never')}</Table.Td>
                <Table.Td>{tk.expiresAt ? formatDate(tk.expiresAt) : t('profile.noExpiry')}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    radius="sm"
                    color={state === 'active' ? 'green' : 'gray'}
                    style={{ textTransform: 'none' }}
                  >
                    {state === 'active'
                      ? t('profile.activeToken')
                      : state === 'revoked'
                        ? t('profile.revoked')
                        : t('profile.expired')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {state === 'active' && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => onRevoke(tk)}
                      aria-label={`${t('profile.revoke')}: ${tk.name}`}
                    >
                      {t('profile.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
