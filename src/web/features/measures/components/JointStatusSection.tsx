/** The measure page's joint status per period: state, values, confirmations and dissents. */
import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Party } from '../../../../contracts';
import { useMeasureJointStatuses } from '../../../api/joint-statuses';
import { seesReconciliation } from '../../../api/permissions';
import { useSession } from '../../../api/session';
import { EmptyState, QueryState, Section } from '../../../components';
import { JointRecord } from '../../reconciliation/components/JointStatusView';

export function JointStatusSection({
  measureId,
  partyById,
}: {
  measureId: string;
  partyById: ReadonlyMap<string, Party>;
}) {
  const { t } = useTranslation();
  const user = useSession().data?.user ?? null;
  const list = useMeasureJointStatuses(measureId);
  return (
    <Section title={t('joint.sectionTitle')} id="measure-joint">
      <QueryState query={list}>
        {list.data?.length === 0 ? (
          <EmptyState>{t('joint.noneForMeasure')}</EmptyState>
        ) : (
          <Stack gap="sm">
            {list.data?.map((js) => (
              <Stack key={js.id} gap={4} data-testid="joint-period">
                <Text fw={600} size="sm">
                  {seesReconciliation(user) ? (
                    <Anchor component={Link} to={`/reconciliation?state=${js.state}&id=${js.id}`} inherit>
                      {js.period.code}
                    </Anchor>
                  ) : (
                    js.period.code
                  )}
                </Text>
                <JointRecord js={js} partyById={partyById} />
              </Stack>
            ))}
          </Stack>
        )}
      </QueryState>
    </Section>
  );
}
