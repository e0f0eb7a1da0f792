/** One joint status: its state and values, confirmations and dissents, both claims, and the confirm form. */
import { Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JointStatus, JointStatusDetail, Party, User } from '../../../../contracts';
import { mayReconcile } from '../../../api/permissions';
import { StatusBadge } from '../../../components';
import { useFormat } from '../../../i18n';
import { ClaimsSideBySide } from './ClaimsSideBySide';
import { ConfirmForm } from './ConfirmForm';
import { JointStateBadge } from './JointStateBadge';

/** Confirmations and dissents of a joint status, by party. */
export function JointRecord({ js, partyById }: { js: JointStatus; partyById: ReadonlyMap<string, Party> }) {
  const { t } = useTranslation();
  const { formatDateTime, formatPercent } = useFormat();
  const code = (id: string) => partyById.get(id)?.code ?? '';
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <JointStateBadge state={js.state} />
        {js.status && <StatusBadge status={js.status} />}
        {js.progress !== null && <Text size="sm">{formatPercent(js.progress)}</Text>}
      </Group>
      {js.confirmations.length > 0 && (
        <List size="sm" spacing={2} aria-label={t('joint.confirmations')}>
          {js.confirmations.map((c) => (
            <List.Item key={c.partyId}>
              {t('joint.confirmedBy', {
                party: code(c.partyId),
                status: t(`enums.status.${c.status}`),
                progress: formatPercent(c.progress),
                at: formatDateTime(c.at),
              })}
            </List.Item>
          ))}
        </List>
      )}
      {js.dissents.map((d) => (
        <Text key={`${d.partyId}${d.at}`} size="sm" c="#7a4b00" data-testid="dissent">
          {t('joint.dissentOf', { party: code(d.partyId) })} {d.text}
        </Text>
      ))}
    </Stack>
  );
}

export function JointStatusView(p: {
  detail: JointStatusDetail;
  user: User | null;
  partyById: ReadonlyMap<string, Party>;
}) {
  const { t } = useTranslation();
  const d = p.detail;
  return (
    <Stack gap="md">
      <Title order={2} fz="lg">
        {t('joint.viewTitle', { code: d.measure.code, period: d.period.code })}
      </Title>
      <JointRecord js={d} partyById={p.partyById} />
      <ClaimsSideBySide detail={d} partyById={p.partyById} />
      {mayReconcile(p.user, d.responsiblePartyIds) && d.state !== 'awaiting_reports' && (
        <ConfirmForm key={d.id} detail={d} />
      )}
    </Stack>
  );
}
