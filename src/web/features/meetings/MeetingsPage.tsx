/** «Заседания комиссии» (`/meetings`): every meeting, newest first, held or planned. */
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeetings } from '../../api/meetings';
import { mayManageMeetings } from '../../api/permissions';
import { useSession } from '../../api/session';
import { ErrorAlert, formatDateText, LoadingState, localize, PageHeader } from '../../components';
import { TableHeader } from '../../components/TableHeader';
import { isLocale } from '../../i18n';
import { MeetingDialog } from './components/MeetingDialog';

export default function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'ru';
  const meetings = useMeetings();
  const user = useSession().data?.user ?? null;
  const rows = meetings.data?.data ?? [];
  const [creating, setCreating] = useState(false);
  const manage = mayManageMeetings(user);
  const requests = !!user && (user.role === 'admin' || user.role === 'coordinator');
  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        actions={
          manage || requests ? (
            <Group gap="xs" wrap="wrap">
              {manage && (
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                  {t('meetingForm.new')}
                </Button>
              )}
              {requests && (
                <Button component={Link} to="/change-requests" variant="default">
                  {t('changeRequests.title')}
                </Button>
              )}
            </Group>
          ) : undefined
        }
      />
      {creating && (
        <MeetingDialog
          editing={null}
          nextNumber={Math.max(0, ...rows.map((m) => m.number)) + 1}
          onClose={() => setCreating(false)}
        />
      )}
      <ErrorAlert error={meetings.error} onRetry={() => meetings.refetch()} />
      {meetings.isLoading ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('meetings.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table striped verticalSpacing={6}>
            <TableHeader
              columns={[
                t('meetings.columns.number'),
                t('meetings.columns.date'),
                t('meetings.columns.place'),
                t('meetings.columns.state'),
              ]}
            />
            <Table.Tbody>
              {rows.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/meetings/${m.id}`}>
                      {t('meetings.numbered', { number: m.number })}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{formatDateText(m.date, lang)}</Table.Td>
                  <Table.Td>{localize(m.place, lang).text || '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={m.heldAt ? 'green' : 'blue'}>
                      {m.heldAt ? t('meetings.held') : t('meetings.planned')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
