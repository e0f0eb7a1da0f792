/** A joint status's state as a coloured badge in the UI language. */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JointState } from '../../../../contracts';

const COLORS: Record<JointState, string> = {
  awaiting_reports: 'gray',
  disputed: 'orange',
  confirmed: 'green',
};

export function JointStateBadge({ state }: { state: JointState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[state]} radius="sm" tt="none" data-joint-state={state}>
      {t(`joint.state.${state}`)}
    </Badge>
  );
}
