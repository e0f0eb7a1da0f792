/**
 * «Запросы на изменение» (`/change-requests`): the secretariat's queue of requests to move due
 * dates, with accept (citing the decision it follows, if any) and decline (a reason); a
 * coordinator sees its own party's requests and their outcome.
 */
import { Anchor, Badge, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChangeRequest } from '../../../contracts';
import { useChangeRequests, useDecideChangeRequest } from '../../api/change-requests';
import { mayDecideChangeRequests } from '../../api/permissions';
import { useSession } from '../../api/session';
import { ErrorAlert, formatDateText, LoadingState, PageHeader } from '../../components';
import { TableHeader } from '../../components/TableHeader';
import { ReasonDialog } from '../../components/ReasonDialog';
import { AcceptRequestDialog } from './AcceptRequestDialog';

const STATES = ['open', 'accepted', 'declined'] as const;

function DeclineDialog({ request, onClose }: { request: ChangeRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideChangeRequest();
  return (
    <ReasonDialog
      onClose={onClose}
      title={t('changeRequests.declineTitle', { code: request.measureCode })}
      submitLabel={t('changeRequests.decline')}
      label={t('changeRequests.declineReason')}
      error={decide.error}
      busy={decide.isPending}
      onConfirm={(reason) => decide.mutate({ request, accept: false, reason }, { onSuccess: onClose })}
    />
  );
}

export default function ChangeRequestsPage() {
  const { t, i18n } = useTranslation();
  const date = (d: string) => formatDateText(d, i18n.language);
  const user = useSession().data?.user ?? null;
  const [state, setState] = useState<string>('open');
  const list = useChangeRequests({ state: state || undefined });
  const [declining, setDeclining] = useState<ChangeRequest | null>(null);
  const [accepting, setAccepting] = useState<ChangeRequest | null>(null);
  const admin = mayDecideChangeRequests(user);
  const rows = list.data?.data ?? [];
  return (
    <>
      <PageHeader
        title={t('changeRequests.title')}
        breadcrumbs={[{ label: t('meetings.title'), to: '/meetings' }, { label: t('changeRequests.title') }]}
      />
      <NativeSelect
        label={t('changeRequests.state')}
        value={state}
        onChange={(e) => setState(e.currentTarget.value)}
        data={[
          { value: '', label: t('changes.all') },
          ...STATES.map((s) => ({ value: s, label: t(`changeRequests.states.${s}`) })),
        ]}
        mb="md"
        maw={260}
      />
      <ErrorAlert error={list.error} />
      {list.isLoading ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <Text size="sm">{t('changeRequests.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing={6}>
            <TableHeader
              columns={[
                t('changeRequests.columns.measure'),
                t('changeRequests.columns.asked'),
                t('changeRequests.columns.reason'),
                t('changeRequests.columns.by'),
                t('changeRequests.columns.state'),
                ...(admin ? [t('changeRequests.columns.actions')] : []),
              ]}
            />
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid={`change-request-${r.measureCode}`}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/measures/${r.measureId}`}>
                      {r.measureCode}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    {r.dueDate
                      ? t('changeRequests.askedDue', {
                          from: date(r.previousDueDate ?? r.currentDueDate),
                          to: date(r.dueDate),
                        })
                      : t('changeRequests.askedBodies')}
                  </Table.Td>
                  <Table.Td className="accord-wrap">
                    {r.reason}
                    {r.declineReason && (
                      <Text size="xs" c="gray.8">
                        {t('changeRequests.outcome', { reason: r.declineReason })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{r.requestedByName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={r.state === 'open' ? 'blue' : r.state === 'accepted' ? 'green' : 'gray'}
                    >
                      {t(`changeRequests.states.${r.state}`)}
                    </Badge>
                  </Table.Td>
                  {admin && (
                    <Table.Td>
                      {r.state === 'open' && (
                        <Group gap={6} wrap="nowrap">
                          <Button
                            size="compact-sm"
                            aria-label={t('changeRequests.acceptLabel', { code: r.measureCode })}
                            onClick={() => setAccepting(r)}
                          >
                            {t('changeRequests.accept')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={t('changeRequests.declineLabel', { code: r.measureCode })}
                            onClick={() => setDeclining(r)}
                          >
                            {t('changeRequests.decline')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {declining && <DeclineDialog request={declining} onClose={() => setDeclining(null)} />}
      {accepting && <AcceptRequestDialog request={accepting} onClose={() => setAccepting(null)} />}
    </>
  );
}
