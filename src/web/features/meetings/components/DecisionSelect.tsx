/**
 * A choice of the commission decision a change follows: the decisions of the meetings that
 * review the roadmap, newest meeting first (the API refuses any other).
 */
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMeetings } from '../../../api/meetings';
import { useLocalize } from '../../../components/LocalizedText';

const SHORT = 90;

/** The field; '' is «no decision cited». */
export function DecisionSelect({
  roadmapId,
  value,
  onChange,
  error,
}: {
  roadmapId: string;
  value: string;
  onChange: (decisionId: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const l = useLocalize();
  const meetings = useMeetings(roadmapId);
  const options = (meetings.data?.data ?? []).flatMap((m) =>
    m.decisions.map((d) => {
      const text = l.str(d.text);
      return {
        value: d.id,
        label: t('bulkDecision.option', {
          meeting: m.number,
          number: d.number,
          text: text.length > SHORT ? `${text.slice(0, SHORT)}…` : text,
        }),
      };
    }),
  );
  return (
    <NativeSelect
      label={t('bulkDecision.label')}
      description={t('bulkDecision.hint')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[{ value: '', label: t('bulkDecision.none') }, ...options]}
      error={error}
      data-testid="decision-select"
    />
  );
}
